"""The bundled examples: clean under --strict, valid against the published JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopc.config import find_config, load_config
from sopc.lint.run import load_unit
from sopc.source.discover import discover
from sopc.source.loader import load
from tests.conftest import run_cli

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
TODAY = "2026-12-01"  # review dates (TG03) are checked against a fixed day, so the tests do not age


def test_examples_are_clean_under_strict() -> None:
    result = run_cli("lint", "--strict", "--today", TODAY, str(EXAMPLES))
    assert result.exit_code == 0, result.output


def test_examples_cover_what_the_issue_asks() -> None:
    config = load_config(find_config(EXAMPLES))
    by_name = {file.name: load_unit(file, config, "en")[0] for file in discover([EXAMPLES])}
    assert len(by_name) >= 4
    assert any(len(u.sop.langkah) <= 6 and not u.flow.cycles() for u in by_name.values()), "a short SOP"
    assert any(u.flow.cycles() for u in by_name.values()), "a decision looping back"
    assert any(len(u.sop.langkah) >= 25 for u in by_name.values()), "a long SOP"
    numbers = {u.sop.nomor for u in by_name.values()}
    assert any(u.sop.induk in numbers for u in by_name.values()), "a mikro SOP naming its makro"
    assert any(len(s.pelaksana) > 1 for u in by_name.values() for s in u.sop.langkah), "a multi-actor row"


def test_examples_name_the_schema_for_editors() -> None:
    for file in discover([EXAMPLES]):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        schema = (file.parent / first.split("=", 1)[1]).resolve()
        assert schema == ROOT / "schemas" / "sop-1.schema.json"


def test_examples_validate_against_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    schema = json.loads((ROOT / "schemas" / "sop-1.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for file in discover([EXAMPLES]):
        source, diags = load(file)
        assert not diags
        errors = list(validator.iter_errors(source.data))
        assert not errors, (file.name, [e.message for e in errors])
    source, _ = load(discover([EXAMPLES])[0])
    broken = dict(source.data, wakut="10 menit")
    assert any("wakut" in e.message for e in validator.iter_errors(broken))


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n", readme.index("<!-- rules:start")) + 1
    table = readme[start:readme.index("<!-- rules:end -->")]
    assert table == run_cli("rules", "--markdown").stdout, "paste `sopc rules --markdown` into README.md"


def test_readme_example_sop_lints_clean(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\n# yaml-language-server")[1].split("```")[0]
    (tmp_path / "sopc.toml").write_text((EXAMPLES / "sopc.toml").read_text(encoding="utf-8"))
    (tmp_path / "surat.sop.yaml").write_text("# yaml-language-server" + block, encoding="utf-8")
    result = run_cli("lint", "--strict", "--today", TODAY, str(tmp_path))
    assert result.exit_code == 0, result.output


def test_docs_rule_reference_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == run_cli("rules", "--reference").stdout, "run: sopc rules --reference > docs/rules.md"
