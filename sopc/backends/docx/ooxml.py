"""The only module that writes raw OOXML, as text: tables, cells, paragraphs and drawings.

Every document's body (an SOP, the manual, the monev forms) is written as one string: through
python-docx's element-by-element API a 15-step SOP's DOCX took 112 ms, as text about 7 ms
(benchmarks/docx_speed.py). Every function returns a fragment without namespace declarations:
the document's root declares them (`NAMESPACES`, see `package.py`). User text only ever enters
through `escape` (element text) or `attr` (attribute values).

Drawings (flowchart shapes, polyline arrows, text boxes) are `wp:anchor`s positioned from the
margin (x) and from their paragraph (y): measured in LibreOffice, lines land within 0.1 mm of
the column centres the layout computed, where a group of shapes (`wpg:wgp`) was stretched and
shapes anchored in a cell were measured from its border. Every id comes from a counter, so the
same layout gives the same XML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from sopc.backends.escape import quoted
from sopc.backends.escape import text as escape
from sopc.layout.geometry import Box, Point
from sopc.layout.text import FONT

EMU_PER_MM = 36000
NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
PRESETS = {"terminator": "flowChartTerminator", "process": "flowChartProcess",
           "decision": "flowChartDecision", "offpage": "flowChartOffpageConnector"}
LINE = '<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>{end}</a:ln>'
ARROW_END = '<a:tailEnd type="triangle" w="med" len="med"/>'


def attr(text: str) -> str:
    """Text escaped for a double-quoted attribute."""
    return quoted(text)


_ANCHOR = b'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="'
_STACKED = re.compile(re.escape(_ANCHOR) + rb'(\d+)"')
_NAMED = re.compile(rb'<wp:docPr id="(\d+)" name="([^"]*) \1"/>')  # two patterns: each is found by its first bytes


def shift_ids(xml: bytes, by: int) -> bytes:
    """`xml` (UTF-8) with its drawings numbered `by` higher: each id, the name that ends with it and
    the stacking order derived from it, as `Drawing` and `picture_run` write them. Both patterns
    begin with a tag, which user text never holds (its `<` is escaped)."""
    if not by:
        return xml
    xml = _STACKED.sub(lambda found: b'%s%d"' % (_ANCHOR, int(found[1]) + by), xml)
    return _NAMED.sub(lambda found: b'<wp:docPr id="%d" name="%s %d"/>' % (int(found[1]) + by, found[2],
                                                                         int(found[1]) + by), xml)


def emu(mm: float) -> int:
    return round(mm * EMU_PER_MM)


class Drawing:
    """Builds the runs of one page's drawing; `origin` is the page point at the anchor paragraph's top-left."""

    def __init__(self, origin: Point, first_id: int) -> None:
        self.origin = origin
        self.next_id = first_id

    def _anchor(self, box: Box, graphic: str, name: str) -> str:
        shape_id, self.next_id = self.next_id, self.next_id + 1
        x, y = emu(box.x - self.origin.x), emu(box.y - self.origin.y)
        cx, cy = max(emu(box.w), 1), max(emu(box.h), 1)
        return (
            f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f'{_ANCHOR.decode()}{251659264 + shape_id}" '
            f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            f'<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{shape_id}" name="{attr(name)} {shape_id}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'{graphic}</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback/></mc:AlternateContent></w:r>'
        )

    def shape(self, kind: str, box: Box, lines: tuple[str, ...] = (), size_pt: float = 6.0,
              name: str = "Simbol") -> str:
        """A flowchart symbol (terminator, process, decision, offpage) with optional centred text."""
        text = _text_box(lines, size_pt, bold=kind == "offpage") if lines else ""
        graphic = (f'<a:prstGeom prst="{PRESETS[kind]}"><a:avLst/></a:prstGeom>'
                   f'<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>{LINE.format(end="")}</wps:spPr>'
                   f'{text}<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
                   f'anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>')
        return self._anchor(box, graphic, name)

    def polyline(self, points: tuple[Point, ...], name: str = "Panah") -> str:
        """An orthogonal arrow: a custom-geometry path with an arrowhead at its last point."""
        xs, ys = [p.x for p in points], [p.y for p in points]
        box = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        w, h = max(emu(box.w), 1), max(emu(box.h), 1)
        path = "".join(
            f'<a:{"moveTo" if i == 0 else "lnTo"}><a:pt x="{emu(p.x - box.x)}" y="{emu(p.y - box.y)}"/>'
            f'</a:{"moveTo" if i == 0 else "lnTo"}>' for i, p in enumerate(points))
        graphic = (f'<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
                   f'<a:pathLst><a:path w="{w}" h="{h}" fill="none">{path}</a:path></a:pathLst></a:custGeom>'
                   f'<a:noFill/>{LINE.format(end=ARROW_END)}'
                   f'</wps:spPr><wps:bodyPr/>')
        return self._anchor(box, graphic, name)

    def label(self, box: Box, lines: tuple[str, ...], size_pt: float, ground: bool = True,
              name: str = "Label") -> str:
        """A borderless text box, on a white ground (an arrow's Ya/Tidak) or transparent (a question)."""
        body = _text_box(lines, size_pt)
        fill = '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>' if ground else "<a:noFill/>"
        graphic = (f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></wps:spPr>'
                   f'{body}<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" '
                   f'anchor="ctr"><a:noAutofit/></wps:bodyPr>')
        return self._anchor(box, graphic, name)


def _text_box(lines: tuple[str, ...], size_pt: float, bold: bool = False, align: str = "center") -> str:
    size = round(size_pt * 2)
    jc = {"center": "center", "left": "left", "right": "right"}[align]
    bold_xml = "<w:b/>" if bold else ""
    paragraphs = "".join(
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{round(size_pt * 20 * 1.1)}" w:lineRule="exact"/>'
        f'<w:jc w:val="{jc}"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
        f'{bold_xml}<w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in lines)
    return f"<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>"


def twips(mm: float) -> int:
    """Millimetres in twentieths of a point, Word's unit for widths, heights and spacing."""
    return round(mm * 1440 / 25.4)


def half_points(size_pt: float) -> int:
    """A font size as Word stores it, rounded down (as python-docx does): never larger than measured."""
    return int(size_pt * 2 + 1e-6)


def run(text: str, bold: bool | None = None, size_pt: float | None = None, br: bool = False,
        br_after: bool = False) -> str:
    """One run: a line break before the text if `br` (after it if `br_after`); bold True/False
    overrides the style, None keeps it. A tab in `text` is a tab."""
    props = ("" if bold is None else "<w:b/>" if bold else '<w:b w:val="0"/>')
    props += f'<w:sz w:val="{half_points(size_pt)}"/>' if size_pt else ""
    r_pr = f"<w:rPr>{props}</w:rPr>" if props else ""
    t = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(part)}</w:t>' if part else ""
                        for part in text.split("\t")) if text else ""
    return f'<w:r>{r_pr}{"<w:br/>" if br else ""}{t}{"<w:br/>" if br_after else ""}</w:r>'


def lines_paragraph(lines: Sequence[str], style_id: str, indent_mm: float, space_before_mm: float = 0.0,
                    bold: bool = False, bold_first: bool = False, size_pt: float | None = None,
                    keep_next: bool = False, align: str | None = None, line_mm: float | None = None) -> str:
    """A paragraph of the given lines joined by line breaks (so heights match the layout's wrapping).
    `line_mm` fixes the height of each line exactly (room left blank, e.g. for a signature)."""
    space = f' w:before="{twips(space_before_mm)}"' if space_before_mm else ""
    if line_mm is not None:
        space += f' w:line="{twips(line_mm)}" w:lineRule="exact"'
    spacing = f"<w:spacing{space}/>" if space else ""
    runs = "".join(run(line, True if bold or (bold_first and i == 0) else None, size_pt, br=i > 0)
                   for i, line in enumerate(lines))
    indent = twips(indent_mm)
    jc = f'<w:jc w:val="{attr(align)}"/>' if align else ""
    return (f'<w:p><w:pPr><w:pStyle w:val="{attr(style_id)}"/>{"<w:keepNext/>" if keep_next else ""}{spacing}'
            f'<w:ind w:left="{indent}" w:right="{indent}"/>{jc}</w:pPr>{runs}</w:p>')


def paragraph(style_id: str, runs: str = "", page_break: bool = False, before_mm: float | None = None,
              after_mm: float | None = None, right_tab_mm: float | None = None, keep_next: bool = False) -> str:
    """A paragraph of the given style holding `runs` (already written); `right_tab_mm` sets a
    right-aligned tab stop with a dotted leader (a table of contents' page numbers)."""
    brk = ("<w:keepNext/>" if keep_next else "") + ("<w:pageBreakBefore/>" if page_break else "")
    tabs = (f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{twips(right_tab_mm)}"/></w:tabs>'
            if right_tab_mm is not None else "")
    space = "".join(f' w:{side}="{twips(mm)}"' for side, mm in (("before", before_mm), ("after", after_mm))
                    if mm is not None)
    spacing = f"<w:spacing{space}/>" if space else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{attr(style_id)}"/>{brk}{tabs}{spacing}</w:pPr>{runs}</w:p>'


BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
CELL_MARGINS = ('<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
                '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>')


def table_start(widths_mm: Sequence[float]) -> str:
    """A table's opening: fixed column widths, no cell margins (sopc pads with indents), single black borders."""
    grid = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths_mm)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{BORDERS}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/>{CELL_MARGINS}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>')


TABLE_END = "</w:tbl>"


HEADER_FILL = "E6E6E6"  # the grey of header cells, as published SOPs print them


class Cell(NamedTuple):
    """One table cell: its width, content (paragraphs, already written) and properties."""

    width_mm: float
    content: str = ""  # empty: the one empty paragraph every cell needs
    span: int = 1  # columns it covers
    merge: str | None = None  # "restart" opens a vertical merge, "continue" carries it on
    fill: str | None = None  # shading colour, e.g. "E6E6E6"
    valign: str | None = None  # top | center | bottom


def cell(c: Cell) -> str:
    """A `w:tc`, its properties in the order the schema asks (Word refuses others)."""
    props = f'<w:tcW w:w="{twips(c.width_mm)}" w:type="dxa"/>'
    props += f'<w:gridSpan w:val="{c.span}"/>' if c.span > 1 else ""
    props += {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[c.merge]
    props += f'<w:shd w:val="clear" w:color="auto" w:fill="{c.fill}"/>' if c.fill else ""
    props += f'<w:vAlign w:val="{c.valign}"/>' if c.valign else ""
    return f'<w:tc><w:tcPr>{props}</w:tcPr>{c.content or "<w:p/>"}</w:tc>'


def row(cells: Sequence[Cell], height_mm: float | None = None, header: bool = False) -> str:
    """A table row that is never split across pages: of exact height if given; a header row repeats
    on every page its table runs over."""
    height = f'<w:trHeight w:val="{twips(height_mm)}" w:hRule="exact"/>' if height_mm is not None else ""
    return (f'<w:tr><w:trPr><w:cantSplit/>{height}{"<w:tblHeader/>" if header else ""}</w:trPr>'
            f'{"".join(cell(c) for c in cells)}</w:tr>')


SVG_BLIP_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"


class Picture(NamedTuple):
    """An image the document holds: its relationship ids (the SVG original's too) and printed size."""

    rel_id: str
    svg_rel_id: str | None
    cx: int  # EMU
    cy: int


def picture_run(picture: Picture, drawing_id: int, name: str = "Logo") -> str:
    """An inline picture; with an SVG original, Word 2016+ draws the SVG and others the raster image."""
    svg = ""
    if picture.svg_rel_id:
        svg = (f'<a:extLst><a:ext uri="{SVG_BLIP_EXT}"><asvg:svgBlip '
               f'xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
               f'r:embed="{attr(picture.svg_rel_id)}"/></a:ext></a:extLst>')
    extent = f'cx="{picture.cx}" cy="{picture.cy}"'
    return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent {extent}/>'
            f'<wp:docPr id="{drawing_id}" name="{attr(name)} {drawing_id}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{attr(name)}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{attr(picture.rel_id)}">{svg}</a:blip>'
            f'<a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext {extent}/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
            f'</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def field_begin(instruction: str) -> str:
    """The runs that open a complex field (e.g. a TOC) whose shown result follows: Word refreshes it
    on opening (dirty), LibreOffice shows the result as written."""
    return ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')


FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
