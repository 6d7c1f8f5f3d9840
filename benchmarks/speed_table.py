"""Benchmark: issue 17's table in one run — lint, one SOP, the full build, the manual — over
repositories that look real, each figure beside a bare libyaml parse of the same files.

Run:  python benchmarks/speed_table.py [--files 100 1000 3000] [--steps 15 40] [--repeat 3]
Default: 1,000 SOPs of 15 steps. The corpus is the one the import round trip uses
(tests/test_import.py): five actors, rows shared by two, decisions back and forward with their own
labels, texts on arrows, and the findings real repositories carry (empty keterkaitan and
peringatan, a review date passed: three warnings a SOP). Every figure is a whole `sopc` process,
the median of `--repeat` runs (the one-SOP build: of 5 × repeat); memory is sopc and its workers
together, sampled. sopc's modules are compiled to bytecode first, as `pip install` does (with
PYTHONDONTWRITEBYTECODE set and no bytecode, each start would compile them again). The bare
parse is measured in the same run, so the ratios hold on a noisy machine. Nothing is asserted.

Targets (issue 17, 2 cores, 1,000 × 15): lint < 1.5 s and `-j 1` CPU ≤ 2× the parse; `-j 2`
faster than `-j 1`; one SOP < 0.35 s; full DOCX + SVG build < 8 s and < 300 MB (3,000: < 600 MB);
with the manual < 10 s and < 300 MB.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import statistics
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

ROOT = Path(__file__).parents[1]


def cpu_run(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its workers) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_run(cmd: list[str], repeat: int) -> tuple[float, float]:
    runs = [cpu_run(cmd) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def table(files: int, steps: int, repeat: int, tmp: Path) -> list[str]:
    sopc = [sys.executable, "-m", "sopc"]
    repo = tmp / f"repo-{files}-{steps}"
    repo.mkdir()
    for n in range(1, files + 1):
        (repo / f"sop-{n:04d}.sop.yaml").write_text(_generated(n, steps), encoding="utf-8")
    sources = sorted(repo.glob("*.sop.yaml"))
    parses = []
    for _ in range(repeat):
        started = time.perf_counter()
        bare_parse(sources)
        parses.append(time.perf_counter() - started)
    parse = statistics.median(parses)
    # the same as a whole process, as every sopc figure is: Python's start and PyYAML's import in it
    bare = [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); from lint_speed import bare_parse; "
            "from pathlib import Path; bare_parse(sorted(Path(sys.argv[2]).glob('*.sop.yaml')))",
            str(Path(__file__).parent), str(repo)]
    process_wall, process_cpu = median_run(bare, repeat)
    lint = [*sopc, "lint", "--format", "json", str(repo)]
    every, every_cpu = median_run(lint, repeat)
    one_wall, one_cpu = median_run([*lint, "-j", "1"], repeat)
    single = repo / "sop-0001.sop.yaml"
    one_sop = []
    for n in range(5 * repeat):
        one_sop.append(cpu_run([*sopc, "build", str(single), "-o", str(tmp / f"one-{files}-{steps}-{n}")])[0])
    builds = [timed_build(repo, tmp / f"out-{files}-{steps}-{n}", []) for n in range(repeat)]
    books = [timed_build(repo, tmp / f"books-{files}-{steps}-{n}", ["--manual"]) for n in range(repeat)]
    build_s, build_mb = statistics.median(b[0] for b in builds), statistics.median(b[2] for b in builds)
    books_s, books_mb = statistics.median(b[0] for b in books), statistics.median(b[2] for b in books)
    return [
        f"{files} SOPs x {steps} steps (shared rows, decisions, 3 warnings each); bare libyaml parse {parse:.2f} s "
        f"in a process already started, {process_cpu:.2f} s CPU as a whole process",
        f"  sopc lint, all cores           {every:6.2f} s = {every / parse:.2f}x the parse (CPU {every_cpu:.2f} s)",
        f"  sopc lint -j 1                 {one_wall:6.2f} s, CPU {one_cpu:.2f} s = {one_cpu / parse:.2f}x the parse "
        f"({one_cpu / process_cpu:.2f}x the parse's process)",
        f"  -j 1 against all cores         {one_wall / every:6.2f}x",
        f"  sopc build of one SOP          {statistics.median(one_sop):6.2f} s (fastest {min(one_sop):.2f} s)",
        f"  full build, DOCX + SVG         {build_s:6.2f} s, {build_mb:.0f} MB (sopc and workers)",
        f"  the same with --manual         {books_s:6.2f} s, {books_mb:.0f} MB",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[1000])
    parser.add_argument("--steps", type=int, nargs="+", default=[15])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "sopc", quiet=1)
    compileall.compile_dir(ROOT / "templates", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        for files in args.files:
            for steps in args.steps:
                print("\n".join(table(files, steps, args.repeat, Path(tmp))), flush=True)


if __name__ == "__main__":
    main()
