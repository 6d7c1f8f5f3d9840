"""Sop + Flow -> Layout: lanes, rows, symbols, routed arrows and page splits with off-page connectors."""

from __future__ import annotations

from dataclasses import dataclass

from sopc.flow import Edge, Flow, Node
from sopc.layout.geometry import Arrow, Box, Column, Layout, Page, Row, Shape
from sopc.layout.paginate import BAND, paginate
from sopc.layout.route import Placed, Router, Slot, exit_label
from sopc.layout.table import MARGIN, columns, header_heights, text_height, wrapped_cells
from sopc.layout.text import text_width, wrap
from sopc.model.sop import Sop

SLACK = 1.5  # mm kept free at the foot of every page
SYMBOL_H = {"terminator": 7.0, "process": 7.0, "decision": 10.0, "offpage": 6.0}
CONNECTOR_W = 7.0
MIN_ROW = 16.0
QUESTION_PT = 5.5
LABEL_PT = 6.5  # the Ya/Tidak labels beside decision exits


@dataclass(frozen=True)
class Crossing:
    """Arrows from one symbol to the rows of another page, drawn as one pair of lettered connectors."""

    letter: str
    src: Node
    src_page: int
    dst_page: int
    edges: tuple[Edge, ...]

    @property
    def forward(self) -> bool:
        return self.dst_page > self.src_page


def layout_sop(sop: Sop, flow: Flow, paper: str = "A4", lang: str = "id", single_sheet: bool = False,
               margin: float = MARGIN) -> Layout:
    """The complete geometry of a SOP's flowchart table on `paper` (landscape), inside `margin` mm.

    `single_sheet` puts every row on one sheet as tall as it needs (no page splits, no connectors).
    """
    cols, dims = columns(sop, paper, lang, margin)
    header, lane_titles, title_pt = header_heights(cols)
    cells = [wrapped_cells(step, i + 1, cols) for i, step in enumerate(sop.langkah)]
    heights = [max(MIN_ROW, *(text_height(lines) for lines in c.values())) for c in cells]
    # SLACK: the DOCX puts a one-point anchor paragraph above each page's table, and rows are
    # rounded to twips; a page filled to the last tenth of a millimetre would spill over
    usable = dims.height - 2 * margin - sum(header) - SLACK
    page_of_rows = paginate(heights, float("inf") if single_sheet else usable)
    page_of = {step: p for p, steps in enumerate(page_of_rows) for step in steps}
    sheet = _Sheet(sop, flow, tuple(c for c in cols if c.key == "lane"), cells, heights, margin, sum(header),
                   dims.symbol_w, _crossings(flow, page_of), page_of)
    pages = tuple(_page(sheet, p, steps, last=p == len(page_of_rows) - 1) for p, steps in enumerate(page_of_rows))
    height = max(dims.height, pages[-1].bottom + margin) if single_sheet else dims.height
    return Layout(paper, dims.width, height, margin, cols, header, lane_titles, pages, title_pt)


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


def _crossings(flow: Flow, page_of: dict[int, int]) -> list[Crossing]:
    """One connector pair per (source symbol, target page), lettered A, B, C... in source order."""
    groups: dict[tuple[Node, int], list[Edge]] = {}
    for edge in flow.edges:
        src_page, dst_page = page_of[edge.src.step], page_of[edge.dst.step]
        if src_page != dst_page:
            groups.setdefault((edge.src, dst_page), []).append(edge)
    ordered = sorted(groups.items(), key=lambda item: (item[0][0].step, item[1][0].dst.step))
    return [Crossing(_letter(i), src, page_of[src.step], dst_page, tuple(edges))
            for i, ((src, dst_page), edges) in enumerate(ordered)]


def _letter(index: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _page(sheet: _Sheet, number: int, steps: list[int], last: bool) -> Page:
    """One page: its connector bands, its rows with their symbols, and its routed arrows."""
    lanes, lane_index, flow = sheet.lanes, sheet.lane_index, sheet.flow
    y = sheet.top + sheet.header_h
    # forward arrows leave at the bottom and arrive at the top of the next page; backward ones the reverse
    band_top = [c for c in sheet.crossings if (c.dst_page, c.src_page)[not c.forward] == number]
    band_bottom = [c for c in sheet.crossings if (c.src_page, c.dst_page)[not c.forward] == number]
    slots: list[Slot] = []
    placed: dict[object, Placed] = {}
    rows: list[Row] = []
    if number > 0:
        slots.append(_band(y, band_top, number, lanes, lane_index, placed, len(slots)))
        y += BAND
    body_top = y
    for step in steps:
        height = sheet.heights[step]
        shapes = []
        for node in flow.nodes_of(step):
            shape = _symbol(sheet.sop, flow, node, lanes, lane_index, sheet.symbol_w, y, height)
            shapes.append(shape)
            placed[node] = Placed(shape, len(slots), lane_index.get(node.lane, 0))
        slots.append(Slot(y, height, tuple(shapes)))
        rows.append(Row(step, y, height, sheet.cells[step]))
        y += height
    if not last:
        slots.append(_band(y, band_bottom, number, lanes, lane_index, placed, len(slots)))
        y += BAND
    arrows = _route_page(number, flow, placed, slots, lanes, sheet.symbol_w, sheet.crossings, sheet.page_of)
    shapes_all = tuple(s for slot in slots for s in slot.shapes)
    return Page(number + 1, tuple(rows), shapes_all, arrows, sheet.top, body_top, y)


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


def _band(y: float, crossings: list[Crossing], page: int, lanes: tuple[Column, ...], lane_index: dict,
          placed: dict, slot: int) -> Slot:
    """A connector band: the off-page connectors of this page edge, each in the lane its arrow leaves from."""
    by_lane: dict[int, list[Crossing]] = {}
    for crossing in crossings:
        by_lane.setdefault(lane_index.get(crossing.src.lane, 0), []).append(crossing)
    shapes = []
    for lane, group in sorted(by_lane.items()):
        for k, crossing in enumerate(group):
            offset = (k - (len(group) - 1) / 2) * (CONNECTOR_W + 1.5)
            box = Box(lanes[lane].cx + offset - CONNECTOR_W / 2, y + (BAND - SYMBOL_H["offpage"]) / 2,
                      CONNECTOR_W, SYMBOL_H["offpage"])
            shape = Shape("offpage", box, None, crossing.src.lane, (crossing.letter,), crossing.letter)
            shapes.append(shape)
            placed[(crossing.letter, page)] = Placed(shape, slot, lane)
    return Slot(y, BAND, tuple(shapes))


def _route_page(page: int, flow: Flow, placed: dict, slots: list[Slot], lanes: tuple[Column, ...],
                symbol_w: float, crossings: list[Crossing], page_of: dict[int, int]) -> tuple[Arrow, ...]:
    """Every arrow drawn on this page, routed shortest first so that longer loops wrap around shorter ones."""
    wanted: list[tuple[Placed, Placed, str, str | None, str, str]] = []
    for edge in flow.edges:
        if page_of[edge.src.step] == page_of[edge.dst.step] == page:
            wanted.append((placed[edge.src], placed[edge.dst], edge.kind.value, edge.label,
                           _ref(edge.src), _ref(edge.dst)))
    for c in crossings:
        first = c.edges[0]
        if c.src_page == page:
            wanted.append((placed[c.src], placed[(c.letter, page)], first.kind.value, first.label,
                           _ref(c.src), f"offpage:{c.letter}"))
        if c.dst_page == page:
            for edge in c.edges:
                wanted.append((placed[(c.letter, page)], placed[edge.dst], "offpage", None,
                               f"offpage:{c.letter}", _ref(edge.dst)))
    router = Router(lanes, slots, symbol_w)
    bottom_taken: set[int] = set()
    arrows: list[Arrow] = []
    for src, dst, kind, label, src_ref, dst_ref in sorted(wanted, key=_route_order):
        # a decision's bottom is one exit (its `ya` when that goes to the next row); the arrows of
        # any other symbol to the next row fork from its bottom
        decision = src.shape.kind == "decision"
        bottom_free = not (decision and id(src.shape) in bottom_taken)
        label_width = text_width(label, LABEL_PT) if label else 0.0
        side, points = router.route_best(src, dst, bottom_free, [a.points for a in arrows], label_width)
        if side == "bottom" and decision:
            bottom_taken.add(id(src.shape))
        arrows.append(Arrow(points, src_ref, dst_ref, kind, exit_label(label, points, side)))
    return tuple(arrows)


def _route_order(item: tuple) -> tuple:
    src, dst, kind = item[0], item[1], item[2]
    span = abs(dst.slot - src.slot)
    return (span != 1, span, kind == "tidak", src.slot, src.lane, dst.slot, dst.lane)


def _ref(node: Node) -> str:
    return f"{node.step + 1}:{node.lane}"
