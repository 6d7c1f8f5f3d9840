"""The only module that writes raw OOXML: what python-docx has no API for.

Drawings (flowchart shapes, polyline arrows, text boxes) are `wp:anchor`s positioned from the
margin (x) and from their paragraph (y), the form measured to render in LibreOffice (tech-notes
section 2c); every id comes from a counter, so the same layout gives the same XML. Table and
cell properties (fixed layout, borders, shading, repeated header rows) are here too.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from sopc.layout.geometry import Box, Point

EMU_PER_MM = 36000
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
PRESETS = {"terminator": "flowChartTerminator", "process": "flowChartProcess",
           "decision": "flowChartDecision", "offpage": "flowChartOffpageConnector"}
LINE = '<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>{end}</a:ln>'
ARROW_END = '<a:tailEnd type="triangle" w="med" len="med"/>'


def emu(mm: float) -> int:
    return round(mm * EMU_PER_MM)


class Drawing:
    """Builds the runs of one page's drawing; `origin` is the page point at the anchor paragraph's top-left."""

    def __init__(self, origin: Point, first_id: int) -> None:
        self.origin = origin
        self.next_id = first_id

    def _anchor(self, box: Box, graphic: str, name: str) -> object:
        shape_id, self.next_id = self.next_id, self.next_id + 1
        x, y = emu(box.x - self.origin.x), emu(box.y - self.origin.y)
        cx, cy = max(emu(box.w), 1), max(emu(box.h), 1)
        xml = (
            f'<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{251659264 + shape_id}" '
            f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            f'<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{shape_id}" name="{escape(name)} {shape_id}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'{graphic}</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback/></mc:AlternateContent></w:r>'
        )
        return parse_xml(xml)

    def shape(self, kind: str, box: Box, lines: tuple[str, ...] = (), size_pt: float = 6.0,
              name: str = "Simbol") -> object:
        """A flowchart symbol (terminator, process, decision, offpage) with optional centred text."""
        text = _text_box(lines, size_pt, bold=kind == "offpage") if lines else ""
        graphic = (f'<a:prstGeom prst="{PRESETS[kind]}"><a:avLst/></a:prstGeom>'
                   f'<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>{LINE.format(end="")}</wps:spPr>'
                   f'{text}<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
                   f'anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>')
        return self._anchor(box, graphic, name)

    def polyline(self, points: tuple[Point, ...], name: str = "Panah") -> object:
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
              name: str = "Label") -> object:
        """A borderless text box, on a white ground (an arrow's Ya/Tidak) or transparent (a question)."""
        body = _text_box(lines, size_pt)
        fill = '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>' if ground else "<a:noFill/>"
        graphic = (f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></wps:spPr>'
                   f'{body}<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" '
                   f'anchor="ctr"><a:noAutofit/></wps:bodyPr>')
        return self._anchor(box, graphic, name)


def _text_box(lines: tuple[str, ...], size_pt: float, bold: bool = False, align: str = "center") -> str:
    half_points = round(size_pt * 2)
    jc = {"center": "center", "left": "left", "right": "right"}[align]
    bold_xml = "<w:b/>" if bold else ""
    paragraphs = "".join(
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{round(size_pt * 20 * 1.1)}" w:lineRule="exact"/>'
        f'<w:jc w:val="{jc}"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
        f'{bold_xml}<w:sz w:val="{half_points}"/></w:rPr><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in lines)
    return f"<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>"


def table_properties(tbl_pr: object) -> None:
    """Fixed column widths, no cell margins (sopc pads with indents), single black borders."""
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    for xml in (f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>',
                f'<w:tblCellMar {nsdecls("w")}><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
                f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>',
                f'<w:tblBorders {nsdecls("w")}>{borders}</w:tblBorders>'):
        tbl_pr.append(parse_xml(xml))  # type: ignore[attr-defined]


def row_properties(tr_pr: object, header: bool) -> None:
    """The row is never split across pages; a header row repeats on every page its table runs over."""
    tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))  # type: ignore[attr-defined]
    if header:
        tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))  # type: ignore[attr-defined]


def cell_shading(tc_pr: object, fill: str) -> None:
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))  # type: ignore[attr-defined]


def cell_valign(tc_pr: object, where: str) -> None:
    tc_pr.append(parse_xml(f'<w:vAlign {nsdecls("w")} w:val="{where}"/>'))  # type: ignore[attr-defined]


SVG_BLIP_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"


def add_svg_to_picture(run_element: object, svg_rel_id: str) -> None:
    """Give a picture's PNG blip its SVG original (Word 2016+ draws the SVG, others the PNG)."""
    blip = run_element.xpath(".//a:blip")[0]  # type: ignore[attr-defined]
    blip.append(parse_xml(
        '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<a:ext uri="{SVG_BLIP_EXT}">'
        '<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="{svg_rel_id}"/>'
        '</a:ext></a:extLst>'))


def field_begin(instruction: str) -> list[object]:
    """The runs that open a complex field (e.g. a TOC) whose shown result follows: Word refreshes it
    on opening (dirty), LibreOffice shows the result as written."""
    return [parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'),
            parse_xml(f'<w:r {NS}><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'),
            parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>')]


def field_end() -> object:
    return parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>')


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def lines_paragraph(lines: list[str] | tuple[str, ...], style_id: str, indent_mm: float, space_before_mm: float,
                    bold: bool) -> object:
    """A paragraph of the given lines joined by line breaks, written at once (python-docx's
    run-by-run API costs more than the rest of a cell)."""
    spacing = f'<w:spacing w:before="{twips(space_before_mm)}"/>' if space_before_mm else ""
    bold_xml = "<w:rPr><w:b/></w:rPr>" if bold else ""
    runs = "".join(f'<w:r>{bold_xml}{"<w:br/>" if i else ""}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                   for i, line in enumerate(lines))
    indent = twips(indent_mm)
    return parse_xml(f'<w:p {NS}><w:pPr><w:pStyle w:val="{escape(style_id)}"/>{spacing}'
                     f'<w:ind w:left="{indent}" w:right="{indent}"/></w:pPr>{runs}</w:p>')


Cell = tuple[tuple[str, ...], str]  # (lines, paragraph style id); no lines: an empty cell


def table_row(widths_mm: list[float], height_mm: float, cells: list[Cell], pad_mm: float) -> object:
    """A whole table row written at once: exact height, never split, each cell's lines in one paragraph."""
    tcs = []
    for width, (lines, style_id) in zip(widths_mm, cells, strict=True):
        paragraph = lines_paragraph(lines, style_id, pad_mm, pad_mm, False) if lines else None
        body = etree.tostring(paragraph, encoding="unicode") if paragraph is not None else "<w:p/>"
        tcs.append(f'<w:tc><w:tcPr><w:tcW w:w="{twips(width)}" w:type="dxa"/></w:tcPr>{body}</w:tc>')
    return parse_xml(f'<w:tr {NS}><w:trPr><w:cantSplit/><w:trHeight w:val="{twips(height_mm)}" w:hRule="exact"/>'
                     f'</w:trPr>{"".join(tcs)}</w:tr>')
