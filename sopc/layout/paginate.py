"""Split the rows of a flowchart onto pages, never splitting a row."""

from __future__ import annotations

BAND = 11.0  # mm: height of the connector band at the bottom (and top) of a page that continues


def paginate(heights: list[float], usable: float) -> list[list[int]]:
    """Row indexes per page. `usable` is the page height below the table header.

    One page when everything fits; otherwise every page but the first keeps a band at its top,
    and every page but the last a band at its bottom, for the off-page connectors. A row taller
    than a page gets a page of its own (it overflows: rows are never split).
    """
    if sum(heights) <= usable:
        return [list(range(len(heights)))]
    pages: list[list[int]] = [[]]
    room = usable - BAND
    for index, height in enumerate(heights):
        if pages[-1] and height > room:
            pages.append([])
            room = usable - 2 * BAND
        pages[-1].append(index)
        room -= height
    return pages
