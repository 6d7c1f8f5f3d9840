"""What a user installs: every subpackage, the font table and the templates reach the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    tomllib = pytest.importorskip("tomllib")
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "sopc").rglob("__init__.py")}
    assert on_disk | {"sopc.templates"} == listed


def test_the_wheel_carries_data_and_templates(tmp_path: Path) -> None:
    source = tmp_path / "src"  # a clean copy: an in-tree build/ folder could hide a missing file
    for name in ("pyproject.toml", "README.md"):
        source.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    for folder in ("sopc", "templates"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(tmp_path), str(source)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {proc.stderr.strip()[-200:]}")
    (wheel,) = tmp_path.glob("sopc-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("sopc/data/liberation-sans.json", "sopc/templates/reference.docx",
                   "sopc/templates/labels-id.j2", "sopc/templates/labels-en.j2", "sopc/backends/docx/ooxml.py",
                   "sopc/lint/rules/sy.py"):
        assert needed in names, needed
