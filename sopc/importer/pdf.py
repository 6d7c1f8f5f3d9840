"""Reading a PDF of a SOP (exported from Word or LibreOffice) into tables and the drawing over them.

Library: pdfplumber (over pdfminer.six). It gives every character, line, rectangle and curve
with its position and whether it is stroked or filled, and finds tables from the rules one
names — what this reader needs; a renderer (pypdfium2 alone) gives text but not the vector
drawing, and OCR is not needed (the archives are born digital).

How a page is read: arrowheads are the small filled triangles; a line or open path touching one
(or a symbol) is an arrow, and every other line or hairline rectangle is a table rule — the
rules alone give the grid (borders drawn as thin filled rectangles, as Word exports them,
included). Stroked closed paths are symbols, told apart by their outline: a diamond, a
pentagon, a capsule, a rectangle. Words inside a symbol are its text; words over the table
outside every symbol are labels; the rest fill the cells, line by line.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from sopc.importer.page import Cell, Connector, Document, Figure, Label, Row, Table
from sopc.source.files import ASSET_LIMIT, read_file

PT = 25.4 / 72  # mm per point
THIN = 1.6  # pt: a rectangle thinner than this is a rule
HEAD_MOST = 12.0  # pt: an arrowhead is no bigger than this
NEAR = 2.5  # pt: a shaft's end this near an arrowhead or a symbol touches it


class UnreadablePdf(Exception):
    """The file is no PDF this reader can open: `protected`, `scanned`, or why."""


def read_pdf(path: Path) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    data = read_file(path, ASSET_LIMIT)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        with pdf:
            tables: list[Table] = []
            words = 0
            paper = None
            for number, page in enumerate(pdf.pages, start=1):
                paper = paper or (float(page.width) * PT, float(page.height) * PT)
                found = _page(page, number)
                words += found[1]
                tables += found[0]
    except UnreadablePdf:
        raise
    except Exception as err:  # pdfminer wraps its own kinds (a password, a broken file) in its exception
        cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
        if isinstance(cause, PDFPasswordIncorrect) or "encrypt" in type(cause).__name__.lower():
            raise UnreadablePdf("protected") from None
        raise UnreadablePdf(f"not_pdf:{type(cause).__name__}") from None
    if words == 0:
        raise UnreadablePdf("scanned")
    return Document(tables, paper)


def _page(page, number: int) -> tuple[list[Table], int]:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5, y_tolerance=2)
    heads = [_triangle(c) for c in page.curves if c.get("fill") and _small(c)]
    heads = [h for h in heads if h is not None]
    figures = _figures(page)
    shafts, rules = _split_lines(page, heads, figures)
    tables: list[Table] = []
    verticals = [r for r in rules if r["x0"] == r["x1"]]
    horizontals = [r for r in rules if r["top"] == r["bottom"]]
    if len(verticals) < 2 or len(horizontals) < 2:
        return tables, len(words)  # no table drawn on this page
    for found in page.find_tables({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                                   "explicit_vertical_lines": verticals, "explicit_horizontal_lines": horizontals,
                                   "intersection_tolerance": 3, "snap_tolerance": 3, "join_tolerance": 3}):
        table = _table(found, words, figures, shafts, number, page.images)
        if table is not None:
            tables.append(table)
    tables.sort(key=lambda t: t.page)
    return tables, len(words)


def _small(curve) -> bool:
    return (curve["x1"] - curve["x0"]) <= HEAD_MOST and (curve["bottom"] - curve["top"]) <= HEAD_MOST


def _triangle(curve) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """(tip, base centre) of a small filled triangle, in points; None for another shape."""
    points = _distinct(curve["pts"])
    if len(points) != 3:
        return None
    # the tip is the vertex whose two sides are most alike (an arrowhead is isosceles), the base
    # the middle of the other two
    best = None
    for i, tip in enumerate(points):
        a, b = points[(i + 1) % 3], points[(i + 2) % 3]
        unequal = abs(math.dist(tip, a) - math.dist(tip, b))
        if best is None or unequal < best[0]:
            best = (unequal, tip, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
    assert best is not None
    return best[1], best[2]


def _distinct(points) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in points:
        if not out or math.dist(out[-1], (x, y)) > 0.3:
            out.append((float(x), float(y)))
    if len(out) > 1 and math.dist(out[0], out[-1]) <= 0.3:
        out.pop()
    return out


def _figures(page) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(kind, box in points) of every stroked closed outline that is no rule and no arrowhead."""
    found: list[tuple[str, tuple[float, float, float, float]]] = []
    for rect in page.rects:
        w, h = rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]
        if rect.get("stroke") and w > THIN and h > THIN and w < 200 and h < 150:
            found.append(("process", (rect["x0"], rect["top"], w, h)))
    for curve in page.curves:
        if not curve.get("stroke") or _small(curve):
            continue
        points = _distinct(curve["pts"])
        closed = math.dist(curve["pts"][0], curve["pts"][-1]) <= 0.5
        if not closed or len(points) < 3:
            continue
        box = (curve["x0"], curve["top"], curve["x1"] - curve["x0"], curve["bottom"] - curve["top"])
        found.append((_kind(points, box), box))
    unique: list[tuple[str, tuple[float, float, float, float]]] = []
    for kind, box in found:
        if not any(all(abs(a - b) < 1.0 for a, b in zip(box, other, strict=True)) for _, other in unique):
            unique.append((kind, box))
    return unique


def _kind(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> str:
    x, y, w, h = box
    on = lambda px, py, tx, ty: abs(px - tx) < max(1.0, w * 0.08) and abs(py - ty) < max(1.0, h * 0.08)  # noqa: E731
    if len(points) == 4 and all(any(on(px, py, tx, ty) for px, py in points)
                                for tx, ty in ((x + w / 2, y), (x + w, y + h / 2), (x + w / 2, y + h), (x, y + h / 2))):
        return "decision"
    if len(points) == 5 and any(on(px, py, x + w / 2, y + h) for px, py in points):
        return "offpage"
    if len(points) == 4:
        return "process"
    if len(points) > 6:
        return "terminator" if w > h * 1.2 else "offpage"
    return "unknown"


def _split_lines(page, heads, figures) -> tuple[list[tuple[list[tuple[float, float]], bool, bool]], list[dict]]:
    """Arrows (points, head at the end, head at the start) and the table rules (as edge dicts)."""
    def touches(point) -> tuple[bool, tuple[float, float] | None]:
        """Whether an arrowhead sits at `point`, and its tip."""
        for tip, base in heads:
            if math.dist(point, base) <= NEAR + 3 or math.dist(point, tip) <= NEAR:
                return True, tip
        return False, None

    def on_figure(point) -> bool:
        return any(x - NEAR <= point[0] <= x + w + NEAR and y - NEAR <= point[1] <= y + h + NEAR
                   for _, (x, y, w, h) in figures)

    shafts = []
    rules = []
    paths = [[(float(a), float(b)) for a, b in c["pts"]] for c in page.curves
             if c.get("stroke") and not c.get("fill") and math.dist(c["pts"][0], c["pts"][-1]) > 0.5]
    for line in page.lines:
        paths.append([(float(line["x0"]), float(line["top"])), (float(line["x1"]), float(line["bottom"]))])
    for rect in page.rects:  # hairline rectangles: rules as Word exports them
        w, h = rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]
        if (w <= THIN) != (h <= THIN):
            cx, cy = (rect["x0"] + rect["x1"]) / 2, (rect["top"] + rect["bottom"]) / 2
            rules.append(_edge((cx, rect["top"]), (cx, rect["bottom"])) if w <= THIN else
                         _edge((rect["x0"], cy), (rect["x1"], cy)))
    loose: list[list[tuple[float, float]]] = []
    ends: list[tuple[float, float]] = []  # the ends of what is known to be an arrow
    for points in paths:
        start_head, start_tip = touches(points[0])
        end_head, end_tip = touches(points[-1])
        if start_head or end_head or on_figure(points[0]) or on_figure(points[-1]) or len(points) > 2:
            ends += [points[0], points[-1]]
            if end_tip is not None:
                points = [*points, end_tip]
            if start_tip is not None:
                points = [start_tip, *points]
            shafts.append((points, end_head, start_head and not end_head))
        else:
            loose.append(points)
    # an arrow drawn as separate strokes: a line meeting an arrow's end is a piece of it, not a rule
    # (sopc's own arrows never end on a rule; the pieces are joined in sopc.importer.flowchart)
    grown = True
    while grown:
        grown = False
        for points in list(loose):
            if any(math.dist(end, point) <= 1.0 for end in ends for point in (points[0], points[-1])):
                loose.remove(points)
                shafts.append((points, False, False))
                ends += [points[0], points[-1]]
                grown = True
    for points in loose:
        (x0, y0), (x1, y1) = points
        if abs(x0 - x1) < 0.5 or abs(y0 - y1) < 0.5:
            rules.append(_edge((x0, y0), (x1, y1)))
    return shafts, rules


def _edge(a: tuple[float, float], b: tuple[float, float]) -> dict:
    (x0, y0), (x1, y1) = a, b
    if abs(x0 - x1) < 0.5:
        x = (x0 + x1) / 2
        return {"x0": x, "x1": x, "top": min(y0, y1), "bottom": max(y0, y1), "width": 0, "height": abs(y1 - y0),
                "orientation": "v", "object_type": "line"}
    y = (y0 + y1) / 2
    return {"x0": min(x0, x1), "x1": max(x0, x1), "top": y, "bottom": y, "width": abs(x1 - x0), "height": 0,
            "orientation": "h", "object_type": "line"}


def _table(found, words, figures, shafts, number: int, images: list | None = None) -> Table | None:
    images = images or []
    x0, top, x1, bottom = found.bbox
    xs = sorted({round(v, 1) for cell in found.cells for v in (cell[0], cell[2])})
    ys = sorted({round(v, 1) for cell in found.cells for v in (cell[1], cell[3])})
    xs, ys = _merge_close(xs), _merge_close(ys)
    if len(xs) < 2 or len(ys) < 2:
        return None
    columns = [(b - a) * PT for a, b in zip(xs, xs[1:], strict=False)]

    def index(values: list[float], v: float) -> int:
        return min(range(len(values)), key=lambda i: abs(values[i] - v))

    inside_figure = [False] * len(words)
    boxes = [(kind, box) for kind, box in figures if x0 - 1 <= box[0] and box[0] + box[2] <= x1 + 1
             and top - 1 <= box[1] and box[1] + box[3] <= bottom + 1]
    figure_words: dict[int, list[dict]] = {i: [] for i in range(len(boxes))}
    for w_index, word in enumerate(words):
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        for f_index, (_, (fx, fy, fw, fh)) in enumerate(boxes):
            if fx <= cx <= fx + fw and fy <= cy <= fy + fh:
                figure_words[f_index].append(word)
                inside_figure[w_index] = True
                break
    rows: list[list[Cell]] = [[] for _ in range(len(ys) - 1)]
    covered: set[tuple[int, int]] = set()
    for cell in sorted(found.cells, key=lambda c: (c[1], c[0])):
        c0, r0 = index(xs, cell[0]), index(ys, cell[1])
        c1, r1 = index(xs, cell[2]), index(ys, cell[3])
        if r0 >= len(rows) or c1 <= c0 or r1 <= r0:
            continue
        mine = [w for i, w in enumerate(words) if not inside_figure[i] and cell[0] <= (w["x0"] + w["x1"]) / 2 <= cell[2]
                and cell[1] <= (w["top"] + w["bottom"]) / 2 <= cell[3]]
        rows_of_words = _rows(mine)
        lines = [" ".join(w["text"] for w in row) for row in rows_of_words]
        line_boxes = [((row[0]["x0"] - cell[0]) * PT, (row[-1]["x1"] - cell[0]) * PT,
                       (row[0]["x1"] - row[0]["x0"]) * PT) for row in rows_of_words]
        rows[r0].append(Cell([lines] if lines else [], c0, c1 - c0, False, (cell[2] - cell[0]) * PT, line_boxes))
        for r in range(r0 + 1, r1):  # a cell over several rows: its place below is merged into it
            rows[r].append(Cell([], c0, c1 - c0, True, (cell[2] - cell[0]) * PT))
        covered |= {(r, c) for r in range(r0, r1) for c in range(c0, c1)}
    table_rows = [Row(sorted(cells, key=lambda c: c.col), (ys[i] - ys[0]) * PT, (ys[i + 1] - ys[i]) * PT, True)
                  for i, cells in enumerate(rows)]
    table = Table(table_rows, columns, page=number)
    ox, oy = xs[0], ys[0]
    for f_index, (kind, (fx, fy, fw, fh)) in enumerate(boxes):
        text = " ".join(_lines(figure_words[f_index]))
        table.figures.append(Figure((fx - ox) * PT, (fy - oy) * PT, fw * PT, fh * PT, kind, text))
    for image in images:  # symbols pasted as pictures (some archives have them): where they stand counts
        ix, iy, iw, ih = image["x0"], image["top"], image["x1"] - image["x0"], image["bottom"] - image["top"]
        inside = x0 <= ix and ix + iw <= x1 and top <= iy and iy + ih <= bottom
        if inside and 8 <= iw <= 115 and 8 <= ih <= 115 and not any(
                abs(fx - ix) < 2 and abs(fy - iy) < 2 for _, (fx, fy, _, _) in boxes):
            table.figures.append(Figure((ix - ox) * PT, (iy - oy) * PT, iw * PT, ih * PT, "process", picture=True))
    for points, head, tail in shafts:
        if all(x0 - 2 <= px <= x1 + 2 and top - 2 <= py <= bottom + 2 for px, py in points):
            table.connectors.append(Connector([((px - ox) * PT, (py - oy) * PT) for px, py in points], head, tail))
    by_cell: dict[tuple[int, int], list[dict]] = {}  # free text, gathered cell by cell: a label never spans two
    for i, w in enumerate(words):
        if not inside_figure[i] and x0 <= w["x0"] and w["x1"] <= x1 and top <= w["top"] and w["bottom"] <= bottom:
            key = (0, _slot(ys, (w["top"] + w["bottom"]) / 2))  # a row at a time: a label may cross a lane
            by_cell.setdefault(key, []).append(w)
    for cell_words in by_cell.values():
        for bx0, btop, bx1, bbottom, text in _blocks(cell_words):
            table.labels.append(Label((bx0 - ox) * PT, (btop - oy) * PT, (bx1 - bx0) * PT, (bbottom - btop) * PT,
                                      text))
    return table


def _slot(edges: list[float], value: float) -> int:
    return sum(1 for edge in edges if edge <= value)


def _merge_close(values: list[float], gap: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > gap:
            out.append(v)
    return out


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words as the lines they stand on, top to bottom, each left to right."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 2.0:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _lines(words: list[dict]) -> list[str]:
    return [" ".join(w["text"] for w in row) for row in _rows(words)]


def _aligned(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two lines of one text: set flush left, flush right or centred on each other (a wrapped label);
    two labels that merely stand close are neither."""
    return abs(a[0] - b[0]) <= 1.5 or abs(a[1] - b[1]) <= 1.5 or abs((a[0] + a[1]) - (b[0] + b[1])) <= 3.0


def _blocks(words: list[dict]) -> list[tuple[float, float, float, float, str]]:
    """Words gathered into blocks of text: a line, and the lines just below it that overlap it."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        line = next((ln for ln in lines if abs(ln[0]["top"] - word["top"]) <= 2.0
                     and max(word["x0"] - max(w["x1"] for w in ln), min(w["x0"] for w in ln) - word["x1"]) <= 4.0),
                    None)
        if line is not None:
            line.append(word)
        else:
            lines.append([word])
    blocks: list[list[list[dict]]] = []
    for line in lines:
        lx0, lx1 = min(w["x0"] for w in line), max(w["x1"] for w in line)
        ltop = min(w["top"] for w in line)
        block = next((b for b in blocks if 0 <= ltop - max(w["bottom"] for w in b[-1]) <= 3.0
                      and _aligned((lx0, lx1), (min(w["x0"] for w in b[-1]), max(w["x1"] for w in b[-1])))), None)
        if block is not None:
            block.append(line)
        else:
            blocks.append([line])
    out = []
    for block in blocks:
        flat = [w for line in block for w in line]
        text = " ".join(" ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])) for line in block)
        out.append((min(w["x0"] for w in flat), min(w["top"] for w in flat), max(w["x1"] for w in flat),
                    max(w["bottom"] for w in flat), text))
    return out
