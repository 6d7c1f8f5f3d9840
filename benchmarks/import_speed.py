"""Benchmark: `sopc import` of an archive of PDFs.

Run:  python benchmarks/import_speed.py [--files 100] [--steps 15]
Issue 16 target: 100 PDFs imported in under a minute on this machine. The archive is made first
(not timed): generated SOPs of several actors, decisions with their own labels and rows shared by
two actors, built to DOCX and printed to PDF by LibreOffice. Then one whole `sopc import` process
reads them all. Needs LibreOffice; nothing is asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from tests.test_import import _generated  # noqa: E402  (the generated corpus the round-trip test uses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--steps", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo, out, back = Path(tmp) / "repo", Path(tmp) / "out", Path(tmp) / "back"
        repo.mkdir()
        for n in range(1, args.files + 1):
            (repo / f"sop-{n:04d}.sop.yaml").write_text(_generated(n, args.steps + n % 7), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sopc", "build", str(repo), "-o", str(out), "--format", "docx",
                        "--pdf"], check=True, capture_output=True)
        made = time.perf_counter() - started
        pdfs = sorted(out.glob("*.pdf"))
        pages = sum(int(line.split()[-1]) for pdf in pdfs[:5] for line in subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout.splitlines() if line.startswith("Pages:"))
        print(f"{len(pdfs)} PDFs of {args.steps}-{args.steps + 6} steps (about {pages / 5:.1f} pages each), "
              f"made in {made:.1f} s")
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "sopc", "import", *map(str, pdfs), "-o", str(back)],
                                capture_output=True, text=True)
        seconds = time.perf_counter() - started
        written = len(list(back.glob("*.sop.yaml")))
        each = seconds / max(len(pdfs), 1) * 1000
        print(f"  sopc import: {seconds:.1f} s for {len(pdfs)} PDFs ({each:.0f} ms each), "
              f"{written} sources written, exit code {result.returncode}")


if __name__ == "__main__":
    main()
