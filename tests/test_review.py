"""Review dates against a git history: `--since REF` and `--today DATE`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import compose_sop, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True,
                   capture_output=True)


@pytest.fixture
def history(tmp_path: Path, monkeypatch) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "a.sop.yaml").write_text(compose_sop(""))
    (tmp_path / "b.sop.yaml").write_text(compose_sop("").replace("001/SOP", "002/SOP"))
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "signed")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _codes(*args: str) -> list[tuple[str, str, int]]:
    result = run_cli("lint", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(Path(f["path"]).name, f["code"], f["line"]) for f in json.loads(result.stdout) if f["code"] == "TG04"]


def test_a_change_without_a_new_revisi_is_reported(history: Path) -> None:
    a = history / "a.sop.yaml"
    a.write_text(a.read_text().replace("Menerima berkas", "Menerima berkas lengkap"))
    assert _codes("--since", "HEAD") == [("a.sop.yaml", "TG04", 7)]  # line 7: the header's tanggal.revisi
    a.write_text(a.read_text().replace("revisi: 2030-01-10", "revisi: 2031-01-10"))
    assert _codes("--since", "HEAD") == []
    (history / "c.sop.yaml").write_text(compose_sop("").replace("001/SOP", "003/SOP"))  # new: nothing to compare
    assert _codes("--since", "HEAD") == []


def test_an_unknown_ref_is_a_usage_error(history: Path) -> None:
    result = run_cli("lint", "--since", "no-such-branch")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_today_moves_the_review_check(history: Path) -> None:
    late = run_cli("lint", "--format", "json", "--today", "2031-01-01")
    assert {f["code"] for f in json.loads(late.stdout)} >= {"TG03"}
    early = run_cli("lint", "--format", "json", "--today", "2029-01-01")
    assert "TG03" not in {f["code"] for f in json.loads(early.stdout)}


def test_a_file_whose_old_version_was_not_utf8_is_compared_without_a_crash(history: Path) -> None:
    a = history / "a.sop.yaml"
    a.write_bytes(a.read_bytes().replace(b"Menerima berkas", b"Menerima berkas \xe9"))  # Latin-1 at that commit
    _git(history, "commit", "-q", "-am", "latin-1")
    a.write_text(compose_sop("").replace("Menerima berkas", "Menerima berkas baru"))
    result = run_cli("lint", "--since", "HEAD", "--lang", "en")
    assert result.exit_code in (0, 1) and "internal error" not in result.output + result.stderr


def test_a_changed_file_with_a_non_ascii_name_is_seen(history: Path) -> None:
    name = "surat-keluar-pengumuman-é.sop.yaml"
    (history / name).write_text(compose_sop("").replace("001/SOP", "009/SOP"))
    _git(history, "add", ".")
    _git(history, "commit", "-q", "-m", "accented name")
    changed = history / name
    changed.write_text(changed.read_text().replace("Menerima berkas", "Menerima berkas lengkap"))
    assert _codes("--since", "HEAD") == [(name, "TG04", 7)]


def test_a_ref_that_looks_like_an_option_is_refused(history: Path) -> None:
    result = run_cli("lint", "--since", "--output=/tmp/sopc-pwned")
    assert result.exit_code == 2 and not Path("/tmp/sopc-pwned").exists()
