"""python-docx helpers shared by the identity and flowchart tables: the reference document, cells, rows."""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row

from sopc.backends.docx import ooxml
from sopc.layout.geometry import Layout

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # no build time is stamped anywhere: same source, same bytes

# The paragraph styles sopc writes with: name -> (size pt, bold, alignment, exact line height pt).
# The reference template defines them; a unit's own template may restyle them, and any it lacks
# are added with these values.
STYLES = {
    "SOP Identitas": (9, False, WD_ALIGN_PARAGRAPH.LEFT, None),
    "SOP Identitas Label": (9, True, WD_ALIGN_PARAGRAPH.LEFT, None),
    "SOP Kop": (11, True, WD_ALIGN_PARAGRAPH.CENTER, None),
    "SOP Tabel": (8, False, WD_ALIGN_PARAGRAPH.LEFT, 9.2),
    "SOP Tabel Tengah": (8, False, WD_ALIGN_PARAGRAPH.CENTER, 9.2),
    "SOP Tabel Judul": (8, True, WD_ALIGN_PARAGRAPH.CENTER, 9.2),
    "SOP Jangkar": (1, False, WD_ALIGN_PARAGRAPH.LEFT, 1),
}


def ensure_styles(doc: DocumentObject) -> None:
    """Add any of sopc's paragraph styles the document lacks (Arial, sizes as in STYLES)."""
    present = {style.name for style in doc.styles}
    normal = doc.styles["Normal"]
    for name, (size, bold, align, exact) in STYLES.items():
        if name in present:
            continue
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.name, style.font.size, style.font.bold = "Arial", Pt(size), bold
        fmt = style.paragraph_format
        fmt.alignment, fmt.space_before, fmt.space_after = align, Pt(0), Pt(0)
        if exact:
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(exact)
        fmt.keep_with_next = name == "SOP Jangkar" or None


def open_reference(template: Path | None) -> DocumentObject:
    """The unit's reference document (or sopc's own), emptied of body content, ready to fill."""
    if template is not None:
        doc = Document(str(template))
    else:
        data = resources.files("sopc.templates").joinpath("reference.docx").read_bytes()
        doc = Document(io.BytesIO(data))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    ensure_styles(doc)
    return doc


def template_margin(template: Path | None) -> float:
    """The reference document's page margin in mm (the smallest of its four): the layout keeps inside it."""
    section = open_reference(template).sections[0]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    return min(m.mm for m in margins if m is not None)


def set_paper(doc: DocumentObject, layout: Layout) -> None:
    """The section's paper and margins, exactly those the layout was computed for (always landscape)."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(layout.width), Mm(layout.height)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(layout.margin))


def fixed_table(doc: DocumentObject, rows: int, widths: list[float]) -> Table:
    """A table with fixed column widths (mm), no cell side margins, single black borders."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    ooxml.table_properties(table._tbl.tblPr)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(round(width * 1440 / 25.4)))
    for row in table.rows:
        for cell, width in zip(row_cells(row), widths, strict=True):
            cell.width = Mm(width)
    return table


def row_cells(row: _Row) -> list[_Cell]:
    """The cells of an unmerged row, read off its XML (python-docx's `row.cells` rebuilds the whole table's grid)."""
    return [_Cell(tc, row.table) for tc in row._tr.tc_lst]


def exact_height(row: _Row, height_mm: float) -> None:
    row.height, row.height_rule = Mm(height_mm), WD_ROW_HEIGHT_RULE.EXACTLY


def keep_row_whole(row: _Row, header: bool = False) -> None:
    """Never split the row across pages; a header row repeats on every page the table runs over."""
    ooxml.row_properties(row._tr.get_or_add_trPr(), header)


def shade(cell: _Cell, fill: str = "E6E6E6") -> None:
    ooxml.cell_shading(cell._tc.get_or_add_tcPr(), fill)


def valign(cell: _Cell, where: str = "center") -> None:
    ooxml.cell_valign(cell._tc.get_or_add_tcPr(), where)


def write_lines(cell: _Cell, lines: list[str] | tuple[str, ...], style: str, pad_mm: float = 1.2,
                bold: bool = False, space_before_mm: float = 0.0) -> None:
    """The lines in the cell's first paragraph, broken where sopc broke them (so heights match the layout).

    `style` is a paragraph style's name; its id is set directly, as python-docx's lookup by name
    walks every style of the document for each paragraph.
    """
    old = cell._tc.p_lst[0]
    old.addprevious(ooxml.lines_paragraph(lines, _style_id(style), pad_mm, space_before_mm, bold))
    cell._tc.remove(old)


def _style_id(name: str) -> str:
    """The id Word gives a custom style: its name without spaces (the reference defines them so)."""
    return name.replace(" ", "")


def deterministic_zip(data: bytes) -> bytes:
    """The same package with every entry stamped 1980-01-01, in the same order: reproducible bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
