"""Every rule's behaviour as data: tests/lint/cases/<CODE>.yaml holds failing and passing cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sopc.config import Overrides
from sopc.lint.registry import all_rules
from sopc.lint.run import lint_paths
from tests.conftest import compose_sop, write_repo

CASES = Path(__file__).parent / "cases"


def _cases():
    for file in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")


def _files(case: dict) -> dict[str, str | bytes]:
    """The files of a case: `sop` (or `files`) composed with the header, or `raw` bytes (latin-1)."""
    header = case.get("header", True)
    if "files" in case:
        files: dict[str, str | bytes] = {name: compose_sop(text, header) for name, text in case["files"].items()}
    elif "raw" in case:
        files = {"case.sop.yaml": case["raw"].encode("latin-1")}
    elif "sop" in case:
        text = compose_sop(case["sop"], header)
        if "nest" in case:  # deep nesting, generated: `deep: [[[...]]]`
            text += "deep: " + "[" * case["nest"] + "]" * case["nest"] + "\n"
        if "pad_bytes" in case:
            text += "#" * case["pad_bytes"] + "\n"
        files = {"case.sop.yaml": text}
    else:
        files = {}
    if "config" in case:
        files["sopc.toml"] = case["config"]
    return files


@pytest.mark.parametrize("code,case", list(_cases()))
def test_rule_case(tmp_path: Path, code: str, case: dict) -> None:
    write_repo(tmp_path, _files(case))
    for name, target in case.get("links", {}).items():
        (tmp_path / name).symlink_to(target if target.startswith("/") else tmp_path / target)
    result = lint_paths([tmp_path], Overrides(lang="en"))
    got = sorted(f"{Path(d.path).name} {d.code} {d.span.line}:{d.span.column}"
                 for d in result.diagnostics if d.code == code)
    single = "files" not in case
    want = sorted(f"case.sop.yaml {e}" if single else e for e in case["expect"])
    assert got == want, [d.parsable() for d in result.diagnostics]


def test_every_rule_has_docs_and_cases() -> None:
    covered = {yaml.safe_load(f.read_text(encoding="utf-8"))["rule"] for f in CASES.glob("*.yaml")}
    for r in all_rules():
        assert r.code in covered, f"{r.code} has no case file"
        assert r.doc.strip(), f"{r.code} has no docstring"
        if r.configurable:
            assert "Failing" in r.doc and ("Passing" in r.doc), f"{r.code} docstring lacks examples"
        assert r.title.get("id") and r.title.get("en")
        # explained in both languages (`sopc rules CODE`, `--lang en`), the examples after both
        indonesian, english = r.explanation("id"), r.explanation("en")
        assert indonesian and english and indonesian != english, f"{r.code} is not explained in both languages"
        assert "Failing" not in indonesian + english and "In English" not in indonesian


def test_each_case_file_fails_and_passes_somewhere() -> None:
    for file in CASES.glob("*.yaml"):
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        expects = [bool(c["expect"]) for c in spec["cases"]]
        elsewhere = spec.get("failing_cases_in")  # a rule that needs a git history, say
        assert any(expects) or (elsewhere and (CASES.parents[1] / elsewhere).is_file()), f"{file.name}: no failing case"
        if spec["rule"][:2] not in ("SY",):
            assert not all(expects), f"{file.name}: no passing case"


def test_messages_say_the_same_in_both_languages() -> None:
    import string

    for r in all_rules():
        for variant, texts in r.messages.items():
            fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in ("id", "en")]
            assert fields[0] == fields[1], f"{r.code} {variant}: placeholders differ between id and en"
