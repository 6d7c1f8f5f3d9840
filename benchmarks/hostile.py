"""What the largest and nastiest inputs cost: time and peak memory of `sopc lint` / `sopc build`.

Run:  python benchmarks/hostile.py
Each case runs in a fresh process; peak memory is that process's maximum resident set.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from layout_speed import sop_text  # noqa: E402


def billion_laughs() -> str:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join(lines) + "\n"


CASES = {
    "billion laughs (10^9 nodes if expanded)": billion_laughs(),
    "100,000 nested brackets": "sopc: 1\nx: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "1 MiB + 1 byte of comment": "sopc: 1\n#" + "x" * 1_048_576 + "\n",
    "2,000 steps (the default limit)": sop_text(2000),
    "200 steps": sop_text(200),
}


def run(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak MB and exit code of `sopc ARGS` in a fresh process."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "rc = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")
    out = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "sopc", *args],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in CASES.items():
            path = Path(tmp) / "case.sop.yaml"
            path.write_text(text, encoding="utf-8")
            lint = run(["lint", "-j", "1", str(path)])
            build = run(["build", "-j", "1", str(path), "-o", str(Path(tmp) / "out")])
            print(f"{name:40s} lint {lint[0]:6.2f} s {lint[1]:6.0f} MB exit {lint[2]}   "
                  f"build {build[0]:6.2f} s {build[1]:6.0f} MB exit {build[2]}")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"({time.perf_counter() - start:.1f} s in all)")
