"""Benchmark: `sopc lint` over N generated 15-step SOPs against bare parsing with PyYAML's C loader.

Run:  python benchmarks/lint_speed.py [--files 1000] [--steps 15] [--repeat 3]
Target (issue 2): lint within 3x of bare parsing, and under 1.5 s for 1,000 files on 2 cores.
Prints the medians; nothing is asserted (tests never time anything).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HEADER = """\
# yaml-language-server: $schema=../schemas/sop-1.schema.json
sopc: 1
nomor: {n:03d}/SOP/BU/2024
nama: Prosedur Uji Nomor {n}
jenis: administratif
tanggal:
  pembuatan: 2024-01-10
  revisi: 2027-01-10
  efektif: 2024-01-15
disahkan_oleh:
  jabatan: Kepala Bagian Umum
  nama: Dra. Sri Wahyuni, M.Si.
  nip: "19720514 200003 2 003"
dasar_hukum:
  - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
  - Peraturan Menteri PANRB Nomor 35 Tahun 2012
kualifikasi_pelaksana:
  - Memahami tata naskah dinas
keterkaitan:
  - {prev:03d}/SOP/BU/2024
peralatan: [Komputer dan printer, Buku agenda]
peringatan: Jika SOP tidak dilaksanakan, layanan dapat terlambat.
pencatatan: [Buku agenda]
waktu_penyelesaian: 10 hari kerja
instansi: Pemerintah Kabupaten Sukamaju
unit: [Sekretariat Daerah, Bagian Umum]
pelaksana:
  - {{id: pengadministrasi, nama: Pengadministrasi Umum}}
  - {{id: kasubbag, nama: Kepala Subbagian}}
  - {{id: kabag, nama: Kepala Bagian Umum}}
  - {{id: sekda, nama: Sekretaris Daerah}}
langkah:
"""
ACTORS = ["pengadministrasi", "kasubbag", "kabag", "sekda"]


def sop_text(n: int, steps: int, finding: bool = False) -> str:
    """A generated SOP; with `finding`, one warning as real repositories have (a review date passed)."""
    header = HEADER.format(n=n, prev=max(n - 1, 1))
    lines = [header.replace("revisi: 2027-01-10", "revisi: 2024-06-10") if finding else header]
    for i in range(steps):
        lines.append(f"  - kegiatan: Memproses berkas tahap {i + 1}\n"
                     f"    pelaksana: {ACTORS[i % 4]}\n"
                     f"    kelengkapan: [Berkas tahap {i}, Formulir]\n"
                     f"    waktu: {5 + i} menit\n"
                     f"    output: Berkas tahap {i + 1}\n")
        if i % 5 == 3:
            lines.append(f"    keputusan: {{pertanyaan: Lengkap?, tidak: {i}}}\n")
    return "".join(lines)


def bare_parse(files: list[Path]) -> None:
    for file in files:
        yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _peak_rss_mb(cmd: list[str]) -> float:
    """Peak resident memory of one run of `cmd`, measured in a fresh child process."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout) / 1024


def timed(func, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clean", action="store_true", help="SOPs without findings (default: one warning each)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n in range(1, args.files + 1):
            (root / f"sop-{n:04d}.sop.yaml").write_text(sop_text(n, args.steps, not args.clean), encoding="utf-8")
        files = sorted(root.glob("*.sop.yaml"))
        size = sum(f.stat().st_size for f in files)

        from sopc.config import Overrides
        from sopc.lint.run import lint_paths

        result = lint_paths([root], Overrides(lang="en"))
        assert result.files == args.files and not [d for d in result.diagnostics if d.severity.value == "error"], \
            [d.parsable() for d in result.diagnostics[:5]]

        parse = timed(lambda: bare_parse(files), args.repeat)
        in_process = timed(lambda: lint_paths([root], Overrides(lang="en")), args.repeat)
        cmd = [sys.executable, "-m", "sopc", "lint", "--format", "json", str(root)]
        whole = timed(lambda: subprocess.run(cmd, capture_output=True, check=False), args.repeat)
        single = timed(lambda: subprocess.run([*cmd, "-j", "1"], capture_output=True, check=False), args.repeat)
        peak = _peak_rss_mb([*cmd, "-j", "1"])
        startup = timed(lambda: subprocess.run([sys.executable, "-m", "sopc", "--version"], capture_output=True),
                        args.repeat)

    kind = "no findings" if args.clean else "one warning each (a review date passed)"
    print(f"{args.files} files x {args.steps} steps, {kind}, {size / 1e6:.2f} MB, median of {args.repeat} runs")
    print(f"  bare parse, PyYAML CSafeLoader (in-process): {parse:6.3f} s")
    print(f"  sopc lint_paths (in-process):                {in_process:6.3f} s  ({in_process / parse:.2f}x parse)")
    print(f"  `sopc lint` whole process, all cores:        {whole:6.3f} s  ({whole / parse:.2f}x parse)")
    print(f"  `sopc lint -j 1` whole process:              {single:6.3f} s  ({single / parse:.2f}x parse)")
    print(f"  `sopc lint -j 1` peak memory (max RSS):      {peak:6.1f} MB")
    print(f"  `sopc --version` process start-up:           {startup:6.3f} s")


if __name__ == "__main__":
    main()
