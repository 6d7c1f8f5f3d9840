"""Orthogonal arrows on one page, in allocated tracks: symbols never crossed, segments never shared.

Vertical runs between rows that are not neighbours use channels: bands beside each lane
boundary that no symbol reaches into. Horizontal runs between lanes use corridors: the gaps
between one row's symbols and the next row's. Each channel and corridor holds numbered tracks,
and every run takes a track that no other run uses over the same stretch.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from sopc.layout.geometry import Box, Column, Label, Point, Shape

TRACK_GAP = 1.5  # mm between neighbouring tracks
CLEARANCE = 0.9  # mm kept free between a track and a symbol, and between runs on one track


@dataclass
class Tracks:
    """Parallel lines a run can use, most preferred first, with the stretches already taken on each."""

    positions: list[float]
    taken: list[list[tuple[float, float, object]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.taken = [[] for _ in self.positions]

    def take(self, lo: float, hi: float, net: object = None) -> float:
        """The first track free over [lo, hi], which is then taken.

        Runs of one net (the arrows forking from one symbol, or merging into one) share a track:
        they are drawn as one branching line, never as parallel ones.
        """
        lo, hi = min(lo, hi) - CLEARANCE, max(lo, hi) + CLEARANCE
        for i in range(len(self.positions)):
            if all(hi <= a or lo >= b or (net is not None and owner == net) for a, b, owner in self.taken[i]):
                self.taken[i].append((lo, hi, net))
                return self.positions[i]
        least = min(range(len(self.positions)), key=lambda i: (len(self.taken[i]), i))
        self.taken[least].append((lo, hi, net))  # more runs than room: share the least-used track
        return self.positions[least]


def _centre_out(lo: float, hi: float) -> list[float]:
    """Track positions across [lo, hi], nearest the middle first, alternately either side of it.

    The middle itself is never a track: there the table's own row or lane line runs, and an
    arrow drawn on it would disappear into the grid.
    """
    mid = (lo + hi) / 2
    if hi - lo < TRACK_GAP:
        return [mid + min(TRACK_GAP / 2, (hi - lo) / 2)]
    out: list[float] = []
    k = 0
    while True:
        offset = (k + 0.5) * TRACK_GAP
        inside = [c for c in (mid + offset, mid - offset) if lo <= c <= hi]
        if not inside:
            return out
        out += inside
        k += 1


@dataclass(frozen=True)
class Slot:
    """A horizontal band of the page holding symbols: a step's row or a connector band."""

    y: float
    h: float
    shapes: tuple[Shape, ...]


@dataclass(frozen=True)
class Placed:
    """A symbol with the slot and lane it stands in."""

    shape: Shape
    slot: int
    lane: int

    @property
    def box(self) -> Box:
        return self.shape.box


class Router:
    """Routes the arrows of one page; call `route` shortest arrows first, so long loops wrap short ones."""

    def __init__(self, lanes: tuple[Column, ...], slots: list[Slot], symbol_w: float) -> None:
        self.lanes, self.slots = lanes, slots
        half = symbol_w / 2 + CLEARANCE
        n = len(lanes)
        self.channels = []
        for b in range(n + 1):
            lo = lanes[0].x + CLEARANCE if b == 0 else lanes[b - 1].cx + half
            hi = lanes[-1].x + lanes[-1].w - CLEARANCE if b == n else lanes[b].cx - half
            self.channels.append(Tracks(_centre_out(lo, hi)))
        self.corridors = [Tracks(_centre_out(*self._corridor_span(i))) for i in range(len(slots) + 1)]
        self.sides_used: dict[int, set[str]] = {}

    def _corridor_span(self, i: int) -> tuple[float, float]:
        """The free band above slot i: from the symbols of slot i-1 (or the slot's top) to those of slot i."""
        above = self.slots[i - 1] if i > 0 else None
        below = self.slots[i] if i < len(self.slots) else None
        edge = above or below
        assert edge is not None  # a page has at least one slot
        top = max((s.box.bottom for s in above.shapes), default=above.y + above.h / 2) if above else edge.y
        bottom = (min((s.box.y for s in below.shapes), default=below.y + below.h / 2) if below
                  else edge.y + edge.h)
        return top + CLEARANCE, bottom - CLEARANCE

    def exits(self, src: Placed, dst: Placed, bottom_free: bool) -> list[str]:
        """Where an arrow may leave its symbol, best first: the bottom towards the next row, else a side."""
        if bottom_free and dst.slot == src.slot + 1:
            return ["bottom"]
        lane_centre = self.lanes[src.lane].cx
        if src.shape.kind == "offpage" and abs(src.box.cx - lane_centre) > 0.01:
            # connectors side by side in one lane leave outwards, never across each other
            return ["left" if src.box.cx < lane_centre else "right"]
        facing = "right" if dst.lane > src.lane or dst.lane == src.lane else "left"
        other = "left" if facing == "right" else "right"
        used = self.sides_used.get(id(src.shape), set())
        return [side for side in (facing, other) if side not in used] or [facing]

    def route_best(self, src: Placed, dst: Placed, bottom_free: bool, routed: list[tuple[Point, ...]],
                   label_width: float = 0.0) -> tuple[str, tuple[Point, ...]]:
        """Try each exit and keep the one whose label stays inside the lanes (a label over the
        Kegiatan or Mutu Baku text is worse than a crossing), then the route crossing the fewest
        arrows already drawn, then the shorter one.
        """
        candidates = self.exits(src, dst, bottom_free)
        if len(candidates) > 1:
            scores = []
            for side in candidates:
                saved = self._save()
                points = self.route(src, dst, side)
                self._restore(saved)
                crossing = sum(crossings_between(points, other) for other in routed)
                scores.append((self._label_outside(points[0], side, label_width), crossing, _length(points)))
            candidates = [min(zip(scores, candidates, strict=True))[1]]
        side = candidates[0]
        if side != "bottom":
            self.sides_used.setdefault(id(src.shape), set()).add(side)
        return side, self.route(src, dst, side)

    def _label_outside(self, start: Point, side: str, width: float) -> bool:
        left, right = self.lanes[0].x, self.lanes[-1].x + self.lanes[-1].w
        if side == "left":
            return start.x - 1.0 - width < left
        return side == "right" and start.x + 1.0 + width > right

    def _save(self) -> list[list[list[tuple[float, float, object]]]]:
        return [[list(taken) for taken in tracks.taken] for tracks in (*self.channels, *self.corridors)]

    def _restore(self, saved: list[list[list[tuple[float, float, object]]]]) -> None:
        for tracks, taken in zip((*self.channels, *self.corridors), saved, strict=True):
            tracks.taken = taken

    def route(self, src: Placed, dst: Placed, side: str) -> tuple[Point, ...]:
        """The polyline from `src` to `dst`, leaving by `side` (bottom, left or right)."""
        if side == "bottom":
            return self._down(src, dst)
        return self._around(src, dst, side == "right")

    def _down(self, src: Placed, dst: Placed) -> tuple[Point, ...]:
        start, end = src.box.bottom_mid(), dst.box.top_mid()
        if abs(start.x - end.x) < 0.01:
            return start, end
        y = self.corridors[dst.slot].take(start.x, end.x, net=self._net(src, dst))
        return start, Point(start.x, y), Point(end.x, y), end

    def _net(self, src: Placed, dst: Placed) -> object:
        """Arrows between two neighbouring rows fork from one symbol, or merge into one: one line each."""
        forks = sum(1 for s in self.slots[dst.slot].shapes if s.box.y >= src.box.bottom) > 1
        return ("from", id(src.shape)) if forks else ("to", id(dst.shape))

    def _around(self, src: Placed, dst: Placed, right: bool) -> tuple[Point, ...]:
        start = src.box.side_mid(right)
        boundary = src.lane + (1 if right else 0)
        channel = self.channels[boundary]
        if self._side_entry(src, dst, boundary):
            end = dst.box.side_mid(dst.lane == boundary - 1)
            x = channel.take(start.y, end.y)
            return start, Point(x, start.y), Point(x, end.y), end
        corridor = self.corridors[dst.slot]
        # the channel run ends on whichever corridor track is free, so reserve the corridor's depth
        x = channel.take(min(start.y, *corridor.positions), max(start.y, *corridor.positions))
        y = corridor.take(x, dst.box.cx)
        end = dst.box.top_mid()
        return start, Point(x, start.y), Point(x, y), Point(end.x, y), end

    @staticmethod
    def _side_entry(src: Placed, dst: Placed, boundary: int) -> bool:
        """Enter by the target's side when the channel runs along its lane (not a diamond: its sides are exits)."""
        adjacent = dst.lane in (boundary, boundary - 1)
        return adjacent and dst.slot != src.slot and dst.shape.kind not in ("decision", "offpage")


def _length(points: tuple[Point, ...]) -> float:
    return sum(abs(a.x - b.x) + abs(a.y - b.y) for a, b in itertools.pairwise(points))


def crossings_between(first: tuple[Point, ...], second: tuple[Point, ...]) -> int:
    """Points where two orthogonal polylines cross (touching ends do not count)."""
    count = 0
    for a, b in itertools.pairwise(first):
        for c, d in itertools.pairwise(second):
            for (h1, h2), (v1, v2) in (((a, b), (c, d)), ((c, d), (a, b))):
                if abs(h1.y - h2.y) < 1e-6 and abs(v1.x - v2.x) < 1e-6:
                    inside_h = min(h1.x, h2.x) + 0.01 < v1.x < max(h1.x, h2.x) - 0.01
                    inside_v = min(v1.y, v2.y) + 0.01 < h1.y < max(v1.y, v2.y) - 0.01
                    count += inside_h and inside_v
    return count


def exit_label(text: str | None, points: tuple[Point, ...], side: str) -> Label | None:
    """A decision label beside the first run of its arrow."""
    if not text:
        return None
    start = points[0]
    if side == "bottom":
        return Label(text, Point(start.x + 1.2, start.y + 2.8), "start")
    if side == "right":
        return Label(text, Point(start.x + 1.0, start.y - 1.0), "start")
    return Label(text, Point(start.x - 1.0, start.y - 1.0), "end")
