"""Benchmark: DOCX build time per SOP (layout + document), for 15- and 60-step SOPs (issue 4).

Run:  python benchmarks/docx_speed.py [--repeat 10]
Prints the median per SOP; nothing is asserted (tests never time anything).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from sopc.backends.docx import build_docx
from sopc.flow import build_flow
from sopc.layout.swimlane import layout_sop
from sopc.model import validate
from sopc.source.loader import load_text

sys.path.insert(0, str(Path(__file__).parent))
from layout_speed import sop_text  # noqa: E402  (the same generated SOPs as the layout benchmark)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    for steps in (15, 60):
        source, _ = load_text(sop_text(steps))
        sop, diags = validate(source, {})
        assert sop is not None, diags
        flow = build_flow(sop)
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            layout = layout_sop(sop, flow)
            data = build_docx(sop, layout)
            runs.append(time.perf_counter() - start)
        print(f"{steps:3d} steps, {len(layout.pages)} flowchart pages: {statistics.median(runs) * 1000:7.1f} ms "
              f"per DOCX ({len(data) / 1024:.0f} KiB; median of {args.repeat})")


if __name__ == "__main__":
    main()
