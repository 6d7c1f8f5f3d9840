"""Benchmark: issue 17's table in one run — lint, build, manual — over a repository that looks real.

Run:  python benchmarks/speed_table.py [--files 1000] [--steps 15]
The corpus is the generated one the import round trip uses (tests/test_import.py): five actors,
rows shared by two, decisions back and forward with their own labels, texts on arrows, and the
findings real repositories carry (empty keterkaitan and peringatan, a review date passed). Every
figure is a whole `sopc` process; the bare libyaml parse of the same files is measured in the same
run, so the ratios hold on a noisy machine. Memory is sopc and its workers together. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))
from build_speed import timed_build  # noqa: E402
from lint_speed import bare_parse  # noqa: E402

from tests.test_import import _generated  # noqa: E402


def cpu_run(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its workers) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=15)
    args = parser.parse_args()
    sopc = [sys.executable, "-m", "sopc"]
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        for n in range(1, args.files + 1):
            (repo / f"sop-{n:04d}.sop.yaml").write_text(_generated(n, args.steps), encoding="utf-8")
        files = sorted(repo.glob("*.sop.yaml"))
        started = time.perf_counter()
        bare_parse(files)
        parse = time.perf_counter() - started
        lint = [*sopc, "lint", "--format", "json", str(repo)]
        every, _ = cpu_run(lint)
        one_wall, one_cpu = cpu_run([*lint, "-j", "1"])
        single = repo / "sop-0001.sop.yaml"
        one_build, _ = cpu_run([*sopc, "build", str(single), "-o", str(Path(tmp) / "one")])
        build_s, _, build_mb, _ = timed_build(repo, Path(tmp) / "out", [])
        books_s, _, books_mb, _ = timed_build(repo, Path(tmp) / "books", ["--manual"])
    print(f"{args.files} SOPs x {args.steps} steps (shared rows, decisions, findings); bare parse {parse:.2f} s")
    print(f"  sopc lint, all cores           {every:6.2f} s")
    print(f"  sopc lint -j 1                 {one_wall:6.2f} s, CPU {one_cpu:.2f} s = {one_cpu / parse:.2f}x the parse")
    print(f"  -j 1 against all cores         {one_wall / every:6.2f}x")
    print(f"  sopc build of one SOP          {one_build:6.2f} s")
    print(f"  full build, DOCX + SVG         {build_s:6.2f} s, {build_mb:.0f} MB (sopc and workers)")
    print(f"  the same with --manual         {books_s:6.2f} s, {books_mb:.0f} MB")


if __name__ == "__main__":
    main()
