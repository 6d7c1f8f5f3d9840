"""Sop + Flow -> Layout: lanes, rows, symbols, routed arrows and page splits with off-page connectors.

Row heights come from each row's text and from the routes the row must hold: the pages are
routed, a row that must hold more tracks than it has grows, and the rows are paginated and
routed again until every row holds its routes (one or two passes for almost every SOP).

A jump to another page leaves through an off-page connector beside its source and arrives at
the matching connector beside its target. Only the flow running on from a page's last row to
the next page's first row passes through connectors in the bands at the page's foot and head,
in the column it leaves from, as the signed originals draw it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from sopc.flow import Edge, Flow, Node
from sopc.layout.geometry import Arrow, Box, Column, Layout, Page, Point, Row, Shape
from sopc.layout.paginate import BAND, paginate
from sopc.layout.route import ALL_EXITS, GAP, Placed, Request, Router, Slot, band_room
from sopc.layout.table import GROUP_TITLES, MARGIN, columns, header_heights, text_height, wrapped_cells
from sopc.layout.text import text_width, wrap
from sopc.model.sop import Sop
from sopc.texts.labels import Labels, labels

SLACK = 1.5  # mm kept free at the foot of every page
SYMBOL_H = {"terminator": 7.0, "process": 7.0, "decision": 10.0, "offpage": 6.0}
CONNECTOR_W = 7.0
MIN_ROW = 16.0
QUESTION_PT = 5.5
PASSES = 4  # route, grow the rows that need it, route again: never more than this
LABEL_ROOM = 12.5  # mm kept, where the lane allows, between a lane's border and a connector beside a decision
FORK_ELSEWHERE = 10.0  # what a fork leaving by an exit other than its preferred ones costs (mm)


@dataclass(frozen=True)
class Crossing:
    """Arrows of one exit to a step on another page, drawn through one pair of lettered connectors.

    `inline`: the connectors stand beside the source and beside the target, in their rows;
    otherwise (the flow running on to the next page's first row) in the page-edge bands.
    """

    letter: str
    src: Node
    src_page: int
    dst_page: int
    edges: tuple[Edge, ...]
    inline: bool

    @property
    def forward(self) -> bool:
        return self.dst_page > self.src_page


def layout_sop(sop: Sop, flow: Flow, paper: str = "A4", text: Labels | None = None, single_sheet: bool = False,
               margin: float = MARGIN) -> Layout:
    """The complete geometry of a SOP's flowchart table on `paper` (landscape), inside `margin` mm,
    headed by `text`'s titles (default: sopc's Indonesian labels), which it measures.

    `single_sheet` puts every row on one sheet as tall as it needs (no page splits, no connectors).
    """
    text = text if text is not None else labels("id")
    cols, dims = columns(sop, paper, text, margin)
    header, lane_titles, title_pt = header_heights(cols)
    cells = [wrapped_cells(step, i + 1, cols) for i, step in enumerate(sop.langkah)]
    # a row starts with room for one band track above and below its symbols: most rows need no more
    heights = [max(MIN_ROW, band_room(SYMBOL_H[flow.step_symbol(i).value], 1),
                   *(text_height(lines) for lines in c.values())) for i, c in enumerate(cells)]
    # SLACK: the DOCX puts a one-point anchor paragraph above each page's table, and rows are
    # rounded to twips; a page filled to the last tenth of a millimetre would spill over
    usable = dims.height - 2 * margin - sum(header) - SLACK
    lanes = tuple(c for c in cols if c.key == "lane")
    for _ in range(PASSES):
        page_of_rows = paginate(heights, float("inf") if single_sheet else usable)
        page_of = {step: p for p, steps in enumerate(page_of_rows) for step in steps}
        sheet = _Sheet(sop, flow, lanes, cells, heights, margin, sum(header), dims.symbol_w,
                       _crossings(flow, page_of, page_of_rows), page_of)
        built = [_page(sheet, p, steps, last=p == len(page_of_rows) - 1) for p, steps in enumerate(page_of_rows)]
        grown = {step: h for _, needs in built for step, h in needs.items()}
        if not grown:
            break
        heights = [max(h, grown.get(i, 0.0)) for i, h in enumerate(heights)]
    pages = tuple(page for page, _ in built)
    height = max(dims.height, pages[-1].bottom + margin) if single_sheet else dims.height
    return Layout(paper, dims.width, height, margin, cols, header, lane_titles, pages, title_pt,
                  tuple(step.kegiatan for step in sop.langkah), {key: text[key] for key in GROUP_TITLES})


@dataclass(frozen=True)
class _Sheet:
    """What every page of one SOP's layout is built from."""

    sop: Sop
    flow: Flow
    lanes: tuple[Column, ...]
    cells: list[dict]
    heights: list[float]
    top: float  # where each page's table starts (the top margin)
    header_h: float
    symbol_w: float
    crossings: list[Crossing]
    page_of: dict[int, int]  # step -> page index

    @property
    def lane_index(self) -> dict[str | None, int]:
        return {c.actor: i for i, c in enumerate(self.lanes)}


def _crossings(flow: Flow, page_of: dict[int, int], pages: list[list[int]]) -> list[Crossing]:
    """One connector pair per exit (source symbol and kind) and target step, lettered A, B, C... in source order."""
    groups: dict[tuple[Node, str, int], list[Edge]] = {}
    for edge in flow.edges:
        if page_of[edge.src.step] != page_of[edge.dst.step]:
            groups.setdefault((edge.src, edge.kind.value, edge.dst.step), []).append(edge)
    ordered = sorted(groups.items(), key=lambda item: (item[0][0].step, item[0][2], item[0][1], item[0][0].lane or ""))
    out = []
    for i, ((src, _, dst), edges) in enumerate(ordered):
        src_page, dst_page = page_of[src.step], page_of[dst]
        runs_on = dst_page == src_page + 1 and src.step == pages[src_page][-1] and dst == pages[dst_page][0]
        out.append(Crossing(_letter(i), src, src_page, dst_page, tuple(edges), inline=not runs_on))
    return out


def _letter(index: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _page(sheet: _Sheet, number: int, steps: list[int], last: bool) -> tuple[Page, dict[int, float]]:
    """One page (connector bands, rows with their symbols, routed arrows) and the rows that must grow."""
    lanes, lane_index, flow = sheet.lanes, sheet.lane_index, sheet.flow
    top_band = sheet.top + sheet.header_h
    y = top_band + (BAND if number > 0 else 0.0)
    body_top = y
    first_slot = 1 if number > 0 else 0  # below the head band
    placed: dict[object, Placed] = {}
    row_shapes: dict[int, list[Shape]] = {}
    rows: list[Row] = []
    for k, step in enumerate(steps):
        height = sheet.heights[step]
        row_shapes[step] = []
        for node in flow.nodes_of(step):
            shape = _symbol(sheet.sop, flow, node, lanes, lane_index, sheet.symbol_w, y, height)
            row_shapes[step].append(shape)
            placed[node] = Placed(shape, first_slot + k, lane_index.get(node.lane, 0), _ref(node))
        rows.append(Row(step, y, height, sheet.cells[step]))
        y += height
    # connectors beside their symbols; those that find no room go to the page-edge bands
    head, foot = [], []
    for c in sheet.crossings:
        for end in ("src", "dst"):
            if (c.src_page if end == "src" else c.dst_page) != number:
                continue
            node = c.src if end == "src" else c.edges[0].dst
            k = steps.index(node.step)
            lane_of_node = lane_index.get(node.lane, 0)
            box = _beside(row_shapes[node.step], lane_of_node, lanes, rows[k], sheet.symbol_w) if c.inline else None
            for near in ((k - 1, k + 1) if c.inline and box is None else ()):
                # a full row: the empty cell of its own lane or a neighbour's in the row above or below
                # (still beside the symbol, rather than at the page's head or foot)
                if 0 <= near < len(steps):
                    box = _free_cell(row_shapes[steps[near]], lane_of_node, lanes, rows[near])
                    if box is not None:
                        k = near
                        break
            if box is not None:
                lane = _lane_at(lanes, box.cx)
                shape = Shape("offpage", box, None, lanes[lane].actor, (c.letter,), c.letter)
                row_shapes[steps[k]].append(shape)
                placed[(c.letter, end)] = Placed(shape, first_slot + k, lane, f"offpage:{c.letter}")
            elif (end == "src") == c.forward:
                foot.append((c, end))
            else:
                head.append((c, end))
    slots: list[Slot] = []
    if number > 0:
        slots.append(_band(top_band, head, lanes, lane_index, placed, 0))
    slots += [Slot(row.y, row.h, tuple(row_shapes[row.step])) for row in rows]
    if not last:
        slots.append(_band(y, foot, lanes, lane_index, placed, len(slots)))
        y += BAND
    router = Router(lanes, slots, sheet.symbol_w)
    arrows = _route_page(router, number, sheet, placed)
    if router.strained:  # an arrow found no free way: route the page again, those arrows first
        early = {(r.src.ref, r.dst.ref, r.kind) for r in router.strained}
        again = Router(lanes, slots, sheet.symbol_w)
        redone = _route_page(again, number, sheet, placed, early)
        if len(again.strained) < len(router.strained):
            router, arrows = again, redone
    needs = {}
    for slot, tracks in router.needs().items():
        step = steps[slot - first_slot]  # connector bands hold no tracks, so never need more
        needs[step] = max(band_room(slots[slot].symbol_h, tracks), sheet.heights[step] + 0.01)
    shapes_all = tuple(s for slot in slots for s in slot.shapes)
    return Page(number + 1, tuple(rows), shapes_all, arrows, sheet.top, body_top, y), needs


def _lane_at(lanes: tuple[Column, ...], x: float) -> int:
    return next((i for i, c in enumerate(lanes) if x < c.x + c.w), len(lanes) - 1)


def _beside(shapes: list[Shape], lane: int, lanes: tuple[Column, ...], row: Row, symbol_w: float) -> Box | None:
    """Room for a connector beside the symbol in `lane` of this row: the next lane's cell if it is
    empty (right, then left), else beside the symbol in its own lane if the lane is wide enough."""
    taken = {_lane_at(lanes, s.box.cx) for s in shapes}
    for other, away in ((lane + 1, 1.0), (lane - 1, -1.0)):
        if 0 <= other < len(lanes) and other not in taken:
            # towards the far side of that cell, as far as leaves LABEL_ROOM between the lane's
            # border and the connector (room on the arrow for a decision's label), but within the
            # lane's column of symbols: its side tracks stay free for the lines that pass
            half = lanes[other].w / 2
            x = lanes[other].cx + away * min(max(0.0, LABEL_ROOM + CONNECTOR_W / 2 - half),
                                             max(0.0, (symbol_w - CONNECTOR_W) / 2))
            return _connector_box(x - CONNECTOR_W / 2, row)
    column = lanes[lane]
    own = [s.box for s in shapes if _lane_at(lanes, s.box.cx) == lane]
    right = max((b.right for b in own), default=column.cx)
    if right + 3.0 + CONNECTOR_W <= column.x + column.w - GAP:
        return _connector_box(right + 3.0, row)
    left = min((b.x for b in own), default=column.cx)
    if left - 3.0 - CONNECTOR_W >= column.x + GAP:
        return _connector_box(left - 3.0 - CONNECTOR_W, row)
    return None


def _free_cell(shapes: list[Shape], lane: int, lanes: tuple[Column, ...], row: Row) -> Box | None:
    """A connector centred in an empty cell of this row: in `lane`, else the next lane, right then left."""
    taken = {_lane_at(lanes, s.box.cx) for s in shapes}
    for other in (lane, lane + 1, lane - 1):
        if 0 <= other < len(lanes) and other not in taken:
            return _connector_box(lanes[other].cx - CONNECTOR_W / 2, row)
    return None


def _connector_box(left: float, row: Row) -> Box:
    """An off-page connector from `left`, centred on the row's height."""
    return Box(left, row.y + row.h / 2 - SYMBOL_H["offpage"] / 2, CONNECTOR_W, SYMBOL_H["offpage"])


def _symbol(sop: Sop, flow: Flow, node: Node, lanes: tuple[Column, ...], lane_index: dict, symbol_w: float,
            row_y: float, row_h: float) -> Shape:
    kind = flow.symbols[node].value
    lane = lanes[lane_index.get(node.lane, 0)]
    h = SYMBOL_H[kind]
    box = Box(lane.cx - symbol_w / 2, row_y + row_h / 2 - h / 2, symbol_w, h)
    decision = sop.langkah[node.step].keputusan
    if kind == "decision" and decision is not None and decision.pertanyaan:
        text, size = _fit_question(decision.pertanyaan, symbol_w * 0.7)
        return Shape(kind, box, node.step, node.lane, text, text_pt=size)
    if node in flow.texts:  # `teks`: "Via Email" inside a start capsule, clear of its rounded ends
        text, size = _fit_question(flow.texts[node], symbol_w - (0.4 * h if kind == "terminator" else 2.0))
        return Shape(kind, box, node.step, node.lane, text, text_pt=size)
    return Shape(kind, box, node.step, node.lane)


def _fit_question(question: str, width: float) -> tuple[tuple[str, ...], float]:
    """The question in at most two lines inside the diamond, shrinking the type down to 4 pt first.

    The whole question is kept in the SVG's <title>; only the drawing is shortened.
    """
    words = question.split()
    for size in (QUESTION_PT, 5.0, 4.5, 4.0):
        lines = wrap(question, width, size)
        if len(lines) <= 2 and all(text_width(word, size) <= width for word in words):  # no word cut
            return lines, size
    lines = wrap(question, width, 4.0)
    return (lines[0], lines[1].rstrip() + "…") if len(lines) > 2 else lines, 4.0


def _band(y: float, ends: list[tuple[Crossing, str]], lanes: tuple[Column, ...], lane_index: dict,
          placed: dict, slot: int) -> Slot:
    """A connector band: the off-page connectors of this page edge, each in the lane its arrow leaves from."""
    by_lane: dict[int, list[tuple[Crossing, str]]] = {}
    for crossing, end in ends:
        by_lane.setdefault(lane_index.get(crossing.src.lane, 0), []).append((crossing, end))
    shapes = []
    for lane, group in sorted(by_lane.items()):
        for k, (crossing, end) in enumerate(group):
            offset = (k - (len(group) - 1) / 2) * (CONNECTOR_W + 1.5)
            box = Box(lanes[lane].cx + offset - CONNECTOR_W / 2, y + (BAND - SYMBOL_H["offpage"]) / 2,
                      CONNECTOR_W, SYMBOL_H["offpage"])
            shape = Shape("offpage", box, None, crossing.src.lane, (crossing.letter,), crossing.letter)
            shapes.append(shape)
            placed[(crossing.letter, end)] = Placed(shape, slot, lane, f"offpage:{crossing.letter}")
    return Slot(y, BAND, tuple(shapes), connector_band=True)


def _route_page(router: Router, page: int, sheet: _Sheet, placed: dict,
                early: set[tuple[str, str, str]] | None = None) -> tuple[Arrow, ...]:
    """Every arrow drawn on this page, shortest first so that longer loops wrap around shorter ones;
    the arrows of one fork one after the other, farthest first, so that the nearer ones join its line."""
    wanted: list[tuple[Placed, Placed, str, str | None]] = []
    for edge in sheet.flow.edges:
        if sheet.page_of[edge.src.step] == sheet.page_of[edge.dst.step] == page:
            wanted.append((placed[edge.src], placed[edge.dst], edge.kind.value, edge.label))
    for c in sheet.crossings:
        first = c.edges[0]
        if c.src_page == page:
            wanted.append((placed[c.src], placed[(c.letter, "src")], first.kind.value, first.label))
        if c.dst_page == page:
            wanted += [(placed[(c.letter, "dst")], placed[e.dst], "offpage", None) for e in c.edges]
    labelled: set[tuple[str, str]] = set()
    requests = []
    for src, dst, kind, text in wanted:
        once = text is not None and (src.ref, kind) not in labelled  # a fork's label once, on one branch
        labelled.add((src.ref, kind))
        requests.append(Request(src, dst, kind, _exits(src, dst, kind, wanted), text if once else None))
    arrows = []
    router.expect(requests)
    for group in _in_order(requests, early or set()):
        if len(group) == 1:
            points, placed_label = router.route(group[0])
            arrows.append(Arrow(points, group[0].src.ref, group[0].dst.ref, group[0].kind, placed_label))
            continue
        if group[0].src is not group[1].src:  # a merge: the arrows of one row into one symbol
            arrows += _merge(router, group)
            continue
        text = next((r.label for r in group if r.label), None)
        done = _as_one(router, group, forbid_below=True)  # most forks: the first branch's exit serves them all
        if done is not None:
            arrows += [Arrow(points, r.src.ref, r.dst.ref, r.kind, own)
                       for r, (points, own) in zip(group, done, strict=True)]
            continue
        exit_, late = _fork_exit(router, group)
        if exit_ is not None:  # one trunk: every branch by this exit
            group = [replace(r, exits=(exit_,), label=r.label if not late else None) for r in group]
        drawn = [router.route(r) for r in group]
        shared = router.place_label(text, [points for points, _ in drawn]) if text and late else None
        for i, (req, (points, own)) in enumerate(zip(group, drawn, strict=True)):
            arrows.append(Arrow(points, req.src.ref, req.dst.ref, req.kind, shared if i == 0 and shared else own))
    # labels a later arrow had to pass through were placed anew (perhaps more than once)
    out = []
    for arrow in arrows:
        label = arrow.label
        while label is not None and label in router.moved:
            label = router.moved[label]
        out.append(replace(arrow, label=label) if label is not arrow.label else arrow)
    return tuple(out)


def _from_below(points: tuple[Point, ...]) -> bool:
    """Whether an arrow enters its symbol's bottom (where that symbol's own arrow would leave)."""
    a, b = points[-2], points[-1]
    return abs(a.x - b.x) < 1e-6 and b.y < a.y


def _as_one(router: Router, group: list[Request], forbid_below: bool = False) -> list[tuple] | None:
    """Route every arrow of `group` by its preferred exits and entries, all or none: their (points,
    label), kept; or None, and nothing drawn, when one does not fit (or enters from below, if forbidden)."""
    snap = router.snapshot()
    done = []
    for req in group:
        points, label = router.attempt(req)
        if points is None or (forbid_below and _from_below(points)):
            router.restore(snap)
            return None
        done.append((points, label))
    router.keep(snap)
    return done


def _cheapest(router: Router, group: list[Request], variants: list[tuple[float, Callable[[Request], Request]]]
              ) -> int | None:
    """Which of `variants` (an extra cost, and how each arrow is asked for) draws the whole group
    cheapest; each is tried and taken back. None when none draws them all."""
    best: tuple[float, int] | None = None
    for i, (extra, ask) in enumerate(variants):
        snap = router.snapshot()
        total = extra
        for req in group:
            points, _ = router.attempt(ask(req))
            if points is None:
                break
            total += router.last_cost
        else:
            if best is None or total < best[0]:
                best = (total, i)
        router.restore(snap)
    return best[1] if best else None


def _merge(router: Router, group: list[Request]) -> list[Arrow]:
    """The arrows of one row into one symbol, arriving by one entry: as routed when the first one's
    entry serves them all, else by the entry that serves them all cheapest; by their own exits
    first, by any when those are taken (by arrows into those symbols)."""
    done = _as_one(router, group)
    if done is None:
        chosen = group
        for exits, extra in ((None, 0.0), (ALL_EXITS, FORK_ELSEWHERE)):
            variants = [(extra, _asking(entries=(entry,), exits=exits)) for entry in ("top", "left", "right")]
            pick = _cheapest(router, group, variants)
            if pick is not None:
                chosen = [variants[pick][1](r) for r in group]
                break
        done = [router.route(r) for r in chosen]
    return [Arrow(points, r.src.ref, r.dst.ref, r.kind, label)
            for r, (points, label) in zip(group, done, strict=True) if points is not None]


def _asking(exits: tuple[str, ...] | None = None, entries: tuple[str, ...] | None = None,
            unlabelled: bool = False) -> Callable[[Request], Request]:
    """How a variant asks for each arrow: by these exits or entries (None: its own), without its label."""
    def ask(request: Request) -> Request:
        return replace(request, exits=exits or request.exits, entries=entries or request.entries,
                       label=None if unlabelled else request.label)
    return ask


def _fork_exit(router: Router, group: list[Request]) -> tuple[str | None, bool]:
    """The exit by which every branch of a fork can be drawn, cheapest in all (tried and undone), and
    whether its label must wait until the branches are drawn (placed with the first branch, it stood
    where a later one turns off). (None, False) when no one exit serves them all."""
    preferred = list(dict.fromkeys([*group[0].exits, *ALL_EXITS]))
    for late in ((False, True) if any(r.label for r in group) else (False,)):
        variants = [(0.0 if exit_ in group[0].exits else FORK_ELSEWHERE, _asking(exits=(exit_,), unlabelled=late))
                    for exit_ in preferred]
        pick = _cheapest(router, group, variants)
        if pick is not None:
            return preferred[pick], late
    return None, False


def _exits(src: Placed, dst: Placed, kind: str,
           wanted: list[tuple[Placed, Placed, str, str | None]]) -> tuple[str, ...]:
    """The exits an arrow may use: a fork to targets on both sides, or a merge of one row's symbols,
    leaves from the bottom (one trunk); any other arrow from any side."""
    fork = [d for s, d, k, _ in wanted if s is src and k == kind]
    if len(fork) > 1:
        sides = {(d.lane > src.lane) - (d.lane < src.lane) for d in fork}
        if len(sides) > 1 or 0 in sides:
            return ("bottom",)
        return ("bottom", "right" if sides == {1} else "left")
    merge = [s for s, d, _, _ in wanted if d is dst and s.slot == src.slot]
    if len(merge) > 1 and dst.slot > src.slot:
        return ("bottom",)
    return ("bottom", "left", "right")


def _in_order(requests: list[Request], early: set[tuple[str, str, str]]) -> Iterable[list[Request]]:
    """The arrows to draw, shortest first (those in `early` before all), each fork's branches
    together (farthest first)."""
    def key(req: Request) -> tuple:
        span = abs(req.dst.slot - req.src.slot)
        return ((req.src.ref, req.dst.ref, req.kind) not in early, span > 1, span, req.kind == "tidak",
                req.src.slot, req.src.lane, req.dst.slot, req.dst.lane)

    done: set[int] = set()
    forks: dict[tuple[int, str], list[Request]] = {}
    for req in requests:
        forks.setdefault((id(req.src), req.kind), []).append(req)
    merges: dict[tuple[int, int], list[Request]] = {}  # the lone arrows from one row into one symbol
    for req in requests:
        if len(forks[(id(req.src), req.kind)]) == 1 and req.src.slot != req.dst.slot:
            merges.setdefault((id(req.dst), req.src.slot), []).append(req)
    for req in sorted(requests, key=key):
        if id(req) in done:
            continue
        fork = forks[(id(req.src), req.kind)]
        if len(fork) == 1:  # alone from its exit: the other arrows from its row into its target join it
            group = [r for r in merges.get((id(req.dst), req.src.slot), ()) if id(r) not in done]
            group = group if req in group else [req]
        else:
            group = sorted(fork, key=lambda r: (-abs(r.dst.lane - r.src.lane), -r.dst.slot, r.dst.lane))
        done.update(id(member) for member in group)
        yield group


def _ref(node: Node) -> str:
    return f"{node.step + 1}:{node.lane}"
