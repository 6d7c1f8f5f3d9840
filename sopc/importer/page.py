"""What an importer reads off a document, whatever its format: tables of text, and the drawing over
them — symbols, connectors, free labels — in millimetres from each table's top-left corner.

The Word reader (docx.py) and the PDF reader (pdf.py) both produce these; the SOP is then read off
them alone (identity.py, flowchart.py), so both formats are read alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Point = tuple[float, float]
CELL_MARGIN = 1.9  # mm: Word's default margin inside a cell, each side (what its lines wrap within)


@dataclass
class Cell:
    """One cell: its paragraphs, each a list of the lines written in it (a line break starts a line;
    a paragraph's own wrapping is not seen), and where it stands in the table's grid."""

    paragraphs: list[list[str]]
    col: int  # first grid column
    span: int = 1  # grid columns it covers
    merged: bool = False  # continues the cell above (a vertical merge)
    width: float = 0.0  # mm, when the document says
    # as printed (a PDF): per line, its left and right edge and the width of its first word, in mm
    # from the cell's left — what tells a line the writer broke from one the word processor wrapped
    boxes: list[tuple[float, float, float]] | None = None

    @property
    def lines(self) -> list[str]:
        return [line for paragraph in self.paragraphs for line in paragraph]

    @property
    def text(self) -> str:
        return " ".join(" ".join(p) for p in self.paragraphs).strip()


@dataclass
class Row:
    cells: list[Cell]
    top: float = 0.0  # mm from the table's top
    height: float = 0.0  # mm
    exact: bool = False  # the height is the document's own (not guessed from the text)


@dataclass
class Box:
    """A box in mm from the table's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> Point:
        return self.x + self.w / 2, self.y + self.h / 2

    def holds(self, point: Point) -> bool:
        return self.x <= point[0] <= self.x + self.w and self.y <= point[1] <= self.y + self.h


@dataclass
class Figure(Box):
    """A symbol: terminator, process, decision, offpage, or `unknown`; its box and its text."""

    kind: str = "unknown"
    text: str = ""
    cell: tuple[int, int] | None = None  # (row, grid column) when it stands inline in a cell
    picture: bool = False  # an embedded image standing where a symbol stands: its kind is a guess


@dataclass
class Connector:
    """A line or polyline; `head` when its last point carries an arrowhead (its first, `tail`)."""

    points: list[Point]
    head: bool = True
    tail: bool = False


@dataclass
class Label(Box):
    """Free text over the table (a text box, or words outside every cell in a PDF)."""

    text: str = ""


@dataclass
class Table:
    """A table and what is drawn over it, in mm from its top-left corner."""

    rows: list[Row]
    columns: list[float]  # grid column widths, mm
    figures: list[Figure] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    page: int = 1

    def column_at(self, x: float) -> int | None:
        edge = 0.0
        for index, width in enumerate(self.columns):
            if edge <= x < edge + width:
                return index
            edge += width
        return None

    def row_at(self, y: float) -> int | None:
        for index, row in enumerate(self.rows):
            if row.top <= y < row.top + row.height:
                return index
        return None

    def column_left(self, index: int) -> float:
        return sum(self.columns[:index])


@dataclass
class Document:
    """Every table of a document, in order, with the paper it is printed on (mm, as laid out)."""

    tables: list[Table]
    paper: tuple[float, float] | None = None
    notes: list[str] = field(default_factory=list)  # what the reader could not read, for the summary
