"""The command line as users and CI run it: exit codes, report formats, config, languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sopc import __version__
from sopc.lint.registry import all_rules
from tests.conftest import compose_sop, run_cli

CLEAN = compose_sop("")
WARNING_ONLY = compose_sop("peringatan: \"-\"\n")  # ID05, a warning
ERROR = compose_sop("langkah:\n  - kegiatan: Menerima berkas\n    pelaksana: a\n    kelengkapan: B\n    output: O\n")


def lint(root: Path, *args: str):
    return run_cli("lint", *args, str(root))


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


@pytest.mark.parametrize("content,strict,code", [
    (CLEAN, False, 0), (CLEAN, True, 0), (WARNING_ONLY, False, 0), (WARNING_ONLY, True, 1), (ERROR, False, 1),
])
def test_exit_codes(repo, content: str, strict: bool, code: int) -> None:
    root = repo({"a.sop.yaml": content})
    result = lint(root, *(["--strict"] if strict else []))
    assert result.exit_code == code, result.output


def test_text_report_shows_line_and_caret(repo) -> None:
    root = repo({"a.sop.yaml": ERROR})
    out = lint(root, "--lang", "en").stdout.splitlines()
    head = next(i for i, line in enumerate(out) if " LK02 " in line)
    assert out[head].endswith("a.sop.yaml:2:5: error LK02 step 1 states no waktu (Mutu Baku: Waktu)")
    assert out[head + 1] == "    2 |   - kegiatan: Menerima berkas"
    assert out[head + 2].index("^") == len("    2 | ") + 4
    assert out[-1].startswith("1 errors")


def test_json_report(repo) -> None:
    root = repo({"a.sop.yaml": ERROR})
    findings = json.loads(lint(root, "--format", "json").stdout)
    lk02 = next(f for f in findings if f["code"] == "LK02")
    assert {"path", "line", "column", "code", "severity", "message"} <= set(lk02)
    assert (lk02["line"], lk02["column"], lk02["severity"], lk02["name"]) == (2, 5, "error", "langkah-tanpa-waktu")


def test_github_report_and_the_annotation_cap(repo) -> None:
    steps = "".join(f"  - {{kegiatan: Menerima berkas {i}, pelaksana: a, kelengkapan: B, output: O}}\n"
                    for i in range(12))
    root = repo({"a.sop.yaml": compose_sop("langkah:\n" + steps)})
    out = lint(root, "--format", "github").stdout.splitlines()
    errors = [line for line in out if line.startswith("::error ")]
    assert len(errors) == 12
    assert errors[0].startswith("::error file=") and ",line=2,col=5," in errors[0]
    assert ",title=LK02 langkah-tanpa-waktu::" in errors[0]
    assert any(line.startswith("::notice title=sopc::") and "2 error" in line for line in out)


def test_github_escapes_newlines_and_percent(repo) -> None:
    root = repo({"a.sop.yaml": compose_sop("langkah:\n  - {kegiatan: \"Menerima 100%\", pelaksana: a, "
                                           "kelengkapan: B, output: O, waktu: \"1 hari\\n2 hari\"}\n")})
    out = lint(root, "--format", "github").stdout
    line = next(li for li in out.splitlines() if "WK01" in li)
    assert "%0A" in line and "\n2 hari" not in out


def test_sarif_report(repo) -> None:
    root = repo({"a.sop.yaml": ERROR})
    log = json.loads(lint(root, "--format", "sarif").stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == [r.code for r in all_rules()]
    result = next(r for r in run["results"] if r["ruleId"] == "LK02")
    assert rule_ids[result["ruleIndex"]] == "LK02" and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 5)
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("a.sop.yaml")


def test_report_to_a_file(repo, tmp_path: Path) -> None:
    root = repo({"a.sop.yaml": ERROR})
    out = tmp_path / "report.sarif"
    result = run_cli("lint", "--format", "sarif", "-o", str(out), str(root))
    assert result.exit_code == 1 and result.stdout == "" and json.loads(out.read_text())["version"] == "2.1.0"


def test_languages(repo, monkeypatch) -> None:
    root = repo({"a.sop.yaml": ERROR})
    assert "tidak menyebut waktu" in lint(root, "--lang", "id").stdout
    assert "states no waktu" in lint(root, "--lang", "en").stdout
    monkeypatch.setenv("SOPC_LANG", "en")
    assert "states no waktu" in lint(root).stdout
    (root / "sopc.toml").write_text('lang = "id"\n')
    assert "tidak menyebut waktu" in lint(root).stdout


def test_config_selects_ignores_and_sets_severity(repo) -> None:
    root = repo({"a.sop.yaml": ERROR, "sopc.toml": '[lint]\nseverity = { LK02 = "warning" }\n'})
    assert lint(root).exit_code == 0
    (root / "sopc.toml").write_text('[lint]\nselect = ["ID"]\n')
    result = lint(root, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_file_level_suppression(repo) -> None:
    root = repo({"a.sop.yaml": "# sopc: disable-file=langkah-tanpa-waktu\n" + ERROR})
    assert lint(root).exit_code == 0


@pytest.mark.parametrize("config,needle", [
    ("[lint]\nselect = [\"LK99\"]\n", "LK99"),
    ("[lnt]\nselect = []\n", "kunci tidak dikenal `lnt`; maksud Anda `lint`?"),
    ("lang = [", "TOML"),
    ("[defaults]\ninstansi = { a = 1 }\n", "defaults.instansi"),
    ("[defaults]\nlangkah = []\n", "defaults.langkah"),
    ("[lint]\nnomor_pattern = \"(\"\n", "regular expression"),
])
def test_configuration_errors_exit_2(repo, config: str, needle: str) -> None:
    root = repo({"a.sop.yaml": CLEAN, "sopc.toml": config})
    result = lint(root)
    assert result.exit_code == 2 and needle in result.stderr and "Traceback" not in result.output


def test_configuration_errors_speak_the_chosen_language(repo) -> None:
    root = repo({"a.sop.yaml": CLEAN, "sopc.toml": "[lnt]\nselect = []\n[defaults]\nbogus = 1\n"})
    english = lint(root, "--lang", "en")
    assert english.exit_code == 2 and "unknown key `lnt`; did you mean `lint`?" in english.stderr
    (root / "sopc.toml").write_text("extend = \"../nowhere.toml\"\n")
    assert "`extend`: berkas" in lint(root).stderr and "no such file" in lint(root, "--lang", "en").stderr


def test_pyproject_tool_sopc(repo) -> None:
    root = repo({"a.sop.yaml": ERROR, "pyproject.toml": '[tool.sopc.lint]\nignore = ["LK02"]\n'})
    assert lint(root).exit_code == 0


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("lint", str(tmp_path / "nope"))
    assert result.exit_code == 2 and "nope" in result.stderr


def test_discovery_of_folders(repo, monkeypatch) -> None:
    root = repo({"a.sop.yaml": CLEAN.replace("001/SOP", "101/SOP"), "sub/b.sop.yml": CLEAN,
                 "notes.yaml": "x: [", ".hidden/c.sop.yaml": "x: [", "draft/d.sop.yaml": "x: [",
                 "sopc.toml": 'exclude = ["draft"]\n'})
    monkeypatch.chdir(root)
    result = run_cli("lint")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("2 berkas")


def test_rules_lists_and_explains() -> None:
    listing = run_cli("rules").stdout
    assert all(r.code in listing for r in all_rules())
    one = run_cli("rules", "langkah-tanpa-waktu", "--lang", "en")
    assert one.exit_code == 0 and one.stdout.startswith("LK02 langkah-tanpa-waktu (error)") and "Failing" in one.stdout
    assert run_cli("rules", "XX01").exit_code == 2


def test_committed_schema_is_current() -> None:
    committed = (Path(__file__).parents[1] / "schemas" / "sop-1.schema.json").read_text(encoding="utf-8")
    assert run_cli("schema", "-o", "-").stdout == committed, "run `sopc schema` in the repository root"


def test_schema_speaks_indonesian_and_english_on_request() -> None:
    from sopc.model.schema import INDONESIAN, descriptions, json_schema

    english = [holder["description"] for holder in descriptions(json_schema("en"))]
    assert [text for text in english if text not in INDONESIAN] == [], "translate these in sopc/model/schema.py"
    indonesian = json.loads(run_cli("schema", "-o", "-").stdout)
    assert indonesian["properties"]["langkah"]["description"] == "Langkah, menurut urutan barisnya."
    assert len(descriptions(indonesian)) == len(english)
    assert json.loads(run_cli("schema", "-o", "-", "--lang", "en").stdout) == json_schema("en")


def test_schema_is_written_where_the_examples_point(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("schema")
    assert result.exit_code == 0
    assert json.loads((tmp_path / "schemas" / "sop-1.schema.json").read_text())["properties"]["langkah"]


def test_module_entry_point_and_no_traceback_on_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sop.yaml"
    bad.write_bytes(b"\xff\xfe\xfd")
    proc = subprocess.run([sys.executable, "-m", "sopc", "lint", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1 and "SY03" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr


def test_worker_processes_give_the_same_report(repo) -> None:
    from sopc.config import Overrides
    from sopc.lint.run import CHUNK, lint_paths

    files = {f"s{i:03d}.sop.yaml": (ERROR if i % 7 == 0 else CLEAN).replace("001/SOP", f"{i:03d}/SOP")
             for i in range(2 * CHUNK + 5)}
    files["dup.sop.yaml"] = CLEAN.replace("001/SOP", "003/SOP")  # RP01 across the workers' chunks
    root = repo(files)
    one, two = lint_paths([root], Overrides(lang="en"), jobs=1), lint_paths([root], Overrides(lang="en"), jobs=2)
    assert [d.parsable() for d in one.diagnostics] == [d.parsable() for d in two.diagnostics]
    assert any(d.code == "RP01" for d in two.diagnostics) and any(d.code == "LK02" for d in two.diagnostics)
    assert len(two.entries) == len(files)


def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    result = run_cli("lint", "--lang", "en", str(tmp_path))
    assert result.exit_code == 0 and "no *.sop.yaml files found" in result.stderr


def test_unwritable_report_is_a_usage_error(repo, tmp_path: Path) -> None:
    root = repo({"a.sop.yaml": CLEAN})
    result = run_cli("lint", "-o", str(tmp_path / "no" / "such" / "dir" / "r.json"), str(root))
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize("config,needle", [
    ('[document]\ntemplate = "../../etc/passwd"\n', "document.template"),
    ('[defaults]\nlogo = "/etc/hostname"\n', "defaults.logo"),
])
def test_config_paths_must_stay_in_the_repository(repo, config: str, needle: str) -> None:
    root = repo({"a.sop.yaml": CLEAN, "sopc.toml": config})
    result = run_cli("build", str(root), "-o", str(root / "out"))
    assert result.exit_code == 2 and needle in result.stderr and not (root / "out").exists()


# --- help in the users' language (issue 13, item 8) ----------------------------------------------------


@pytest.fixture
def no_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("SOPC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_help_text_has_its_indonesian() -> None:
    from sopc.cli import cli
    from sopc.cli.help import INDONESIAN, english_texts

    assert [text for text in english_texts(cli) if text not in INDONESIAN] == [], "translate in sopc/cli/help.py"


def test_help_speaks_indonesian_unless_asked_otherwise(no_locale: Path) -> None:
    top = run_cli("--help").stdout
    assert top.startswith("Penggunaan: ") and "\nPerintah:\n" in top
    assert "Periksa berkas SOP menurut Permenpan-RB 35/2012" in top and "Check SOP files" not in top
    lint = run_cli("lint", "--help").stdout
    assert "\nOpsi:\n" in lint and "Gagal (kode keluar 1) juga karena" in lint and "[bawaan: auto]" in lint
    assert "Tampilkan bantuan ini, lalu keluar." in lint
    english = run_cli("lint", "--help", "--lang", "en").stdout  # after the Indonesian: the English is intact
    assert english.startswith("Usage: ") and " lint " in english.splitlines()[0]
    assert "Fail (exit 1) on warnings too" in english
    assert "Gagal" not in english and "[default: auto]" in english
    assert run_cli("build", "-h", "--lang=en").stdout.startswith("Usage: ")


def test_help_follows_the_repositorys_language(no_locale: Path) -> None:
    (no_locale / "sopc.toml").write_text('lang = "en"\n')
    assert run_cli("rules", "--help").stdout.startswith("Usage: ")
    (no_locale / "sopc.toml").write_text('lang = [broken\n')  # a broken config still shows help
    result = run_cli("rules", "--help")
    assert result.exit_code == 0 and result.stdout.startswith("Penggunaan: ")


# --- one error type, one place that reports it (issue 14, item 3) --------------------------------------


def test_every_command_reports_a_missing_path_alike(tmp_path: Path) -> None:
    missing = str(tmp_path / "tidak-ada")
    said = {}
    for command in (["lint"], ["build"], ["watch"], ["map", "-o", str(tmp_path / "peta.svg")]):
        result = run_cli(*command, missing)
        assert result.exit_code == 2, command
        said[command[0]] = result.stderr
    assert set(said.values()) == {f"sopc: path tidak ada: {missing}\n"}, said
    english = run_cli("watch", missing, "--lang", "en")
    assert english.exit_code == 2 and english.stderr == f"sopc: no such path: {missing}\n"


def test_a_user_error_crosses_from_a_worker_in_both_languages() -> None:
    import pickle

    from sopc.errors import SopcError
    from sopc.output import OutputError

    err = pickle.loads(pickle.dumps(OutputError("out/a.docx", "No space left on device")))
    assert isinstance(err, OutputError) and isinstance(err, SopcError) and err.path == "out/a.docx"
    assert err.message("id") == "tidak dapat menulis out/a.docx: No space left on device"
    assert err.message("en") == "cannot write out/a.docx: No space left on device"
