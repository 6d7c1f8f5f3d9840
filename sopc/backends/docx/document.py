"""python-docx helpers shared by the identity and flowchart tables: the reference document, cells, rows."""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.table import Table, _Cell, _Row

from sopc.layout.geometry import Layout

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # no build time is stamped anywhere: same source, same bytes


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
    return doc


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
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tbl_pr.append(parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'))
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tbl_pr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{borders}</w:tblBorders>'))
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(round(width * 1440 / 25.4)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    return table


def exact_height(row: _Row, height_mm: float) -> None:
    row.height, row.height_rule = Mm(height_mm), WD_ROW_HEIGHT_RULE.EXACTLY


def keep_row_whole(row: _Row, header: bool = False) -> None:
    """Never split the row across pages; a header row repeats on every page the table runs over."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if header:
        tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def shade(cell: _Cell, fill: str = "E6E6E6") -> None:
    shading = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'
    cell._tc.get_or_add_tcPr().append(parse_xml(shading))


def valign(cell: _Cell, where: str = "center") -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:vAlign {nsdecls("w")} w:val="{where}"/>'))


def write_lines(cell: _Cell, lines: list[str] | tuple[str, ...], style: str, pad_mm: float = 1.2,
                bold: bool = False, space_before_mm: float = 0.0) -> None:
    """The lines in the cell's first paragraph, broken where sopc broke them (so heights match the layout)."""
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(pad_mm)
    if space_before_mm:
        fmt.space_before = Mm(space_before_mm)
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if i < len(lines) - 1:
            run.add_break()


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
