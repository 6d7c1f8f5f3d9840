"""Benchmark: `sopc build` over a generated repository: full build, no-op rebuild, one edit, memory.

Run:  python benchmarks/build_speed.py [--files 1000] [--steps 15]
Issue 5 targets (2 cores, 1,000 15-step SOPs): full build under 25 s, no-op under 1.5 s, one edit
under 2 s, peak memory under 500 MB. Each build is a fresh `sopc` process; nothing is asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lint_speed import sop_text  # noqa: E402


def timed_build(root: Path, out: Path) -> tuple[float, float, str]:
    """Seconds, peak MB and the summary line of one `sopc build` process."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
             "print(p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr[-300:])")
    lines = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "sopc", "build", str(root),
                            "-o", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()
    seconds, kb = lines[0].split()
    return float(seconds), int(kb) / 1024, lines[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--steps", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "repo", Path(tmp) / "out"
        root.mkdir()
        for n in range(1, args.files + 1):
            (root / f"sop-{n:04d}.sop.yaml").write_text(sop_text(n, args.steps), encoding="utf-8")
        print(f"{args.files} SOPs x {args.steps} steps (DOCX + SVG)")
        for label in ("full build", "no-op rebuild"):
            seconds, mb, summary = timed_build(root, out)
            print(f"  {label:16s} {seconds:7.2f} s  peak {mb:6.0f} MB  | {summary}")
        edited = root / "sop-0001.sop.yaml"
        edited.write_text(edited.read_text().replace("Prosedur Uji Nomor 1", "Prosedur Uji Nomor Satu"))
        seconds, mb, summary = timed_build(root, out)
        print(f"  {'one edit':16s} {seconds:7.2f} s  peak {mb:6.0f} MB  | {summary}")


if __name__ == "__main__":
    main()
