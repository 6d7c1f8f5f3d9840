"""`sopc init` and `sopc new`: a new repository that lints and builds, skeletons that validate."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import yaml

from sopc.cli import cli
from tests.conftest import run_cli

ROOT = Path(__file__).parents[1]


def _sopc_commands(text: str) -> list[list[str]]:
    """Every `sopc ...` command line in a CI or hook file."""
    found = []
    for line in text.splitlines():
        line = line.strip().removeprefix("- ").removeprefix("run: ").removeprefix("entry: ")
        if line.startswith("sopc "):
            found.append(shlex.split(line))
    return found


def _is_real(command: list[str]) -> bool:
    sub = cli.commands.get(command[1])
    if sub is None:
        return False
    options = {opt for param in sub.params for opt in param.opts}
    return all(arg in options for arg in command[2:] if arg.startswith("-"))


def test_init_gives_a_repository_that_lints_and_builds(tmp_path: Path, monkeypatch) -> None:
    result = run_cli("init", str(tmp_path), "--instansi", 'Pemerintah Kota "Contoh"', "--unit", "Bagian Umum")
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path)
    assert run_cli("lint", "--strict").exit_code == 0
    built = run_cli("build")
    assert built.exit_code == 0, built.output
    out = tmp_path / "build" / "sop"
    assert (out / "contoh.docx").exists() and (out / "contoh.svg").exists()
    assert 'instansi = "Pemerintah Kota \\"Contoh\\""' in (tmp_path / "sopc.toml").read_text()


def test_scaffolded_ci_and_hook_files_parse_and_name_real_commands(tmp_path: Path) -> None:
    run_cli("init", str(tmp_path / "gh"))
    run_cli("init", str(tmp_path / "gl"), "--ci", "gitlab")
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


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "sopc.toml").write_text("# ours\n")
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 2 and "sopc.toml" in result.stderr
    assert (tmp_path / "sopc.toml").read_text() == "# ours\n" and not (tmp_path / "sop").exists()


def test_new_writes_a_skeleton_with_only_a_blank_sops_findings(tmp_path: Path, monkeypatch) -> None:
    run_cli("init", str(tmp_path))
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
