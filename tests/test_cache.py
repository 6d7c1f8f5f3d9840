"""Incremental builds: nothing changed, nothing written; one SOP edited, only what depends on it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from sopc.build import BuildOptions, build_paths

EXAMPLES = Path(__file__).parents[1] / "examples"
SVG_ONLY = dict(formats=("svg",))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root)
    return root


def build(root: Path, out: Path, **options):
    return build_paths([root], BuildOptions(out_dir=out, **{**SVG_ONLY, **options}))


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
