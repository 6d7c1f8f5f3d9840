"""Measures of a layout's legibility, for tests and benchmarks: how often arrows cross."""

from __future__ import annotations

import itertools

from sopc.layout.geometry import Arrow, Layout, Page, Point

Segment = tuple[Point, Point]


def _segments(arrow: Arrow) -> list[Segment]:
    return list(itertools.pairwise(arrow.points))


def _cross(h: Segment, v: Segment) -> bool:
    """Whether a horizontal and a vertical segment cross strictly inside both (touching does not count)."""
    (a, b), (c, d) = h, v
    y, x = a.y, c.x
    eps = 0.01
    return (min(a.x, b.x) + eps < x < max(a.x, b.x) - eps) and (min(c.y, d.y) + eps < y < max(c.y, d.y) - eps)


def page_crossings(page: Page) -> int:
    """Points where two arrows of a page cross each other."""
    count = 0
    for first, second in itertools.combinations(page.arrows, 2):
        for s in _segments(first):
            for t in _segments(second):
                s_horizontal, t_horizontal = abs(s[0].y - s[1].y) < 1e-6, abs(t[0].y - t[1].y) < 1e-6
                if s_horizontal and not t_horizontal:
                    count += _cross(s, t)
                elif t_horizontal and not s_horizontal:
                    count += _cross(t, s)
    return count


def crossings(layout: Layout) -> int:
    """Arrow crossings over all pages."""
    return sum(page_crossings(page) for page in layout.pages)
