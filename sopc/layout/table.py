"""The flowchart table's columns and rows: widths by paper, heights by the wrapped text of each row."""

from __future__ import annotations

from dataclasses import dataclass

from sopc.layout.geometry import Column
from sopc.layout.paper import PAPERS
from sopc.layout.text import line_height, pieces, text_width, wrap
from sopc.model.sop import Langkah, Sop
from sopc.texts.labels import Labels

MARGIN = 12.0
TEXT_PT = 8.0  # table text, as in published SOPs (Arial 8-9 pt)
HEADER_PT = 8.0
PAD = 1.2  # cell padding around text
# Text is wrapped this much narrower than the cell: LibreOffice takes the cell borders (0.5 pt) out
# of the width and Word rounds widths to twips, so a line that fits to 0.1 mm wrapped once more
# there, and the exact row height cut its last line off.
WRAP_SLACK = 0.4
MIN_LANE = 20.0
WAKTU_MAX = 26.0  # Waktu grows to fit its values on two lines, up to this width

# Text columns: (key, width, smallest width) in mm; their titles are the labels of the same keys.
TEXT_COLUMNS = (
    ("no", 8.0, 7.0),
    ("kegiatan", 48.0, 32.0),
    ("kelengkapan", 30.0, 20.0),
    ("waktu", 17.0, 14.0),
    ("output", 28.0, 20.0),
    ("keterangan", 24.0, 16.0),
)
GROUP_TITLES = ("pelaksana", "mutu_baku")  # the header's top row, over the lanes and over Mutu Baku's three


@dataclass(frozen=True)
class Dimensions:
    """Sizes that follow from the paper and the number of lanes."""

    width: float
    height: float
    symbol_w: float


def columns(sop: Sop, paper: str, text: Labels,
            margin: float = MARGIN) -> tuple[tuple[Column, ...], Dimensions]:
    """The table's columns left to right: No, Kegiatan, one lane per actor, Mutu Baku (3), Keterangan;
    each text column at least as wide as its title in `text` (the labels every document prints)."""
    page_w, page_h = PAPERS[paper]
    available = page_w - 2 * margin
    titles = {key: text[key] for key, _, _ in TEXT_COLUMNS}
    widths, smallest = _text_widths(sop, titles)
    lanes = len(sop.pelaksana)
    shortfall = lanes * MIN_LANE - (available - sum(widths.values()))
    if shortfall > 0:  # take the lanes' room from the text columns, down to their smallest widths
        slack = {key: widths[key] - smallest[key] for key in widths}
        share = min(1.0, shortfall / (sum(slack.values()) or 1.0))
        widths = {key: widths[key] - slack[key] * share for key in widths}
    lane_w = (available - sum(widths.values())) / lanes
    out: list[Column] = []
    x = margin
    for key in ("no", "kegiatan"):
        out.append(Column(key, titles[key], x, widths[key]))
        x += widths[key]
    for actor in sop.pelaksana:
        out.append(Column("lane", actor.nama, x, lane_w, actor.id))
        x += lane_w
    for key in ("kelengkapan", "waktu", "output", "keterangan"):
        out.append(Column(key, titles[key], x, widths[key]))
        x += widths[key]
    return tuple(out), Dimensions(page_w, page_h, symbol_w=min(14.0, max(10.0, lane_w - 10.0)))


def _text_widths(sop: Sop, titles: dict[str, str]) -> tuple[dict[str, float], dict[str, float]]:
    """Each text column's width from its content, and the smallest it may be squeezed to.

    A column is at least as wide as its title and its longest unbreakable piece (words cut after
    their own / and -), so no word is chopped, and Waktu, squeezed as far as it goes, still sets
    every value on two lines ("2 menit/berkas", "1-2 hari kerja"). A column with text is at least
    its usual width (longer words widen it, up to half as much again); a column empty in every row
    takes its smallest width and leaves the room to the lanes.
    """
    texts: dict[str, list[str]] = {key: [] for key in titles}
    for number, step in enumerate(sop.langkah, start=1):
        for key, text in cell_texts(step, number).items():
            if text and text != "-":
                texts[key].append(text)
    room = 2 * PAD + WRAP_SLACK
    widths, smallest = {}, {}
    for key, wide, small in TEXT_COLUMNS:
        title = text_width(titles[key], HEADER_PT, bold=True) + room
        words = {piece for text in texts[key] for piece in pieces(text)}
        longest = max((text_width(word, TEXT_PT) for word in words), default=0.0) + room
        floor = max(small, title, min(longest, wide))
        if key == "waktu":
            floor = max(floor, _two_line_width(texts[key], small - room, WAKTU_MAX - room) + room)
        if texts[key]:
            widths[key] = max(wide, floor, min(longest, wide * 1.5))
        else:
            widths[key] = floor
        smallest[key] = floor
    return widths, smallest


def _two_line_width(values: list[str], start: float, most: float) -> float:
    """The narrowest text width from `start` (in 0.5 mm steps, up to `most`) that sets every value
    on at most two lines."""
    width = start
    for value in sorted(set(values), key=lambda v: -text_width(v, TEXT_PT)):
        while width < most and len(wrap(value, width, TEXT_PT)) > 2:
            width += 0.5
    return width


def cell_texts(step: Langkah, number: int) -> dict[str, str]:
    """The text of each text cell of a step's row."""
    return {
        "no": str(number),
        "kegiatan": step.kegiatan,
        "kelengkapan": "\n".join(step.kelengkapan) or "-",
        "waktu": step.waktu or "-",
        "output": "\n".join(step.output) or "-",
        "keterangan": step.keterangan or "",
    }


def wrapped_cells(step: Langkah, number: int, cols: tuple[Column, ...]) -> dict[str, tuple[str, ...]]:
    widths = {c.key: c.w for c in cols if c.key != "lane"}
    return {key: wrap(text, widths[key] - 2 * PAD - WRAP_SLACK, TEXT_PT) if text else ()
            for key, text in cell_texts(step, number).items()}


def text_height(lines: tuple[str, ...], size_pt: float = TEXT_PT) -> float:
    return len(lines) * line_height(size_pt) + 2 * PAD


def header_heights(cols: tuple[Column, ...]) -> tuple[tuple[float, float], dict[str, tuple[str, ...]], float]:
    """Heights of the two header rows, each lane's wrapped actor name, and the size of those names.

    The names shrink (down to 6.5 pt) until every word fits its lane; only then is a word hyphenated.
    """
    lanes = [c for c in cols if c.key == "lane"]
    for size in (HEADER_PT, 7.5, 7.0, 6.5):
        titles = {c.actor or "": _title_lines(c.title, c.w - 2 * PAD - WRAP_SLACK, size) for c in lanes}
        if all(_whole_words(c.title, titles[c.actor or ""]) for c in lanes):
            break
    tallest = max((len(lines) for lines in titles.values()), default=1)
    heights = (line_height(HEADER_PT) + 2 * PAD, max(tallest * line_height(size), line_height(HEADER_PT)) + 2 * PAD)
    return heights, titles, size


def _whole_words(title: str, lines: tuple[str, ...]) -> bool:
    whole = set(title.split())
    return all(word.rstrip("-") in whole and not word.endswith("-") for line in lines for word in line.split())


def _title_lines(title: str, width: float, size: float) -> tuple[str, ...]:
    """An actor's name in its lane header, broken between words; a word too long is hyphenated."""
    lines = wrap(title, width, size, bold=True)
    whole = set(title.split())
    if all(word in whole for line in lines for word in line.split()):
        return lines
    # a word longer than the lane: break it where wrap() did, and mark the break with a hyphen
    return tuple(line + ("-" if i < len(lines) - 1 and line.split()[-1] not in whole else "")
                 for i, line in enumerate(lines))
