"""The flowchart table, page by page: one table per page of the layout, its symbols drawn over it.

sopc paginates itself: each page is its own table (header rows marked to repeat, rows of the
exact heights the layout computed, never split), and that page's shapes are anchored in a
keep-with-next paragraph just before the table (tech-notes section 2c).
"""

from __future__ import annotations

import copy

from docx.document import Document as DocumentObject
from docx.oxml.table import CT_Tbl
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph

from sopc.backends.docx.document import (
    exact_height,
    fixed_table,
    keep_row_whole,
    shade,
    valign,
    write_lines,
)
from sopc.backends.docx.ooxml import Drawing, table_row
from sopc.labels import labels
from sopc.layout.geometry import Box, Layout, Page, Point, Shape
from sopc.layout.table import PAD
from sopc.layout.text import PT_MM, text_width

ANCHOR_H = 1 * PT_MM  # the anchor paragraph is one point high; the table starts right below it
from sopc.layout.swimlane import LABEL_PT  # noqa: E402  (the layout sizes the labels)

NAMES = {"terminator": "Terminator", "process": "Proses", "decision": "Keputusan", "offpage": "Penghubung"}


def add_flowchart(doc: DocumentObject, layout: Layout, lang: str) -> None:
    """Append every page of the flowchart: a page break, the anchored drawing, the table."""
    drawing_id = next_drawing_id(doc)  # unique in the whole document (a manual holds many SOPs)
    header: CT_Tbl | None = None
    for page in layout.pages:
        anchor = doc.add_paragraph(style="SOP Jangkar")
        anchor.paragraph_format.page_break_before = True
        drawing = Drawing(Point(layout.margin, page.top - ANCHOR_H), drawing_id)
        _draw(anchor, drawing, page)
        drawing_id = drawing.next_id
        header = _table(doc, layout, page, lang, header)


def next_drawing_id(doc: DocumentObject) -> int:
    """An id above every drawing id the document already has."""
    ids = [int(x) for x in doc.element.body.xpath(".//wp:docPr/@id")]
    return max([999, *ids]) + 1


def _draw(anchor: Paragraph, drawing: Drawing, page: Page) -> None:
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
            label = arrow.label
            width = text_width(label.text, LABEL_PT) + 0.6
            height = LABEL_PT * PT_MM * 1.25
            left = {"start": label.at.x, "end": label.at.x - width, "middle": label.at.x - width / 2}[label.anchor]
            box = Box(left - 0.3, label.at.y - height * 0.8, width, height)
            runs.append(drawing.label(box, (label.text,), LABEL_PT))
    for run in runs:
        anchor._p.append(run)


def _name(shape: Shape) -> str:
    number = shape.letter or str((shape.step or 0) + 1)
    return f"{NAMES[shape.kind]} {number}"


def _table(doc: DocumentObject, layout: Layout, page: Page, lang: str, header: CT_Tbl | None) -> CT_Tbl:
    """One page's table; `header` is a copy of the first page's header rows, reused (and returned)."""
    cols = layout.columns
    index = {c.key: i for i, c in enumerate(cols) if c.key != "lane"}
    h1, h2 = layout.header_rows
    header_bottom = page.top + h1 + h2
    if header is None:
        table = _header(doc, layout, lang)
        header = copy.deepcopy(table._tbl)
    else:  # every page's header is the same: copy the XML instead of merging cells again
        tbl = copy.deepcopy(header)
        doc.element.body.sectPr.addprevious(tbl)
        table = Table(tbl, doc._body)
    _body(table, page, header_bottom, index, [c.w for c in cols])
    return header


def _header(doc: DocumentObject, layout: Layout, lang: str) -> Table:
    """A table with the two header rows: No, Kegiatan, Pelaksana over the lanes, Mutu Baku, Keterangan."""
    text = labels(lang)
    cols = layout.columns
    index = {c.key: i for i, c in enumerate(cols) if c.key != "lane"}
    lanes = [i for i, c in enumerate(cols) if c.key == "lane"]
    h1, h2 = layout.header_rows
    # the header is merged while the table has only its two rows: python-docx re-reads the whole
    # table for every cell it is asked for, so the body rows come after
    table = fixed_table(doc, rows=2, widths=[c.w for c in cols])
    exact_height(table.rows[0], h1)
    exact_height(table.rows[1], h2)
    for key in ("no", "kegiatan", "keterangan"):
        cell = table.cell(0, index[key]).merge(table.cell(1, index[key]))
        write_lines(cell, [text[key]], "SOP Tabel Judul")
    pelaksana = table.cell(0, lanes[0]).merge(table.cell(0, lanes[-1]))
    write_lines(pelaksana, [text["pelaksana"]], "SOP Tabel Judul")
    mutu = table.cell(0, index["kelengkapan"]).merge(table.cell(0, index["output"]))
    write_lines(mutu, [text["mutu_baku"]], "SOP Tabel Judul")
    for i in lanes:
        cell = table.cell(1, i)
        write_lines(cell, layout.lane_titles[cols[i].actor or ""], "SOP Tabel Judul", pad_mm=0.5)
        _shrink(cell, layout.lane_title_pt)
    for key in ("kelengkapan", "waktu", "output"):
        write_lines(table.cell(1, index[key]), [text[key]], "SOP Tabel Judul")
    for r in (0, 1):
        keep_row_whole(table.rows[r], header=True)
        for cell in table.rows[r].cells:
            shade(cell)
            valign(cell)
    return table


def _body(table, page: Page, header_bottom: float, index: dict[str, int], widths: list[float]) -> None:
    """The connector band above the rows (if the page continues one), the step rows, the band below."""
    heights: list[float | None] = []  # None marks a step row
    if page.body_top > header_bottom + 0.01:
        heights.append(page.body_top - header_bottom)
    heights += [None] * len(page.rows)
    last = page.rows[-1].bottom if page.rows else page.body_top
    if page.bottom > last + 0.01:
        heights.append(page.bottom - last)
    steps = iter(page.rows)
    keys = {i: key for key, i in index.items()}
    for height in heights:
        if height is not None:  # a connector band: empty cells
            table._tbl.append(table_row(widths, height, [((), "")] * len(widths), PAD))
            continue
        step = next(steps)
        cells = [(step.cells.get(keys.get(i, ""), ()), _STYLE_IDS[keys.get(i, "")]) for i in range(len(widths))]
        table._tbl.append(table_row(widths, step.h, cells, PAD))


# paragraph style ids of the step row's cells (centred No and Waktu; lanes hold no text)
_STYLE_IDS = {"no": "SOPTabelTengah", "waktu": "SOPTabelTengah", "": "SOPTabel", "kegiatan": "SOPTabel",
              "kelengkapan": "SOPTabel", "output": "SOPTabel", "keterangan": "SOPTabel"}


def _shrink(cell, size_pt: float) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.size = Mm(size_pt * PT_MM)
