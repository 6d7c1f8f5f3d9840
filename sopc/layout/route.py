"""Orthogonal arrows on one page, in allocated tracks clear of the table's borders.

An arrow leaves its symbol from a side (at mid-height) or from the bottom and runs through the
free space of rows and lanes, as the signed originals draw it, never along a border:
- a horizontal run lies on a row's mid line (between that row's symbols), or on a track of the
  row's upper or lower band (between the row's borders and its symbols);
- a vertical run lies on a lane's centre line (through rows where the lane holds no symbol), or
  on a track of a lane's side zone (between its symbols and its borders).
Every track keeps GAP from the borders, SEP from its neighbour and CLEAR from the symbols, so
no run can lie on or beside a border, and two runs never lie side by side. Runs of one net (a
fork from one exit, or a merge into one symbol) share their tracks and are drawn as one line.
Band tracks are not bounded by the row's height: a route may use more than the row holds, and
the row then grows (`needs`) — space is allocated for the routes, not hoped for.

Each arrow is routed by trying a few route shapes (straight, L, Z through a side zone, through
a band), cheapest first by length and bends, adding the crossings with arrows already drawn;
a candidate that would touch a symbol or a taken track is never drawn.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from sopc.layout.annotate import Placer
from sopc.layout.geometry import Box, Column, Label, Point, Shape

GAP = 2.2  # mm between a run and any table or lane border it runs along
SEP = 2.2  # mm between two parallel runs of different arrows
CLEAR = 1.3  # mm between a run and a symbol it passes
HEAD = 2.0  # mm of straight run an arrow should end with: its arrowhead sits there, not on a bend
SHORT_HEAD = 15.0  # what ending with a shorter run costs
ZONE_START = 2.5  # mm from a lane's symbols to its first side track (a lane of MIN_LANE still holds one)
BEND = 8.0  # what a bend costs, in millimetres of length: a reader follows a straight line best
CROSS = 12.0  # what crossing another arrow costs
GROW = 5.0  # what a band track beyond a row's present height costs (the row grows by SEP)
NO_LABEL = 40.0  # what a route costs whose label finds no clear place beside it
SHARED_TRACK = 60.0  # a run on a track another arrow holds (the last resort, before crossing a symbol)
INTO_BOTTOM = 15.0  # a symbol's bottom is where its own arrow leaves: entered only when nothing else fits
INTO_DIAMOND_SIDE = 20.0  # a diamond's sides are where its branches leave: enter by its top when possible


@dataclass(frozen=True)
class Net:
    """Whose run this is: arrows of one exit (a fork) or into one symbol (a merge) may share a line."""

    out: tuple[str, str]  # source ref and edge kind
    into: str  # target ref

    def shares(self, other: Net) -> bool:
        return self.out == other.out or self.into == other.into


class Tracks:
    """Parallel lines for runs, most preferred first, with the stretches taken on each."""

    __slots__ = ("positions", "taken")  # a page makes dozens: kept light

    def __init__(self, positions: list[float]) -> None:
        self.positions = positions
        self.taken: list[list[tuple[float, float, Net]]] = [[] for _ in positions]

    def position(self, index: int) -> float:
        return self.positions[index]

    def count(self) -> int:
        return len(self.positions)

    def free(self, index: int, lo: float, hi: float, net: Net) -> bool:
        if lo > hi:
            lo, hi = hi, lo
        lo, hi = lo - SEP / 2, hi + SEP / 2
        out, into = net.out, net.into
        for a, b, owner in self._taken(index):
            if hi > a and lo < b and owner.out != out and owner.into != into:
                return False
        return True

    def first_free(self, lo: float, hi: float, net: Net) -> int | None:
        for i in range(self.count()):
            if self.free(i, lo, hi, net):
                return i
        return None

    def runs(self, index: int) -> list[tuple[float, float, Net]]:
        """The list the runs taken on track `index` are kept in (the router appends to it)."""
        return self.taken[index]

    def runs_on(self, index: int) -> list[tuple[float, float, Net]]:
        """The runs taken on track `index` (read only)."""
        return self.taken[index]

    def _taken(self, index: int) -> list[tuple[float, float, Net]]:
        return self.taken[index]


class Band(Tracks):
    """The tracks between a row's border and its symbols, counted from the border inwards.

    Unbounded: track k lies GAP + k * SEP from the border whatever the row's height; the tracks
    past `capacity` are what the row must grow to hold.
    """

    __slots__ = ("edge", "inward", "capacity", "closed", "bands")

    def __init__(self, edge: float, inward: float, capacity: int, closed: bool = False) -> None:
        super().__init__([])
        self.edge, self.inward, self.capacity, self.closed = edge, inward, capacity, closed
        self.bands: dict[int, list[tuple[float, float, Net]]] = {}

    def position(self, index: int) -> float:
        return self.edge + self.inward * (GAP + index * SEP)

    def count(self) -> int:
        if self.closed:  # a connector band holds no runs beside its connectors
            return 0
        return self.used() + 1  # always one more than used: the band is unbounded

    def _taken(self, index: int) -> list[tuple[float, float, Net]]:
        return self.bands.get(index, [])

    def runs(self, index: int) -> list[tuple[float, float, Net]]:
        return self.bands.setdefault(index, [])

    def runs_on(self, index: int) -> list[tuple[float, float, Net]]:
        return self.bands.get(index) or _NO_RUNS

    def used(self) -> int:
        used = 0  # a plain loop: asked for each time a route looks for a free track
        for i, runs in self.bands.items():
            if runs and i >= used:
                used = i + 1
        return used


@dataclass(frozen=True)
class Slot:
    """A horizontal band of the page holding symbols: a step's row or a connector band."""

    y: float
    h: float
    shapes: tuple[Shape, ...]
    connector_band: bool = False

    @property
    def mid(self) -> float:
        return self.y + self.h / 2

    @property
    def symbol_h(self) -> float:
        return max((s.box.h for s in self.shapes), default=0.0)


@dataclass(frozen=True)
class Placed:
    """A symbol with the slot and lane it stands in."""

    shape: Shape
    slot: int
    lane: int
    ref: str

    @property
    def box(self) -> Box:
        return self.shape.box


def band_room(symbol_h: float, tracks: int) -> float:
    """The row height that holds `tracks` band tracks above and below symbols `symbol_h` high."""
    return symbol_h + 2 * (GAP + (tracks - 1) * SEP + HEAD) if tracks else symbol_h


class _Leg(NamedTuple):
    """One run of a candidate route: the track it lies on and the stretch it takes there."""

    tracks: Tracks
    number: int  # which of the tracks
    lo: float
    hi: float


class _Candidate:
    """A route under consideration: its points, the legs they take, and how it leaves and enters."""

    __slots__ = ("points", "legs", "exit", "entry", "bends", "length", "_runs")  # made by the hundred per page

    def __init__(self, points: list[Point], legs: list[_Leg], exit: str, entry: str, bends: int = 0) -> None:
        self.points, self.legs, self.exit, self.entry, self.bends = points, legs, exit, entry, bends
        self.length = sum(abs(a.x - b.x) + abs(a.y - b.y) for a, b in itertools.pairwise(points))
        self._runs: tuple[list, list] | None = None

    def runs(self) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
        """Its horizontal and vertical runs (`_split`), made once: crossings are counted more than once."""
        if self._runs is None:
            self._runs = _split(self.points)
        return self._runs


ALL_EXITS = ("bottom", "left", "right")


@dataclass(frozen=True)
class Request:
    """One arrow to route: from a symbol to a symbol, and the exits and entries it may use."""

    src: Placed
    dst: Placed
    kind: str
    exits: tuple[str, ...] = ALL_EXITS
    label: str | None = None
    entries: tuple[str, ...] = ("top", "left", "right", "bottom")  # bottom: only within a row




class Router:
    """Routes the arrows of one page; `route` shortest arrows first, so long loops wrap short ones."""

    def __init__(self, lanes: tuple[Column, ...], slots: list[Slot], symbol_w: float) -> None:
        self.lanes, self.slots = lanes, slots
        self.centres = [Tracks([lane.cx]) for lane in lanes]
        self.by_lane: list[list[tuple[int, Shape]]] = [[] for _ in lanes]
        for s, slot in enumerate(slots):
            for shape in slot.shapes:
                self.by_lane[self._lane_of(shape.box.cx)].append((s, shape))
        # what `_clear` keeps runs out of, as plain numbers: the symbols of each lane (an upright run
        # keeps CLEAR / 2 beside them) and of each slot (a flat run keeps 0.3 mm)
        self.lane_boxes = [[(id(sh), sh.box.x - CLEAR / 2, sh.box.y - 0.3, sh.box.right + CLEAR / 2,
                             sh.box.bottom + 0.3) for _, sh in shapes] for shapes in self.by_lane]
        self.slot_boxes = [[(id(sh), sh.box.x - 0.3, sh.box.right + 0.3) for sh in slot.shapes] for slot in slots]
        self.zones: list[dict[str, Tracks]] = []
        for i, lane in enumerate(lanes):
            # the zone starts beside the lane's centred symbols; a connector standing off-centre in
            # some row is an obstacle there only (`_clear`), not a reason to narrow the whole lane
            half = max([symbol_w / 2] + [sh.box.w / 2 for _, sh in self.by_lane[i] if abs(sh.box.cx - lane.cx) < 0.01])
            # the first track far enough from the symbols for an arrow entering a side to show its head
            right = _spaced(lane.cx + half + ZONE_START, lane.x + lane.w - GAP)
            left = [2 * lane.cx - x for x in _spaced(lane.cx + half + ZONE_START, lane.cx + (lane.cx - lane.x) - GAP)]
            self.zones.append({"left": Tracks(left), "right": Tracks(right)})
        self.mids = [Tracks([slot.mid]) for slot in slots]
        # where each track lies, for `_clear`: the lane of an upright one, the slot of a row's mid line
        self.home = {id(t): i for i, t in enumerate(self.centres)}
        self.home.update((id(t), i) for i, zone in enumerate(self.zones) for t in zone.values())
        self.home.update((id(t), i) for i, t in enumerate(self.mids))
        self.upper: list[Band] = []
        self.lower: list[Band] = []
        for slot in slots:
            # the innermost track keeps HEAD from the symbols: an arrow dropping from it into a top
            # shows its head on a straight run
            room = max(0, int(((slot.h - slot.symbol_h) / 2 - GAP - HEAD + 1e-6) // SEP) + 1)
            self.upper.append(Band(slot.y, 1.0, room, slot.connector_band))
            self.lower.append(Band(slot.y + slot.h, -1.0, room, slot.connector_band))
        self.placer = Placer(lanes, [(slot.y, slot.h) for slot in slots], tuple(s for sl in slots for s in sl.shapes),
                             [x for zone in self.zones for tracks in zone.values() for x in tracks.positions])
        # placed labels, as (x0, y0, x1, y1) grown by 0.2 mm: later arrows keep out of them
        self.labels: list[tuple[float, float, float, float]] = []
        self.sides: dict[tuple[int, str], object] = {}  # (id(shape), side) -> the owner using it
        # a fork leaves by one exit, a merge from one row arrives by one entry: the first branch decides
        self.exit_of: dict[tuple[str, str], str] = {}
        self.entry_of: dict[tuple[str, int], str] = {}
        self.net = Net(("", ""), "")  # the net being routed
        self.relaxed = False  # the last resort: taken tracks may be shared, at a price
        # each drawn route: its net, bounds, and its horizontal and vertical runs (crossings are counted often)
        self.drawn: list[Net] = []  # the nets drawn
        # every drawn run, sorted: horizontal ones (y, x0, x1, ...) and upright ones (x, y0, y1, ...)
        self.flats: list[tuple[float, float, float, int, Net]] = []
        self.uprights: list[tuple[float, float, float, int, Net]] = []
        self.last_cost = 0.0  # the cost of the route `attempt` drew
        self.bound = float("inf")  # the best cost found so far in the search under way (builders skip worse)
        self.journal: list[tuple[Any, object, object]] = []  # every change made in a trial (`restore`)
        self.trials: list[int] = []  # the trials open (`snapshot`), by where their journal starts
        self.owners: list[tuple[Label, tuple[Point, ...]]] = []  # each placed label and the line it stands by
        self.evicting = False  # a route may pass placed labels, which are then placed anew (`moved`)
        self.moved: dict[Label, Label] = {}  # labels placed anew: the old one -> where it went
        self.strained: list[Request] = []  # arrows that found no free way (shared a track or a side)

    def _lane_of(self, x: float) -> int:
        for i, lane in enumerate(self.lanes):
            if x < lane.x + lane.w:
                return i
        return len(self.lanes) - 1

    def needs(self) -> dict[int, int]:
        """Band tracks each slot must hold for the routes drawn (slots that need more than they hold)."""
        out = {}
        for s in range(len(self.slots)):
            used = max(self.upper[s].used(), self.lower[s].used())
            if used > self.upper[s].capacity:
                out[s] = used
        return out

    # --- routing -----------------------------------------------------------------------------

    def route(self, request: Request) -> tuple[tuple[Point, ...], Label | None]:
        """The best polyline for `request` and its label, their tracks and place then taken."""
        net = Net((request.src.ref, request.kind), request.dst.ref)
        self.net = net
        self._drawn(request)  # its own symbols' doors are its to use
        found = self._best(request, net)
        if found is None:  # the preferred exits are taken: any exit, any entry
            found = self._best(replace(request, exits=ALL_EXITS), net, locked=False)
        if found is None and not self.trials:  # walled in by labels placed earlier: go through, and place
            self.evicting = True                # those labels anew (not in a trial: that is not taken back)
            found = self._best(replace(request, exits=ALL_EXITS), net, locked=False)
            self.evicting = False
            if found is not None:
                points, label = self._commit(request, net, found[1], found[2])
                self._replace_labels(found[1].points)
                return points, label
        if found is None:  # every track is taken: share one (a bundle) rather than cross a symbol
            self.strained.append(request)
            self.relaxed = True
            found = self._best(replace(request, exits=ALL_EXITS), net, locked=False)
            self.relaxed = False
        if found is None:  # nothing fits: a plain route (no test layout ever needs it)
            points = self._fallback(request)
            label = self.placer.fallback(request.label, points) if request.label else None
            return points, label
        _, cand, label = found
        return self._commit(request, net, cand, label)

    def expect(self, requests: list[Request]) -> None:
        """The arrows this page will draw: their symbols' doors stay free of labels until drawn."""
        for req in requests:
            for placed in (req.src, req.dst):
                key = id(placed.shape)
                self.placer.pending[key] = self.placer.pending.get(key, 0) + 1

    def _drawn(self, request: Request) -> None:
        pending = self.placer.pending
        for placed in (request.src, request.dst):
            key = id(placed.shape)
            self._set(pending, key, pending.get(key, 1) - 1)

    # every change routing makes goes through these two, and is written in `journal`, so that
    # `restore` can take back what was tried (a fork's exits, a merge's entries) without copying
    def _append(self, target: list, item: object) -> None:
        target.append(item)
        if self.trials:
            self.journal.append((target, None, None))

    def _set(self, target: dict, key: object, value: object) -> None:
        if self.trials:
            self.journal.append((target, key, target.get(key, _MISSING)))
        target[key] = value

    def snapshot(self) -> int:
        """Open a trial: `restore` takes back every route drawn since, `keep` keeps them."""
        self.trials.append(len(self.journal))
        return len(self.journal)

    def _insort(self, target: list, item: tuple) -> None:
        bisect.insort(target, item)
        if self.trials:
            self.journal.append((target, _SORTED, item))

    def restore(self, snap: int) -> None:
        while len(self.journal) > snap:
            target, key, old = self.journal.pop()
            if key is _SORTED:
                target.remove(old)
            elif isinstance(target, list):
                target.pop()
            elif old is _MISSING:
                del target[key]
            else:
                target[key] = old
        self.keep(snap)

    def keep(self, snap: int) -> None:
        """Close the trial opened last (at `snap`), keeping what it drew. Trials nest; outside any,
        nothing is written down."""
        assert self.trials and self.trials[-1] == snap, "trials close in the order opposite to opening"
        self.trials.pop()
        if not self.trials:
            self.journal.clear()

    def attempt(self, request: Request) -> tuple[tuple[Point, ...] | None, Label | None]:
        """Route `request` by its preferred exits only (no retry), as `route` would draw it; (None, None)
        when they do not serve. Its cost is then `last_cost`."""
        net = Net((request.src.ref, request.kind), request.dst.ref)
        self.net = net
        self._drawn(request)
        found = self._best(request, net)
        if found is None:
            return None, None
        self.last_cost, cand, label = found
        return self._commit(request, net, cand, label)

    def place_label(self, text: str, branches: list[tuple[Point, ...]]) -> Label:
        """A fork's one label, placed once all its branches are drawn: beside the trunk they share."""
        trunk = list(branches[0])
        for other in branches[1:]:
            common = 0
            while common < min(len(trunk), len(other)) and trunk[common] == other[common]:
                common += 1
            if common < len(trunk) and common < len(other) and common > 0:
                a, b, c = trunk[common - 1], trunk[common], other[common]
                # the branches part inside this run: the trunk ends where the nearer one turns off
                nearer = b if abs(b.x - a.x) + abs(b.y - a.y) <= abs(c.x - a.x) + abs(c.y - a.y) else c
                trunk = [*trunk[:common], nearer]
            else:
                trunk = trunk[:max(common, 2)]
        label = self.placer.find(text, trunk) or self.placer.find(text, branches[0]) \
            or self.placer.fallback(text, branches[0])
        self._append(self.placer.blocked, label.box.edges())
        self._append(self.labels, _keep_out(label.box))
        self._append(self.owners, (label, tuple(trunk)))
        return label

    def _replace_labels(self, points: list[Point]) -> None:
        """Labels the route just drawn passes through, placed again beside their own lines (a
        place clear of it now, else the smallest type beside the line's start)."""
        for i, (x0, y0, x1, y1) in enumerate(self.labels):
            if not any(min(a.x, b.x) < x1 and max(a.x, b.x) > x0 and min(a.y, b.y) < y1 and max(a.y, b.y) > y0
                       for a, b in itertools.pairwise(points)):
                continue
            old, line = self.owners[i]
            self.placer.blocked.remove(old.box.edges())
            new = self.placer.find(old.text.replace("\n", " "), line) or self.placer.fallback(old.text, line)
            self.placer.blocked.append(new.box.edges())
            self.labels[i], self.owners[i] = _keep_out(new.box), (new, line)
            self.moved[old] = new

    def _commit(self, request: Request, net: Net, cand: _Candidate,
                label: Label | None) -> tuple[tuple[Point, ...], Label | None]:
        if request.label and label is None:
            label = self.placer.fallback(request.label, cand.points)
        for a, b in itertools.pairwise(cand.points):  # the placer keeps later labels off this line
            self._append(self.placer.segments, (min(a.x, b.x), min(a.y, b.y), max(a.x, b.x), max(a.y, b.y)))
        if label is not None:
            self._append(self.placer.blocked, label.box.edges())
            self._append(self.labels, _keep_out(label.box))
            self._append(self.owners, (label, tuple(cand.points)))
        for leg in cand.legs:
            lo, hi = min(leg.lo, leg.hi), max(leg.lo, leg.hi)
            self._append(leg.tracks.runs(leg.number), (lo - SEP / 2, hi + SEP / 2, net))
        if net.out not in self.exit_of:
            self._set(self.exit_of, net.out, cand.exit)
        if (net.into, request.src.slot) not in self.entry_of:
            self._set(self.entry_of, (net.into, request.src.slot), cand.entry)
        self._set(self.sides, (id(request.src.shape), cand.exit), ("out", net.out))
        self._set(self.sides, (id(request.dst.shape), cand.entry), ("in", net.into))
        self._append(self.drawn, net)
        flat, upright = cand.runs()  # kept sorted, so that crossings are looked up, not counted
        for y, x0, x1 in flat:
            self._insort(self.flats, (y, x0, x1, id(net), net))
        for x, y0, y1 in upright:
            self._insort(self.uprights, (x, y0, y1, id(net), net))
        return tuple(_simplify(cand.points)), label

    def _best(self, request: Request, net: Net, locked: bool = True) -> tuple[float, _Candidate, Label | None] | None:
        """Cheapest first, shape by shape (fewest bends first), stopping once nothing can cost less."""
        s, d = request.src, request.dst
        exits = [e for e in request.exits if self._side_free(s, e, ("out", net.out))]
        entries = [e for e in request.entries if e != "bottom" or s.slot == d.slot]  # bottom: within a row
        entries = [e for e in entries if self._side_free(d, e, ("in", net.into))]
        if locked:
            exits = [e for e in exits if self.exit_of.get(net.out, e) == e]
            entries = [e for e in entries if self.entry_of.get((net.into, s.slot), e) == e]
        gap = max(0.0, abs(s.box.cx - d.box.cx) - (s.box.w + d.box.w) / 2) + \
            max(0.0, abs(s.box.cy - d.box.cy) - (s.box.h + d.box.h) / 2)
        plain = self._plain(request, net, exits, entries)
        zeds: list[_Candidate] | None = None  # a loop's Z routes, made once for the fast path and the search
        if plain is None and d.slot < s.slot:
            zeds, plain = self._loop(request, net, exits, entries)
        if plain is not None:
            return (plain[0].length + BEND * plain[0].bends, *plain)
        sharing = any(n.shares(net) for n in self.drawn)  # a fork's or merge's later branch
        # A label is looked for only on the cheapest routes, last: a route whose label finds no room
        # costs NO_LABEL more, so `bound` (what any route must cost less than to matter) is the best
        # route with its label, or the cheapest route still unlabelled as if it found none.
        best: tuple[float, _Candidate, Label | None] | None = None
        waiting: list[tuple[float, int, _Candidate]] = []  # routes whose label is not yet looked for
        self.bound = float("inf")
        for bends, builders in self._shapes:
            if waiting:  # the labels of the cheapest routes so far: a firm bound for the routes with more bends
                best = self._labelled(request, best, waiting)
                waiting = []
            limit = self._limit(best, waiting)  # kept up to date below as routes are found
            self.bound = limit if not sharing else float("inf")
            # lower bounds: the shortest such route; for a later branch, whose runs on its net's
            # tracks cost nothing, only its bends
            if (BEND * bends if sharing else gap + BEND * bends) >= limit:
                break
            made = [zeds if build == self._zed and zeds is not None else build(s, d, exits, entries)
                    for build in builders]
            found = [c for cands in made for c in cands if c is not None]
            for cand in sorted(found, key=lambda c: c.length + BEND * c.bends):
                base = cand.length + BEND * cand.bends
                if (BEND * cand.bends if sharing else base) >= limit:
                    if not sharing:
                        break
                    continue
                if not self._clear(cand, s, d):
                    continue
                cost = self._cost(cand, net, base)
                if cost is not None and d.shape.kind == "decision" and cand.entry != "top":
                    cost += INTO_DIAMOND_SIDE
                if cost is not None and cand.entry == "bottom":
                    cost += INTO_BOTTOM
                if cost is None or cost >= limit:
                    continue
                if request.label:
                    waiting.append((cost, len(waiting), cand))
                    limit = min(limit, cost + NO_LABEL)
                else:
                    best, limit = (cost, cand, None), cost
        return self._labelled(request, best, waiting)

    def _labelled(self, request: Request, best: tuple[float, _Candidate, Label | None] | None,
                  waiting: list[tuple[float, int, _Candidate]]) -> tuple[float, _Candidate, Label | None] | None:
        """The best of `best` and the routes waiting for their label, cheapest first, each priced with
        NO_LABEL when its label finds no place (looking stops once no waiting route can win)."""
        for cost, _, cand in sorted(waiting, key=lambda w: w[:2]):
            if best is not None and cost >= best[0]:
                break
            label = self.placer.find(request.label, cand.points) if request.label else None
            total = cost if label is not None else cost + NO_LABEL
            if best is None or total < best[0]:
                best = (total, cand, label)
        return best

    @staticmethod
    def _limit(best: tuple[float, _Candidate, Label | None] | None, waiting: list) -> float:
        """What a route must cost less than to matter (see `_best`)."""
        limit = best[0] if best is not None else float("inf")
        return min([limit] + [cost + NO_LABEL for cost, _, _ in waiting])

    def _plain(self, request: Request, net: Net, exits: list[str],
               entries: list[str]) -> tuple[_Candidate, Label | None] | None:
        """Most arrows: straight down, straight along the row, or one bend into the next actor's
        symbol. When that route is perfect (`_perfect`), no other shape can be better."""
        s, d = request.src, request.dst
        for build in (self._straight, self._row, self._ell):
            for cand in build(s, d, exits, entries):
                if cand is None or (build == self._row and cand.bends):  # in a row: only side to side
                    continue
                found = self._perfect(cand, request, net)
                if found is not None:
                    return found
            if build == self._straight and s.lane == d.lane and d.slot > s.slot:
                return None  # straight down was not free: let the search weigh the detours
        return None

    def _loop(self, request: Request, net: Net, exits: list[str],
              entries: list[str]) -> tuple[list[_Candidate], tuple[_Candidate, Label | None] | None]:
        """A loop back: only Z routes (two bends) and longer ones (three) reach a row above. Its Z
        routes, shortest first, and the shortest when it is perfect and no three-bend route could
        be shorter (then it is the best)."""
        s, d = request.src, request.dst
        self.bound = float("inf")
        zeds = sorted((c for c in self._zed(s, d, exits, entries) if c is not None), key=lambda c: c.length)
        nearest = min((abs(p.x - q.x) + abs(p.y - q.y) for p in (_mid(s.box, e) for e in exits)
                       for q in (_mid(d.box, e) for e in entries)), default=0.0)
        if zeds and d.shape.kind != "decision" and zeds[0].length + 2 * BEND <= nearest + 3 * BEND:
            return zeds, self._perfect(zeds[0], request, net)
        return zeds, None

    def _perfect(self, cand: _Candidate, request: Request,
                 net: Net) -> tuple[_Candidate, Label | None] | None:
        """The candidate and its label when it is clear of symbols, on free tracks, crosses nothing,
        enters no diamond by a side and has room for its label; else None."""
        s, d = request.src, request.dst
        if not self._clear(cand, s, d) or (d.shape.kind == "decision" and cand.entry != "top"):
            return None
        if not all(leg.tracks.free(leg.number, leg.lo, leg.hi, net) for leg in cand.legs) \
                or self._crossings(cand, net):
            return None
        label = self.placer.find(request.label, cand.points) if request.label else None
        return (cand, label) if request.label is None or label is not None else None

    @property
    def _shapes(self) -> tuple[tuple[int, tuple], ...]:
        """The route shapes by the fewest bends each can have."""
        return ((0, (self._straight, self._row)), (1, (self._ell,)), (2, (self._zed, self._via_band)),
                (3, (self._via_zone_band, self._band_zone)))

    def _cost(self, cand: _Candidate, net: Net, base: float) -> float | None:
        shared = 0.0
        grow = 0
        out, into = net.out, net.into
        for leg in cand.legs:
            tracks = leg.tracks
            lo, hi = (leg.lo, leg.hi) if leg.lo <= leg.hi else (leg.hi, leg.lo)
            taken = False
            for a, b, owner in tracks.runs_on(leg.number):  # taken by another net: not free;
                if owner.out == out or owner.into == into:  # by its own: that stretch costs nothing
                    shared += max(0.0, min(hi, b - SEP / 2) - max(lo, a + SEP / 2))
                elif hi + SEP / 2 > a and lo - SEP / 2 < b:
                    taken = True
            if taken:
                if not self.relaxed:
                    return None
                base += SHARED_TRACK
            if isinstance(tracks, Band) and leg.number >= tracks.capacity:
                grow += leg.number - tracks.capacity + 1
        bend, end = cand.points[-2], cand.points[-1]
        if abs(bend.x - end.x) + abs(bend.y - end.y) < HEAD:  # its arrowhead would sit on the bend
            base += SHORT_HEAD
        return base - shared + CROSS * self._crossings(cand, net) + GROW * grow

    def _crossings(self, cand: _Candidate, net: Net) -> int:
        """How many drawn arrows of other nets the candidate's runs cross."""
        flat, upright = cand.runs()
        out, into = net.out, net.into
        count = 0
        uprights, flats = self.uprights, self.flats
        for y, x0, x1 in flat:  # the drawn uprights with x0 < x < x1
            for x, y0, y1, _, other in uprights[bisect.bisect_right(uprights, (x0, _INF)):]:
                if x >= x1:
                    break
                if y0 < y < y1 and other.out != out and other.into != into:
                    count += 1
        for x, y0, y1 in upright:
            for y, fx0, fx1, _, other in flats[bisect.bisect_right(flats, (y0, _INF)):]:
                if y >= y1:
                    break
                if fx0 < x < fx1 and other.out != out and other.into != into:
                    count += 1
        return count

    def _fallback(self, request: Request) -> tuple[Point, ...]:
        src, dst = request.src.box, request.dst.box
        start, end = src.bottom_mid(), dst.top_mid()
        return start, Point(start.x, (start.y + end.y) / 2), Point(end.x, (start.y + end.y) / 2), end

    def _side_free(self, placed: Placed, side: str, owner: object) -> bool:
        used = self.sides.get((id(placed.shape), side))
        return used is None or used == owner or self.relaxed

    # each builder yields candidates of one shape; None where the shape does not apply

    def _straight(self, s: Placed, d: Placed, exits: list[str], entries: list[str]) -> Iterator[_Candidate | None]:
        if s.lane == d.lane and d.slot > s.slot and "bottom" in exits and "top" in entries \
                and abs(s.box.cx - d.box.cx) < 0.01:
            a, b = s.box.bottom_mid(), d.box.top_mid()
            yield _Candidate([a, b], [self._vleg(s.lane, a.y, b.y)], "bottom", "top")

    def _ell(self, s: Placed, d: Placed, exits: list[str], entries: list[str]) -> Iterator[_Candidate | None]:
        if d.slot <= s.slot or s.lane == d.lane:
            return
        side = "right" if d.lane > s.lane else "left"
        if side in exits and "top" in entries:  # out of the side, along the row, down into the top
            a, b = s.box.side_mid(side == "right"), d.box.top_mid()
            corner = Point(b.x, a.y)
            yield _Candidate([a, corner, b], [_Leg(self.mids[s.slot], 0, a.x, b.x),
                                              self._vleg(d.lane, a.y, b.y)], side, "top", 1)
        facing = "left" if d.lane > s.lane else "right"
        if "bottom" in exits and facing in entries:  # down the lane, along the target's row into its side
            a, b = s.box.bottom_mid(), d.box.side_mid(facing == "right")
            corner = Point(a.x, b.y)
            yield _Candidate([a, corner, b], [self._vleg(s.lane, a.y, b.y),
                                              _Leg(self.mids[d.slot], 0, a.x, b.x)], "bottom", facing, 1)

    def _zone_tracks(self, s: Placed, d: Placed) -> Iterator[Tracks]:
        """The upright tracks a route between s and d may take: the side zones of the lanes between
        them, and their centres (where a lane is empty over the run's rows)."""
        wider = 1 if s.lane == d.lane else 0  # a loop within one lane may go round through a neighbour
        lo, hi = max(0, min(s.lane, d.lane) - wider), min(len(self.lanes) - 1, max(s.lane, d.lane) + wider)
        for lane in range(lo, hi + 1):
            yield self.zones[lane]["left"]
            yield self.zones[lane]["right"]
            yield self.centres[lane]

    def _zed(self, s: Placed, d: Placed, exits: list[str], entries: list[str]) -> Iterator[_Candidate | None]:
        """Out of a side, along the row to a side zone, up or down it, along the target's row into its side."""
        if s.slot == d.slot:
            return
        free: dict[Tracks, int | None] = {}  # a side's mid-point is at one height whichever side: looked up once
        for side_s in ("left", "right"):
            if side_s not in exits:
                continue
            a = s.box.side_mid(side_s == "right")
            for side_d in ("left", "right"):
                if side_d not in entries:
                    continue
                b = d.box.side_mid(side_d == "right")
                for tracks in self._zone_tracks(s, d):
                    if self._too_long(tracks, a, b, 2):
                        continue
                    if tracks not in free:
                        free[tracks] = self._free(tracks, a.y, b.y)
                    index = free[tracks]
                    if index is None:
                        continue
                    x = tracks.position(index)
                    if not _beyond_side(x, a.x, side_s) or not _beyond_side(x, b.x, side_d):
                        continue
                    legs = [_Leg(self.mids[s.slot], 0, a.x, x), _Leg(tracks, index, a.y, b.y),
                            _Leg(self.mids[d.slot], 0, x, b.x)]
                    yield _Candidate([a, Point(x, a.y), Point(x, b.y), b], legs, side_s, side_d, 2)

    def _via_band(self, s: Placed, d: Placed, exits: list[str], entries: list[str]) -> Iterator[_Candidate | None]:
        """Down from the bottom to a band track, along it, down into the top (forks and merges)."""
        if d.slot <= s.slot or "bottom" not in exits or "top" not in entries:
            return
        a, b = s.box.bottom_mid(), d.box.top_mid()
        for band in (self.lower[s.slot], self.upper[d.slot]):
            index = self._free(band, a.x, b.x)
            if index is None:
                continue
            y = band.position(index)
            legs = [self._vleg(s.lane, a.y, y), _Leg(band, index, a.x, b.x), self._vleg(d.lane, y, b.y)]
            yield _Candidate([a, Point(a.x, y), Point(b.x, y), b], legs, "bottom", "top", 2)

    def _via_zone_band(self, s: Placed, d: Placed, exits: list[str],
                       entries: list[str]) -> Iterator[_Candidate | None]:
        """Out of a side to a side zone, up or down it to the target row's upper band, down into the top
        (within one row too: over the symbols between, rather than into a bottom the target leaves by)."""
        if "top" not in entries:
            return
        band = self.upper[d.slot]
        b = d.box.top_mid()
        free: dict[Tracks, int | None] = {}  # as in `_zed`
        for side_s in ("left", "right"):
            if side_s not in exits:
                continue
            a = s.box.side_mid(side_s == "right")
            for tracks in self._zone_tracks(s, d):
                if self._too_long(tracks, a, b, 3):
                    continue
                if tracks not in free:
                    free[tracks] = self._free(tracks, a.y, band.position(0))
                index = free[tracks]
                if index is None:
                    continue
                x = tracks.position(index)
                if not _beyond_side(x, a.x, side_s):
                    continue
                k = self._free(band, x, b.x)
                if k is None:
                    continue
                y = band.position(k)
                legs = [_Leg(self.mids[s.slot], 0, a.x, x), _Leg(tracks, index, a.y, y),
                        _Leg(band, k, x, b.x), self._vleg(d.lane, y, b.y)]
                yield _Candidate([a, Point(x, a.y), Point(x, y), Point(b.x, y), b], legs, side_s, "top", 3)

    def _band_zone(self, s: Placed, d: Placed, exits: list[str], entries: list[str]) -> Iterator[_Candidate | None]:
        """Down from the bottom to the lower band, along it to a side zone, up or down it into the target's side."""
        band = self.lower[s.slot]
        if "bottom" not in exits or s.slot == d.slot:
            return
        a = s.box.bottom_mid()
        free: dict[Tracks, tuple[int | None, int | None]] = {}  # as in `_zed`: the band's track, the zone's
        for side_d in ("left", "right"):
            if side_d not in entries:
                continue
            b = d.box.side_mid(side_d == "right")
            for tracks in self._zone_tracks(s, d):
                if tracks.count() == 0 or self._too_long(tracks, a, b, 3):
                    continue
                if tracks not in free:
                    k = self._free(band, a.x, tracks.position(0))
                    free[tracks] = (k, None if k is None else self._free(tracks, band.position(k), b.y))
                k, index = free[tracks]
                if k is None or index is None:
                    continue
                y, x = band.position(k), tracks.position(index)
                if not _beyond_side(x, b.x, side_d):
                    continue
                legs = [self._vleg(s.lane, a.y, y), _Leg(band, k, a.x, x), _Leg(tracks, index, y, b.y),
                        _Leg(self.mids[d.slot], 0, x, b.x)]
                yield _Candidate([a, Point(a.x, y), Point(x, y), Point(x, b.y), b], legs, "bottom", side_d, 3)

    def _row(self, s: Placed, d: Placed, exits: list[str], entries: list[str]) -> Iterator[_Candidate | None]:
        """Within one row: straight from side to side, or under the symbols between into the bottom."""
        if s.slot != d.slot:
            return
        right = d.box.cx > s.box.cx
        side_s, side_d = ("right", "left") if right else ("left", "right")
        if side_s in exits and side_d in entries:
            a, b = s.box.side_mid(right), d.box.side_mid(not right)
            yield _Candidate([a, b], [_Leg(self.mids[s.slot], 0, a.x, b.x)], side_s, side_d)
        band = self.lower[s.slot]
        if "bottom" in exits and "bottom" in entries:
            a, b = s.box.bottom_mid(), d.box.bottom_mid()
            k = self._free(band, a.x, b.x)
            if k is not None:
                y = band.position(k)
                legs = [self._vleg(s.lane, a.y, y), _Leg(band, k, a.x, b.x), self._vleg(d.lane, y, b.y)]
                yield _Candidate([a, Point(a.x, y), Point(b.x, y), b], legs, "bottom", "bottom", 2)

    # --- legs and checks ---------------------------------------------------------------------

    def _too_long(self, tracks: Tracks, a: Point, b: Point, bends: int) -> bool:
        """Whether a route from a to b through any of these tracks, with these bends, cannot beat the
        best found (`bound`): even through its nearest track it is at least that long."""
        if not tracks.count():
            return False
        x = tracks.position(0)
        length = abs(a.x - x) + abs(x - b.x) + abs(a.y - b.y) - 2 * SEP * tracks.count()
        return length + BEND * bends >= self.bound

    def _free(self, tracks: Tracks, lo: float, hi: float) -> int | None:
        """The first track free over [lo, hi]; in the last resort, the first track whatever holds it."""
        index = tracks.first_free(lo, hi, self.net)
        return 0 if index is None and self.relaxed and tracks.count() else index

    def _vleg(self, lane: int, y1: float, y2: float) -> _Leg:
        return _Leg(self.centres[lane], 0, y1, y2)

    def _clear(self, cand: _Candidate, s: Placed, d: Placed) -> bool:
        """No run passes through a symbol other than the route's own two ends (band runs lie
        beside the row's symbols by construction, once the row has grown to hold them), nor
        through a label."""
        own = (id(s.shape), id(d.shape))
        points = cand.points
        for i, leg in enumerate(cand.legs):
            a, b = points[i], points[i + 1]
            x0, x1 = (a.x, b.x) if a.x <= b.x else (b.x, a.x)
            y0, y1 = (a.y, b.y) if a.y <= b.y else (b.y, a.y)
            for lx0, ly0, lx1, ly1 in (() if self.evicting else self.labels):
                if x0 < lx1 and x1 > lx0 and y0 < ly1 and y1 > ly0:
                    return False
            if isinstance(leg.tracks, Band):
                continue
            home = self.home[id(leg.tracks)]
            if x1 - x0 < 1e-6:  # upright: clear of the symbols of its lane, by CLEAR / 2 at least
                for ident, bx0, by0, bx1, by1 in self.lane_boxes[home]:
                    if bx0 < a.x < bx1 and y0 < by1 and y1 > by0 and ident not in own:
                        return False
            else:
                for ident, bx0, bx1 in self.slot_boxes[home]:
                    if x0 < bx1 and x1 > bx0 and ident not in own:
                        return False
        return True


def _split(points: list[Point]) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """A polyline's horizontal runs (y, x0, x1) and vertical runs (x, y0, y1)."""
    flat, upright = [], []
    for a, b in itertools.pairwise(points):
        if abs(a.y - b.y) < 1e-6:
            flat.append((a.y, min(a.x, b.x) + 0.01, max(a.x, b.x) - 0.01))
        else:
            upright.append((a.x, min(a.y, b.y) + 0.01, max(a.y, b.y) - 0.01))
    return flat, upright


def _cross(flat: list[tuple[float, float, float]], upright: list[tuple[float, float, float]]) -> int:
    return sum(1 for y, x0, x1 in flat for x, y0, y1 in upright if x0 < x < x1 and y0 < y < y1)


_MISSING = object()  # a key the journal saw absent
_NO_RUNS: list[tuple[float, float, Net]] = []  # what an unused band track holds (read only)
_SORTED = object()  # the journal's mark of an item put into a sorted list
_INF = float("inf")


def _beyond_side(x: float, side_x: float, side: str) -> bool:
    """Whether a run at `x` lies out beyond a symbol's `side` (at `side_x`), not on or behind it."""
    return x >= side_x + CLEAR if side == "right" else x <= side_x - CLEAR


def _mid(box: Box, side: str) -> Point:
    """The mid-point of a symbol's side, where an arrow leaves or enters by it."""
    if side in ("left", "right"):
        return box.side_mid(side == "right")
    return box.bottom_mid() if side == "bottom" else box.top_mid()


def _keep_out(box: Box) -> tuple[float, float, float, float]:
    """A label's box grown by 0.2 mm: the room no run may enter."""
    return box.x - 0.2, box.y - 0.2, box.right + 0.2, box.bottom + 0.2


def _spaced(start: float, stop: float) -> list[float]:
    """Track positions from `start` outwards, SEP apart, up to `stop`."""
    out = []
    x = start
    while x <= stop + 1e-9:
        out.append(x)
        x += SEP
    return out


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1].x - p.x) < 1e-6 and abs(out[-1].y - p.y) < 1e-6:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a.x - b.x) < 1e-6 and abs(b.x - p.x) < 1e-6) or (abs(a.y - b.y) < 1e-6 and abs(b.y - p.y) < 1e-6):
                out[-1] = p
                continue
        out.append(p)
    return out


def crossings_between(first: tuple[Point, ...] | list[Point], second: tuple[Point, ...] | list[Point]) -> int:
    """Points where two orthogonal polylines cross (touching ends do not count)."""
    flat, upright = _split(list(first))
    other_flat, other_upright = _split(list(second))
    return _cross(flat, other_upright) + _cross(other_flat, upright)
