"""The identity of a SOP read off its identity table: the thirteen items of the form, matched by
their labels however a unit words them ("NOMOR SOP AP", "TGL. PEMBUATAN", "Ket.").

Every value is returned with what the reader had to guess about it (`Found.guesses`), so the
YAML it becomes can say so at its place.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sopc.importer.page import CELL_MARGIN, Cell, Row, Table

MONTHS = {name: number for number, names in enumerate([
    ("januari", "jan", "january"), ("februari", "feb", "pebruari", "february"), ("maret", "mar", "march"),
    ("april", "apr"), ("mei", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
    ("agustus", "agu", "agt", "aug", "august"), ("september", "sep", "sept"),
    ("oktober", "okt", "oct", "october"), ("november", "nov", "nopember"), ("desember", "des", "dec", "december"),
], start=1) for name in names}

# the label a form prints -> the key it fills; matched on letters only, so "TGL. PEMBUATAN :" and
# "Tanggal Pembuatan" both find `pembuatan`
LABELS = {
    "nomor": ("nomor sop", "nomor sop ap", "no sop", "nomor", "no sop ap"),
    "pembuatan": ("tanggal pembuatan", "tgl pembuatan", "tanggal dibuat", "tgl dibuat", "tanggal penyusunan"),
    "revisi": ("tanggal revisi", "tgl revisi", "tanggal perubahan", "tgl perubahan"),
    "efektif": ("tanggal efektif", "tgl efektif", "tanggal berlaku", "tgl berlaku", "tanggal pengesahan",
                "tgl pengesahan"),
    "disahkan_oleh": ("disahkan oleh", "disahkan", "pengesahan", "ditetapkan oleh"),
    "nama": ("nama sop", "judul sop", "nama sop ap", "nama prosedur", "judul"),
}
LISTS = {
    "dasar_hukum": ("dasar hukum",),
    "kualifikasi_pelaksana": ("kualifikasi pelaksana", "kualifikasi"),
    "keterkaitan": ("keterkaitan", "keterkaitan sop", "sop terkait"),
    "peralatan": ("peralatan perlengkapan", "peralatan", "perlengkapan", "peralatan dan perlengkapan"),
    "peringatan": ("peringatan",),
    "pencatatan": ("pencatatan dan pendataan", "pencatatan pendataan", "pencatatan", "pendataan"),
}
NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[a-zA-Z])[.)]\s+")


@dataclass
class Found:
    """The identity read: values by key, what was guessed (key -> why) and what is missing."""

    values: dict[str, object] = field(default_factory=dict)
    guesses: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def plain(text: str) -> str:
    """A label reduced to its letters and single spaces, lower case: how labels are compared."""
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def is_identity(table: Table) -> bool:
    labels = {plain(c.text) for row in table.rows for c in row.cells}
    wanted = {label for names in (LABELS["nomor"], LABELS["nama"], LABELS["efektif"]) for label in names}
    return len(labels & wanted) >= 2


def read_identity(table: Table) -> Found:
    found = Found()
    for number, row in enumerate(table.rows):
        cells = [c for c in row.cells if not c.merged]
        for index, cell in enumerate(cells):
            key = _label_key(cell.text, LABELS)
            after = [c for c in cells[index + 1:] if c.text.strip() not in (":", "")]  # a column of colons
            if key and key not in found.values and after:
                _value(found, key, after[0])
            for list_key, items in _lists(cell).items():
                if not items and not _says_empty(cell) and number + 1 < len(table.rows):
                    items = _below(table.rows[number + 1], cell, list_key)  # the items in the row below
                found.values.setdefault(list_key, items)
        if len(cells) >= 1 and "instansi" not in found.values:
            _kop(found, cells[0])
    for key in ("nomor", "nama", "pembuatan", "efektif", "disahkan_oleh", *LISTS):
        if key not in found.values:
            found.missing.append(key)
    return found


def _says_empty(cell: Cell) -> bool:
    return any(line.strip().rstrip(":").strip().endswith(("-", "–")) for line in cell.lines)


def _below(row: Row, cell: Cell, key: str) -> object:
    """A list's items written in the cell under its label (forms that give the label a row of its own)."""
    under = next((c for c in row.cells if c.col == cell.col and not c.merged), None)
    if under is None or _lists(under) or _label_key(under.text, LABELS):
        return []
    return _items(under.lines, key)


def _label_key(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    words = plain(text)
    for key, names in table.items():
        if words in names:
            return key
    return None


def _value(found: Found, key: str, cell: Cell) -> None:
    text = cell.text.strip().lstrip(":").strip()  # some forms print the colon in the value's cell
    if key in ("pembuatan", "revisi", "efektif"):
        if text.strip() in ("", "-", "–"):
            if key != "revisi":
                found.missing.append(key)
            return
        day = parse_date(text)
        if day is None:
            found.guesses[key] = f"tanggal `{text}` tidak terbaca; tulis TTTT-BB-HH"
            found.values[key] = text
        else:
            found.values[key] = day
    elif key == "disahkan_oleh":
        found.values[key] = _pengesahan(cell, found)
    else:
        found.values[key] = text


def _pengesahan(cell: Cell, found: Found) -> dict[str, str]:
    """Jabatan first, the name after the room to sign in, the NIP last."""
    lines = [line for line in cell.lines if line.strip()]
    nip = next((line for line in lines if re.match(r"(?i)^nip\b", line)), None)
    rest = [line for line in lines if line is not nip]
    out: dict[str, str] = {}
    if nip:
        digits = re.sub(r"\D", "", nip)
        out["nip"] = f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}" if len(digits) == 18 else \
            nip.split(None, 1)[-1].strip(" .:")
    if len(rest) >= 2:
        out["jabatan"], out["nama"] = " ".join(rest[:-1]), rest[-1]
        if len(rest) > 2:
            found.guesses["disahkan_oleh"] = "jabatan dari beberapa baris; periksa pemisahan jabatan dan nama"
    elif rest:
        out["jabatan"] = rest[0]
        found.guesses["disahkan_oleh"] = "nama pengesah tidak terbaca"
    return {k: out[k] for k in ("jabatan", "nama", "nip") if k in out}


def _kop(found: Found, cell: Cell) -> None:
    """Instansi and unit from the big left cell: printed in capitals, so their case is a guess. In a
    PDF a line the word processor wrapped (its next word would not have fitted) goes on the line
    before."""
    lines = [line.strip() for line in _unwrapped(cell) if line.strip() and plain(line)]
    if not lines or _label_key(lines[0], LABELS):
        return
    found.values["instansi"] = _title(lines[0])
    found.values["unit"] = [_title(line) for line in lines[1:]]
    if any(line.isupper() for line in lines):
        found.guesses["instansi"] = "dicetak dalam huruf kapital; periksa penulisan instansi dan unit"


def _unwrapped(cell: Cell) -> list[str]:
    if not cell.boxes or len(cell.boxes) != len(cell.lines):
        return cell.lines
    inner = cell.width - 2 * CELL_MARGIN
    out: list[str] = []
    for number, line in enumerate(cell.lines):
        if out and number > 0:
            left, right, _ = cell.boxes[number - 1]
            first = cell.boxes[number][2]
            if (right - left) + first * 1.25 > inner:
                out[-1] += " " + line
                continue
        out.append(line)
    return out


def _title(text: str) -> str:
    if not text.isupper():
        return text
    small = {"dan", "di", "ke", "dari", "yang", "untuk", "pada", "atas", "dengan", "serta", "atau", "of", "and"}
    words = text.lower().split()
    return " ".join(w if i and w in small else (w.upper() if len(w) <= 3 and w in {"rsud", "upt", "uptd", "dprd",
                                                                                    "bpkad", "bkd"} else w.capitalize())
                    for i, w in enumerate(words))


def _lists(cell: Cell) -> dict[str, object]:
    """The list sections a cell holds: a label (`DASAR HUKUM :`) and its items below it."""
    out: dict[str, object] = {}
    lines = cell.lines
    current: str | None = None
    items: list[str] = []
    for line in lines:
        head, sep, tail = line.partition(":")
        key = _label_key(head if sep else line, LISTS)
        if key is not None:
            if current is not None:
                out[current] = _items(items, current)
            current, items = key, ([tail.strip()] if sep and tail.strip() else [])
        elif current is not None:
            items.append(line)
    if current is not None:
        out[current] = _items(items, current)
    return out


def _items(lines: list[str], key: str) -> object:
    """Numbered lines as items (a line without a number continues the item above); one line
    without a number as a single text; `-` as empty."""
    lines = [line for line in lines if line.strip()]
    if not lines or lines in (["-"], ["–"]):
        return []
    items: list[str] = []
    numbered = any(NUMBERED.match(line) for line in lines)
    for line in lines:
        if numbered and NUMBERED.match(line):
            items.append(NUMBERED.sub("", line).strip())
        elif numbered and items:
            items[-1] += " " + line.strip()
        elif items and line.strip()[:1].islower():
            items[-1] += " " + line.strip()  # wrapped by the word processor: the item goes on in lower case
        else:
            items.append(line.strip().lstrip("•-–* ").strip())
    if key == "keterkaitan":
        # sopc and many units print `nomor – nama`: the nomor is what the format keeps
        items = [item.split(" – ")[0].strip() if " – " in item else item for item in items]
    if key == "peringatan" and len(items) == 1:
        return items[0]
    return items


def parse_date(text: str) -> dt.date | None:
    """`2 Juni 2025`, `02-06-2025`, `2/6/2025`, `2025-06-02` -> a date; None when none is read."""
    text = text.strip().rstrip(".")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    try:
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = re.fullmatch(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})", text)
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
        if match and match.group(2).lower() in MONTHS:
            return dt.date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
    except ValueError:
        return None
    return None
