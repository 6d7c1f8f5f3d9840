"""SOP documents made the way a unit makes them in Word — not by sopc — for the importer's tests.

A python-docx document with the identity table (label variants, a merged kop, Word's own
numbering), the flowchart table (Pelaksana and Mutu Baku merged over their columns, "Input" over
Kelengkapan, "Ket."), and its drawing in one of the ways Word writes it:
- `cell`: DrawingML shapes anchored in the lane's cell (offsets from the cell and its paragraph);
- `vml`: the same as VML (`v:shape` with `o:spt`, `v:line` with an end arrow), as older Word does;
- `floating`: DrawingML anchored in a paragraph above the table, offsets from the margin, the
  rows' heights left to Word (only a renderer knows where the rows fall);
- `inline`: the symbols set inline in their cells, no arrows.
The table may continue on a second page as a second table without a repeated header.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

NS_DECL = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
EMU = 36000  # per mm
ACTORS = ["Pemohon", "Petugas Loket", "Kepala Seksi Pelayanan"]
# kegiatan, lanes (indexes of ACTORS), symbol, kelengkapan, waktu, output
STEPS = [
    ("Mengajukan permohonan izin beserta berkas persyaratan", [0], "terminator",
     ["Formulir permohonan", "Fotokopi KTP"], "5 menit", "Berkas permohonan"),
    ("Menerima dan mencatat permohonan dalam buku agenda", [1], "process", ["Berkas permohonan"], "10 menit",
     "Permohonan tercatat"),
    ("Memeriksa kelengkapan berkas", [2], "decision", ["Permohonan tercatat"], "15 menit", "Berkas terperiksa"),
    ("Menandatangani surat izin", [2], "process", ["Konsep surat izin"], "1 hari kerja", "Surat izin"),
    ("Menyerahkan surat izin kepada pemohon", [1], "process", ["Surat izin"], "5 menit", "Surat izin diserahkan"),
    ("Menerima surat izin", [0], "terminator", ["Surat izin"], "5 menit", "Izin diterima"),
]
DECISION = (2, 1, "Lengkap", "Tidak lengkap")  # step index, its `tidak` target (index), labels
INSIDE = {1: "Via Loket"}  # text typed inside a symbol (the `cell` variant): step index -> text
NUMBER_W, KEGIATAN_W, LANE_W, INPUT_W, WAKTU_W, OUTPUT_W, KET_W = 10, 50, 30, 30, 18, 30, 20
ROW_H = 16.0  # mm: the steps' rows (exact, or "at least" with the text well inside)
HEAD_H = 8.0  # mm: each of the two header rows
ANCHOR_PT = 1.0  # the floating variant's anchor paragraph: one point high, exactly
SYMBOL = {"terminator": (14.0, 7.0), "process": (14.0, 7.0), "decision": (12.0, 10.0)}
PRESET = {"terminator": "flowChartTerminator", "process": "flowChartProcess", "decision": "flowChartDecision"}
SPT = {"terminator": 116, "process": 109, "decision": 110}


@dataclass
class Variant:
    shapes: str = "cell"  # cell | vml | floating | inline
    paper: str = "A4"  # A4 | Letter
    continued: bool = False  # the table goes on in a second table, without its header
    picture: int | None = None  # this step's symbol pasted as a picture (a PNG), as some archives have


def make(path: Path, variant: Variant) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = (Mm(297), Mm(210)) if variant.paper == "A4" else (Mm(279.4), Mm(215.9))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(8)
    style.paragraph_format.space_after = Pt(0)
    _identity(doc)
    doc.add_page_break()
    rows = STEPS if not variant.continued else STEPS[:4]
    anchor = _anchor_paragraph(doc) if variant.shapes == "floating" else None
    table = _flow_table(doc, rows, header=True, fixed=variant.shapes != "floating")
    _draw(doc, table, anchor, rows, 0, variant)
    if variant.continued:
        doc.add_page_break()
        anchor = _anchor_paragraph(doc) if variant.shapes == "floating" else None
        rest = _flow_table(doc, STEPS[4:], header=False, fixed=variant.shapes != "floating", first=5)
        _draw(doc, rest, anchor, STEPS[4:], 4, variant)
    doc.save(str(path))
    return path


def _anchor_paragraph(doc):
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(ANCHOR_PT)
    paragraph.paragraph_format.line_spacing_rule = 4  # WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _identity(doc) -> None:
    table = doc.add_table(rows=9, cols=3)
    table.style = "Table Grid"
    kop = table.cell(0, 0).merge(table.cell(5, 0))
    kop.text = "PEMERINTAH KOTA CONTOH\nDINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"
    labels = [("NOMOR SOP AP", "012/SOP/DPMPTSP/2025"), ("TGL. PEMBUATAN", "2 Juni 2025"),
              ("TGL. REVISI", "-"), ("TGL. EFEKTIF", "16 Juni 2025"), ("DISAHKAN OLEH", None),
              ("NAMA SOP", "Pelayanan Izin Usaha Mikro")]
    for row, (label, value) in enumerate(labels):
        table.cell(row, 1).text = label
        if value is not None:
            table.cell(row, 2).text = value
    signer = table.cell(4, 2)
    signer.text = "Kepala Dinas Penanaman Modal dan PTSP"
    for line in ("", "", "Drs. Ahmad Fauzi, M.Si.", "NIP. 19750312 199803 1 004"):
        signer.add_paragraph(line)
    sections = [("DASAR HUKUM :", ["Peraturan Daerah Kota Contoh Nomor 5 Tahun 2021 tentang Perizinan",
                                   "Peraturan Wali Kota Contoh Nomor 12 Tahun 2023"]),
                ("KUALIFIKASI PELAKSANA :", ["Memahami tata cara perizinan", "Mampu mengoperasikan komputer"]),
                ("KETERKAITAN :", ["-"]), ("PERALATAN/PERLENGKAPAN :", ["Komputer", "Printer"]),
                ("PERINGATAN :", ["Apabila SOP tidak dilaksanakan, pelayanan izin terlambat."]),
                ("PENCATATAN DAN PENDATAAN :", ["Buku agenda permohonan"])]
    for index, (label, items) in enumerate(sections):
        row, col = 6 + index // 2, 0 if index % 2 == 0 else 1
        cell = table.cell(row, col) if col == 0 else table.cell(row, 1).merge(table.cell(row, 2))
        cell.text = label
        for number, item in enumerate(items, 1):
            text = item if item == "-" or label.startswith(("PERINGATAN", "KETERKAITAN")) else f"{number}. {item}"
            cell.add_paragraph(text)


def _flow_table(doc, steps, header: bool, fixed: bool, first: int = 1):
    widths = [NUMBER_W, KEGIATAN_W, *([LANE_W] * len(ACTORS)), INPUT_W, WAKTU_W, OUTPUT_W, KET_W]
    heads = 2 if header else 0
    table = doc.add_table(rows=heads + len(steps), cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    for index, width in enumerate(widths):
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(round(width / 25.4 * 1440)))
    if header:
        lanes = 2 + len(ACTORS)
        for col, text in ((0, "No"), (1, "Kegiatan"), (lanes + 3, "Ket.")):
            table.cell(0, col).merge(table.cell(1, col)).text = text
        table.cell(0, 2).merge(table.cell(0, lanes - 1)).text = "Pelaksana"
        table.cell(0, lanes).merge(table.cell(0, lanes + 2)).text = "Mutu Baku"
        for i, actor in enumerate(ACTORS):
            table.cell(1, 2 + i).text = actor
        for i, text in enumerate(("Input", "Waktu", "Output")):
            table.cell(1, lanes + i).text = text
    rule = "exact" if fixed else "atLeast"
    for r in range(heads):
        table.rows[r]._tr.get_or_add_trPr().append(
            parse_xml(f'<w:trHeight {NS_DECL} w:val="{round(HEAD_H / 25.4 * 1440)}" w:hRule="{rule}"/>'))
    for r, (kegiatan, _, _, kelengkapan, waktu, output) in enumerate(steps):
        row = table.rows[heads + r]
        row._tr.get_or_add_trPr().append(
            parse_xml(f'<w:trHeight {NS_DECL} w:val="{round(ROW_H / 25.4 * 1440)}" w:hRule="{rule}"/>'))
        row.cells[0].text = str(first + r)
        row.cells[1].text = kegiatan
        cell = row.cells[2 + len(ACTORS)]
        cell.text = kelengkapan[0]
        for item in kelengkapan[1:]:
            cell.add_paragraph(item)  # each requirement its own paragraph, as people type them
        row.cells[3 + len(ACTORS)].text = waktu
        row.cells[4 + len(ACTORS)].text = output
    return table


def _lane_x(lane: int) -> float:
    return NUMBER_W + KEGIATAN_W + lane * LANE_W


def _draw(doc, table, anchor, steps, offset: int, variant: Variant) -> None:
    heads = 2 if offset == 0 else 0
    boxes = {}
    for r, (_, lanes, kind, *_rest) in enumerate(steps):
        w, h = SYMBOL[kind]
        for lane in lanes:
            x, y = _lane_x(lane) + (LANE_W - w) / 2, 3.0
            boxes[offset + r] = (lane, x, y, w, h, kind, heads + r)
    for index, (lane, x, y, w, h, kind, row) in boxes.items():
        cell = table.cell(row, 2 + lane)
        if index == variant.picture:
            cell.paragraphs[0].paragraph_format.left_indent = Mm(x - _lane_x(lane) - 1.9)
            cell.paragraphs[0].add_run().add_picture(_png(w, h), width=Mm(w), height=Mm(h))
            continue
        if variant.shapes == "inline":
            cell.paragraphs[0]._p.append(parse_xml(_inline_shape(kind, w, h, index)))
        elif variant.shapes == "vml":
            cell.paragraphs[0]._p.append(parse_xml(_vml(kind, x - _lane_x(lane), y, w, h)))
        elif variant.shapes == "cell":
            inside = INSIDE.get(index, "")
            text = (f'<wps:txbx><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>'
                    f'<w:sz w:val="12"/></w:rPr><w:t>{inside}</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
                    if inside else "")
            cell.paragraphs[0]._p.append(parse_xml(_anchor(PRESET[kind], x - _lane_x(lane), y, w, h, index,
                                                           relative=("column", "paragraph"), text=text)))
        else:
            anchor._p.append(parse_xml(_anchor(PRESET[kind], x, _row_top(row, heads) + y, w, h, index,
                                               relative=("margin", "paragraph"))))
    if variant.shapes == "inline":
        return
    for index in boxes:  # arrows to the next step, and the decision's way back
        ways = []
        if index + 1 in boxes:
            ways.append((index, index + 1, DECISION[2] if index == DECISION[0] else None))
        if index == DECISION[0] and DECISION[1] in boxes:
            ways.append((index, DECISION[1], DECISION[3]))
        for src, dst, label in ways:
            _arrow(table, anchor, boxes[src], boxes[dst], label, variant, 100 + src * 10 + dst, heads)


def _row_top(row: int, heads: int) -> float:
    """Where a row starts, from the top of the floating variant's anchor paragraph."""
    above = ANCHOR_PT * 25.4 / 72
    return above + min(row, heads) * HEAD_H + max(row - heads, 0) * ROW_H


def _arrow(table, anchor, src, dst, label, variant: Variant, shape_id: int, heads: int) -> None:
    s_lane, sx, sy, sw, sh, _, s_row = src
    d_lane, dx, dy, dw, dh, _, d_row = dst
    start = (sx + sw / 2, sy + sh)
    end_y = _row_top(d_row, heads) - _row_top(s_row, heads) + dy
    end = (dx + dw / 2, end_y)
    if end[1] < start[1]:  # back up: leave from the symbol's left, go round
        start = (sx, sy + sh / 2)
        points = [start, (start[0] - 4, start[1]), (start[0] - 4, end[1] - 2), (end[0], end[1] - 2), end]
    elif abs(end[0] - start[0]) < 0.5:
        points = [start, end]
    else:
        points = [start, (start[0], start[1] + (end[1] - start[1]) / 2), (end[0], start[1] + (end[1] - start[1]) / 2),
                  end]
    base_x = _lane_x(s_lane) if variant.shapes != "floating" else 0.0
    base_y = 0.0 if variant.shapes != "floating" else _row_top(s_row, heads)
    cell = table.cell(s_row, 2 + s_lane) if variant.shapes != "floating" else None
    paragraph = cell.paragraphs[0]._p if cell is not None else anchor._p
    if variant.shapes == "vml":
        for a, b in zip(points, points[1:], strict=False):
            arrow = 'endarrow="block"' if b == points[-1] else ""
            pt = 72 / 25.4
            paragraph.append(parse_xml(
                f'<w:r {NS_DECL}><w:pict><v:line from="{(a[0] - base_x) * pt:.2f}pt,{a[1] * pt:.2f}pt" '
                f'to="{(b[0] - base_x) * pt:.2f}pt,{b[1] * pt:.2f}pt" '
                f'style="position:absolute;z-index:2"><v:stroke {arrow}/></v:line></w:pict></w:r>'))
    else:
        x0, y0 = min(p[0] for p in points), min(p[1] for p in points)
        w, h = max(max(p[0] for p in points) - x0, 0.01), max(max(p[1] for p in points) - y0, 0.01)
        path = "".join(f'<a:{"moveTo" if i == 0 else "lnTo"}><a:pt x="{round((px - x0) * EMU)}" '
                       f'y="{round((py - y0) * EMU)}"/></a:{"moveTo" if i == 0 else "lnTo"}>'
                       for i, (px, py) in enumerate(points))
        geometry = (f'<a:custGeom><a:pathLst><a:path w="{round(w * EMU)}" h="{round(h * EMU)}">{path}</a:path>'
                    '</a:pathLst></a:custGeom><a:noFill/><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/>'
                    '</a:solidFill><a:tailEnd type="triangle"/></a:ln>')
        relative = ("column", "paragraph") if variant.shapes == "cell" else ("margin", "paragraph")
        paragraph.append(parse_xml(_anchor(None, x0 - base_x, y0 + base_y, w, h, shape_id, relative, geometry)))
    if label:  # beside the exit's first stretch: below the diamond to the right, or left of it going back
        lx, ly = (start[0] + 1.0, start[1] + 0.5) if end[1] > start[1] else (start[0] - 19.0, start[1] - 4.5)
        if variant.shapes == "vml":
            pt = 72 / 25.4
            paragraph.append(parse_xml(
                f'<w:r {NS_DECL}><w:pict><v:shape type="#_x0000_t202" o:spt="202" stroked="f" filled="f" '
                f'style="position:absolute;margin-left:{(lx - base_x) * pt:.2f}pt;margin-top:{ly * pt:.2f}pt;'
                f'width:{18 * pt:.2f}pt;height:{4 * pt:.2f}pt"><v:textbox inset="0,0,0,0"><w:txbxContent><w:p><w:r>'
                f'<w:t>{label}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
        else:
            text = (f'<wps:txbx><w:txbxContent><w:p><w:r><w:rPr><w:sz w:val="14"/></w:rPr><w:t>{label}</w:t></w:r>'
                    '</w:p></w:txbxContent></wps:txbx>')
            relative = ("column", "paragraph") if variant.shapes == "cell" else ("margin", "paragraph")
            paragraph.append(parse_xml(_anchor("rect", lx - base_x, ly + base_y, 18, 4, shape_id + 5000, relative,
                                               text=text, line=False)))


def _anchor(preset: str | None, x: float, y: float, w: float, h: float, shape_id: int,
            relative: tuple[str, str], geometry: str | None = None, text: str = "", line: bool = True) -> str:
    if geometry is None:
        outline = ('<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>' if line
                   else '<a:ln><a:noFill/></a:ln>')
        geometry = f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom>' + \
            ('<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>' if line else '<a:noFill/>') + outline
    return (f'<w:r {NS_DECL}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'relativeHeight="{shape_id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="{relative[0]}"><wp:posOffset>{round(x * EMU)}'
            f'</wp:posOffset></wp:positionH><wp:positionV relativeFrom="{relative[1]}"><wp:posOffset>{round(y * EMU)}'
            f'</wp:posOffset></wp:positionV><wp:extent cx="{round(w * EMU)}" cy="{round(h * EMU)}"/><wp:wrapNone/>'
            f'<wp:docPr id="{shape_id}" name="Shape {shape_id}"/><a:graphic><a:graphicData '
            f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr/>'
            f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{round(w * EMU)}" cy="{round(h * EMU)}"/></a:xfrm>'
            f'{geometry}</wps:spPr>{text}<wps:bodyPr lIns="0" tIns="0" rIns="0" bIns="0"/></wps:wsp></a:graphicData>'
            '</a:graphic></wp:anchor></w:drawing></w:r>')


def _png(w: float, h: float):
    """A process symbol drawn as a picture: a black outline on white."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (round(w * 10), round(h * 10)), "white")
    ImageDraw.Draw(image).rectangle((0, 0, image.width - 1, image.height - 1), outline="black", width=4)
    data = io.BytesIO()
    image.save(data, format="PNG")
    data.seek(0)
    return data


def _inline_shape(kind: str, w: float, h: float, shape_id: int) -> str:
    return (f'<w:r {NS_DECL}><w:drawing><wp:inline><wp:extent cx="{round(w * EMU)}" cy="{round(h * EMU)}"/>'
            f'<wp:docPr id="{shape_id + 1}" name="Shape {shape_id}"/><a:graphic><a:graphicData '
            f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr/>'
            f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{round(w * EMU)}" cy="{round(h * EMU)}"/></a:xfrm>'
            f'<a:prstGeom prst="{PRESET[kind]}"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill>'
            '<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData>'
            '</a:graphic></wp:inline></w:drawing></w:r>')


def _vml(kind: str, x: float, y: float, w: float, h: float) -> str:
    pt = 72 / 25.4
    return (f'<w:r {NS_DECL}><w:pict><v:shape type="#_x0000_t{SPT[kind]}" o:spt="{SPT[kind]}" '
            f'style="position:absolute;margin-left:{x * pt:.2f}pt;margin-top:{y * pt:.2f}pt;width:{w * pt:.2f}pt;'
            f'height:{h * pt:.2f}pt;z-index:1" strokeweight=".75pt"/></w:pict></w:r>')
