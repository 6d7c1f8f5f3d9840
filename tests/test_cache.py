"""Incremental builds: nothing changed, nothing written; one SOP edited, only what depends on it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from sopc.build import BuildOptions, build_paths
from sopc.config import Overrides
from sopc.lint.run import lint_paths

EXAMPLES = Path(__file__).parents[1] / "examples"
SVG_ONLY = dict(formats=("svg",))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root)
    return root


def build(root: Path, out: Path, lang: str | None = None, **options):
    return build_paths([root], BuildOptions(out_dir=out, overrides=Overrides(lang=lang), **{**SVG_ONLY, **options}))


def test_an_unchanged_repository_rebuilds_nothing(repo: Path, tmp_path: Path) -> None:
    first = build(repo, tmp_path / "out")
    second = build(repo, tmp_path / "out")
    assert first.written and not second.written
    assert sorted(second.unchanged) == sorted(first.written)


def test_one_edit_rebuilds_that_sop_and_the_sops_that_print_its_name(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "out")
    arsip = repo / "arsip" / "pengelolaan-arsip-dinamis.sop.yaml"
    arsip.write_text(arsip.read_text().replace("nama: Pengelolaan Arsip Dinamis", "nama: Pengelolaan Arsip"))
    build(repo, tmp_path / "out", formats=("docx",))  # every DOCX is new: the first DOCX build
    # edit again: the DOCX prints keterkaitan as `nomor – nama`, so the SOPs naming it follow
    arsip.write_text(arsip.read_text().replace("nama: Pengelolaan Arsip", "nama: Pengelolaan Arsip Aktif"))
    result = build(repo, tmp_path / "out", formats=("docx",))
    names = sorted(p.name for p in result.written)
    # surat-masuk and penyusutan-arsip name 003/SOP/BU/2024 in keterkaitan; the others do not
    assert names == ["pengelolaan-arsip-dinamis.docx", "pengelolaan-surat-masuk.docx", "penyusutan-arsip.docx"]


def test_outputs_of_a_removed_source_are_removed(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(repo, out)
    assert (out / "umum" / "peminjaman-ruang-rapat.svg").exists()
    (repo / "umum" / "peminjaman-ruang-rapat.sop.yaml").unlink()
    build(repo, out)
    assert not (out / "umum" / "peminjaman-ruang-rapat.svg").exists()
    assert (out / "umum" / "pengelolaan-surat-masuk.svg").exists()


def test_pages_no_longer_made_are_removed(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(repo, out)
    assert (out / "umum" / "perjalanan-dinas.p4.svg").exists()
    build(repo, out, svg_pages="single")
    assert not list((out / "umum").glob("perjalanan-dinas.p*.svg"))
    assert (out / "umum" / "perjalanan-dinas.svg").exists()


def test_worker_processes_build_the_same_bytes(tmp_path: Path) -> None:
    from tests.conftest import compose_sop

    root = tmp_path / "repo"
    root.mkdir()
    for i in range(10):
        (root / f"s{i:02d}.sop.yaml").write_text(compose_sop("").replace("001/SOP", f"{i:03d}/SOP"))
    one = build_paths([root], BuildOptions(out_dir=tmp_path / "one", jobs=1))
    two = build_paths([root], BuildOptions(out_dir=tmp_path / "two", jobs=2))
    assert len(one.written) == len(two.written) == 20
    for path in one.written:
        assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()


def test_a_killed_build_leaves_only_whole_files(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time
    import zipfile

    from tests.conftest import compose_sop

    root = tmp_path / "repo"
    root.mkdir()
    steps = "".join(f"  - {{kegiatan: Memproses tahap {i}, pelaksana: {'ab'[i % 2]}, kelengkapan: B, "
                    f"waktu: 5 menit, output: O}}\n" for i in range(40))
    for i in range(30):
        (root / f"s{i:02d}.sop.yaml").write_text(compose_sop("langkah:\n" + steps).replace("001/SOP", f"{i:03d}/SOP"))
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "sopc", "build", str(root), "-o", str(out), "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    docx = list(out.glob("*.docx"))
    assert docx, "the build was killed before it wrote anything"
    for path in docx:
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None  # every file there is whole
    assert not [p for p in out.iterdir() if p.name.endswith(".docx") is False and p.suffix not in (".svg", ".json")
                and not p.name.startswith(".")], "no stray files"


def test_a_killed_builds_temporary_files_are_cleared_but_not_a_running_ones(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(repo, out)
    stale = out / "umum" / ".perjalanan-dinas.docx.sopc-k3j_x9q2.tmp"  # left by a build killed an hour ago
    fresh = out / "arsip" / ".penyusutan-arsip.svg.sopc-a1b2c3d4.tmp"  # a build running alongside, mid-write
    mine = out / "umum" / ".catatan.tmp"  # not a name sopc makes
    for path in (stale, fresh, mine):
        path.write_bytes(b"half")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    os.utime(mine, (time.time() - 3600, time.time() - 3600))
    build(repo, out)
    assert not stale.exists() and fresh.exists() and mine.exists()


def test_a_rebuild_reports_what_a_fresh_lint_does_without_reading_unchanged_sops(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sopc.lint import run as pipeline

    sop = repo / "umum" / "peminjaman-ruang-rapat.sop.yaml"
    text = sop.read_text()
    # a finding of the SOP itself (W: unreadable waktu) and one of a repository rule, pointing at the
    # second keterkaitan item (a nomor no SOP of the repository has)
    sop.write_text(text.replace("waktu: 10 menit", "waktu: sebentar")
                   .replace("  - 002/SOP/BU/2024\n", "  - 002/SOP/BU/2024\n  - 099/SOP/BU/2024\n"))
    first = build(repo, tmp_path / "out")
    read: list[Path] = []
    check = pipeline.check_file
    monkeypatch.setattr(pipeline, "check_file", lambda file, *a, **k: read.append(file) or check(file, *a, **k))
    second = build(repo, tmp_path / "out")
    assert [d.parsable() for d in second.lint.diagnostics] == [d.parsable() for d in first.lint.diagnostics]
    assert len({d.code for d in first.lint.diagnostics}) == 2
    assert read == []  # nothing changed: no SOP parsed again
    assert second.lint.lines(second.lint.diagnostics[0].path)  # the report can still quote the source
    # an edit that breaks the SOP: only it is read again, and it is skipped, not built from a stale memo
    sop.write_text(sop.read_text().replace("    pelaksana: kasubbag\n", ""))
    third = build(repo, tmp_path / "out")
    assert [f.name for f in read] == [sop.name]
    assert any(d.code and d.severity.value == "error" for d in third.lint.diagnostics)
    assert len(third.skipped) == 1 and third.skipped[0].endswith(sop.name)


def test_suppressions_are_judged_alike_from_a_remembered_sop(repo: Path, tmp_path: Path) -> None:
    sop = repo / "umum" / "peminjaman-ruang-rapat.sop.yaml"
    text = sop.read_text()
    first_step = text.index("  - kegiatan: ")
    line_end = text.index("\n", first_step)
    # a suppression that hides a finding (the step made verbless) and one that hides nothing
    step = text[first_step:line_end].replace("kegiatan: ", "kegiatan: Berkas ")  # not a verb first
    sop.write_text(text[:first_step] + step + "  # sopc: disable=LK05" + text[line_end:]
                   + "# sopc: disable-file=WK01\n")
    first = build(repo, tmp_path / "out")
    second = build(repo, tmp_path / "out")  # the SOP is not read again: what it hid comes from the memo
    found = [(Path(d.path).name, d.code) for d in second.lint.diagnostics]
    assert [d.parsable() for d in second.lint.diagnostics] == [d.parsable() for d in first.lint.diagnostics]
    assert found == [(sop.name, "SP02")] and second.lint.diagnostics[0].message.count("WK01") == 1


def test_repository_rules_see_unchanged_sops_remembered(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "out")
    twin = repo / "umum" / "salinan.sop.yaml"  # a new SOP with the nomor of one already linted
    twin.write_text((repo / "umum" / "peminjaman-ruang-rapat.sop.yaml").read_text())
    result = build(repo, tmp_path / "out")
    fresh = lint_paths([repo])
    assert [d.parsable() for d in result.lint.diagnostics] == [d.parsable() for d in fresh.diagnostics]
    # the nomor is shared with the remembered SOP: both are told, each naming the other
    assert [d.code for d in result.lint.diagnostics] == ["RP01", "RP01"]
    assert "salinan.sop.yaml" in result.lint.diagnostics[0].message
    assert "peminjaman-ruang-rapat.sop.yaml" in result.lint.diagnostics[1].message
    assert sorted(Path(s).name for s in result.skipped) == ["peminjaman-ruang-rapat.sop.yaml", "salinan.sop.yaml"]


def test_a_changed_configuration_lints_again(repo: Path, tmp_path: Path) -> None:
    sop = repo / "umum" / "peminjaman-ruang-rapat.sop.yaml"
    sop.write_text(sop.read_text().replace("waktu: 10 menit", "waktu: sebentar"))
    first = build(repo, tmp_path / "out")
    code = next(d.code for d in first.lint.diagnostics if d.path.endswith(sop.name))
    config = repo / "sopc.toml"
    config.write_text(config.read_text().replace("[lint]\n", f'[lint]\nignore = ["{code}"]\n'))
    second = build(repo, tmp_path / "out")
    assert code not in {d.code for d in second.lint.diagnostics}


def test_outputs_are_readable_as_plainly_written_files(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(repo, out)
    mask = os.umask(0)
    os.umask(mask)
    svg = out / "umum" / "peminjaman-ruang-rapat.svg"
    assert svg.stat().st_mode & 0o777 == 0o666 & ~mask  # not the 0600 of a temporary file


def test_the_command_line_says_nothing_was_written_and_no_file_was_touched(repo: Path, tmp_path: Path) -> None:
    from tests.conftest import run_cli

    out = tmp_path / "out"
    args = ["build", str(repo), "-o", str(out), "--lang", "en", "--manual", "--monev"]
    first = run_cli(*args)
    written = sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert first.exit_code == 0 and f"{len(written)} files written, 0 unchanged" in first.output
    files = sorted(p for p in out.rglob("*") if p.is_file())
    stamps = {p: p.stat().st_mtime_ns for p in files}
    time.sleep(0.05)  # a rewrite would show in the nanosecond timestamps
    second = run_cli(*args)
    assert second.exit_code == 0 and f"0 files written, {len(written)} unchanged" in second.output
    assert sorted(p for p in out.rglob("*") if p.is_file()) == files
    assert {p: p.stat().st_mtime_ns for p in files} == stamps


def test_an_output_that_cannot_be_written_is_named_not_a_traceback(repo: Path, tmp_path: Path) -> None:
    from tests.conftest import run_cli

    out = tmp_path / "out"
    out.mkdir()
    (out / "umum").write_text("a file where the umum folder must go")
    result = run_cli("build", str(repo), "-o", str(out), "--lang", "en", "-j", "1")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "a file stands where a folder must be" in result.stderr
    assert "internal error" not in result.stderr


def test_two_sources_making_the_same_documents_build_one_and_name_the_other(repo: Path, tmp_path: Path) -> None:
    first = repo / "umum" / "peminjaman-ruang-rapat.sop.yaml"
    twin = first.with_name("peminjaman-ruang-rapat.sop.yml")  # would also write peminjaman-ruang-rapat.svg
    twin.write_text(first.read_text().replace("004/SOP/BU/2024", "104/SOP/BU/2024"))
    result = build(repo, tmp_path / "out", lang="en")
    assert [Path(s).name for s in result.skipped] == [twin.name]
    assert any("would overwrite" in w and twin.name in w for w in result.warnings)
    assert (tmp_path / "out" / "umum" / "peminjaman-ruang-rapat.svg").read_text().count("004/SOP/BU/2024")


def test_a_sop_named_manual_keeps_its_document_and_the_manual_says_why_it_is_missing(repo: Path,
                                                                                    tmp_path: Path) -> None:
    (repo / "umum" / "peminjaman-ruang-rapat.sop.yaml").rename(repo / "manual.sop.yaml")
    out = tmp_path / "out"
    result = build(repo, out, formats=("docx",), manual=True, lang="en")
    assert any("manual.docx not written" in w for w in result.warnings)
    from docx import Document

    assert Document(str(out / "manual.docx")).tables[0].rows  # the SOP's own document, not the book
    assert "STANDARD OPERATING" not in "".join(p.text for p in Document(str(out / "manual.docx")).paragraphs)


def test_the_books_are_made_again_only_when_what_they_hold_changed(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sopc.backends import monev as monev_module
    from sopc.backends.manual import Manual

    made: list[str] = []
    manual, monev = Manual.docx, monev_module.monev_docx
    monkeypatch.setattr(Manual, "docx", lambda *a, **k: made.append("manual") or manual(*a, **k))
    monkeypatch.setattr(monev_module, "monev_docx", lambda *a, **k: made.append("monev") or monev(*a, **k))
    out = tmp_path / "out"
    build(repo, out, manual=True, monev=True)
    assert sorted(made) == ["manual", "monev"]
    made.clear()
    again = build(repo, out, manual=True, monev=True)
    assert made == [] and {p.name for p in again.unchanged} >= {"manual.docx", "monev.docx"}
    # an edit inside one SOP's steps changes the manual (it prints every SOP) but not the monev list
    sop = repo / "umum" / "peminjaman-ruang-rapat.sop.yaml"
    sop.write_text(sop.read_text().replace("waktu: 10 menit", "waktu: 12 menit"))
    build(repo, out, manual=True, monev=True)
    assert made == ["manual"]
    made.clear()
    (out / "monev.docx").unlink()  # a book removed by hand is made again
    build(repo, out, manual=True, monev=True)
    assert made == ["monev"]


def test_a_sop_broken_between_lint_and_build_is_skipped_not_a_crash(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sopc import build as build_module  # the package: lint_paths is looked up there

    sop = repo / "umum" / "peminjaman-ruang-rapat.sop.yaml"
    lint = build_module.lint_paths

    def lint_then_break(*args, **kwargs):  # the author saves a broken file while the build runs
        result = lint(*args, **kwargs)
        sop.write_text("nomor: [\n")
        return result

    monkeypatch.setattr(build_module, "lint_paths", lint_then_break)
    result = build(repo, tmp_path / "out", lang="en", manual=True)
    assert [Path(s).name for s in result.skipped] == [sop.name]
    assert any("changed during the build" in w for w in result.warnings)
    out = tmp_path / "out"
    assert (out / "manual.docx").exists() and (out / "umum" / "pengelolaan-surat-masuk.svg").exists()
    monkeypatch.setattr(build_module, "lint_paths", lint)
    again = build(repo, tmp_path / "out", lang="en")  # linted afresh: its error is reported
    assert any(d.path.endswith(sop.name) and d.code == "SY01" for d in again.lint.diagnostics)


def test_a_build_with_nothing_to_make_never_loads_the_back_ends(repo: Path, tmp_path: Path) -> None:
    """python-docx, lxml, the layout and Graphviz are most of an unchanged build's time if imported."""
    import subprocess
    import sys

    out = tmp_path / "out"
    build(repo, out, formats=("docx", "svg"))
    probe = ("import sys; from pathlib import Path; from sopc.build import BuildOptions, build_paths; "
             f"r = build_paths([Path({str(repo)!r})], BuildOptions(out_dir=Path({str(out)!r}))); "
             "print(len(r.written), sorted(m for m in ('docx', 'lxml', 'graphviz', 'sopc.layout.swimlane', "
             "'sopc.build.render') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "0 []"


@pytest.mark.parametrize("kept", ["[]", "{\"sopc\": 1}", "not json"])
def test_a_damaged_cache_means_building_everything_again(repo: Path, tmp_path: Path, kept: str) -> None:
    out = tmp_path / "out"
    first = build(repo, out)
    for name in (".sopc-cache.json", ".sopc-lint.json"):
        (out / name).write_text(kept)
    again = build(repo, out)
    assert sorted(again.unchanged) == sorted(first.written) and not again.skipped  # same bytes: nothing rewritten


def test_old_svg_pages_are_found_as_glob_finds_them(tmp_path: Path) -> None:
    """The pages of a SOP whose cache was lost, found from one listing of the folder (not a glob
    per SOP, which grew with the square of the SOPs): the same names as `<stem>.p*.svg`."""
    import glob as globbing

    from sopc.build.cache import BuildCache

    names = ["a.svg", "a.p1.svg", "a.p12.svg", "a.p.svg", "a.px.svg", "a.b.p1.svg", "a.pdf", "ab.p1.svg",
             "a.p1.svg.bak", "x.p.p2.svg", "x.p.svg", "A.p1.svg"]
    for name in names:
        (tmp_path / name).write_text("")
    cache = BuildCache(tmp_path)
    for stem in ["a", "a.b", "ab", "x", "x.p", "a.p1", "A"]:
        expected = sorted(p.name for p in tmp_path.glob(f"{globbing.escape(stem)}.p*.svg"))
        assert sorted(cache._svg_pages(tmp_path).get(stem, [])) == expected, stem
