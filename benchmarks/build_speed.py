"""Benchmark: `sopc build` over a generated repository: full build, no-op rebuild, one edit, memory.

Run:  python benchmarks/build_speed.py [--files 1000] [--steps 15]
Issue 5 targets (2 cores, 1,000 15-step SOPs): full build under 25 s, no-op under 1.5 s, one edit
under 2 s, peak memory under 500 MB. Each build is a fresh `sopc` process (with its workers: the
memory of all of them together is sampled every 20 ms); nothing is asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lint_speed import sop_text  # noqa: E402

PROBE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
         "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
         "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
         "print(p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr[-300:])")


def timed_build(root: Path, out: Path, extra: list[str]) -> tuple[float, float, float, str]:
    """Seconds, the largest process's peak MB, the peak MB of all its processes together (sampled
    every 0.2 s; Linux only, else 0) and the summary line of one `sopc build` process."""
    probe = subprocess.Popen([sys.executable, "-c", PROBE, sys.executable, "-m", "sopc", "build", str(root),
                              "-o", str(out), *extra], stdout=subprocess.PIPE, text=True)
    tree_peak = 0
    while probe.poll() is None:
        tree_peak = max(tree_peak, _descendants_rss_kb(probe.pid))  # sopc and its workers, not the probe
        time.sleep(0.2)
    lines = probe.communicate()[0].splitlines()
    seconds, kb = lines[0].split()
    return float(seconds), int(kb) / 1024, tree_peak / 1024, lines[1]


def _descendants_rss_kb(root: int) -> int:
    """Resident memory of the descendants of `root`, from /proc (0 where there is no /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        parents[pid] = int(fields.get("PPid", "0").strip() or 0)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, frontier = set(), [root]
    while frontier:
        pid = frontier.pop()
        children = [c for c, parent in parents.items() if parent == pid and c not in tree]
        tree.update(children)
        frontier += children
    return sum(rss.get(pid, 0) for pid in tree)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--books", action="store_true", help="also the manual and the monev forms")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "repo", Path(tmp) / "out"
        root.mkdir()
        for n in range(1, args.files + 1):
            (root / f"sop-{n:04d}.sop.yaml").write_text(sop_text(n, args.steps), encoding="utf-8")
        print(f"{args.files} SOPs x {args.steps} steps (DOCX + SVG{' + manual + monev' if args.books else ''})")
        for label in ("full build", "no-op rebuild", "one edit"):
            if label == "one edit":
                edited = root / "sop-0001.sop.yaml"
                edited.write_text(edited.read_text().replace("Prosedur Uji Nomor 1", "Prosedur Uji Nomor Satu"))
            seconds, largest, tree, summary = timed_build(root, out, ["--manual", "--monev"] if args.books else [])
            print(f"  {label:14s} {seconds:6.2f} s  peak: largest process {largest:4.0f} MB, all processes "
                  f"{tree:4.0f} MB  | {summary}")


if __name__ == "__main__":
    main()
