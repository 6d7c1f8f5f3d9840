"""Layout -> SVG: one drawing per page, either the flowchart to read alone (`flow`: No, Kegiatan and
the actor lanes, each symbol numbered) or the whole official table (`table`).

Written as text, as the DOCX is: every text a SOP author wrote goes through `escape` (element
text) or `_attribute` (attribute values), so none is ever parsed as markup. The output is what
ElementTree would write for the same drawing, byte for byte (a test re-serialises every example's
drawings through ElementTree and compares), in about a third of the time.
User units are millimetres (viewBox), so the drawing prints at its true size.
"""

from __future__ import annotations

from collections.abc import Iterator

from sopc.backends.escape import quoted
from sopc.backends.escape import text as escape
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
    return [(XML_DECLARATION + _page_svg(layout, page, style, text, title) + "\n").encode("utf-8")
            for page in layout.pages]


def inline_pages(layout: Layout, text: Labels, title: str) -> list[str]:
    """The whole table, one `<svg>` element per page, for inline use in an HTML page: no style sheet
    or arrowhead of its own (the page's style sheet holds STYLE and one DEFS serves every drawing,
    so ids stay unique), and each step's first symbol carries the id `langkah-N` to link to."""
    linked: set[int] = set()
    return [_page_svg(layout, page, "table", text, title, linked) for page in layout.pages]


def defs() -> str:
    """The arrowhead every inline drawing of a page refers to (`inline_pages`), in an `<svg>` of no size."""
    out = [f'<svg xmlns="{SVG_NS}" class="sopc-defs" width="0" height="0" aria-hidden="true" focusable="false">'
           "<defs>", MARKER, "</defs></svg>"]
    return "".join(out)


MARKER = ('<marker id="sopc-head" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" '
          'markerWidth="2.2" markerHeight="2.2" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#000" /></marker>')


def _page_svg(layout: Layout, page: Page, style: str, text: Labels, title: str,
              linked: set[int] | None = None) -> str:
    """One page's drawing; `linked` (inline use): the steps whose symbol already carries its id."""
    shown = layout.columns if style == "table" else tuple(c for c in layout.columns if c.key in FLOW_COLUMNS)
    x0 = shown[0].x - 1
    x1 = shown[-1].x + shown[-1].w + 1
    y0, y1 = page.top - 1, page.bottom + 1
    width, height = x1 - x0, y1 - y0
    out = [f'<svg xmlns="{SVG_NS}" width="{width:.2f}mm" height="{height:.2f}mm" '
           f'viewBox="{x0:.2f} {y0:.2f} {width:.2f} {height:.2f}" class="sopc-flowchart sopc-{style}" '
           f'data-page="{page.number}" data-pages="{len(layout.pages)}" role="img">',
           _element("title", f"{title} ({page.number}/{len(layout.pages)})" if title else "SOP")]
    if linked is None:
        out += ["<defs>", _element("style", STYLE), MARKER, "</defs>"]
    _grid(out, layout, page, shown)
    for shape in page.shapes:
        _shape(out, shape, layout.activities, text, style == "flow", linked)
    for arrow in page.arrows:
        _arrow(out, arrow)
    out.append("</svg>")
    return "".join(out)


def _grid(out: list[str], layout: Layout, page: Page, shown: tuple[Column, ...]) -> None:
    """Header rows, column lines, row lines and (for the table) the text of every cell."""
    out.append('<g class="sopc-table">')
    h1, h2 = layout.header_rows
    top, left, right = page.top, shown[0].x, shown[-1].x + shown[-1].w
    lanes = [c for c in shown if c.key == "lane"]
    out.append(f'<rect class="sopc-header" x="{_f(left)}" y="{_f(top)}" width="{_f(right - left)}" '
               f'height="{_f(h1 + h2)}" />')
    _merged(out, lanes, top, h1, layout.titles["pelaksana"])
    mutu = [c for c in shown if c.key in ("kelengkapan", "waktu", "output")]
    if mutu:
        _merged(out, mutu, top, h1, layout.titles["mutu_baku"])
    for col in shown:
        lines = layout.lane_titles.get(col.actor or "", (col.title,)) if col.key == "lane" else (col.title,)
        spans_both = col.key in ("no", "kegiatan", "keterangan")
        y, h = (top, h1 + h2) if spans_both else (top + h1, h2)
        size = layout.lane_title_pt if col.key == "lane" else HEADER_PT
        _text_block(out, lines, col.cx, y + h / 2, size, anchor="middle", bold=True, centre=True)
        starts_group = col is lanes[0] or (bool(mutu) and col is mutu[0])  # the rule runs up through the top row
        _line(out, col.x, top if starts_group else y, col.x, page.bottom,
              "sopc-grid" if col.key != "lane" or col is lanes[0] else "sopc-lane")
    _line(out, right, top, right, page.bottom, "sopc-grid")
    _line(out, lanes[0].x, top + h1, lanes[-1].x + lanes[-1].w, top + h1, "sopc-grid")
    if mutu:
        _line(out, mutu[0].x, top + h1, mutu[-1].x + mutu[-1].w, top + h1, "sopc-grid")
    _line(out, left, page.bottom, right, page.bottom, "sopc-grid")
    for row in page.rows:
        _line(out, left, row.y, right, row.y, "sopc-grid")
        for col in shown:
            lines = row.cells.get(col.key, ())
            if lines:
                centred = col.key in ("no", "waktu")
                x = col.cx if centred else col.x + PAD
                _text_block(out, lines, x, row.y + PAD, TEXT_PT, anchor="middle" if centred else "start")
    if page.body_top > top + h1 + h2 + 0.01:
        _line(out, left, page.body_top, right, page.body_top, "sopc-grid")
    if page.rows and page.rows[-1].bottom < page.bottom - 0.01:
        _line(out, left, page.rows[-1].bottom, right, page.rows[-1].bottom, "sopc-grid")
    out.append("</g>")


def _merged(out: list[str], cols: list[Column], top: float, h: float, title: str) -> None:
    left, right = cols[0].x, cols[-1].x + cols[-1].w
    _text_block(out, (title,), (left + right) / 2, top + h / 2, HEADER_PT, anchor="middle", bold=True, centre=True)


def _shape(out: list[str], shape: Shape, activities: tuple[str, ...], text: Labels, numbered: bool,
           linked: set[int] | None) -> None:
    b = shape.box
    # the symbol element itself carries the class and data attributes (CSS and tests select it)
    attrs = f'class="sopc-{shape.kind}" data-lane="{_attribute(shape.lane or "")}"'
    step = str(shape.step + 1) if shape.step is not None else None
    if step is not None:
        attrs += f' data-step="{step}"'
    if shape.letter:
        attrs += f' data-connector="{_attribute(shape.letter)}"'
    if linked is not None and shape.step is not None and shape.step not in linked:
        linked.add(shape.step)
        out.append(f'<g class="sopc-symbol" id="langkah-{step}">')
    else:
        out.append('<g class="sopc-symbol">')
    name = text[f"simbol_{shape.kind}"]
    if shape.letter:
        label = f"{name} {shape.letter}"
    else:
        label = f"{name}, {text['simbol_langkah']} {step}"
    if shape.step is not None and shape.step < len(activities):
        label += ": " + activities[shape.step]  # the full text, however it was wrapped
    if shape.text and shape.kind == "decision":
        label += " — " + " ".join(shape.text)
    out.append(_element("title", label))
    if shape.kind in ("process", "terminator"):
        rx = b.h / 2 if shape.kind == "terminator" else 0
        out.append(f'<rect {attrs} x="{_f(b.x)}" y="{_f(b.y)}" width="{_f(b.w)}" height="{_f(b.h)}" rx="{_f(rx)}" />')
    elif shape.kind == "decision":
        points = [(b.cx, b.y), (b.right, b.cy), (b.cx, b.bottom), (b.x, b.cy)]
        out.append(f'<polygon {attrs} points="{_points(points)}" />')
    else:
        points = [(b.x, b.y), (b.right, b.y), (b.right, b.y + 0.6 * b.h), (b.cx, b.bottom), (b.x, b.y + 0.6 * b.h)]
        out.append(f'<polygon {attrs} points="{_points(points)}" />')
    if shape.text:
        size = 7.0 if shape.kind == "offpage" else shape.text_pt
        cy = b.y + 0.42 * b.h if shape.kind == "offpage" else b.cy
        _text_block(out, shape.text, b.cx, cy, size, anchor="middle", centre=True, bold=shape.kind == "offpage")
    elif numbered and step is not None:
        _text_block(out, (step,), b.cx, b.cy, NUMBER_PT, anchor="middle", centre=True, bold=True, cls="sopc-number")
    out.append("</g>")


def _arrow(out: list[str], arrow: Arrow) -> None:
    src_step, _, src_lane = arrow.src.partition(":")
    dst_step, _, dst_lane = arrow.dst.partition(":")
    out.append(f'<g class="sopc-edge" data-kind="{_attribute(arrow.kind)}">')
    d = "M" + " L".join(f"{p.x:.2f},{p.y:.2f}" for p in arrow.points)
    source = arrow.src if src_step == "offpage" else src_step
    target = arrow.dst if dst_step == "offpage" else dst_step
    out.append(f'<path class="sopc-arrow" d="{d}" data-from="{_attribute(source)}" data-to="{_attribute(target)}" '
               f'data-from-lane="{_attribute(src_lane if src_step != "offpage" else "")}" '
               f'data-to-lane="{_attribute(dst_lane if dst_step != "offpage" else "")}" />')
    if arrow.label:
        # a white ground under the label: the layout keeps lines out of it, and a viewer's own
        # additions stay readable
        label = arrow.label
        box = label.box
        out.append(f'<rect class="sopc-label-ground" x="{_f(box.x)}" y="{_f(box.y)}" width="{_f(box.w)}" '
                   f'height="{_f(box.h)}" />')
        _text_block(out, label.lines, box.cx, box.cy, label.size_pt, anchor="middle", centre=True, cls="sopc-label")
    out.append("</g>")


def _text_block(out: list[str], lines: tuple[str, ...], x: float, y: float, size_pt: float,
                anchor: str = "start", bold: bool = False, centre: bool = False, cls: str = "") -> None:
    """Lines of text from `y` down (or centred on `y`); baselines computed, as renderers differ on dominant-baseline."""
    step = line_height(size_pt)
    first = y - len(lines) * step / 2 if centre else y
    head = f'<text x="{_f(x)}" font-size="{size_pt * PT_MM:.3f}" text-anchor="{anchor}"'
    if cls:
        head += f' class="{cls}"'
    if bold:
        head += ' font-weight="bold"'
    if not lines:
        out.append(head + " />")
        return
    out.append(head + ">")
    lead = (step - size_pt * PT_MM) / 2
    base = first + lead + ascent(size_pt)
    for i, line in enumerate(lines):
        out.append(_element("tspan", line, f'x="{_f(x)}" y="{_f(base + i * step)}"'))
    out.append("</text>")


def _line(out: list[str], x1: float, y1: float, x2: float, y2: float, cls: str) -> None:
    out.append(f'<line class="{cls}" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" />')


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.2f},{y:.2f}" for x, y in points)


XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def _element(tag: str, text: str, attrs: str = "") -> str:
    """`<tag attrs>text</tag>` (`<tag attrs />` when empty), the text escaped as ElementTree escapes it."""
    head = f"<{tag} {attrs}" if attrs else f"<{tag}"
    return f"{head}>{escape(text)}</{tag}>" if text else f"{head} />"


def _attribute(text: str) -> str:
    text = quoted(text)
    for raw, written in (("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if raw in text:
            text = text.replace(raw, written)
    return text


def _f(value: float) -> str:
    return f"{value:.2f}"
