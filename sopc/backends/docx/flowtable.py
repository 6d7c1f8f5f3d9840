"""The flowchart table, page by page: one table per page of the layout, its symbols drawn over it.

sopc paginates itself: each page is its own table (header rows marked to repeat, rows of the
exact heights the layout computed, never split), and that page's shapes are anchored in a
keep-with-next paragraph just before the table, the anchoring that renders where it was computed
in LibreOffice (see ooxml.py).
"""

from __future__ import annotations

from typing import Any

from sopc.backends.docx import ooxml
from sopc.backends.docx.ooxml import Cell, Drawing
from sopc.layout.geometry import Layout, Page, Point, Shape
from sopc.layout.table import PAD
from sopc.layout.text import PT_MM

ANCHOR_H = 1 * PT_MM  # the anchor paragraph is one point high; the table starts right below it
NAMES = {"terminator": "Terminator", "process": "Proses", "decision": "Keputusan", "offpage": "Penghubung"}
# paragraph style ids of a step row's cells (centred No and Waktu; lanes hold no text)
_STYLE_IDS = {"no": "SOPTabelTengah", "waktu": "SOPTabelTengah", "": "SOPTabel", "kegiatan": "SOPTabel",
              "kelengkapan": "SOPTabel", "output": "SOPTabel", "keterangan": "SOPTabel"}


# the last flowchart written, with its layout and first drawing id: a SOP's section of the manual,
# made from the layout its document was, is that XML numbered otherwise (a third of its making)
_last: list[tuple[Layout, int, str, int]] = []


def flowchart_xml(layout: Layout, first_id: int) -> tuple[str, int]:
    """Every page of the flowchart (a page break, the anchored drawing, the table) and the next free
    drawing id: ids are unique in the whole document, and a manual holds many SOPs."""
    if _last and _last[0][0] is layout:
        _, first, xml, after = _last[0]
        by = first_id - first
        return ooxml.shift_ids(xml.encode("utf-8"), by).decode("utf-8"), after + by
    xml, after = _flowchart_xml(layout, first_id)
    _last[:] = [(layout, first_id, xml, after)]
    return xml, after


def _flowchart_xml(layout: Layout, first_id: int) -> tuple[str, int]:
    header = _header(layout)  # the same two rows head every page
    parts = []
    drawing_id = first_id
    for page in layout.pages:
        drawing = Drawing(Point(layout.margin, page.top - ANCHOR_H), drawing_id)
        parts.append(ooxml.paragraph("SOPJangkar", _draw(drawing, page), page_break=True))
        drawing_id = drawing.next_id
        parts += [ooxml.table_start([c.w for c in layout.columns]), header, *_body(layout, page), ooxml.TABLE_END]
    return "".join(parts), drawing_id


def _draw(drawing: Drawing, page: Page) -> str:
    runs = []
    for s in page.shapes:
        if s.kind == "offpage":
            runs.append(drawing.shape(s.kind, s.box, s.text, 7.0, _name(s)))
            continue
        runs.append(drawing.shape(s.kind, s.box, name=_name(s)))
        if s.text:  # a diamond's question sits in its own box: LibreOffice would wrap it to the inner square
            runs.append(drawing.label(s.box, s.text, s.text_pt, ground=False, name=f"Pertanyaan {_name(s)}"))
    for arrow in page.arrows:
        runs.append(drawing.polyline(arrow.points, f"Panah {arrow.src}-{arrow.dst}"))
        if arrow.label:
            runs.append(drawing.label(arrow.label.box, arrow.label.lines, arrow.label.size_pt))
    return "".join(runs)


def _name(shape: Shape) -> str:
    number = shape.letter or str((shape.step or 0) + 1)
    return f"{NAMES[shape.kind]} {number}"


def _header(layout: Layout) -> str:
    """The two header rows: No, Kegiatan, Pelaksana over the lanes, Mutu Baku over its three, Keterangan
    (the titles the layout measured)."""
    cols = layout.columns
    h1, h2 = layout.header_rows

    def title(lines, pad: float = PAD, size_pt: float | None = None) -> str:
        return ooxml.lines_paragraph(lines, "SOPTabelJudul", pad, size_pt=size_pt)

    shaded: dict[str, Any] = {"fill": ooxml.HEADER_FILL, "valign": "center"}
    top: list[Cell] = []
    below: list[Cell] = []
    for i, col in enumerate(cols):
        if col.key in ("no", "kegiatan", "keterangan"):  # one cell over both rows
            top.append(Cell(col.w, title([col.title]), merge="restart", **shaded))
            below.append(Cell(col.w, merge="continue"))
            continue
        if col.key == "lane":
            lane_title = title(layout.lane_titles[col.actor or ""], 0.5, layout.lane_title_pt)
            below.append(Cell(col.w, lane_title, **shaded))
            group, label = "lane", "pelaksana"
        else:
            below.append(Cell(col.w, title([col.title]), **shaded))
            group, label = "mutu", "mutu_baku"
        if i == 0 or _group(cols[i - 1].key) != group:  # the first column of Pelaksana or Mutu Baku
            n = 1
            while i + n < len(cols) and _group(cols[i + n].key) == group:
                n += 1
            span = cols[i:i + n]
            top.append(Cell(sum(c.w for c in span), title([layout.titles[label]]), span=len(span), **shaded))
    return ooxml.row(top, h1, header=True) + ooxml.row(below, h2, header=True)


def _group(key: str) -> str:
    return {"lane": "lane", "kelengkapan": "mutu", "waktu": "mutu", "output": "mutu"}.get(key, key)


def _body(layout: Layout, page: Page) -> list[str]:
    """The connector band above the rows (if the page continues one), the step rows, the band below."""
    widths = [c.w for c in layout.columns]
    keys = [c.key if c.key != "lane" else "" for c in layout.columns]
    header_bottom = page.top + sum(layout.header_rows)
    rows = []
    if page.body_top > header_bottom + 0.01:  # a connector band: empty cells
        rows.append(ooxml.row([Cell(w) for w in widths], page.body_top - header_bottom))
    for step in page.rows:
        cells = []
        for width, key in zip(widths, keys, strict=True):
            lines = step.cells.get(key, ()) if key else ()
            cells.append(Cell(width, ooxml.lines_paragraph(lines, _STYLE_IDS[key], PAD, PAD) if lines else ""))
        rows.append(ooxml.row(cells, step.h))
    last = page.rows[-1].bottom if page.rows else page.body_top
    if page.bottom > last + 0.01:
        rows.append(ooxml.row([Cell(w) for w in widths], page.bottom - last))
    return rows
