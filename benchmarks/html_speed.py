"""Benchmark: what the HTML catalogue adds to a build, and how fast its index answers in a browser.

Run:  python benchmarks/html_speed.py [--files 1000] [--steps 15] [--repeat 3]
Issue 15 targets (2 cores, 1,000 generated SOPs): `--format html` adds at most 20% to a DOCX+SVG
build; the index opens and answers a search in under a second in headless Chromium. Builds are
whole `sopc` processes into fresh folders, the two kinds alternating (pairs, so a noisy machine
weighs on both alike); the browser is Debian's chromium driven by Playwright. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lint_speed import sop_text  # noqa: E402

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build(root: Path, out: Path, formats: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (sopc and its workers) of one whole `sopc build` process: CPU
    time is the steadier figure on a machine others share."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sopc", "build", str(root), "-o", str(out),
                    *(arg for f in formats for arg in ("--format", f))], check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def browse(index: Path, word: str) -> tuple[float, float, int]:
    """Seconds to open the index (to its load event), seconds for a search to answer, rows found."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(index.as_uri(), wait_until="load")
        opened = time.perf_counter() - started
        answer = page.evaluate("""word => {
            const input = document.getElementById("kata");
            const t = performance.now();
            input.value = word;
            input.dispatchEvent(new Event("input"));
            const found = document.querySelectorAll("tr[data-search]:not([hidden])").length;
            return [performance.now() - t, found];
        }""", word)
        browser.close()
    return opened, answer[0] / 1000, int(answer[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        for n in range(1, args.files + 1):  # ten units' folders, as a real repository has
            folder = root / f"unit-{n % 10}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"sop-{n:04d}.sop.yaml").write_text(sop_text(n, args.steps), encoding="utf-8")
        plain, html = [], []
        for i in range(args.repeat):
            plain.append(build(root, Path(tmp) / f"plain-{i}", ["docx", "svg"]))
            html.append(build(root, Path(tmp) / f"html-{i}", ["docx", "svg", "html"]))
        print(f"{args.files} SOPs x {args.steps} steps, median of {args.repeat} paired whole-process builds")
        for i, kind in ((0, "wall"), (1, "CPU ")):
            a, b = statistics.median(x[i] for x in plain), statistics.median(x[i] for x in html)
            pairs = [y[i] / x[i] - 1 for x, y in zip(plain, html, strict=True)]
            print(f"  {kind}: DOCX + SVG {a:6.2f} s, + HTML {b:6.2f} s: {(b / a - 1) * 100:+.0f}% "
                  f"(median of the pairs {statistics.median(pairs) * 100:+.0f}%; "
                  + ", ".join(f"{p * 100:+.0f}%" for p in pairs) + ")")
        index = Path(tmp) / "html-0" / "html" / "index.html"
        size = sum(p.stat().st_size for p in index.parent.rglob("*") if p.is_file())
        print(f"  catalogue: {size / 1e6:.1f} MB in html/, index {index.stat().st_size / 1e6:.2f} MB")
        try:
            opened, answered, found = browse(index, f"Prosedur Uji Nomor {args.files // 2}")
        except ImportError:
            print("  browser: Playwright is not installed (pip install -e '.[test]')")
            return
        print(f"  headless Chromium: index opened in {opened:.2f} s, a search answered in {answered * 1000:.0f} ms "
              f"({found} found)")


if __name__ == "__main__":
    main()
