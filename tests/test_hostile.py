"""Hostile repositories, careless users, flaky machines (issue 12): each defect found, through the CLI.

Grouped as the issue groups them; each group is guarded in one place (named in each section).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import compose_sop, run_cli

EXAMPLES = Path(__file__).parents[1] / "examples"
ONE = "umum/peminjaman-ruang-rapat.sop.yaml"
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and links as POSIX has them")


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root)
    return root


# --- B. bounded reads, D. nothing leaks: sopc/source/files.py (read_file) --------------------------


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_sop_linked_to_a_device_is_refused_not_read_forever(examples: Path, device: str) -> None:
    (examples / "umum" / "nol.sop.yaml").symlink_to(device)
    result = run_cli("lint", str(examples), "--lang", "en")
    assert result.exit_code == 1
    assert "nol.sop.yaml:1:1: error SY08" in result.output
    assert "outside the repository (/dev/" in result.output  # and, were it inside, not a regular file:
    from sopc.source.files import RefusedFile, read_file

    with pytest.raises(RefusedFile, match="not a regular file"):
        read_file(examples / "umum" / "nol.sop.yaml", 1024)


@posix_only
def test_a_fifo_sop_is_refused_by_lint_build_and_fix_without_waiting(examples: Path, tmp_path: Path) -> None:
    os.mkfifo(examples / "umum" / "pipa.sop.yaml")
    for args in (["lint"], ["lint", "--fix"], ["build", "-o", str(tmp_path / "out"), "--format", "svg"]):
        result = run_cli(*args, str(examples), "--lang", "en")
        assert result.exit_code == 1, args
        assert "pipa.sop.yaml:1:1: error SY08" in result.output + result.stderr, args


@posix_only
def test_a_fifo_logo_or_template_does_not_hang_the_build(examples: Path, tmp_path: Path) -> None:
    os.mkfifo(examples / "kop.docx")
    config = examples / "sopc.toml"
    config.write_text(config.read_text().replace("[document]\n", '[document]\ntemplate = "kop.docx"\n'))
    result = run_cli("build", str(examples), "-o", str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    config.write_text(config.read_text().replace('template = "kop.docx"\n', ""))
    (examples / "logo-sukamaju.png").unlink()
    os.mkfifo(examples / "logo-sukamaju.png")
    result = run_cli("build", str(examples), "-o", str(tmp_path / "out"), "--format", "docx", "--lang", "en")
    assert result.exit_code == 0 and "not a regular file" in result.stderr and "built without it" in result.stderr


@posix_only
def test_a_sop_linked_out_of_the_repository_is_not_quoted(examples: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("AWS_SECRET_ACCESS_KEY: hunter2\n")
    (examples / "umum" / "rahasia.sop.yaml").symlink_to(secret)
    for args in (["lint"], ["build", "-o", str(tmp_path / "out"), "--format", "svg"]):
        result = run_cli(*args, str(examples), "--lang", "en")
        assert "hunter2" not in result.output + result.stderr
        assert "rahasia.sop.yaml:1:1: error SY08" in result.output and "outside the repository" in result.output


def test_a_link_inside_the_repository_is_read(examples: Path) -> None:
    if os.name != "posix":
        pytest.skip("links as POSIX has them")
    (examples / "umum" / "salinan.sop.yaml").symlink_to(examples / ONE)
    result = run_cli("lint", str(examples / "umum" / "salinan.sop.yaml"), "--lang", "en")
    assert "SY08" not in result.output


def _docx_with(parts: dict[str, bytes], edits: dict[str, tuple[bytes, bytes]]) -> bytes:
    """sopc's own reference document with `parts` added and one (old, new) replacement in some parts."""
    from importlib import resources

    data = resources.files("sopc.templates").joinpath("reference.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            body = src.read(name)
            if name in edits:
                assert edits[name][0] in body
                body = body.replace(*edits[name])
            dst.writestr(name, body)
        for name, body in parts.items():
            dst.writestr(name, body)
    return out.getvalue()


def _use_template(root: Path, data: bytes) -> None:
    (root / "kop.docx").write_bytes(data)
    config = root / "sopc.toml"
    config.write_text(config.read_text().replace("[document]\n", '[document]\ntemplate = "kop.docx"\n'))


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(examples: Path, tmp_path: Path) -> None:
    bomb = _docx_with({"word/media/bom.bin": b"\0" * (80 * 1024 * 1024)}, {})
    assert len(bomb) < 1024 * 1024
    _use_template(examples, bomb)
    result = run_cli("build", str(examples), "-o", str(tmp_path / "out"), "--format", "docx", "--lang", "en")
    assert result.exit_code == 2
    assert "kop.docx is not a Word document" in result.stderr and "unpacks to" in result.stderr
    assert not list(tmp_path.joinpath("out").rglob("*.docx"))


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def test_a_templates_remote_template_links_and_unused_parts_stay_out_of_every_document(
        examples: Path, tmp_path: Path) -> None:
    remote = (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              f'<Relationship Id="rIdT" Type="{REL}attachedTemplate" Target="https://evil.example/t.dotm" '
              f'TargetMode="External"/></Relationships>').encode()
    extra = (f'<Relationship Id="rIdX" Type="{REL}hyperlink" Target="https://evil.example/" TargetMode="External"/>'
             f'<Relationship Id="rIdB" Type="{REL}image" Target="media/besar.png"/></Relationships>').encode()
    data = _docx_with({"word/media/besar.png": b"\x89PNG" + b"\1" * 3_000_000, "word/_rels/settings.xml.rels": remote},
                      {"word/_rels/document.xml.rels": (b"</Relationships>", extra),
                       "word/settings.xml": (b"</w:settings>", b'<w:attachedTemplate r:id="rIdT"/></w:settings>'),
                       "[Content_Types].xml": (b"<Default ",
                                               b'<Default Extension="png" ContentType="image/png"/><Default ')})
    _use_template(examples, data)
    out = tmp_path / "out"
    result = run_cli("build", str(examples / ONE), "-o", str(out), "--format", "docx", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out / "umum" / "peminjaman-ruang-rapat.docx") as z:
        everything = b"".join(z.read(n) for n in z.namelist())
        names = z.namelist()
    assert b"evil.example" not in everything and b"attachedTemplate" not in everything
    assert "word/media/besar.png" not in names and "word/styles.xml" in names
    from docx import Document

    assert Document(str(out / "umum" / "peminjaman-ruang-rapat.docx")).tables  # still a document Word opens


def test_a_sop_file_larger_than_the_limit_is_refused_by_its_size(repo) -> None:
    root = repo({"besar.sop.yaml": compose_sop("nama: X\n") + "# " + "x" * 2_000_000 + "\n"})
    result = run_cli("lint", str(root), "--lang", "en")
    assert result.exit_code == 1 and "besar.sop.yaml:1:1: error SY05" in result.output



# --- A. never delete or overwrite what is not ours: sopc/output.py (remove_outputs) -----------------


def _build(*args: str):
    return run_cli("build", *args, "--lang", "en", "-j", "1")


def _cache(out: Path) -> dict:
    return json.loads((out / ".sopc-cache.json").read_text())


def test_a_tampered_cache_deletes_nothing_but_sopcs_own_outputs(examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _build(str(examples), "-o", str(out), "--format", "svg").exit_code == 0
    victims = [tmp_path / "victim.txt", out / "umum" / "catatan.txt", out / "umum" / "peminjaman-ruang-rapat.txt"]
    for victim in victims:
        victim.write_text("the user's own file")
    data = _cache(out)
    source = next(s for s in data["entries"] if s.endswith("peminjaman-ruang-rapat.sop.yaml"))
    names = ["../victim.txt", str(tmp_path / "victim.txt"), "umum/catatan.txt", "umum/peminjaman-ruang-rapat.txt",
             "umum/../../victim.txt"]
    data["entries"][source]["outputs"].update({n: [1, 1] for n in names})
    (out / ".sopc-cache.json").write_text(json.dumps(data))
    (examples / ONE).unlink()  # the build now forgets that source and removes what it made
    result = _build(str(examples), "-o", str(out), "--format", "svg")
    assert result.exit_code == 0
    assert all(v.read_text() == "the user's own file" for v in victims)
    assert not (out / "umum" / "peminjaman-ruang-rapat.svg").exists()  # its own output did go


def test_building_one_file_or_folder_keeps_the_other_sops_documents(examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _build(str(examples), "-o", str(out), "--format", "svg").exit_code == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*.svg"))
    assert _build(str(examples / ONE), "-o", str(out), "--format", "svg").exit_code == 0
    assert _build(str(examples / "arsip"), "-o", str(out), "--format", "svg").exit_code == 0
    assert sorted(p.relative_to(out) for p in out.rglob("*.svg")) == before
    (examples / "arsip" / "penyusutan-arsip.sop.yaml").unlink()  # gone for good: forgotten by any build
    assert _build(str(examples / ONE), "-o", str(out), "--format", "svg").exit_code == 0
    assert not (out / "arsip" / "penyusutan-arsip.svg").exists()


def test_a_sop_named_like_another_sops_page_is_not_built(examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    multi = examples / "umum" / "perjalanan-dinas.sop.yaml"  # four pages: perjalanan-dinas.p1.svg ...
    twin = multi.with_name("perjalanan-dinas.p1.sop.yaml")
    twin.write_text((examples / ONE).read_text().replace("004/SOP/BU/2024", "104/SOP/BU/2024"))
    result = _build(str(examples), "-o", str(out), "--format", "svg")
    assert result.exit_code == 1 and "perjalanan-dinas.p1.sop.yaml not built" in result.stderr
    assert "Perjalanan Dinas" in (out / "umum" / "perjalanan-dinas.p1.svg").read_text()
    twin.unlink()
    assert _build(str(examples), "-o", str(out), "--format", "svg").exit_code == 0
    assert (out / "umum" / "perjalanan-dinas.p1.svg").exists()


def test_an_output_replaced_by_another_program_is_built_again(examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(str(examples), "-o", str(out), "--format", "svg")
    svg = out / "umum" / "peminjaman-ruang-rapat.svg"
    good = svg.read_bytes()
    svg.write_text("<svg>edited by hand</svg>")
    result = _build(str(examples), "-o", str(out), "--format", "svg")
    assert result.exit_code == 0 and "1 files written" in result.output
    assert svg.read_bytes() == good


def test_pages_left_by_a_lost_cache_are_removed_with_the_next_build(examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(str(examples), "-o", str(out), "--format", "svg", "--svg-pages", "single")
    assert (out / "umum" / "perjalanan-dinas.svg").exists()
    (out / ".sopc-cache.json").unlink()
    _build(str(examples), "-o", str(out), "--format", "svg")
    assert (out / "umum" / "perjalanan-dinas.p4.svg").exists() and not (out / "umum" / "perjalanan-dinas.svg").exists()
    (out / ".sopc-cache.json").unlink()
    _build(str(examples), "-o", str(out), "--format", "svg", "--svg-pages", "single")
    assert not list((out / "umum").glob("perjalanan-dinas.p*.svg"))


@pytest.mark.parametrize("setting", ['[output]\ndir = "../di-luar"\n', '[output]\ndir = "/tmp/di-luar"\n',
                                     '[new]\nfolder = "../di-luar"\n'])
def test_a_config_cannot_aim_outside_the_repository(examples: Path, tmp_path: Path, setting: str) -> None:
    config = examples / "sopc.toml"
    config.write_text(config.read_text() + "\n" + setting)
    result = _build(str(examples), "--format", "svg")
    assert result.exit_code == 2 and "sopc.toml" in result.stderr
    assert "outside the folder" in result.stderr or "absolute path" in result.stderr
    assert not (tmp_path / "di-luar").exists()


def test_the_command_line_may_still_write_anywhere(examples: Path, tmp_path: Path) -> None:
    result = _build(str(examples / ONE), "-o", str(tmp_path / "elsewhere"), "--format", "svg")
    assert result.exit_code == 0 and (tmp_path / "elsewhere" / "umum" / "peminjaman-ruang-rapat.svg").exists()


def test_a_manual_asked_for_and_not_written_fails_the_build(examples: Path, tmp_path: Path) -> None:
    (examples / ONE).rename(examples / "manual.sop.yaml")
    result = _build(str(examples), "-o", str(tmp_path / "out"), "--format", "docx", "--manual")
    assert result.exit_code == 1 and "manual.docx not written" in result.stderr


@pytest.mark.parametrize("name", [".sop.yaml", "..sop.yaml"])
def test_a_sop_file_without_a_name_is_skipped_with_a_reason(examples: Path, tmp_path: Path, name: str) -> None:
    shutil.copy(examples / ONE, examples / "umum" / name)
    (examples / ONE).unlink()
    result = _build(str(examples), "-o", str(tmp_path / "out"), "--format", "svg")
    assert result.exit_code == 1 and f"{name} not built: its file name leaves no name" in result.stderr
    assert "internal error" not in result.stderr and (tmp_path / "out" / "umum" / "perjalanan-dinas.p1.svg").exists()


# --- B. bounded in time: the wrapper (sopc/layout/text.py) and the report (LintResult.lines) ------


def test_words_of_thousands_of_characters_are_wrapped_in_passing(repo, tmp_path: Path) -> None:
    word = "x" * 4_990
    steps = (f"langkah: [{{kegiatan: {word}, pelaksana: a, kelengkapan: {word}, waktu: 5 menit, output: {word}}},"
             f" {{kegiatan: {word}, pelaksana: b, kelengkapan: Berkas, waktu: 5 menit, output: Selesai}}]\n")
    root = repo({"panjang.sop.yaml": compose_sop(steps)})
    result = run_cli("build", str(root / "panjang.sop.yaml"), "-o", str(tmp_path / "out"), "--format", "svg")
    assert result.exit_code == 0, result.output[-300:]
    svg = "".join(p.read_text() for p in (tmp_path / "out").rglob("*.svg"))
    assert svg.count("x") >= 3 * 4_990  # every character drawn, on lines that fit their cells


def test_the_text_report_splits_each_file_once_however_many_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    from sopc.diagnostics import Diagnostic, Severity, Span
    from sopc.lint import run as pipeline
    from sopc.report.formats import render_text

    text = "".join(f"baris {i}\n" for i in range(10_002))
    found = [Diagnostic("a.sop.yaml", Span(i + 1, 1), "XX01", Severity.WARNING, "pesan") for i in range(10_002)]
    result = pipeline.LintResult(found, 1, [], "id", {"a.sop.yaml": text})
    splits = []
    real = pipeline.editor_lines
    monkeypatch.setattr(pipeline, "editor_lines", lambda t: splits.append(1) or real(t))
    report = render_text(result)
    assert len(splits) == 1 and "10002 | baris 10001" in report


# --- D. nothing injects: sopc.diagnostics.shown ------------------------------------------------------


@posix_only
def test_a_file_name_cannot_drive_the_terminal(repo) -> None:
    name = "a\x1b]0;dibobol\x07\x1b[2J\nb.sop.yaml"
    root = repo({name: compose_sop("langkah: 5\n")})
    result = run_cli("lint", str(root), "--lang", "en")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "a\\x1b]0;dibobol\\x07\\x1b[2J\\nb.sop.yaml:1:" in result.output


def test_the_caret_stands_under_the_column_after_wide_characters(repo) -> None:
    root = repo({"lebar.sop.yaml": compose_sop("disahkan_oleh: {jabatan: 漢字漢字課長, nama: Budi, nipp: '1'}\n")})
    result = run_cli("lint", str(root), "--lang", "en")
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "nipp" in line and " | " in line)
    quoted, caret = lines[at], lines[at + 1]
    # on a terminal each of the six wide characters takes two cells: the caret is six cells further
    assert caret.index("^") == quoted.index("nipp") + 6


# --- B. bounded patterns: sopc/lint/pattern.py (nomor_pattern), sopc/source/ignore.py (exclude) ----------


def test_a_nomor_pattern_that_would_backtrack_for_hours_answers_at_once(repo) -> None:
    root = repo({"sopc.toml": "[lint]\nnomor_pattern = '(a+)+$'\n",
                 "a.sop.yaml": compose_sop("nomor: " + "a" * 40 + "b\n"),
                 "b.sop.yaml": compose_sop("nomor: " + "a" * 40 + "\nnama: Kedua\n")})
    result = run_cli("lint", str(root), "--lang", "en")
    assert "a.sop.yaml:1:8: warning ID08" in result.output and "b.sop.yaml" not in result.output


@pytest.mark.parametrize(("pattern", "why"), [("(a)\\1", "groupref"), ("(?=SOP)SOP.*", "assert"),
                                              ("a{9000}", "too complex"), ("(unclosed", "not a regular expression")])
def test_a_nomor_pattern_sopc_cannot_run_safely_is_a_located_config_error(repo, pattern: str, why: str) -> None:
    root = repo({"sopc.toml": f"[lint]\nnomor_pattern = '{pattern}'\n", "a.sop.yaml": compose_sop("")})
    result = run_cli("lint", str(root), "--lang", "en")
    assert result.exit_code == 2 and "sopc.toml" in result.stderr and why in result.stderr
    assert "Traceback" not in result.stderr


def test_an_exclude_glob_of_many_stars_answers_at_once(repo) -> None:
    glob = "*a" * 40 + "*b"
    root = repo({"sopc.toml": f"exclude = ['{glob}']\n", ("a" * 120) + ".sop.yaml": compose_sop("")})
    result = run_cli("lint", str(root), "--lang", "en")
    assert "1 files" in result.output


@pytest.mark.parametrize(("glob", "excluded"), [("[z-a]*", False), ("[[:alpha:]]*", True), ("[[:digit:]]*", False)])
def test_bracket_expressions_in_excludes_read_as_git_reads_them(repo, glob: str, excluded: bool) -> None:
    root = repo({"sopc.toml": f"exclude = ['{glob}']\n", "surat.sop.yaml": compose_sop("")})
    result = run_cli("lint", str(root), "--lang", "en")
    assert result.exit_code in (0, 1) and "Warning" not in result.stderr and "Traceback" not in result.stderr
    assert ("0 files" in result.output) == excluded


# --- B12, C22: a repository's template, bounded in time, memory and output (labels.render_bounded) -


@pytest.mark.parametrize(("template", "shown"), [
    ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "took longer than"),
    ("{{ 'x' * 300000000 }}", "ran out of memory"),
    ("{{ 'a' | center(999999999) }}", "ran out of memory"),
    ("{% for i in range(99999) %}{{ 'abcdefgh' }}{% endfor %}", "writes more than"),
    ("{{ 1/0 }}", "ZeroDivisionError"),
    ("{% include 'rahasia.txt' %}", "no loader"),
    ("Tahun {{ tahun + 1 }}", "Tahun 2025"),
])
def test_a_decree_template_is_bounded_and_its_errors_are_shown_on_its_page(examples: Path, tmp_path: Path,
                                                                          template: str, shown: str) -> None:
    config = examples / "sopc.toml"
    config.write_text(config.read_text() + f'\n[manual]\ntahun = 2024\nkeputusan = "{template}"\n')
    out = tmp_path / "out"
    result = run_cli("build", str(examples), "-o", str(out), "--format", "svg", "--manual", "--lang", "en")
    assert result.exit_code == 0 and "Traceback" not in result.output + result.stderr
    from docx import Document

    assert shown in " ".join(p.text for p in Document(str(out / "manual.docx")).paragraphs)
    assert (out / "manual.docx").stat().st_size < 5 * 1024 * 1024


# --- B13: workers die with sopc (sopc/workers.py) -----------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(x) for x in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads processes from Linux's /proc")
@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
def test_a_killed_build_leaves_no_worker_behind(tmp_path: Path, sig: str) -> None:
    import signal
    import subprocess
    import sys
    import time

    from sopc.workers import usable_cores

    if usable_cores() < 2:
        pytest.skip("one core: sopc starts no worker processes")
    text = (EXAMPLES / "umum" / "perjalanan-dinas.sop.yaml").read_text()
    for i in range(300):
        (tmp_path / f"s{i:03d}.sop.yaml").write_text(text.replace("SOP/BU", f"SOP/B{i:03d}"))
    build = subprocess.Popen([sys.executable, "-m", "sopc", "build", str(tmp_path), "-o", str(tmp_path / "out"),
                              "-j", "2", "--format", "docx"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
        workers = _children(build.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build never started its workers"
    build.send_signal(getattr(signal, sig))
    build.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)


# --- C. a clear message, never `internal error`, for plain input ------------------------------------


def _lint(root: Path, *args: str):
    result = run_cli("lint", *args, str(root), "--lang", "en")
    assert "internal error" not in result.output + result.stderr and "Traceback" not in result.stderr
    return result


def test_an_unquoted_number_of_thousands_of_digits_is_a_located_error(repo) -> None:
    root = repo({"a.sop.yaml": compose_sop("nomor: " + "9" * 5000 + "\n")})
    result = _lint(root)
    assert result.exit_code == 1 and "a.sop.yaml:1:8: error SY10" in result.output and "5000 digits" in result.output


def test_a_nip_of_superscript_digits_is_not_eighteen_digits(repo) -> None:
    nip = "disahkan_oleh: {jabatan: Kepala, nama: Budi, nip: \"¹⁹⁷⁰⁰¹⁰¹ 199503 1 002\"}\n"
    root = repo({"a.sop.yaml": compose_sop(nip)})
    for args in ((), ("--fix",)):
        result = _lint(root, *args)
        assert result.exit_code == 1 and "error NP01" in result.output, args
    assert "¹⁹⁷⁰⁰¹⁰¹ 199503 1 002" in (root / "a.sop.yaml").read_text()  # left as written


def test_a_waktu_too_large_for_a_number_is_unreadable_not_a_crash(repo) -> None:
    steps = ("langkah: [{kegiatan: Menerima berkas, pelaksana: a, kelengkapan: Berkas, waktu: 1" + "0" * 400
             + " menit, output: Berkas}, {kegiatan: Memeriksa berkas, pelaksana: b, kelengkapan: Berkas, "
             "waktu: 5 menit, output: Berkas}]\nwaktu_penyelesaian: 1 hari\n")
    root = repo({"a.sop.yaml": compose_sop(steps)})
    for args in ((), ("--fix",)):
        result = _lint(root, *args)
        assert "a.sop.yaml:1:" in result.output and "warning WK01" in result.output, args


@pytest.mark.parametrize("value", ["5", "true", "{a: 1}"])
def test_fix_leaves_a_step_actor_of_the_wrong_type_to_the_report(repo, value: str) -> None:
    steps = (f"langkah: [{{kegiatan: Menerima berkas, pelaksana: {value}, kelengkapan: Berkas, waktu: 5 menit, "
             "output: Berkas}, {kegiatan: Memeriksa berkas, pelaksana: b, kelengkapan: Berkas, waktu: 5 menit, "
             "output: Berkas}]\n")
    root = repo({"a.sop.yaml": compose_sop(steps)})
    result = _lint(root, "--fix")
    assert result.exit_code == 1 and "a.sop.yaml:1:" in result.output


def test_fix_on_a_full_disk_says_so_and_leaves_the_file(repo, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from sopc import output

    def full(path: Path, data: bytes) -> bool:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "_replace", full)
    text = compose_sop("waktu_penyelesaian: 1  Hari\n")
    root = repo({"a.sop.yaml": text})
    result = _lint(root, "--fix")
    assert result.exit_code == 2 and "a.sop.yaml" in result.stderr and "No space left" in result.stderr
    assert (root / "a.sop.yaml").read_text() == text


@pytest.mark.parametrize(("target", "shown"), [("0", "`0` names no step"), ("-1", "`-1` names no step"),
                                               ("1.5", "`1.5` names no step"), ("'²'", "`²` names no step")])
def test_a_bad_step_target_is_named_as_written(repo, target: str, shown: str) -> None:
    steps = (f"langkah: [{{kegiatan: Menerima berkas, pelaksana: a, kelengkapan: Berkas, waktu: 5 menit, "
             f"output: Berkas, lanjut: {target}}}, {{kegiatan: Memeriksa berkas, pelaksana: b, kelengkapan: Berkas, "
             "waktu: 5 menit, output: Berkas}]\n")
    root = repo({"a.sop.yaml": compose_sop(steps)})
    result = _lint(root)
    assert result.exit_code == 1 and shown in result.output and "invalid literal" not in result.output


def _shapes(cache: dict, memo: dict) -> list[tuple[str, str]]:
    """Caches of the right JSON type and the wrong shape, as a tampered or damaged file has them."""
    source = next(iter(cache["entries"]))
    memo_source = next(iter(memo["entries"]))
    out = []
    for change in ("string", "outputs5", "list", "margin"):
        data = json.loads(json.dumps(cache))
        if change == "string":
            data["entries"][source] = "x"
        elif change == "outputs5":
            data["entries"][source]["outputs"] = 5
        elif change == "list":
            data["entries"][source]["outputs"] = [1, None]
        else:
            data["margins"] = {"k": -1e308}
        out.append((".sopc-cache.json", json.dumps(data)))
    out.append((".sopc-cache.json", "[" * 100_000 + "]" * 100_000))
    for change in ("short", "fatal"):
        data = json.loads(json.dumps(memo))
        found = data["entries"][memo_source]["found"]
        if change == "short":
            found["entry"] = found["entry"][:2]
        else:
            found["diagnostics"] = [["XX01", "fatal", "m", 1, 1, 1, 1]]
        out.append((".sopc-lint.json", json.dumps(data)))
    return out


def test_caches_of_the_wrong_shape_mean_building_everything_again(examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _build(str(examples), "-o", str(out), "--format", "svg")
    assert first.exit_code == 0
    good = {name: (out / name).read_text() for name in (".sopc-cache.json", ".sopc-lint.json")}
    for name, text in _shapes(json.loads(good[".sopc-cache.json"]), json.loads(good[".sopc-lint.json"])):
        for other, kept in good.items():
            (out / other).write_text(kept)
        (out / name).write_text(text)
        result = _build(str(examples), "-o", str(out), "--format", "svg")
        assert result.exit_code == 0, (name, text[:80], result.stderr[-300:])
        assert "internal error" not in result.stderr
        again = _build(str(examples), "-o", str(out), "--format", "svg")  # and the cache it wrote is good
        assert again.exit_code == 0 and "0 files written" in again.output


def _png(width: int = 4, height: int = 4, dpi: int | None = None) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + b"\xff\x00\x00" * width for _ in range(height))
    head = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    phys = chunk(b"pHYs", struct.pack(">IIB", dpi, dpi, 1)) if dpi is not None else b""
    return b"\x89PNG\r\n\x1a\n" + head + phys + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("logo", "shown"), [(_png(dpi=0), None), (_png()[:30], "not a PNG or JPEG image"),
                                             (_png(width=0), "is 0 x 4 pixels")])
def test_an_odd_logo_builds_or_is_named_never_a_crash(examples: Path, tmp_path: Path, logo: bytes,
                                                      shown: str | None) -> None:
    (examples / "logo-sukamaju.png").write_bytes(logo)
    out = tmp_path / "out"
    result = _build(str(examples / ONE), "-o", str(out), "--format", "docx")
    assert result.exit_code == 0 and "internal error" not in result.stderr
    assert (out / "umum" / "peminjaman-ruang-rapat.docx").exists()
    if shown:
        assert shown in result.stderr and "built without it" in result.stderr


def test_an_svg_logo_that_draws_too_long_is_left_out(examples: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from sopc.backends.docx import logo

    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed (Debian librsvg2-bin)")
    monkeypatch.setattr(logo, "SVG_SECONDS", 0.001)  # any drawing is too long: the limit is what is tested
    (examples / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    config = examples / "sopc.toml"
    config.write_text(config.read_text().replace('logo = "logo-sukamaju.png"', 'logo = "logo.svg"'))
    result = _build(str(examples / ONE), "-o", str(tmp_path / "out"), "--format", "docx")
    assert result.exit_code == 0 and "took longer than" in result.stderr and "built without it" in result.stderr


# --- D26: no control character from sopc.toml reaches a document (config._check_texts) -----------


@pytest.mark.parametrize("setting", ['[defaults]\ninstansi = "Pemerintah\\u0001 Kabupaten"\n',
                                     '[manual]\nkeputusan = "Keputusan\\u0008"\n',
                                     '[document]\nsignature_text = "TTE\\u001b[2J"\n'])
def test_a_control_character_in_the_config_is_a_config_error_not_a_broken_document(
        repo, tmp_path: Path, setting: str) -> None:
    root = repo({"sopc.toml": setting, "a.sop.yaml": compose_sop("")})
    result = run_cli("build", str(root), "-o", str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2 and "sopc.toml" in result.stderr and "control character U+00" in result.stderr
    assert not (tmp_path / "out").exists()


def test_init_refuses_a_name_with_a_control_character(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "baru"), "--instansi", "Pemerintah\x01 Kabupaten", "--unit", "Umum",
                     "--install", "sopc==0.1.0")
    assert result.exit_code == 2 and "karakter kendali" in result.stderr and not (tmp_path / "baru").exists()


# --- E28: --fix keeps the file's encoding and renames only what is a typo ------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8"])
def test_fix_writes_a_file_back_in_its_own_encoding(repo, codec: str) -> None:
    import codecs

    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-8": codecs.BOM_UTF8}[codec]
    text = compose_sop("waktu_penyelesaian: 1  Hari\n")
    root = repo({"a.sop.yaml": bom + text.encode(codec)})
    result = _lint(root, "--fix")
    assert "fixed" in result.stderr
    raw = (root / "a.sop.yaml").read_bytes()
    assert raw.startswith(bom) and raw[len(bom):].decode(codec) == text.replace("1  Hari", "1 hari")


def _step_keys(extra: str) -> str:
    return ("langkah: [{kegiatan: Menerima berkas, pelaksana: a, kelengkapan: Berkas, waktu: 5 menit, "
            f"output: Berkas, {extra}}}, {{kegiatan: Memeriksa berkas, pelaksana: b, kelengkapan: Berkas, "
            "waktu: 5 menit, output: Berkas}]\n")


@pytest.mark.parametrize(("written", "renamed"), [("keterangn: x", "keterangan: x"), ("satu: x", None),
                                                  ("outptu: y", None), ("ketrangan: x", "keterangan: x")])
def test_fix_renames_a_key_only_a_typo_away(repo, written: str, renamed: str | None) -> None:
    root = repo({"a.sop.yaml": compose_sop(_step_keys(written))})
    _lint(root, "--fix")
    text = (root / "a.sop.yaml").read_text()
    assert (renamed or written) in text


def test_fix_renames_nothing_below_a_value_of_the_wrong_shape(repo) -> None:
    root = repo({"a.sop.yaml": compose_sop("langkah: {keterangn: x, kegiatan: y}\n")})
    _lint(root, "--fix")
    assert "keterangn: x" in (root / "a.sop.yaml").read_text()


def test_a_bad_target_is_reported_with_the_other_model_errors(repo) -> None:
    steps = _step_keys("lanjut: 0").replace("lanjut: 0}, {kegiatan: Memeriksa berkas",
                                            "lanjut: 0}, {kegiatan: Memeriksa berkas, keputusan: {tidak: 1.5}")
    root = repo({"a.sop.yaml": compose_sop("jenis: salah\n" + steps)})
    result = _lint(root)
    assert "error SC04" in result.output and "`0` names no step" in result.output
    assert "`1.5` names no step" in result.output


@pytest.mark.parametrize(("config", "where"), [
    ('lang = "id"\n\n[lint]\n# berkala\nreview_months = "banyak"\n', "sopc.toml:5: `lint.review_months`"),
    ('[defaults]\ninstansi = "A"\ndisahkan_oleh = 5\n', "sopc.toml:3: `defaults.disahkan_oleh`"),
    (b'lang = "id"\n# caf\xe9\n', "sopc.toml:2:6: not UTF-8 text"),
])
def test_a_config_error_names_its_line(repo, config: str | bytes, where: str) -> None:
    root = repo({"sopc.toml": config, "a.sop.yaml": compose_sop("")})
    result = run_cli("lint", str(root), "--lang", "en")
    assert result.exit_code == 2 and where in result.stderr, result.stderr
