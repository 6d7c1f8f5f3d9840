"""Repository rules whatever files are named: one file, staged files, pre-commit itself (issue 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sopc.scaffold import PRE_COMMIT
from tests.conftest import compose_sop, run_cli

ONE = compose_sop("")  # nomor 001/SOP/UJI/2024
OTHER = ONE.replace("001/SOP/UJI/2024", "002/SOP/UJI/2024").replace("Pengelolaan Berkas Uji", "Kedua")
LINKED = OTHER.replace("keterkaitan: [SOP Pengarsipan Surat]", "keterkaitan: [001/SOP/UJI/2024]")


def _repo(root: Path, files: dict[str, str]) -> Path:
    (root / "sopc.toml").write_text('lang = "en"\n')
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_one_file_is_judged_against_the_whole_repository(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"a.sop.yaml": ONE, "sub/b.sop.yaml": ONE.replace("Pengelolaan Berkas Uji", "Lain")})
    for named in ("a.sop.yaml", "sub/b.sop.yaml"):
        result = run_cli("lint", str(root / named))
        assert result.exit_code == 1 and "RP01" in result.output and "is also used by" in result.output, named
        assert "1 files" in result.output  # the other file is read, not linted


def test_a_link_to_a_sop_not_named_is_no_false_finding(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"a.sop.yaml": ONE, "b.sop.yaml": LINKED})
    result = run_cli("lint", str(root / "b.sop.yaml"))
    assert "RP02" not in result.output
    (root / "a.sop.yaml").unlink()
    assert "RP02" in run_cli("lint", str(root / "b.sop.yaml")).output


def _git(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root,
                          capture_output=True, text=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_tells_the_truth_about_repository_rules(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    (tmp_path / "repo").mkdir()
    root = _repo(tmp_path / "repo", {"a.sop.yaml": ONE, "b.sop.yaml": OTHER})
    (root / ".pre-commit-config.yaml").write_text(PRE_COMMIT)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    run = lambda *args: subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=root,  # noqa: E731
                                       capture_output=True, text=True, env=env)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    clean = run("run", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert _git(root, "commit", "-q", "-m", "two SOPs").returncode == 0
    # a third SOP reuses a's nomor: caught with all files, and when it alone is staged
    (root / "c.sop.yaml").write_text(ONE.replace("Pengelolaan Berkas Uji", "Ketiga"))
    _git(root, "add", "c.sop.yaml")
    staged = run("run")
    assert staged.returncode == 1 and "RP01" in staged.stdout and "c.sop.yaml" in staged.stdout
    everything = run("run", "--all-files")
    assert everything.returncode == 1 and "RP01" in everything.stdout
    # and the hook that commits run: it stops the commit
    assert run("install").returncode == 0
    commit = _git(root, "commit", "-m", "a clash", env=env)
    assert commit.returncode != 0 and "RP01" in commit.stdout + commit.stderr
