"""Shared test helpers: throw-away repositories and real CLI runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sopc.cli import cli

HEADER = (Path(__file__).parent / "lint" / "header.yaml").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _indonesian_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """sopc speaks Indonesian unless told otherwise; the machine's locale must not tell it here."""
    for var in ("SOPC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


def compose_sop(text: str, header: bool = True) -> str:
    """The case's text first (so its line numbers stay as written), then the header lines it lacks."""
    if not header:
        return text
    own = {line.split(":", 1)[0] for line in text.splitlines() if line[:1].isalpha() and ":" in line}
    rest = [line for line in HEADER.splitlines() if line.split(":", 1)[0] not in own]
    return text.rstrip("\n") + "\n" + "\n".join(rest) + "\n"


def write_repo(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a mini repository from {relative path: content}."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def run_cli(*args: str):
    """Run `sopc ARGS` in-process as a user would; stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path):
    """Build a mini repository: repo({"a.sop.yaml": "..."}) -> its root."""
    return lambda files: write_repo(tmp_path, files)
