"""Text measured with Liberation Sans's real advance widths (Arial's metric twin), in millimetres.

The layout must not depend on the fonts of the machine it runs on, so sopc ships the widths.
"""

from __future__ import annotations

import itertools
import json
from functools import lru_cache
from importlib import resources
from typing import Literal

# The font every document sets its text in (sopc.toml's `[document] font` accepts only it): the
# widths below are its, so any other would overflow the cells the layout measured.
Font = Literal["Arial"]
FONT: Font = "Arial"
PT_MM = 25.4 / 72  # one typographic point in millimetres
LINE_SPACING = 1.15  # line height as a multiple of the font size, as word processors set "single"


@lru_cache(maxsize=1)
def _table() -> dict:
    raw = resources.files("sopc").joinpath("data/liberation-sans.json").read_text(encoding="utf-8")
    table = json.loads(raw)
    for style in ("regular", "bold"):
        widths = table[style]
        table[f"{style}_avg"] = sum(widths.values()) / len(widths)
    return table


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of `text` set in Liberation Sans at `size_pt`, in millimetres."""
    return _units(text, bold) * size_pt * PT_MM


@lru_cache(maxsize=8192)
def _units(text: str, bold: bool) -> float:
    """Advance of `text` in em (widths simply add up: the metrics carry no kerning). Cached: the
    same words come back in every row and every wrap."""
    table = _table()
    style = "bold" if bold else "regular"
    widths, average = table[style], table[f"{style}_avg"]
    return sum(widths.get(ch, average) for ch in text) / table["units_per_em"]


def line_height(size_pt: float) -> float:
    """Distance between baselines of two lines, in millimetres."""
    return size_pt * PT_MM * LINE_SPACING


def ascent(size_pt: float) -> float:
    """Height of the font's ascent (baseline to top of the line box), in millimetres."""
    table = _table()
    return table["ascent"] / table["units_per_em"] * size_pt * PT_MM


def wrap(text: str, width: float, size_pt: float, bold: bool = False) -> tuple[str, ...]:
    """Break `text` into lines no wider than `width` mm: at spaces, or inside a word too long for a line."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += _wrap_paragraph(paragraph, width, size_pt, bold)
    return tuple(lines)


def _wrap_paragraph(text: str, width: float, size_pt: float, bold: bool) -> list[str]:
    lines: list[str] = []
    current = ""
    used = 0.0  # width of `current`: widths add up, so each word is measured once
    space = text_width(" ", size_pt, bold)
    for word in text.split():
        wide = _units(word, bold) * size_pt * PT_MM  # text_width, inlined: this is measuring's inner loop
        if used + (space if current else 0.0) + wide <= width + 1e-9:
            current, used = (f"{current} {word}", used + space + wide) if current else (word, wide)
            continue
        measure = _Prefix(word, size_pt, bold) if len(word) > 1 else None
        if current:
            head = _joined_head(word, measure, width - used - space) if measure and ("/" in word or "-" in word) else 0
            if head:  # `2 menit/` + `berkas`: the word is broken after its own / or -, as typesetters do
                lines.append(f"{current} {word[:head]}")
            else:
                lines.append(current)
        else:
            head = 0
        current = ""
        start = head
        while measure is not None and measure.width(start, len(word)) > width and len(word) - start > 1:
            cut = _fit(word, measure, start, width)
            lines.append(word[start:cut])
            start = cut
        word = word[start:]
        current, used = word, text_width(word, size_pt, bold)
    lines.append(current)
    return lines


class _Prefix:
    """The widths of a word's heads, summed once: a word longer than a line is measured in O(1) per
    piece, not again for every cut tried (a 5,000-character word once took most of a minute)."""

    __slots__ = ("sums", "scale")

    def __init__(self, word: str, size_pt: float, bold: bool) -> None:
        table = _table()
        style = "bold" if bold else "regular"
        widths, average = table[style], table[f"{style}_avg"]
        self.sums = list(itertools.accumulate((widths.get(ch, average) for ch in word), initial=0.0))
        self.scale = (table["units_per_em"], size_pt)

    def width(self, start: int, stop: int) -> float:
        """The width of word[start:stop] in mm, as text_width measures it."""
        units_per_em, size_pt = self.scale
        return (self.sums[stop] - self.sums[start]) / units_per_em * size_pt * PT_MM


def _joined_head(word: str, measure: _Prefix, room: float) -> int:
    """The longest head of `word` that ends at a joint (`_joint`) and fits in `room` mm; 0 if none does."""
    for cut in range(len(word) - 1, 0, -1):
        if _joint(word, cut) and measure.width(0, cut) <= room:
            return cut
    return 0


def _joint(word: str, cut: int) -> bool:
    """A line may break before word[cut]: after a `/` or `-`, not before a digit (`5-10`, `1/2` stay whole)."""
    return word[cut - 1] in "/-" and not word[cut].isdigit()


def pieces(text: str) -> list[str]:
    """The parts of `text` a line never breaks inside: words, cut after their own `/` and `-`."""
    out: list[str] = []
    for word in text.split():
        if "/" not in word and "-" not in word:
            out.append(word)
            continue
        start = 0
        for cut in range(1, len(word)):
            if _joint(word, cut):
                out.append(word[start:cut])
                start = cut
        out.append(word[start:])
    return out


def _fit(word: str, measure: _Prefix, start: int, width: float) -> int:
    """Where the piece of `word` from `start` that fits in `width` ends (at least one character), after
    a `/` or `-` when the fitting part has one (`001/SOP/` + `BU/2024`, not `001/SOP/B` + `U/2024`).
    Widths grow with the cut, so the longest fitting cut is found by halving."""
    lo, hi = start + 1, len(word) - 1  # the answer lies in [lo, hi]; lo when none fits
    if measure.width(start, lo) > width:
        return lo
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure.width(start, mid) <= width:
            lo = mid
        else:
            hi = mid - 1
    joint = max(word.rfind("/", start, lo), word.rfind("-", start, lo))
    return joint + 1 if joint > start else lo
