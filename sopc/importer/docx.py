"""Reading a Word document (.docx) into tables and the drawing over them (page.py).

Word places a drawn shape relative to something: the margin, the page, the paragraph it is
anchored in, or — in a table — the cell. Shapes anchored in a paragraph just before a table (as
sopc writes them) are placed over that table from the heights of the paragraphs between; shapes
anchored in a cell, from the cell; shapes set inline in a cell stand in that cell. Both drawing
languages are read: DrawingML (`wp:anchor`, `wp:inline`, preset and custom geometry, groups) and
VML (`v:shape` and its kin, as older Word and many converters write). Row heights are the
document's where it fixes them, else guessed from the text (which the summary says).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from sopc.importer.page import CELL_MARGIN, Cell, Connector, Document, Figure, Label, Row, Table
from sopc.layout.text import line_height, wrap
from sopc.source.files import ASSET_LIMIT, read_file

EMU_MM = 1 / 36000
TWIP_MM = 25.4 / 1440
PT_MM = 25.4 / 72
UNPACKED_MOST = 256 * 1024 * 1024  # what a document may unpack to before it is refused

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
W = f"{{{NS['w']}}}"


def q(prefix: str, local: str) -> str:
    """A qualified tag: `q("wp", "anchor")`."""
    return f"{{{NS[prefix]}}}{local}"

# DrawingML preset geometries and VML shape types -> symbol kinds
PRESETS = {
    "flowChartTerminator": "terminator", "flowChartAlternateProcess": "terminator", "roundRect": "terminator",
    "ellipse": "terminator", "flowChartProcess": "process", "rect": "process", "flowChartPredefinedProcess": "process",
    "flowChartDecision": "decision", "diamond": "decision", "flowChartOffpageConnector": "offpage",
    "homePlate": "offpage", "pentagon": "offpage", "flowChartConnector": "offpage",
    "flowChartDocument": "process", "flowChartInputOutput": "process", "parallelogram": "process",
}
LINES = {"line", "straightConnector1", "bentConnector2", "bentConnector3", "bentConnector4", "bentConnector5",
         "curvedConnector2", "curvedConnector3", "curvedConnector4", "curvedConnector5"}
VML_TYPES = {"109": "process", "1": "process", "110": "decision", "4": "decision", "116": "terminator",
             "176": "terminator", "2": "terminator", "3": "terminator", "177": "offpage", "120": "offpage",
             "202": "label", "32": "line", "33": "line", "34": "line", "20": "line"}
VML_TAGS = {"rect": "process", "roundrect": "terminator", "oval": "terminator", "line": "line",
            "polyline": "line", "shape": "shape"}


class UnreadableDocument(Exception):
    """The file is no Word document this reader can open (the message says why)."""


def read_docx(path: Path) -> Document:
    """The tables of a .docx, each with what is drawn over it."""
    data = read_file(path, ASSET_LIMIT)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableDocument("protected")  # an encrypted .docx is an OLE file, not a zip
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if sum(info.file_size for info in package.infolist()) > UNPACKED_MOST:
                raise UnreadableDocument("not_docx:> 256 MB")
        doc = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as err:
        raise UnreadableDocument(f"not_docx:{type(err).__name__}") from None
    section = doc.sections[-1] if doc.sections else None
    paper = (section.page_width.mm, section.page_height.mm) if section and section.page_width and \
        section.page_height else None
    margin_left = section.left_margin.mm if section and section.left_margin is not None else 25.4
    reader = _Reader(doc, margin_left)
    tables = reader.tables()
    return Document(tables, paper, reader.notes)


class _Reader:
    def __init__(self, doc, margin_left: float) -> None:
        self.doc, self.margin_left = doc, margin_left
        self.notes: list[str] = []
        self.styles = {s.style_id: s for s in doc.styles if s.type == 1}  # paragraph styles

    def tables(self) -> list[Table]:
        out: list[Table] = []
        pending: list[tuple[etree._Element, float]] = []  # drawings anchored before the next table
        gap = 0.0  # mm from the anchoring paragraph's top to where the next table starts
        for child in self.doc.element.body.iterchildren():
            if child.tag == W + "p":
                found = list(_drawings(child))
                if found:
                    pending, gap = [(d, 0.0) for d in found], 0.0
                gap += self._paragraph_height(child)
            elif child.tag == W + "tbl":
                table = self._table(child)
                for drawing, _ in pending:
                    self._place(drawing, table, -gap, base_x=-self._indent(child))
                if pending and not all(row.exact for row in table.rows):
                    self.notes.append("simbol melayang di atas baris yang tingginya tidak tetap: barisnya diukur "
                                      "dari teksnya; periksa pelaksana tiap langkah")
                pending, gap = [], 0.0
                out.append(table)
        return out

    # --- tables -----------------------------------------------------------------------------

    def _table(self, tbl: etree._Element) -> Table:
        grid = [int(col.get(W + "w", "0")) * TWIP_MM for col in tbl.findall(f"{W}tblGrid/{W}gridCol")]
        rows: list[Row] = []
        top = 0.0
        inside: list[tuple[etree._Element, int, int]] = []  # drawings anchored in cells: (element, row, col)
        for tr in tbl.findall(W + "tr"):
            cells: list[Cell] = []
            col = 0
            for tc in tr.findall(W + "tc"):
                props = tc.find(W + "tcPr")
                span = int(props.find(W + "gridSpan").get(W + "val", "1")) if props is not None and \
                    props.find(W + "gridSpan") is not None else 1
                merge = props.find(W + "vMerge") if props is not None else None
                merged = merge is not None and merge.get(W + "val", "continue") == "continue"
                paragraphs = [_lines(p) for p in tc.iter(W + "p") if not _in_textbox(p, tc)]
                paragraphs = [p for p in paragraphs if any(line.strip() for line in p)]
                width = sum(grid[col:col + span]) if grid else 0.0
                cells.append(Cell(paragraphs, col, span, merged, width))
                for drawing in (d for p in tc.iter(W + "p") if not _in_textbox(p, tc) for d in _drawings(p)):
                    inside.append((drawing, len(rows), col))
                col += span
            height, exact = self._row_height(tr, cells)
            rows.append(Row(cells, top, height, exact))
            top += height
        if not grid:  # no grid written: the widest row's cells, evenly
            count = max((sum(c.span for c in r.cells) for r in rows), default=1)
            grid = [20.0] * count
        table = Table(rows, grid)
        for drawing, row, col in inside:
            if drawing.tag == q("wp", "inline"):
                self._inline(drawing, table, row, col)
            else:
                self._place(drawing, table, rows[row].top, base_x=table.column_left(col), cell=(row, col))
        return table

    def _row_height(self, tr: etree._Element, cells: list[Cell]) -> tuple[float, bool]:
        props = tr.find(W + "trPr")
        height = props.find(W + "trHeight") if props is not None else None
        if height is not None and height.get(W + "hRule") == "exact":
            return int(height.get(W + "val", "0")) * TWIP_MM, True
        guessed = max((_text_height(c) for c in cells), default=4.0)
        if height is not None:  # at least this high
            guessed = max(guessed, int(height.get(W + "val", "0")) * TWIP_MM)
        return guessed, False

    def _indent(self, tbl: etree._Element) -> float:
        ind = tbl.find(f"{W}tblPr/{W}tblInd")
        return int(ind.get(W + "w", "0")) * TWIP_MM if ind is not None and ind.get(W + "type", "dxa") == "dxa" else 0.0

    def _paragraph_height(self, p: etree._Element) -> float:
        spacing = p.find(f"{W}pPr/{W}spacing")
        style = p.find(f"{W}pPr/{W}pStyle")
        if spacing is None and style is not None and style.get(W + "val") in self.styles:
            spacing = self.styles[style.get(W + "val")].element.find(f"{W}pPr/{W}spacing")
        line = 11 * 1.15 * PT_MM
        before = after = 0.0
        if spacing is not None:
            if spacing.get(W + "lineRule") == "exact" and spacing.get(W + "line"):
                line = int(spacing.get(W + "line")) / 20 * PT_MM
            before = int(spacing.get(W + "before", "0")) * TWIP_MM
            after = int(spacing.get(W + "after", "0")) * TWIP_MM
        return before + line + after

    # --- drawings ---------------------------------------------------------------------------

    def _place(self, drawing: etree._Element, table: Table, base_y: float, base_x: float,
               cell: tuple[int, int] | None = None) -> None:
        """Put an anchored drawing over `table`: its offsets from `base_x` (the margin, or the
        cell's left) and `base_y` (its paragraph's top) in the table's frame."""
        if drawing.tag == q("wp", "anchor"):
            x, y = self._offsets(drawing, cell is not None)
            extent = drawing.find("wp:extent", NS)
            w = int(extent.get("cx", "0")) * EMU_MM if extent is not None else 0.0
            h = int(extent.get("cy", "0")) * EMU_MM if extent is not None else 0.0
            for shape, box in _shapes(drawing, (base_x + x, base_y + y, w, h)):
                _add(table, shape, box)
        else:  # VML
            for shape in _vml_shapes(drawing):
                found = _vml_box(shape)
                if found is None:
                    continue
                box = found
                relative = _style(shape).get("mso-position-horizontal-relative", "text")
                x = box[0] - (self.margin_left if relative == "page" else 0.0)
                _add_vml(table, shape, (base_x + x, base_y + box[1], box[2], box[3]))

    def _offsets(self, anchor: etree._Element, in_cell: bool) -> tuple[float, float]:
        offsets = []
        for axis in ("positionH", "positionV"):
            position = anchor.find(f"wp:{axis}", NS)
            value = position.find("wp:posOffset", NS) if position is not None else None
            relative = position.get("relativeFrom", "") if position is not None else ""
            offset = int(value.text) * EMU_MM if value is not None and value.text else 0.0
            if axis == "positionH" and relative == "page":
                offset -= self.margin_left
            if relative in ("page", "margin", "topMargin", "bottomMargin") and axis == "positionV":
                self.notes.append("a shape is placed from the page's top: its row is a guess")
            offsets.append(offset)
        return offsets[0], offsets[1]

    def _inline(self, drawing: etree._Element, table: Table, row: int, col: int) -> None:
        """A drawing set in a cell's line: it stands in that cell, as far in as the paragraph's indent."""
        paragraph = next((a for a in drawing.iterancestors() if a.tag == W + "p"), None)
        indent = paragraph.find(f"{W}pPr/{W}ind") if paragraph is not None else None
        inset = int(indent.get(W + "left", indent.get(W + "start", "0"))) * TWIP_MM if indent is not None else 0.0
        extent = drawing.find("wp:extent", NS)
        w = int(extent.get("cx", "0")) * EMU_MM if extent is not None else 10.0
        h = int(extent.get("cy", "0")) * EMU_MM if extent is not None else 6.0
        left, top = table.column_left(col) + CELL_MARGIN + inset, table.rows[row].top
        if drawing.find(".//pic:pic", NS) is not None:  # a symbol pasted as a picture
            table.figures.append(Figure(left, top, w, h, "process", cell=(row, col), picture=True))
            return
        for shape, box in _shapes(drawing, (left, top, w, h)):
            figure = _figure(shape, box)
            if figure is not None:
                figure.cell = (row, col)
                table.figures.append(figure)


def _drawings(p: etree._Element) -> Iterator[etree._Element]:
    """The anchored or inline DrawingML drawings and VML pictures of a paragraph (not the
    fallbacks Word writes beside a drawing for older readers)."""
    for element in p.iter(q("wp", "anchor"), q("wp", "inline"), W + "pict"):
        if any(a.tag == q("mc", "Fallback") for a in element.iterancestors()):
            continue
        if element.tag == W + "pict" or element.find(".//a:graphicData", NS) is not None:
            yield element


def _in_textbox(p: etree._Element, stop: etree._Element) -> bool:
    for ancestor in p.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag == W + "txbxContent":
            return True
    return False


def _lines(p: etree._Element) -> list[str]:
    """A paragraph's text, split where it breaks lines (not inside text boxes)."""
    lines = [""]
    for element in p.iter(W + "t", W + "br", W + "cr", W + "tab", W + "noBreakHyphen"):
        if _in_textbox(element, p):
            continue
        if element.tag == W + "t":
            lines[-1] += element.text or ""
        elif element.tag in (W + "br", W + "cr"):
            if element.get(W + "type") in (None, "textWrapping"):
                lines.append("")
        elif element.tag == W + "tab":
            lines[-1] += " "
        else:
            lines[-1] += "-"
    return [line.strip() for line in lines]


def _text_height(cell: Cell) -> float:
    """How tall a cell's text is, set at 8 pt in its width: the row's height when the document does
    not say."""
    width = max(cell.width - 2.5, 5.0)
    count = sum(max(1, len(wrap(line, width, 8.0))) for line in cell.lines) or 1
    return count * line_height(8.0) + 2.5


def _shapes(drawing: etree._Element, box: tuple[float, float, float, float]) -> Iterator[tuple[etree._Element, tuple]]:
    """Every shape of a DrawingML drawing with its box: one shape, or each member of a group
    (its child coordinates scaled into the group's box)."""
    shape = drawing.find(".//wps:wsp", NS)
    group = drawing.find(".//wpg:wgp", NS)
    if group is not None:
        xfrm = group.find("wpg:grpSpPr/a:xfrm", NS)
        scale = _group_scale(xfrm, box)
        for member in group.iter(q("wps", "wsp")):
            member_xfrm = member.find("wps:spPr/a:xfrm", NS)
            yield member, _scaled(member_xfrm, scale)
    elif shape is not None:
        yield shape, box
    elif drawing.find(".//pic:pic", NS) is not None:
        return  # a picture (a logo): not part of the flowchart


def _group_scale(xfrm, box):
    x, y, w, h = box
    if xfrm is None:
        return (x, y, 1.0, 1.0, 0.0, 0.0)
    off, ext = xfrm.find("a:chOff", NS), xfrm.find("a:chExt", NS)
    ox, oy = (int(off.get("x", "0")), int(off.get("y", "0"))) if off is not None else (0, 0)
    cx, cy = (int(ext.get("cx", "1")) or 1, int(ext.get("cy", "1")) or 1) if ext is not None else (1, 1)
    return (x, y, w / cx, h / cy, ox, oy)


def _scaled(xfrm, scale):
    x, y, sx, sy, ox, oy = scale
    if xfrm is None:
        return (x, y, 0.0, 0.0)
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    px, py = int(off.get("x", "0")), int(off.get("y", "0"))
    cx, cy = int(ext.get("cx", "0")), int(ext.get("cy", "0"))
    return (x + (px - ox) * sx, y + (py - oy) * sy, cx * sx, cy * sy)


def _text(element: etree._Element) -> str:
    content = element.find(".//w:txbxContent", NS)
    if content is None:
        return ""
    paragraphs = [" ".join(line for line in _lines(p) if line) for p in content.iter(W + "p")]
    return " ".join(p for p in paragraphs if p).strip()


def _figure(shape: etree._Element, box) -> Figure | None:
    props = shape.find("wps:spPr", NS)
    preset = props.find("a:prstGeom", NS) if props is not None else None
    kind = PRESETS.get(preset.get("prst", "")) if preset is not None else None
    text = _text(shape)
    outline = props.find("a:ln", NS) if props is not None else None
    no_line = outline is not None and outline.find("a:noFill", NS) is not None
    if kind == "process" and no_line:
        return None  # a text box: a label, not a symbol
    if kind is None:
        return None
    x, y, w, h = box
    return Figure(x, y, w, h, kind, text)


def _add(table: Table, shape: etree._Element, box) -> None:
    props = shape.find("wps:spPr", NS)
    if props is None:
        return
    preset = props.find("a:prstGeom", NS)
    custom = props.find("a:custGeom", NS)
    name = preset.get("prst", "") if preset is not None else ""
    x, y, w, h = box
    outline = props.find("a:ln", NS)
    if name in LINES or (custom is not None and props.find("a:noFill", NS) is not None):
        points = _line_points(name, custom, props.find("a:xfrm", NS), box)
        if points:
            table.connectors.append(Connector(points, _arrowhead(outline, "tailEnd"), _arrowhead(outline, "headEnd")))
        return
    figure = _figure(shape, box)
    if figure is not None:
        table.figures.append(figure)
        return
    text = _text(shape)
    if text:
        table.labels.append(Label(x, y, w, h, text))


def _arrowhead(outline, end: str) -> bool:
    if outline is None:
        return False
    mark = outline.find(f"a:{end}", NS)
    return mark is not None and mark.get("type", "none") != "none"


def _line_points(name: str, custom, xfrm, box) -> list[tuple[float, float]]:
    x, y, w, h = box
    flip_h = xfrm is not None and xfrm.get("flipH") == "1"
    flip_v = xfrm is not None and xfrm.get("flipV") == "1"
    if custom is not None:
        path = custom.find(".//a:path", NS)
        if path is None:
            return []
        pw, ph = int(path.get("w", "0")) or 1, int(path.get("h", "0")) or 1
        raw = [(int(pt.get("x", "0")) / pw, int(pt.get("y", "0")) / ph) for pt in path.iter(q("a", "pt"))]
    elif name.startswith("bentConnector3") or name.startswith("bentConnector4") or name.startswith("bentConnector5"):
        raw = [(0.0, 0.0), (0.5, 0.0), (0.5, 1.0), (1.0, 1.0)]
    elif name.startswith("bentConnector2"):
        raw = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
    else:
        raw = [(0.0, 0.0), (1.0, 1.0)]
    return [(x + w * (1 - u if flip_h else u), y + h * (1 - v if flip_v else v)) for u, v in raw]


# --- VML ---------------------------------------------------------------------------------------

def _vml_shapes(pict: etree._Element) -> Iterator[etree._Element]:
    for element in pict.iter():
        local = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if etree.QName(element).namespace == NS["v"] and local in VML_TAGS:
            yield element


def _style(shape: etree._Element) -> dict[str, str]:
    out = {}
    for part in (shape.get("style") or "").split(";"):
        key, _, value = part.partition(":")
        if key.strip():
            out[key.strip().lower()] = value.strip()
    return out


def _length(value: str | None) -> float:
    """A VML length in mm (pt when no unit is given, as Word writes them)."""
    if not value:
        return 0.0
    match = re.fullmatch(r"\s*(-?[\d.]+)\s*(pt|in|cm|mm|px|emu)?\s*", value)
    if not match:
        return 0.0
    number, unit = float(match.group(1)), match.group(2) or "pt"
    return number * {"pt": PT_MM, "in": 25.4, "cm": 10.0, "mm": 1.0, "px": 25.4 / 96, "emu": EMU_MM}[unit]


def _vml_box(shape: etree._Element) -> tuple[float, float, float, float] | None:
    style = _style(shape)
    local = etree.QName(shape).localname
    if local == "line":
        (x1, y1), (x2, y2) = _vml_point(shape.get("from")), _vml_point(shape.get("to"))
        return min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1)
    x = _length(style.get("margin-left") or style.get("left"))
    y = _length(style.get("margin-top") or style.get("top"))
    return x, y, _length(style.get("width")), _length(style.get("height"))


def _vml_point(text: str | None) -> tuple[float, float]:
    parts = (text or "0,0").split(",")
    return _length(parts[0]), _length(parts[1] if len(parts) > 1 else "0")


def _add_vml(table: Table, shape: etree._Element, box) -> None:
    local = etree.QName(shape).localname
    kind = VML_TAGS[local]
    spt = shape.get(q("o", "spt")) or (shape.get("type") or "").rpartition("_t")[2]
    if local == "shape":
        kind = VML_TYPES.get(spt, "shape")
    x, y, w, h = box
    stroke = shape.find("v:stroke", NS)
    head = stroke is not None and (stroke.get("endarrow") or "none") != "none"
    tail = stroke is not None and (stroke.get("startarrow") or "none") != "none"
    if local == "line":
        (x1, y1), (x2, y2) = _vml_point(shape.get("from")), _vml_point(shape.get("to"))
        dx, dy = x - min(x1, x2), y - min(y1, y2)
        table.connectors.append(Connector([(x1 + dx, y1 + dy), (x2 + dx, y2 + dy)], head, tail))
        return
    if local == "polyline":
        numbers = [_length(v) for v in (shape.get("points") or "").replace(" ", ",").split(",") if v.strip()]
        pts = list(zip(numbers[::2], numbers[1::2], strict=False))
        if pts:
            ox, oy = min(p[0] for p in pts), min(p[1] for p in pts)
            table.connectors.append(Connector([(x + px - ox, y + py - oy) for px, py in pts], head, tail))
        return
    if kind == "line":
        flip = _style(shape).get("flip", "")
        start, end = [x, y], [x + w, y + h]
        if "x" in flip:
            start[0], end[0] = end[0], start[0]
        if "y" in flip:
            start[1], end[1] = end[1], start[1]
        table.connectors.append(Connector([(start[0], start[1]), (end[0], end[1])], head, tail))
        return
    text = _text(shape)
    if kind in ("label", "shape") or (kind == "process" and shape.get("stroked") == "f"):
        if text:
            table.labels.append(Label(x, y, w, h, text))
        return
    table.figures.append(Figure(x, y, w, h, kind, text))
