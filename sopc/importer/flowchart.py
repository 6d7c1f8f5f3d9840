"""The steps of a SOP read off its flowchart tables: the columns from the header, each row's texts,
which actors act in it from where its symbols stand, and the flow from the arrows between them.

Lines broken inside a cell are told apart by measuring: a break where the next word would still
have fitted on the line was written on purpose (a new item of a list); one where it would not is
the wrapping (sopc's own documents, and PDFs, break every line explicitly). Arrows are followed
from the symbol they leave to the one their head touches, through off-page connectors; a
decision's exits take the labels nearest their start. What cannot be followed is the default flow,
with a comment saying what to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopc.importer.identity import plain
from sopc.importer.page import Cell, Connector, Figure, Label, Table
from sopc.layout.table import PAD, TEXT_PT, WRAP_SLACK
from sopc.layout.text import text_width

ROLES = {
    "no": ("no", "nomor", "no urut", "nomor urut"),
    "kegiatan": ("kegiatan", "uraian kegiatan", "aktivitas", "uraian", "uraian prosedur", "langkah kegiatan"),
    "kelengkapan": ("kelengkapan", "input", "persyaratan", "syarat", "persyaratan kelengkapan", "masukan"),
    "waktu": ("waktu",),
    "output": ("output", "hasil", "keluaran"),
    "keterangan": ("keterangan", "ket"),
}
TOUCH = 1.8  # mm: an arrow's end this near a symbol's box touches it
PICTURE_SLACK = 3.0  # mm more for a symbol pasted as a picture: where a line of text sets it is known roughly
LABEL_REACH = 12.0  # mm: how far from an exit's start its label may stand
DECISION_FIRST = 1.5  # mm: how much nearer another arrow must pass to take a label from a decision's exit
NEGATIVE = re.compile(r"(?i)\b(tidak|belum|tolak|ditolak|kurang|bukan|salah|gagal|no|not)\b")


@dataclass
class Step:
    number: int
    kegiatan: str
    kelengkapan: list[str] = field(default_factory=list)
    waktu: str | None = None
    output: list[str] = field(default_factory=list)
    keterangan: str | None = None
    actors: list[str] = field(default_factory=list)  # lane names, left to right
    kind: str = "process"
    figures: list[tuple[int, Figure]] = field(default_factory=list)  # (table index, figure)
    lane_of: dict[int, str] = field(default_factory=dict)  # id(figure) -> the actor whose column it stands in
    label: str | None = None  # text on the arrow leaving the step
    teks: dict[str, str] = field(default_factory=dict)  # actor -> the short text written inside its symbol
    lane_label: dict[str, str] = field(default_factory=dict)  # an actor's own arrow text in a shared row
    lanjut: int | str | None = None  # a step number, "selesai", or None: the next step
    keputusan: dict | None = None
    berurutan: bool = False
    mulai: bool = False
    lane_lanjut: dict[str, int | str] = field(default_factory=dict)  # an actor's own way on from a shared row
    notes: list[str] = field(default_factory=list)


@dataclass
class Flowchart:
    lanes: list[str]
    steps: list[Step]
    notes: list[str] = field(default_factory=list)


@dataclass
class _Layout:
    """The roles of a flowchart table's grid columns, and where its header ends."""

    roles: dict[int, str]  # grid column -> no, kegiatan, lane, kelengkapan, waktu, output, keterangan
    lanes: dict[int, str]  # grid column -> actor name
    body: int  # first row after the header


def is_flowchart(table: Table) -> bool:
    return _layout(table) is not None


def read_flowchart(tables: list[Table]) -> Flowchart:
    """The steps of the flowchart tables of one SOP, in order (a table without a header continues
    the one before it)."""
    layout: _Layout | None = None
    heads: dict[int, int] = {}  # table -> its first row below the header
    steps: list[Step] = []
    placed: list[tuple[int, int, Step]] = []  # (table, row, step)
    notes: list[str] = []
    for index, table in enumerate(tables):
        found = _layout(table)
        if found is None and layout is None:
            continue
        if found is None:  # continued without a repeated header
            assert layout is not None
            found = _Layout(layout.roles, layout.lanes, 0)
            notes.append(f"tabel halaman {index + 1} tanpa kepala tabel: kolomnya dianggap sama")
        layout = found
        heads[index] = found.body
        for row_index in range(found.body, len(table.rows)):
            step = _step(table.rows[row_index].cells, found, table)
            if step is None:
                continue
            if steps and step.number != steps[-1].number + 1:
                notes.append(f"nomor langkah {step.number} menyusul {steps[-1].number}; urutan baris dipakai")
            step.number = len(steps) + 1
            steps.append(step)
            placed.append((index, row_index, step))
    if layout is None:
        return Flowchart([], [], ["tidak ada tabel bagan alir (kolom No dan Kegiatan)"])
    lanes = [layout.lanes[c] for c in sorted(layout.lanes)]
    by_row = {(t, r): s for t, r, s in placed}
    _symbols(tables, by_row, layout, notes)
    _flow(tables, steps, notes, lane_area(tables, layout, heads))
    return Flowchart(lanes, steps, notes)


# --- columns and rows -------------------------------------------------------------------------

def _layout(table: Table) -> _Layout | None:
    for head in range(min(3, len(table.rows))):
        texts = [plain(c.text) for c in table.rows[head].cells]
        if "no" in texts and any(t in ROLES["kegiatan"] for t in texts):
            return _roles(table, head)
    return None


def _roles(table: Table, head: int) -> _Layout:
    width = len(table.columns)
    headers: dict[int, list[str]] = {c: [] for c in range(width)}
    body = head + 1
    for r in range(head, min(head + 3, len(table.rows))):
        row = table.rows[r]
        texts = [c.text.strip() for c in row.cells if c.text.strip()]
        if r > head and len(texts) > 2 and all(re.fullmatch(r"\(?\d{1,2}\)?", t) for t in texts):
            body = r + 1  # a row numbering the columns ((1), (2), (3), ...), as some forms print
            continue
        if r > head and _number(row.cells, {}) is not None:
            break
        for cell in row.cells:
            if not cell.merged and cell.text:
                for col in range(cell.col, min(cell.col + cell.span, width)):
                    headers[col].append(cell.text)
        body = r + 1
    roles: dict[int, str] = {}
    lanes: dict[int, str] = {}
    for col, texts in headers.items():
        words = [plain(t) for t in texts]
        role = next((name for name, spellings in ROLES.items() for w in words if w in spellings), None)
        if role is None and words and not any(w.startswith("pelaksana") for w in words[:-1]):
            role = _role_in(words[-1])
        if role is not None:
            roles[col] = role
        elif any(w in ("pelaksana", "pelaksana kegiatan") for w in words) or texts:
            roles[col] = "lane"
            lanes[col] = " ".join(texts[-1].split())
    return _Layout(roles, lanes, body)


# words that name a column wherever they stand in its head ("Persyaratan/Kelengkapan", "Output/Hasil",
# "Waktu Penyelesaian"), for a column not under Pelaksana
ROLE_WORDS = {"kelengkapan": {"kelengkapan", "persyaratan", "input", "syarat", "masukan"}, "waktu": {"waktu"},
              "output": {"output", "hasil", "keluaran"}, "keterangan": {"keterangan", "ket", "catatan"}}


def _role_in(head: str) -> str | None:
    words = set(head.split())
    if "kegiatan" in words and "pelaksana" not in words and len(words) <= 3:
        return "kegiatan"  # "Uraian Kegiatan", "Kegiatan/Aktivitas"
    return next((role for role, names in ROLE_WORDS.items() if words & names), None)


def _number(cells: list[Cell], roles: dict[int, str]) -> int | None:
    for cell in cells:
        if roles and roles.get(cell.col) != "no":
            continue
        match = re.fullmatch(r"\s*(\d{1,4})\s*[.)]?\s*", cell.text)
        if match:
            return int(match.group(1))
        if not roles:
            return None
    return None


def _step(cells: list[Cell], layout: _Layout, table: Table) -> Step | None:
    number = _number(cells, layout.roles)
    by_role: dict[str, Cell] = {}
    for cell in cells:
        role = layout.roles.get(cell.col)
        if role and role != "lane" and not cell.merged:
            by_role.setdefault(role, cell)
    kegiatan = by_role.get("kegiatan")
    if number is None or kegiatan is None or not kegiatan.text:
        return None

    def width(cell: Cell) -> float:  # what sopc's own layout wraps a cell's text within
        return (cell.width or sum(table.columns[cell.col:cell.col + cell.span])) - 2 * PAD - WRAP_SLACK

    step = Step(number, " ".join(_items(kegiatan, width(kegiatan))))
    for role in ("kelengkapan", "output"):
        if role in by_role:
            items = [i for i in _items(by_role[role], width(by_role[role])) if i not in ("-", "–")]
            setattr(step, role, items)
    for role in ("waktu", "keterangan"):
        if role in by_role and by_role[role].text.strip() not in ("", "-", "–"):
            setattr(step, role, " ".join(_items(by_role[role], width(by_role[role]))))
    return step


def _items(cell: Cell, width: float) -> list[str]:
    """A cell's items: its paragraphs, each split where a line was broken on purpose (the next word
    would have fitted on the line before) and joined where it was wrapped. Printed lines (a PDF)
    are measured as printed; written ones with sopc's widths of Arial at 8 pt (its own documents)."""
    items: list[str] = []
    boxes = cell.boxes or []
    for paragraph in cell.paragraphs:
        last_line = ""
        for number, line in enumerate(ln.strip() for ln in paragraph):
            if not line:
                continue
            if not last_line:
                items.append(line)
                last_line = line
                continue
            glue = "" if re.search(r"\S[/-]$", last_line) else " "
            first = re.match(r"\S+?(?:[/-]|$|(?=\s))", line)
            first_word = first.group(0) if first else line.split()[0]
            if number < len(boxes):
                left, right, word = boxes[number - 1][0], boxes[number - 1][1], boxes[number][2]
                fits = right + (len(glue) * word / max(len(first_word), 1)) + word <= cell.width - left
            else:
                fits = text_width(last_line + glue + first_word, TEXT_PT) <= width
            if fits:
                items.append(line)  # it would have fitted: the writer broke the line on purpose
            elif glue and line[0].isupper():
                items.append(line)  # a capital after a full line: a new item (a wrapped item goes on in lower case)
            else:
                items[-1] += glue + line
            last_line = line
    return [NUMBERED_ITEM.sub("", item).strip() for item in items]


NUMBERED_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[•\-–*])\s+")


# --- symbols and arrows -----------------------------------------------------------------------

def _symbols(tables: list[Table], by_row: dict[tuple[int, int], Step], layout: _Layout, notes: list[str]) -> None:
    for index, table in enumerate(tables):
        for figure in table.figures:
            if figure.cell is not None:
                row, col = figure.cell
            else:
                cx, cy = figure.centre
                row, col = table.row_at(cy), table.column_at(cx)  # type: ignore[assignment]
            step = by_row.get((index, row)) if row is not None else None
            if step is None or figure.kind == "offpage":
                continue  # an off-page connector is nobody's step, wherever it stands
            step.figures.append((index, figure))
            if figure.picture:
                step.notes.append("simbolnya sebuah gambar: dibaca sebagai proses; periksa jenisnya")
            name = layout.lanes.get(col) if col is not None else None
            if name is None:
                step.notes.append("sebuah simbol di luar kolom pelaksana")
                continue
            step.lane_of[id(figure)] = name
            if name not in step.actors:
                step.actors.append(name)
            if figure.kind in ("decision", "terminator"):
                step.kind = figure.kind if step.kind != "decision" else step.kind
    steps = _all_steps(by_row)
    symbols = [(where, figure, step) for step in steps for where, figure in step.figures
               if figure.kind not in ("decision", "offpage")]
    for where, figure, step in symbols:  # text boxes laid over a symbol: its text (`teks`)
        for label in tables[where].labels:
            if figure.holds(label.centre):
                step.teks.setdefault(step.lane_of.get(id(figure), ""), label.text)
    for step in steps:
        for _, figure in step.figures:
            if figure.text and figure.kind not in ("decision", "offpage"):
                step.teks.setdefault(step.lane_of.get(id(figure), ""), figure.text)
        step.actors.sort(key=lambda name: list(layout.lanes.values()).index(name))
        if not step.figures:
            step.notes.append("tidak ada simbol di baris ini: pelaksananya belum terbaca")


def _all_steps(by_row: dict[tuple[int, int], Step]) -> list[Step]:
    return sorted(by_row.values(), key=lambda s: s.number)


def _touching(point: tuple[float, float], figures: list[tuple[int, Figure]]) -> tuple[int, Figure] | None:
    x, y = point
    best, distance = None, TOUCH + PICTURE_SLACK
    for item in figures:
        f = item[1]
        dx = max(f.x - x, 0.0, x - (f.x + f.w))
        dy = max(f.y - y, 0.0, y - (f.y + f.h))
        d = (dx * dx + dy * dy) ** 0.5
        if d <= (TOUCH + PICTURE_SLACK if f.picture else TOUCH) and d <= distance:
            best, distance = item, d
    return best


def lane_area(tables: list[Table], layout: _Layout,
              heads: dict[int, int]) -> dict[int, set[tuple[int, int]]]:
    """Per table, the (row, column) cells of the lanes below the header: where an arrow's label may stand."""
    return {i: {(r, c) for r in range(heads.get(i, 0), len(t.rows)) for c in layout.lanes}
            for i, t in enumerate(tables)}


def _flow(tables: list[Table], steps: list[Step], notes: list[str],
          area: dict[int, set[tuple[int, int]]] | None = None) -> None:
    owner: dict[int, Step] = {id(f): s for s in steps for _, f in s.figures}
    offpage: dict[str, list[tuple[int, Figure]]] = {}
    for index, table in enumerate(tables):
        for figure in table.figures:
            if figure.kind == "offpage" and id(figure) not in owner:
                offpage.setdefault(figure.text.strip(), []).append((index, figure))
    edges: list[tuple[Figure, Figure, Connector, Table]] = []
    for index, table in enumerate(tables):
        figures = [(index, f) for f in table.figures]
        table.connectors = _joined(table.connectors)
        for connector in table.connectors:
            start, end = connector.points[0], connector.points[-1]
            if connector.tail and not connector.head:
                start, end = end, start
            leaving, reaching = _touching(start, figures), _touching(end, figures)
            if leaving is not None and reaching is not None and leaving[1] is not reaching[1]:
                edges.append((leaving[1], reaching[1], connector, table))
    out: dict[int, list[tuple[Figure, Connector, Table]]] = {}
    for source, target, connector, table in edges:
        out.setdefault(id(source), []).append((target, connector, table))

    def resolve(figure: Figure, seen: frozenset = frozenset()) -> list[Step]:
        """The steps an arrow reaching `figure` leads to (through off-page connectors)."""
        if id(figure) in owner:
            return [owner[id(figure)]]
        if figure.kind == "offpage" and figure.text.strip() not in seen:
            letter = figure.text.strip()
            found = []
            for _, twin in offpage.get(letter, []):
                for target, _, _ in out.get(id(twin), []):
                    found += resolve(target, seen | {letter})
            return found
        return []

    incoming = {id(target) for _, target, _, _ in edges}
    tables_of = {s.number: s.figures[0][0] for s in steps if s.figures}
    page_ends = {n for n in tables_of if n + 1 in tables_of and tables_of[n + 1] != tables_of[n]}
    lanes_of = {key: name for s in steps for key, name in s.lane_of.items()}
    exits_only = {id(c): source.kind == "decision" for source, target, c, _ in edges
                  if owner.get(id(source)) is None or owner.get(id(source)) is not owner.get(id(target))}
    label_of = _labels(tables, exits_only, area)
    for step in steps:
        exits: list[tuple[Step, Connector, Table, Figure]] = []
        own: dict[int, list[int]] = {}  # figure -> the steps its arrows reach
        for _, figure in step.figures:
            own[id(figure)] = []
            for target, connector, table in out.get(id(figure), []):
                if owner.get(id(target)) is step:
                    step.berurutan = step.berurutan or len(step.actors) > 1  # a hand-off inside the row
                    continue
                for reached in resolve(target):
                    if reached is not step:
                        exits.append((reached, connector, table, figure))
                        own[id(figure)].append(reached.number)
        starts = [f for _, f in step.figures if f.kind == "terminator" and id(f) not in incoming]
        if step.number > 1 and starts and len(step.figures) == 1:
            step.mulai = True
        if step.berurutan:
            _chain(step, out, owner)
        if step.kind == "decision":
            _decision(step, exits, steps, label_of)
            continue
        for _, connector, _, figure in exits:
            text = label_of.get(id(connector))
            if text and len(step.figures) > 1 and figure is not step.figures[-1][1] or (text and step.lane_lanjut):
                step.lane_label.setdefault(lanes_of.get(id(figure), ""), text)
            elif text:
                step.label = step.label or text
        last = step.number == len(steps)
        if len(step.figures) > 1:  # actors side by side: each may go its own way on
            sources = {id(t) for _, f in step.figures for t, _, _ in out.get(id(f), []) if owner.get(id(t)) is step}
            ways = {}
            for _, figure in step.figures:
                if id(figure) in sources and not own[id(figure)]:
                    continue  # hands its work to another actor of the row
                targets = sorted(set(own[id(figure)]))
                ways[lanes_of.get(id(figure), "")] = targets[0] if targets else ("selesai" if not last else None)
            common = {v for v in ways.values()}
            if len(common) == 1:
                only = common.pop()
                if only not in (None, step.number + 1):
                    step.lanjut = only
            else:
                step.lane_lanjut = {lane: way for lane, way in ways.items() if way not in (None, step.number + 1)}
            continue
        targets = sorted({reached.number for reached, *_ in exits})
        if not targets:
            if not last and step.kind == "terminator" and not starts:
                step.lanjut = "selesai"  # a capsule no arrow leaves: an end
            elif not last and step.figures and step.number not in page_ends:
                step.notes.append("tidak ada panah keluar yang terbaca: alur diteruskan ke langkah berikutnya; periksa")
            continue
        if step.kind == "terminator" and not starts:
            step.kind = "process"  # a capsule with a way on: read as a plain step
        if targets != [step.number + 1]:
            chosen = targets[0] if len(targets) == 1 else next((t for t in targets if t != step.number + 1), targets[0])
            if chosen != step.number + 1:
                step.lanjut = chosen
            if len(targets) > 1:
                step.notes.append(f"panah ke langkah {', '.join(map(str, targets))}: periksa alurnya")


def _joined(connectors: list[Connector]) -> list[Connector]:
    """Lines drawn one after another (an arrow built of several segments, as older Word files and
    some PDFs hold them) joined into one: an end with no head meeting another's start."""
    pieces = list(connectors)
    joined = True
    while joined:
        joined = False
        for first in pieces:
            if first.head:
                continue
            for follower in pieces:
                if follower is first:
                    continue
                if not follower.tail and _close(first.points[-1], follower.points[0]):
                    tail_points = follower.points[1:]
                elif not follower.head and not follower.tail and _close(first.points[-1], follower.points[-1]):
                    tail_points = follower.points[-2::-1]  # a piece drawn the other way round
                else:
                    continue
                pieces.remove(follower)
                first.points = first.points + tail_points
                first.head = follower.head
                joined = True
                break
            if joined:
                break
    return pieces


def _close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= 0.6 and abs(a[1] - b[1]) <= 0.6


def _chain(step: Step, out: dict, owner: dict) -> None:
    """The actors of a row that hand the work on, in the order they hand it (`berurutan`)."""
    within = {id(f): [t for t, _, _ in out.get(id(f), []) if owner.get(id(t)) is step] for _, f in step.figures}
    targets = {id(t) for ts in within.values() for t in ts}
    first = next((f for _, f in step.figures if id(f) not in targets), None)
    order: list[str] = []
    while first is not None and step.lane_of.get(id(first)) not in order:
        order.append(step.lane_of.get(id(first), ""))
        nxt = within.get(id(first), [])
        first = nxt[0] if nxt else None
    if sorted(order) == sorted(step.actors):
        step.actors = order
        step.figures.sort(key=lambda item: order.index(step.lane_of.get(id(item[1]), "")))


def _labels(tables: list[Table], exits: dict[int, bool],
            area: dict[int, set[tuple[int, int]]] | None = None) -> dict[int, str]:
    """Each free label (not a symbol's own text) given to the arrow leaving a step whose first
    stretch passes nearest (hand-offs inside a row carry none; a decision's exits, which always
    carry one, win a near tie): id(connector) -> its text."""
    pairs = []
    for index, table in enumerate(tables):
        for label in table.labels:
            if any(f.holds(label.centre) for f in table.figures):
                continue
            where = (table.row_at(label.centre[1]), table.column_at(label.centre[0]))
            if area is not None and where not in area.get(index, set()):
                continue  # a cell's own text, or the header's: no arrow's label
            for connector in table.connectors:
                if id(connector) not in exits:
                    continue
                d = min(_path_distance(point, connector.points) for point in _edges_of(label)) + \
                    (0.0 if exits[id(connector)] else DECISION_FIRST)
                if d < LABEL_REACH:
                    pairs.append((d, id(label), id(connector), label.text))
    out: dict[int, str] = {}
    used: set[int] = set()
    for _, label_key, connector_key, text in sorted(pairs):
        if connector_key not in out and label_key not in used:
            out[connector_key] = text
            used.add(label_key)
    return out


def _decision(step: Step, exits: list, steps: list[Step], label_of: dict[int, str]) -> None:
    decision_figure = next(f for _, f in step.figures if f.kind == "decision")
    question = decision_figure.text
    mine = [(reached, connector, table) for reached, connector, table, figure in exits if figure is decision_figure]
    labelled: list[tuple[int, str]] = [(reached.number, label_of.get(id(connector), ""))
                                       for reached, connector, _ in mine]
    tables_labels = [lab for _, _, table, _ in exits for lab in table.labels]
    if not question:
        inside = [lab for lab in tables_labels if decision_figure.holds(lab.centre)]
        question = inside[0].text if inside else ""
    by_target: dict[int, str] = {}  # an exit drawn to each actor of a shared row is one exit
    for target, label in labelled:
        by_target[target] = by_target.get(target) or label
    distinct = list(by_target.items())
    keputusan: dict = {}
    if question:
        keputusan["pertanyaan"] = question.rstrip()
        if question.endswith("…"):
            step.notes.append("pertanyaan keputusan terpotong di dokumen; lengkapi")
    if len(distinct) < 2:
        step.notes.append("keputusan dengan kurang dari dua panah keluar yang terbaca; tulis `tidak`")
        if distinct:
            keputusan["tidak"] = distinct[0][0]
        step.keputusan = keputusan
        return
    (first_target, first_label), (second_target, second_label) = distinct[0], distinct[1]
    order = _ya_tidak(first_label, second_label, first_target, second_target, step.number)
    if order is None:
        order = (0, 1) if first_target == step.number + 1 else (1, 0)
        step.notes.append("mana `ya` dan mana `tidak` ditebak dari arah panah; periksa")
    (ya, ya_label), (tidak, tidak_label) = (distinct[order[0]], distinct[order[1]])
    if (plain(ya_label), plain(tidak_label)) not in (("ya", "tidak"), ("", "")):
        keputusan["label"] = [ya_label or "Ya", tidak_label or "Tidak"]
    if ya != step.number + 1:
        keputusan["ya"] = ya
    keputusan["tidak"] = tidak
    if len(distinct) > 2:
        step.notes.append("keputusan dengan lebih dari dua panah keluar; dua yang pertama dipakai")
    step.keputusan = keputusan


def _ya_tidak(first: str, second: str, first_target: int, second_target: int, number: int) -> tuple[int, int] | None:
    a, b = plain(first), plain(second)
    if a == "ya" or b == "tidak":
        return (0, 1)
    if b == "ya" or a == "tidak":
        return (1, 0)
    neg_a, neg_b = bool(NEGATIVE.search(first)), bool(NEGATIVE.search(second))
    if neg_a != neg_b:
        return (1, 0) if neg_a else (0, 1)
    return None


def _edges_of(label: Label) -> list[tuple[float, float]]:
    """A label's centre and the middles of its sides: a wide label stands as near as its nearest side."""
    x, y, w, h = label.x, label.y, label.w, label.h
    return [(x + w / 2, y + h / 2), (x, y + h / 2), (x + w, y + h / 2), (x + w / 2, y), (x + w / 2, y + h)]


def _path_distance(point: tuple[float, float], points: list[tuple[float, float]], reach: float = 60.0) -> float:
    """How near `point` stands to a polyline, counting a tenth of how far along the line the nearest
    place is: a label stands by the start of its arrow, not by where another arrow ends."""
    best, travelled = float("inf"), 0.0
    for a, b in zip(points, points[1:], strict=False):
        length = ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5
        d, t = _segment_nearest(point, a, b)
        best = min(best, d + 0.1 * (travelled + t * length))
        travelled += length
        if travelled >= reach:
            break
    return best


def _segment_nearest(p: tuple[float, float], a: tuple[float, float],
                     b: tuple[float, float]) -> tuple[float, float]:
    """The distance from `p` to the segment a-b, and where along it (0 to 1) the nearest point is."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5, t
