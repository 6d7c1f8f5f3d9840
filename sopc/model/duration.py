"""Durations as SOP authors write them: `10 menit`, `1-2 hari`, `3 Hari Kerja`, `2 menit/berkas`, `30 minutes`.

Comparisons use working time: a day (hari or hari kerja) is one working day of 8 hours, a week
5 working days, a month 20, a year 240. Published SOPs use `hari` and `hari kerja` for the same
thing, and a service standard (`waktu_penyelesaian`) is counted in working time.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Unit(enum.Enum):
    """A unit of time with its length in working minutes and its Indonesian name."""

    DETIK = ("detik", 1 / 60)
    MENIT = ("menit", 1)
    JAM = ("jam", 60)
    HARI = ("hari", 480)
    HARI_KERJA = ("hari kerja", 480)
    MINGGU = ("minggu", 2400)
    BULAN = ("bulan", 9600)
    TAHUN = ("tahun", 115200)

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def minutes(self) -> float:
        return self.value[1]


_UNIT_WORDS: dict[str, Unit] = {}
for _unit, _words in {
    Unit.DETIK: "detik dtk second seconds sec secs",
    Unit.MENIT: "menit mnt minute minutes min mins",
    Unit.JAM: "jam hour hours hr hrs",
    Unit.HARI: "hari day days",
    Unit.HARI_KERJA: "hari_kerja hk working_day working_days business_day business_days workday workdays",
    Unit.MINGGU: "minggu pekan week weeks",
    Unit.BULAN: "bulan month months",
    Unit.TAHUN: "tahun year years",
}.items():
    for _word in _words.split():
        _UNIT_WORDS[_word.replace("_", " ")] = _unit

_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"
MAX_AMOUNT = 1e6  # of any unit
_UNITS = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_UNIT_WORDS, key=len, reverse=True))
_PATTERN = re.compile(
    rf"""^\s*(?:[±~+]\s*|kurang\s+lebih\s+|maks(?:imal)?\.?\s+)?
    (?P<low>{_NUMBER})
    (?:\s*(?:-|–|—|s\.?\s?d\.?|sampai|to)\s*(?P<high>{_NUMBER}))?
    \s*(?P<unit>{_UNITS})\.?
    (?:\s*(?:/|per\s)\s*(?P<per>[^\W\d][\w .-]*?))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Duration:
    """A time span: `low`..`high` units (equal when not a range), optionally per unit of work."""

    low: float
    high: float
    unit: Unit
    per: str | None = None

    @property
    def minutes(self) -> tuple[float, float]:
        """Lower and upper bound in working minutes."""
        return self.low * self.unit.minutes, self.high * self.unit.minutes

    def __str__(self) -> str:
        amount = _fmt(self.low) if self.low == self.high else f"{_fmt(self.low)}-{_fmt(self.high)}"
        per = f"/{self.per}" if self.per else ""
        return f"{amount} {self.unit.label}{per}"


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number).replace(".", ",")


def parse_duration(text: str | None) -> Duration | None:
    """The Duration `text` spells, or None when it is not one of the forms sopc reads."""
    if not text:
        return None
    match = _PATTERN.match(text)
    if not match:
        return None
    low = float(match["low"].replace(",", "."))
    high = float(match["high"].replace(",", ".")) if match["high"] else low
    if high < low or high > MAX_AMOUNT:  # `1` and 400 zeros: no step takes that long, and it overflows sums
        return None
    unit = _UNIT_WORDS[re.sub(r"\s+", " ", match["unit"].lower())]
    per = match["per"].strip().lower() if match["per"] else None
    return Duration(low, high, unit, per)


def format_minutes(minutes: float) -> str:
    """A working-time amount in the largest whole unit that reads well (`2 hari kerja`, `90 menit`)."""
    for unit in (Unit.HARI_KERJA, Unit.JAM, Unit.MENIT):
        if minutes >= unit.minutes and (minutes / unit.minutes) == int(minutes / unit.minutes):
            return f"{int(minutes / unit.minutes)} {unit.label}"
    return f"{round(minutes)} {Unit.MENIT.label}"
