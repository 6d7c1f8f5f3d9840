"""Measures of a layout's legibility, as a reader of the printed page sees it (tests and benchmarks).

`legibility` counts, per layout, what makes a line hard to follow on paper:
  hug       an arrow run along a table or lane border closer than GAP mm (for more than 1 mm)
  bundle    two arrows of different sources and targets running side by side closer than GAP mm
  header    an arrow run inside the table header
  straddle  a label across a lane or row border
  hides     a label over another arrow's line
  through   an arrow run through a symbol that is not its source or target
and `crossings` how often arrows cross.
"""

from __future__ import annotations

import itertools

from sopc.layout.geometry import Box, Layout, Page, Point
from sopc.layout.route import crossings_between

GAP = 2.0  # mm: what a reader tells apart on paper
KINDS = ("hug", "bundle", "header", "straddle", "hides", "through")

Run = tuple[Point, Point]


def page_crossings(page: Page) -> int:
    """Points where two arrows of a page cross each other."""
    return sum(crossings_between(a.points, b.points) for a, b in itertools.combinations(page.arrows, 2))


def crossings(layout: Layout) -> int:
    """Arrow crossings over all pages."""
    return sum(page_crossings(page) for page in layout.pages)


def legibility(layout: Layout) -> dict[str, list[str]]:
    """Every finding of each kind, over all pages, described for a failing test's message."""
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for page in layout.pages:
        for kind, notes in _page_findings(layout, page).items():
            found[kind] += [f"page {page.number}: {note}" for note in notes]
    return found


def _page_findings(layout: Layout, page: Page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    flat, upright = _borders(layout, page)
    header_bottom = page.top + sum(layout.header_rows)
    runs = [(arrow, a, b) for arrow in page.arrows for a, b in itertools.pairwise(arrow.points)]
    for arrow, a, b in runs:
        name = f"{arrow.src}->{arrow.dst}"
        if _along(a, b, flat, upright):
            found["hug"].append(f"{name} runs along a border at ({a.x:.1f},{a.y:.1f})-({b.x:.1f},{b.y:.1f})")
        if min(a.y, b.y) < header_bottom - 0.01:
            found["header"].append(f"{name} enters the header")
        for shape in page.shapes:
            ref = f"offpage:{shape.letter}" if shape.letter else f"{(shape.step or 0) + 1}:{shape.lane}"
            if ref not in (arrow.src, arrow.dst) and _through(a, b, shape.box):
                found["through"].append(f"{name} passes through {ref}")
    for (first, a, b), (second, c, d) in itertools.combinations(runs, 2):
        if first.src != second.src and first.dst != second.dst and _beside(a, b, c, d):
            found["bundle"].append(f"{first.src}->{first.dst} and {second.src}->{second.dst} run side by side")
    for arrow in page.arrows:
        if arrow.label is None:
            continue
        box = arrow.label.box
        if any(box.y + 0.2 < y < box.bottom - 0.2 and x0 < box.right and box.x < x1 for y, x0, x1 in flat) or \
                any(box.x + 0.2 < x < box.right - 0.2 and y0 < box.bottom and box.y < y1 for x, y0, y1 in upright):
            found["straddle"].append(f"label {arrow.label.text!r} of {arrow.src}->{arrow.dst} crosses a border")
        for other, a, b in runs:
            if other.src != arrow.src and _through(a, b, box, 0.1):
                found["hides"].append(f"label {arrow.label.text!r} lies over {other.src}->{other.dst}")
                break
    return found


def _borders(layout: Layout, page: Page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The page's horizontal rules (y, x0, x1) and vertical rules (x, y0, y1)."""
    left, right = layout.columns[0].x, layout.columns[-1].x + layout.columns[-1].w
    ys = {page.top + sum(layout.header_rows), page.body_top, page.bottom}
    ys |= {row.y for row in page.rows} | {row.bottom for row in page.rows}
    flat = [(y, left, right) for y in sorted(ys)]
    xs = {c.x for c in layout.columns} | {right}
    upright = [(x, page.top, page.bottom) for x in sorted(xs)]
    return flat, upright


def _along(a: Point, b: Point, flat: list, upright: list) -> bool:
    if abs(a.y - b.y) < 1e-6:
        return any(abs(a.y - y) < GAP and _overlap(a.x, b.x, x0, x1) > 1.0 for y, x0, x1 in flat)
    return any(abs(a.x - x) < GAP and _overlap(a.y, b.y, y0, y1) > 1.0 for x, y0, y1 in upright)


def _beside(a: Point, b: Point, c: Point, d: Point) -> bool:
    if abs(a.y - b.y) < 1e-6 and abs(c.y - d.y) < 1e-6:
        return abs(a.y - c.y) < GAP and _overlap(a.x, b.x, c.x, d.x) > 1.0
    if abs(a.x - b.x) < 1e-6 and abs(c.x - d.x) < 1e-6:
        return abs(a.x - c.x) < GAP and _overlap(a.y, b.y, c.y, d.y) > 1.0
    return False


def _through(a: Point, b: Point, box: Box, inset: float = 0.5) -> bool:
    x0, y0, x1, y1 = box.x + inset, box.y + inset, box.right - inset, box.bottom - inset
    if abs(a.y - b.y) < 1e-6:
        return y0 < a.y < y1 and _overlap(a.x, b.x, x0, x1) > 0
    return x0 < a.x < x1 and _overlap(a.y, b.y, y0, y1) > 0


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(max(a0, a1), max(b0, b1)) - max(min(a0, a1), min(b0, b1))
