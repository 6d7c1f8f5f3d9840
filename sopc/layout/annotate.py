"""Labels beside arrows ("Ya", "Tidak", custom labels), placed where a reader sees them whole.

A label sits beside its own arrow, as near the arrow's start as it can: inside one lane and one
row (never across a border), over no symbol, no line and no other label. Where the first runs
of the arrow have no such room, the type shrinks a little, then the label moves further along.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import lru_cache

from sopc.layout.geometry import Box, Column, Label, Point, Shape
from sopc.layout.text import PT_MM, text_width

SIZES = (6.5, 6.0, 5.5, 5.0)  # pt, largest first
OFFSET = 0.6  # mm between a label and its line
NEAR = 1.2  # mm, at least, between a label and any other arrow's line
STEP = 1.0  # mm between positions tried along a run
MARGIN = 0.35  # mm kept from a border
PAD = 0.3  # the white ground's margin around the text
RUNS = 3  # a label further along its arrow than this many runs reads as another arrow's
REACH = 45.0  # mm along one run, at most, that a label may sit from the run's start
DOOR = 2.4  # mm in front of each side of a symbol kept free of labels (arrows leave and enter there)


class Placer:
    """Places the labels of one page, one after the other, each clear of everything placed."""

    def __init__(self, lanes: tuple[Column, ...], rows: list[tuple[float, float]], shapes: tuple[Shape, ...],
                 tracks: list[float]) -> None:
        self.lanes = [(c.x + MARGIN, c.x + c.w - MARGIN) for c in lanes]
        self.rows = [(y + MARGIN, y + h - MARGIN) for y, h in rows]
        # everything a label keeps clear of, as plain (x0, y0, x1, y1): this is the inner loop of labelling
        self.blocked = [(s.box.x - 0.3, s.box.y - 0.3, s.box.x + s.box.w + 0.3, s.box.y + s.box.h + 0.3)
                        for s in shapes]
        self.doors = [(id(s), door) for s in shapes for door in _doors(s.box)]
        self.pending: dict[int, int] = {}  # id(shape) -> arrows still to draw from or into it
        self.tracks = tracks  # x of the lanes' side tracks: a label there may wall in a later route
        self.segments: list[tuple[float, float, float, float]] = []  # drawn runs, as (x0, y0, x1, y1)

    def find(self, text: str, points: tuple[Point, ...] | list[Point]) -> Label | None:
        """The first clear place beside `points` (the arrow's own line), or None."""
        sx, sy = points[0].x, points[0].y
        doors = [d for owner, d in self.doors if self.pending.get(owner)  # its own exit's door is free
                 and not (d[0] <= sx <= d[2] and d[1] <= sy <= d[3])]
        # preferred: well away from other lines and off the side tracks (a later route may need
        # them; it can still pass, moving the label); then away from other lines; then anywhere clear
        over_track: Label | None = None
        close: Label | None = None
        tracks = self.tracks
        for box, size, lines in self._candidates(text, points):
            on_track = any(box.x - 0.3 < x < box.x + box.w + 0.3 for x in tracks)
            if on_track and over_track is not None:  # no better than the one already found
                continue
            if not self._free(box, doors):
                continue
            if self._apart(box, NEAR):
                if not on_track:
                    return Label(lines, box, size)
                over_track = Label(lines, box, size)
            elif over_track is None and close is None and self._apart(box, 0.1):
                close = Label(lines, box, size)
        return over_track or close

    def fallback(self, text: str, points: tuple[Point, ...] | list[Point]) -> Label:
        """Where a label goes when no place is clear: beside the arrow's start, smallest type."""
        w, h = _size(text, SIZES[-1])
        return Label(text, Box(points[0].x + OFFSET, points[0].y - OFFSET - h, w, h), SIZES[-1])

    def _candidates(self, text: str, points: tuple[Point, ...] | list[Point]) -> Iterator[tuple[Box, float, str]]:
        shown = [text, *([_two_lines(text)] if " " in text else [])]  # then a long label on two lines
        for lines in shown:
            for a, b in list(itertools.pairwise(points))[:RUNS]:
                for size in SIZES:
                    w, h = _size(lines, size)
                    yield from ((box, size, lines) for box in self._along(a, b, w, h))

    def _along(self, a: Point, b: Point, w: float, h: float) -> Iterator[Box]:
        """Boxes beside the run a-b inside one lane and one row, from its start onwards: above then
        below a horizontal run, right then left of a vertical one. The side of a run that cannot
        hold the box in one lane (or one row) is ruled out at once."""
        length = min(REACH, abs(a.x - b.x) + abs(a.y - b.y))
        sign = 1.0 if (b.x - a.x) + (b.y - a.y) >= 0 else -1.0
        horizontal = abs(a.y - b.y) < 1e-6
        lanes, rows = self.lanes, self.rows
        if horizontal:
            sides = [y for y in (a.y - OFFSET - h, a.y + OFFSET) if any(lo <= y and y + h <= hi for lo, hi in rows)]
        else:
            sides = [x for x in (a.x + OFFSET, a.x - OFFSET - w) if any(lo <= x and x + w <= hi for lo, hi in lanes)]
        if not sides:
            return
        extent = w if horizontal else h
        t = 0.8
        while True:
            if horizontal:
                x = a.x + sign * t - (w if sign < 0 else 0.0)
                if any(lo <= x and x + w <= hi for lo, hi in lanes):
                    yield from (Box(x, y, w, h) for y in sides)
            else:
                y = a.y + sign * t - (h if sign < 0 else 0.0)
                if any(lo <= y and y + h <= hi for lo, hi in rows):
                    yield from (Box(x, y, w, h) for x in sides)
            t += STEP
            if t + extent > length + 0.5:
                break

    def _free(self, box: Box, doors: list[tuple[float, float, float, float]]) -> bool:
        """Over no symbol, no label and no door kept free."""
        x0, y0 = box.x, box.y
        x1, y1 = x0 + box.w, y0 + box.h
        for bx0, by0, bx1, by1 in self.blocked:
            if x0 < bx1 and bx0 < x1 and y0 < by1 and by0 < y1:
                return False
        for bx0, by0, bx1, by1 in doors:
            if x0 < bx1 and bx0 < x1 and y0 < by1 and by0 < y1:
                return False
        return True

    def _apart(self, box: Box, near: float) -> bool:
        """No other arrow's line enters the box grown by `near`: a reader gives a label to the line
        it stands by, so no other line may be nearer to it."""
        x0, y0, x1, y1 = box.x - near, box.y - near, box.x + box.w + near, box.y + box.h + near
        return not any(sx0 < x1 and sx1 > x0 and sy0 < y1 and sy1 > y0 for sx0, sy0, sx1, sy1 in self.segments)


@lru_cache(maxsize=256)
def _size(text: str, size_pt: float) -> tuple[float, float]:
    """Width and height of a label's ground; `text` may hold two lines (split by a newline)."""
    lines = text.split("\n")
    return max(text_width(line, size_pt) for line in lines) + 2 * PAD, len(lines) * size_pt * PT_MM * 1.2


@lru_cache(maxsize=256)
def _two_lines(text: str) -> str:
    """The text on two lines, broken at the space that makes the longer line shortest."""
    words = text.split()
    best = min(range(1, len(words)), key=lambda i: max(text_width(" ".join(words[:i]), 6.0),
                                                      text_width(" ".join(words[i:]), 6.0)))
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


def _doors(box: Box) -> tuple[tuple[float, float, float, float], ...]:
    """The room in front of a symbol's four mid-points, where arrows leave and enter, as (x0, y0, x1, y1):
    kept free of labels while the symbol has arrows still to draw, or a label placed early could wall it in."""
    x0, y0, x1, y1 = box.x, box.y, box.x + box.w, box.y + box.h
    cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, DOOR / 2
    return ((cx - half, y1, cx + half, y1 + DOOR), (cx - half, y0 - DOOR, cx + half, y0),
            (x1, cy - half, x1 + DOOR, cy + half), (x0 - DOOR, cy - half, x0, cy + half))
