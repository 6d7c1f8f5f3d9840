"""Benchmark: DOCX build time per SOP (layout + document), for 15- and 60-step SOPs (issues 4 and 5).

Run:  python benchmarks/docx_speed.py [--repeat 10]
Prints the median per SOP, the first call of the process (it prepares the reference template),
and the floor issue 5 compares with: python-docx writing the same tables with the same texts
through its public API (no shapes, no merged cells). Nothing is asserted (tests never time anything).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

from docx import Document

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
        runs, floor = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            layout = layout_sop(sop, flow)
            data = build_docx(sop, layout)
            runs.append(time.perf_counter() - start)
            start = time.perf_counter()
            python_docx_tables(layout)
            floor.append(time.perf_counter() - start)
        print(f"{steps:3d} steps, {len(layout.pages)} flowchart pages: {statistics.median(runs) * 1000:7.1f} ms "
              f"per DOCX ({len(data) / 1024:.0f} KiB; median of {args.repeat}; first call {runs[0] * 1000:.0f} ms)"
              f"  | python-docx, same tables only: {statistics.median(floor) * 1000:7.1f} ms")


def python_docx_tables(layout) -> bytes:
    """The floor: python-docx's public API writing an identity table and each page's table, texts only."""
    doc = Document()
    identity = doc.add_table(rows=9, cols=3)
    for row in identity.rows:
        for cell in row.cells:
            cell.text = "Nomor SOP"
    for page in layout.pages:
        table = doc.add_table(rows=2 + len(page.rows), cols=len(layout.columns))
        for r, row in enumerate(table.rows):
            step = page.rows[r - 2] if r >= 2 else None
            for col, cell in zip(layout.columns, row.cells, strict=True):
                lines = step.cells.get(col.key, ()) if step else (col.title,)
                cell.text = "\n".join(lines)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


if __name__ == "__main__":
    main()
