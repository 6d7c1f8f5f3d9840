"""`sopc init` and `sopc new`: a new repository that lints and builds, skeletons that validate."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sopc.cli import cli
from tests.conftest import run_cli

ROOT = Path(__file__).parents[1]
INSTALL = "sopc @ git+https://git.example.go.id/tim-sop/sopc@v0.1.0"  # what CI installs (pinned)


def _sopc_commands(text: str) -> list[list[str]]:
    """Every `sopc ...` command line in a CI or hook file."""
    found = []
    for line in text.splitlines():
        line = line.strip().removeprefix("- ").removeprefix("run: ").removeprefix("entry: ")
        if line.startswith("sopc "):
            found.append(shlex.split(line))
    return found


def _is_real(command: list[str]) -> bool:
    if command[1].startswith("-"):  # an option of sopc itself (--version)
        return command[1] in {opt for param in cli.params for opt in param.opts}
    sub = cli.commands.get(command[1])
    if sub is None:
        return False
    options = {opt for param in sub.params for opt in param.opts}
    return all(arg in options for arg in command[2:] if arg.startswith("-"))


def test_init_gives_a_repository_that_lints_and_builds(tmp_path: Path, monkeypatch) -> None:
    result = run_cli("init", str(tmp_path), "--instansi", 'Pemerintah Kota "Contoh"', "--unit", "Bagian Umum",
                     "--install", INSTALL)
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path)
    assert run_cli("lint", "--strict").exit_code == 0
    built = run_cli("build")
    assert built.exit_code == 0, built.output
    out = tmp_path / "build" / "sop"
    assert (out / "contoh.docx").exists() and (out / "contoh.svg").exists()
    assert 'instansi = "Pemerintah Kota \\"Contoh\\""' in (tmp_path / "sopc.toml").read_text()


def test_scaffolded_ci_and_hook_files_parse_and_name_real_commands(tmp_path: Path) -> None:
    run_cli("init", str(tmp_path / "gh"), "--install", INSTALL)
    run_cli("init", str(tmp_path / "gl"), "--ci", "gitlab", "--install", INSTALL)
    files = [tmp_path / "gh" / ".github" / "workflows" / "sopc.yml", tmp_path / "gh" / ".pre-commit-config.yaml",
             tmp_path / "gl" / ".gitlab-ci.yml", ROOT / ".pre-commit-hooks.yaml"]
    for file in files:
        text = file.read_text()
        assert yaml.safe_load(text), file
        commands = _sopc_commands(text)
        assert commands and all(_is_real(c) for c in commands), (file, commands)
    settings = json.loads((tmp_path / "gh" / ".vscode" / "settings.json").read_text())
    (schema,) = settings["yaml.schemas"]
    assert (tmp_path / "gh" / schema).is_file() and "*.sop.yaml" in settings["yaml.schemas"][schema]


def test_init_in_an_existing_repository_adds_what_is_missing_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "sopc.toml").write_text("# ours\n")
    (tmp_path / ".gitignore").write_text("node_modules/\n*.log")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: https://github.com/pre-commit/pre-commit-hooks\n  rev: v5.0.0\n"
        "  hooks:\n  - id: trailing-whitespace\n")
    result = run_cli("init", str(tmp_path), "--install", INSTALL)
    assert result.exit_code == 0, result.stderr
    assert "sopc.toml: kept" in result.output and ".gitignore: merged" in result.output
    assert ".pre-commit-config.yaml: merged" in result.output and "contoh.sop.yaml: written" in result.output
    assert (tmp_path / "sopc.toml").read_text() == "# ours\n"
    assert (tmp_path / ".gitignore").read_text() == "node_modules/\n*.log\nbuild/\n"
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"]
    assert [h["id"] for repo in hooks for h in repo["hooks"]] == ["trailing-whitespace", "sopc-lint"]
    again = run_cli("init", str(tmp_path), "--install", INSTALL)  # a second run changes nothing
    assert ".gitignore: kept" in again.output and ".pre-commit-config.yaml: kept" in again.output
    assert len(yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"]) == 2


def test_ci_installs_one_exact_sopc_never_a_bare_name(tmp_path: Path) -> None:
    for bare in ("sopc", "sopc>=0.1", "sopc @ git+https://git.example.go.id/tim-sop/sopc",
                 "sopc @ git+https://git.example.go.id/tim-sop/sopc@main"):
        result = run_cli("init", str(tmp_path / "x"), "--install", bare)
        assert result.exit_code == 2 and "tidak terkunci" in result.stderr and not (tmp_path / "x").exists(), bare
    run_cli("init", str(tmp_path / "gh"), "--install", INSTALL)
    recipe = (tmp_path / "gh" / ".github" / "workflows" / "sopc.yml").read_text()
    assert f"python -m pip install '{INSTALL}'" in recipe and "pip install sopc\n" not in recipe
    assert f'install = "{INSTALL}"' in (tmp_path / "gh" / "sopc.toml").read_text()
    # this sopc runs from its source folder, which CI cannot reach: init asks rather than guess
    result = run_cli("init", str(tmp_path / "y"))
    assert result.exit_code == 2 and "--install" in result.stderr and not (tmp_path / "y").exists()


def test_version_says_where_sopc_comes_from() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and result.output.startswith("sopc 0.") and "installed from" in result.output


def test_new_writes_a_skeleton_with_only_a_blank_sops_findings(tmp_path: Path, monkeypatch) -> None:
    run_cli("init", str(tmp_path), "--install", INSTALL)
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", 'Peminjaman "Kendaraan" Dinas: Roda #2', "-p", "Pengadministrasi Umum", "-p", "Kepala")
    assert result.exit_code == 0, result.output
    path = tmp_path / "sop" / "peminjaman-kendaraan-dinas-roda-2.sop.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/sop-1.schema.json\n")
    data = yaml.safe_load(text)
    assert data["nama"] == 'Peminjaman "Kendaraan" Dinas: Roda #2'
    assert data["nomor"].startswith("002/SOP/UNIT/")  # 001 is the example's
    report = json.loads(run_cli("lint", "--format", "json", str(path)).stdout)
    assert not [f for f in report if f["code"].startswith(("SY", "SC"))], "the skeleton validates"
    assert {f["code"] for f in report} == {"ID01", "ID02", "ID03", "ID04", "ID05", "ID06", "LK02", "LK03", "LK04"}
    assert run_cli("new", 'Peminjaman "Kendaraan" Dinas: Roda #2').exit_code == 2  # never overwrites


@pytest.mark.parametrize(("ci", "recipe", "schema"), [
    ("github", ".github/workflows/sopc.yml", "vendor.github-workflows"),
    ("gitlab", ".gitlab-ci.yml", "vendor.gitlab-ci"),
])
def test_the_ci_recipes_are_valid_for_github_and_gitlab(tmp_path: Path, ci: str, recipe: str, schema: str) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed (pip install -e '.[test]')")
    run_cli("init", str(tmp_path), "--ci", ci, "--install", INSTALL)
    checked = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                              str(tmp_path / recipe)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = (tmp_path / recipe).read_text()
    if ci == "github":  # what real settings need: history for --since, the token's rights, no red fork runs
        for needed in ("fetch-depth: 0", "actions: read", "security-events: write", "upload-sarif@v4",
                       "head.repo.fork", "cache: pip"):
            assert needed in text, needed
    else:
        assert "codequality: gl-code-quality-report.json" in text and 'GIT_DEPTH: "0"' in text


@pytest.mark.parametrize(("ci", "recipe", "schema"), [
    ("github", ".github/workflows/sopc-pages.yml", "vendor.github-workflows"),
    ("gitlab", ".gitlab-ci.yml", "vendor.gitlab-ci"),
])
def test_pages_adds_a_job_publishing_the_catalogue(tmp_path: Path, ci: str, recipe: str, schema: str) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed (pip install -e '.[test]')")
    run_cli("init", str(tmp_path / "plain"), "--ci", ci, "--install", INSTALL)
    assert "--format html" not in "".join(p.read_text() for p in (tmp_path / "plain").rglob("*.y*ml"))
    run_cli("init", str(tmp_path / "site"), "--ci", ci, "--install", INSTALL, "--pages")
    checked = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                              str(tmp_path / "site" / recipe)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    job = yaml.safe_load((tmp_path / "site" / recipe).read_text())
    steps = job["jobs"]["build"]["steps"] if ci == "github" else job["pages"]["script"]
    commands = "\n".join(str(step.get("run", "")) if isinstance(step, dict) else step for step in steps)
    assert "--format html" in commands and "--pdf" in commands and ".sopc-*.json" in commands
    if ci == "github":
        assert job["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
        assert any(isinstance(s, dict) and s.get("uses", "").startswith("actions/upload-pages-artifact")
                   for s in steps)
    else:
        assert job["pages"]["artifacts"]["paths"] == ["public"]
    # the line that leads the site's root to the catalogue, run as CI runs it
    line = next(c for c in commands.splitlines() if "printf" in c)
    out = tmp_path / ("site-out" if ci == "github" else "public")
    out.mkdir()
    shell = line.replace("site/index.html", str(out / "index.html")).replace("public/index.html",
                                                                              str(out / "index.html"))
    subprocess.run(["sh", "-c", shell], check=True)
    assert 'url=html/index.html' in (out / "index.html").read_text()
