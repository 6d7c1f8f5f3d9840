"""Layout -> SVG: one drawing per page, either the flowchart to read alone (`flow`: No, Kegiatan and
the actor lanes, each symbol numbered) or the whole official table (`table`).

Built as ElementTree elements and written by `_xml`, which escapes every text a SOP author wrote,
so none is ever parsed as markup. `_xml` writes what `ElementTree.tostring` writes, byte for byte,
in a third of the time (it skips the namespace pass these drawings, one namespace, do not need).
User units are millimetres (viewBox), so the drawing prints at its true size.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from sopc.backends.registry import Rendering
from sopc.layout.geometry import Arrow, Column, Layout, Page, Shape
from sopc.layout.table import HEADER_PT, PAD, TEXT_PT
from sopc.layout.text import FONT, PT_MM, ascent, line_height
from sopc.texts.labels import Labels, labels

SVG_NS = "http://www.w3.org/2000/svg"
FONTS = f"{FONT}, 'Liberation Sans', Helvetica, sans-serif"

STROKE = "0.25"
STYLE = f"""
text {{ font-family: {FONTS}; fill: #000; }}
.sopc-grid {{ stroke: #000; stroke-width: {STROKE}; fill: none; }}
.sopc-lane {{ stroke: #999; stroke-width: 0.15; }}
.sopc-header {{ fill: #e6e6e6; stroke: #000; stroke-width: {STROKE}; }}
.sopc-terminator, .sopc-process, .sopc-decision, .sopc-offpage {{ fill: #fff; stroke: #000; stroke-width: 0.3; }}
.sopc-arrow {{ fill: none; stroke: #000; stroke-width: 0.3; marker-end: url(#sopc-head); }}
.sopc-label-ground {{ fill: #fff; stroke: none; }}
"""

ET.register_namespace("", SVG_NS)
FLOW_COLUMNS = ("no", "kegiatan", "lane")  # what the flow style shows: enough to read it without the table
NUMBER_PT = 7.0  # a step's number inside its symbol (flow style)


def render(doc: Rendering) -> Iterator[tuple[str, bytes]]:
    """The back-end `svg` (sopc.backends.registry): the flowchart table, one SVG per printed page
    (`stem.p1.svg`, ...; `stem.svg` when it fits on one), or one tall sheet."""
    layout = doc.sheet() if doc.svg_pages == "single" else doc.layout
    pages = render_pages(layout, doc.svg_style, doc.labels, f"{doc.sop.nomor} {doc.sop.nama}")
    if len(pages) == 1:
        yield doc.stem + ".svg", pages[0]
        return
    for number, data in enumerate(pages, start=1):
        yield f"{doc.stem}.p{number}.svg", data


def render_pages(layout: Layout, style: str = "flow", text: Labels | None = None, title: str = "") -> list[bytes]:
    """One SVG document per page of the layout; symbols named with `text` (default: sopc's Indonesian labels)."""
    text = text if text is not None else labels("id")
    return [(XML_DECLARATION + _xml(_page_svg(layout, page, style, text, title)) + "\n").encode("utf-8")
            for page in layout.pages]


def inline_pages(layout: Layout, text: Labels, title: str) -> list[str]:
    """The whole table, one `<svg>` element per page, for inline use in an HTML page: no style sheet
    or arrowhead of its own (the page's style sheet holds STYLE and one DEFS serves every drawing,
    so ids stay unique), and each step's first symbol carries the id `langkah-N` to link to."""
    seen: set[int] = set()
    out = []
    for page in layout.pages:
        svg = _page_svg(layout, page, "table", text, title, inline=True)
        for g in svg.iter("g"):
            step = g[1].get("data-step") if g.get("class") == "sopc-symbol" and len(g) > 1 else None
            if step is not None and int(step) not in seen:  # the symbol's shape follows its title
                seen.add(int(step))
                g.set("id", f"langkah-{step}")
        out.append(_xml(svg))
    return out


def defs() -> str:
    """The arrowhead every inline drawing of a page refers to (`inline_pages`), in an `<svg>` of no size."""
    svg = ET.Element(f"{{{SVG_NS}}}svg", {"class": "sopc-defs", "width": "0", "height": "0", "aria-hidden": "true",
                                          "focusable": "false"})
    _marker(ET.SubElement(svg, "defs"))
    return _xml(svg)


def _marker(defs_element: ET.Element) -> None:
    marker = ET.SubElement(defs_element, "marker", {
        "id": "sopc-head", "viewBox": "0 0 10 10", "refX": "10", "refY": "5", "markerUnits": "userSpaceOnUse",
        "markerWidth": "2.2", "markerHeight": "2.2", "orient": "auto"})
    ET.SubElement(marker, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": "#000"})


def _page_svg(layout: Layout, page: Page, style: str, text: Labels, title: str, inline: bool = False) -> ET.Element:
    shown = layout.columns if style == "table" else tuple(c for c in layout.columns if c.key in FLOW_COLUMNS)
    x0 = shown[0].x - 1
    x1 = shown[-1].x + shown[-1].w + 1
    y0, y1 = page.top - 1, page.bottom + 1
    width, height = x1 - x0, y1 - y0
    svg = ET.Element(f"{{{SVG_NS}}}svg", {
        "width": f"{width:.2f}mm", "height": f"{height:.2f}mm",
        "viewBox": f"{x0:.2f} {y0:.2f} {width:.2f} {height:.2f}",
        "class": f"sopc-flowchart sopc-{style}", "data-page": str(page.number),
        "data-pages": str(len(layout.pages)), "role": "img",
    })
    ET.SubElement(svg, "title").text = f"{title} ({page.number}/{len(layout.pages)})" if title else "SOP"
    if not inline:
        defs_element = ET.SubElement(svg, "defs")
        ET.SubElement(defs_element, "style").text = STYLE
        _marker(defs_element)
    _grid(svg, layout, page, shown)
    for shape in page.shapes:
        _shape(svg, shape, layout.activities, text, numbered=style == "flow")
    for arrow in page.arrows:
        _arrow(svg, arrow)
    return svg


def _grid(svg: ET.Element, layout: Layout, page: Page, shown: tuple[Column, ...]) -> None:
    """Header rows, column lines, row lines and (for the table) the text of every cell."""
    g = ET.SubElement(svg, "g", {"class": "sopc-table"})
    h1, h2 = layout.header_rows
    top, left, right = page.top, shown[0].x, shown[-1].x + shown[-1].w
    lanes = [c for c in shown if c.key == "lane"]
    ET.SubElement(g, "rect", {"class": "sopc-header", "x": _f(left), "y": _f(top), "width": _f(right - left),
                              "height": _f(h1 + h2)})
    _merged(g, lanes, top, h1, layout.titles["pelaksana"])
    mutu = [c for c in shown if c.key in ("kelengkapan", "waktu", "output")]
    if mutu:
        _merged(g, mutu, top, h1, layout.titles["mutu_baku"])
    for col in shown:
        lines = layout.lane_titles.get(col.actor or "", (col.title,)) if col.key == "lane" else (col.title,)
        spans_both = col.key in ("no", "kegiatan", "keterangan")
        y, h = (top, h1 + h2) if spans_both else (top + h1, h2)
        size = layout.lane_title_pt if col.key == "lane" else HEADER_PT
        _text_block(g, lines, col.cx, y + h / 2, size, anchor="middle", bold=True, centre=True)
        starts_group = col is lanes[0] or (bool(mutu) and col is mutu[0])  # the rule runs up through the top row
        _line(g, col.x, top if starts_group else y, col.x, page.bottom,
              "sopc-grid" if col.key != "lane" or col is lanes[0] else "sopc-lane")
    _line(g, right, top, right, page.bottom, "sopc-grid")
    _line(g, lanes[0].x, top + h1, lanes[-1].x + lanes[-1].w, top + h1, "sopc-grid")
    if mutu:
        _line(g, mutu[0].x, top + h1, mutu[-1].x + mutu[-1].w, top + h1, "sopc-grid")
    _line(g, left, page.bottom, right, page.bottom, "sopc-grid")
    for row in page.rows:
        _line(g, left, row.y, right, row.y, "sopc-grid")
        for col in shown:
            lines = row.cells.get(col.key, ())
            if lines:
                centred = col.key in ("no", "waktu")
                x = col.cx if centred else col.x + PAD
                _text_block(g, lines, x, row.y + PAD, TEXT_PT, anchor="middle" if centred else "start")
    if page.body_top > top + h1 + h2 + 0.01:
        _line(g, left, page.body_top, right, page.body_top, "sopc-grid")
    if page.rows and page.rows[-1].bottom < page.bottom - 0.01:
        _line(g, left, page.rows[-1].bottom, right, page.rows[-1].bottom, "sopc-grid")


def _merged(g: ET.Element, cols: list[Column], top: float, h: float, title: str) -> None:
    left, right = cols[0].x, cols[-1].x + cols[-1].w
    _text_block(g, (title,), (left + right) / 2, top + h / 2, HEADER_PT, anchor="middle", bold=True, centre=True)


def _shape(svg: ET.Element, shape: Shape, activities: tuple[str, ...], text: Labels, numbered: bool) -> None:
    b = shape.box
    # the symbol element itself carries the class and data attributes (CSS and tests select it)
    attrs = {"class": f"sopc-{shape.kind}", "data-lane": shape.lane or ""}
    if shape.step is not None:
        attrs["data-step"] = str(shape.step + 1)
    if shape.letter:
        attrs["data-connector"] = shape.letter
    g = ET.SubElement(svg, "g", {"class": "sopc-symbol"})
    name = text[f"simbol_{shape.kind}"]
    if shape.letter:
        label = f"{name} {shape.letter}"
    else:
        label = f"{name}, {text['simbol_langkah']} {attrs.get('data-step')}"
    if shape.step is not None and shape.step < len(activities):
        label += ": " + activities[shape.step]  # the full text, however it was wrapped
    if shape.text and shape.kind == "decision":
        label += " — " + " ".join(shape.text)
    ET.SubElement(g, "title").text = label
    if shape.kind in ("process", "terminator"):
        rx = b.h / 2 if shape.kind == "terminator" else 0
        ET.SubElement(g, "rect", {**attrs, "x": _f(b.x), "y": _f(b.y), "width": _f(b.w), "height": _f(b.h),
                                  "rx": _f(rx)})
    elif shape.kind == "decision":
        points = [(b.cx, b.y), (b.right, b.cy), (b.cx, b.bottom), (b.x, b.cy)]
        ET.SubElement(g, "polygon", {**attrs, "points": _points(points)})
    else:
        points = [(b.x, b.y), (b.right, b.y), (b.right, b.y + 0.6 * b.h), (b.cx, b.bottom), (b.x, b.y + 0.6 * b.h)]
        ET.SubElement(g, "polygon", {**attrs, "points": _points(points)})
    if shape.text:
        size = 7.0 if shape.kind == "offpage" else shape.text_pt
        cy = b.y + 0.42 * b.h if shape.kind == "offpage" else b.cy
        _text_block(g, shape.text, b.cx, cy, size, anchor="middle", centre=True, bold=shape.kind == "offpage")
    elif numbered and shape.step is not None:
        _text_block(g, (str(shape.step + 1),), b.cx, b.cy, NUMBER_PT, anchor="middle", centre=True, bold=True,
                    cls="sopc-number")


def _arrow(svg: ET.Element, arrow: Arrow) -> None:
    src_step, _, src_lane = arrow.src.partition(":")
    dst_step, _, dst_lane = arrow.dst.partition(":")
    g = ET.SubElement(svg, "g", {"class": "sopc-edge", "data-kind": arrow.kind})
    d = "M" + " L".join(f"{p.x:.2f},{p.y:.2f}" for p in arrow.points)
    ET.SubElement(g, "path", {
        "class": "sopc-arrow", "d": d, "data-from": arrow.src if src_step == "offpage" else src_step,
        "data-to": arrow.dst if dst_step == "offpage" else dst_step,
        "data-from-lane": src_lane if src_step != "offpage" else "",
        "data-to-lane": dst_lane if dst_step != "offpage" else ""})
    if arrow.label:
        # a white ground under the label: the layout keeps lines out of it, and a viewer's own
        # additions stay readable
        label = arrow.label
        box = label.box
        ET.SubElement(g, "rect", {"class": "sopc-label-ground", "x": _f(box.x), "y": _f(box.y),
                                  "width": _f(box.w), "height": _f(box.h)})
        _text_block(g, label.lines, box.cx, box.cy, label.size_pt, anchor="middle", centre=True,
                    cls="sopc-label")


def _text_block(parent: ET.Element, lines: tuple[str, ...], x: float, y: float, size_pt: float,
                anchor: str = "start", bold: bool = False, centre: bool = False, cls: str = "") -> None:
    """Lines of text from `y` down (or centred on `y`); baselines computed, as renderers differ on dominant-baseline."""
    step = line_height(size_pt)
    first = y - len(lines) * step / 2 if centre else y
    text = ET.SubElement(parent, "text", {"x": _f(x), "font-size": f"{size_pt * PT_MM:.3f}", "text-anchor": anchor})
    if cls:
        text.set("class", cls)
    if bold:
        text.set("font-weight", "bold")
    lead = (step - size_pt * PT_MM) / 2
    for i, line in enumerate(lines):
        span = ET.SubElement(text, "tspan", {"x": _f(x), "y": _f(first + lead + ascent(size_pt) + i * step)})
        span.text = line


def _line(parent: ET.Element, x1: float, y1: float, x2: float, y2: float, cls: str) -> None:
    ET.SubElement(parent, "line", {"class": cls, "x1": _f(x1), "y1": _f(y1), "x2": _f(x2), "y2": _f(y2)})


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.2f},{y:.2f}" for x, y in points)


XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
_ROOT = f"{{{SVG_NS}}}svg"


def _xml(element: ET.Element) -> str:
    """`element` as ElementTree writes it with the SVG namespace as the default one."""
    out: list[str] = []
    _write(element, out)
    return "".join(out)


def _write(element: ET.Element, out: list[str]) -> None:
    tag = element.tag
    if tag == _ROOT:
        tag = "svg"
        out.append(f'<svg xmlns="{SVG_NS}"')
    else:
        out.append("<" + tag)
    for key, value in element.attrib.items():
        out.append(f' {key}="{_attribute(value)}"')
    text = element.text
    if text or len(element):
        out.append(">")
        if text:
            out.append(_escape(text))
        for child in element:
            _write(child, out)
        out.append(f"</{tag}>")
    else:
        out.append(" />")
    if element.tail:
        out.append(_escape(element.tail))


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attribute(text: str) -> str:
    text = _escape(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    for raw, written in (("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if raw in text:
            text = text.replace(raw, written)
    return text


def _f(value: float) -> str:
    return f"{value:.2f}"
