"""The geometry a layout produces, in millimetres from the page's top-left corner.

Back-ends draw exactly this; none of them decides where anything goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner, width and height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def edges(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom): the plain numbers hot loops compare."""
        return self.x, self.y, self.x + self.w, self.y + self.h

    def top_mid(self) -> Point:
        return Point(self.cx, self.y)

    def bottom_mid(self) -> Point:
        return Point(self.cx, self.bottom)

    def side_mid(self, right: bool) -> Point:
        return Point(self.right if right else self.x, self.cy)


@dataclass(frozen=True)
class Column:
    """A column of the flowchart table: `key` is no, kegiatan, lane, kelengkapan, waktu, output or keterangan."""

    key: str
    title: str
    x: float
    w: float
    actor: str | None = None  # the actor id of a lane column

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass(frozen=True)
class Row:
    """One step's row on a page, with the wrapped text of each of its text cells."""

    step: int
    y: float
    h: float
    cells: dict[str, tuple[str, ...]]

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Shape:
    """A symbol: terminator, process, decision or offpage (connector), with its text lines."""

    kind: str
    box: Box
    step: int | None  # 0-based step; None for an off-page connector
    lane: str | None
    text: tuple[str, ...] = ()
    letter: str | None = None  # off-page connectors only
    text_pt: float = 6.0  # size of `text` (a decision's question shrinks to fit its diamond)


@dataclass(frozen=True)
class Label:
    """Text beside an arrow ("Ya", "Tidak", custom labels), centred in its box (its white ground);
    a long label is set on two lines (`lines`)."""

    text: str  # the lines, joined by a newline
    box: Box
    size_pt: float

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))


@dataclass(frozen=True)
class Arrow:
    """An orthogonal polyline with an arrowhead at its last point."""

    points: tuple[Point, ...]
    src: str  # "step:lane" of a symbol or "offpage:A"
    dst: str
    kind: str  # next | jump | ya | tidak | offpage
    label: Label | None = None


@dataclass(frozen=True)
class Page:
    """One page of the flowchart table: its rows, symbols and arrows."""

    number: int
    rows: tuple[Row, ...]
    shapes: tuple[Shape, ...]
    arrows: tuple[Arrow, ...]
    top: float  # y where the table (its header) starts
    body_top: float  # y where the first row starts, below the header and any connector band
    bottom: float  # y where the table ends


@dataclass(frozen=True)
class Layout:
    """The whole flowchart of a SOP: paper, columns, header and pages."""

    paper: str
    width: float
    height: float
    margin: float
    columns: tuple[Column, ...]
    header_rows: tuple[float, float]  # heights of the two header rows
    lane_titles: dict[str, tuple[str, ...]]  # actor id -> wrapped name
    pages: tuple[Page, ...]
    lane_title_pt: float = 8.0  # size of the actor names in the header
    activities: tuple[str, ...] = ()  # each step's kegiatan in full (titles of the SVG symbols)
    titles: dict[str, str] = field(default_factory=dict)  # pelaksana, mutu_baku: the header's top row

    @property
    def lanes(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.key == "lane")
