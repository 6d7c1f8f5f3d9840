"""Measures of a layout's legibility, for tests and benchmarks: how often arrows cross."""

from __future__ import annotations

import itertools

from sopc.layout.geometry import Layout, Page
from sopc.layout.route import crossings_between


def page_crossings(page: Page) -> int:
    """Points where two arrows of a page cross each other."""
    return sum(crossings_between(a.points, b.points) for a, b in itertools.combinations(page.arrows, 2))


def crossings(layout: Layout) -> int:
    """Arrow crossings over all pages."""
    return sum(page_crossings(page) for page in layout.pages)
