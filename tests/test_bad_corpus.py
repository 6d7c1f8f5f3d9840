"""tests/bad/: hand-made broken SOPs; each yields exactly the findings its manifest entry names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from sopc.config import Overrides
from sopc.lint.run import lint_paths
from tests.conftest import run_cli

BAD = Path(__file__).parent / "bad"
MANIFEST = yaml.safe_load((BAD / "manifest.yaml").read_text(encoding="utf-8"))


def test_the_corpus_is_large_and_its_base_is_clean() -> None:
    assert len(MANIFEST) >= 40
    assert set(MANIFEST) == {p.name for p in BAD.glob("*.sop.yaml")} - {"base.sop.yaml"}
    assert run_cli("lint", "--strict", "--today", "2024-06-01", str(BAD / "base.sop.yaml")).exit_code == 0


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_bad_file(tmp_path: Path, name: str) -> None:
    shutil.copy(BAD / name, tmp_path / name)  # alone, as a user would lint it
    result = lint_paths([tmp_path / name], Overrides(lang="en"))
    codes = {e.split()[0] for e in MANIFEST[name]["expect"]}
    got = sorted(f"{d.code} {d.span.line}:{d.span.column}" for d in result.diagnostics if d.code in codes)
    assert got == sorted(MANIFEST[name]["expect"]), [d.parsable() for d in result.diagnostics]
    cli = run_cli("lint", "--format", "json", str(tmp_path / name))
    assert cli.exit_code in (0, 1) and "Traceback" not in cli.output
