"""The formats a SOP is written in: each a back-end behind one entry — a name, a file suffix, one render function.

Every render function has one shape: `render(doc: Rendering) -> Iterable[(file name, bytes)]`, the
files to write for one SOP, named `doc.stem` + the suffix (or, for a paged format, `stem.p1` +
suffix, `stem.p2` + suffix, ...). They are written beside the SOP's other documents, or, for a
format with a `folder`, at the same place under that folder (`html/umum/x.html` for `umum/x`).
The function is named by its module path and imported only when a SOP must be made, so what
lists the formats — the command line's choices, the build's dispatch and cache key, the names a
build may remove — loads no back-end. Adding a format is
one module and one `register` line below.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sopc.backends.docx.identity import Logo, Signature
    from sopc.layout.geometry import Layout
    from sopc.model.sop import Sop


@dataclass(frozen=True)
class Rendering:
    """What every back-end is given for one SOP: the model, its layout and the settings that shape it."""

    sop: Sop
    layout: Layout  # the table as printed pages: one geometry for every format
    stem: str  # the name its files start with
    lang: str
    labels: Mapping[str, str]  # every fixed text printed (sopc.texts.labels): the unit's own over sopc's
    numbers: Mapping[str, str]  # the repository's SOP numbers -> names, for keterkaitan
    relative: str  # where its files go in the output folder: `umum/x` for umum/x.sop.yaml (with /)
    pages: Mapping[str, str]  # the repository's SOP numbers -> their `relative`, for links between them
    formats: tuple[str, ...]  # the formats this build writes (a page offers the documents built)
    pdf: bool  # whether this build prints each DOCX to PDF
    logo: Logo | None
    template: Path | None  # the unit's reference DOCX
    signature: Signature
    svg_style: str  # flow | table
    svg_pages: str  # split | single
    sheet: Callable[[], Layout]  # the table laid out as one tall sheet, when a format wants it


Render = Callable[[Rendering], Iterable[tuple[str, bytes]]]


@dataclass(frozen=True)
class Backend:
    """One output format of a SOP."""

    name: str  # what --format names
    suffix: str  # its files' suffix, with the dot
    target: str  # "module:function" of its render function, imported when first used
    paged: bool = False  # may write stem.p1<suffix>, stem.p2<suffix>, ... instead of stem<suffix>
    folder: str | None = None  # its files go under this folder of the output folder, mirrored
    default: bool = True  # written when no --format is given

    def owns(self, stem: str, name: str) -> bool:
        """Whether `name` is a file this format may write for outputs `stem`.* (its suffix, or a page's)."""
        rest = name[len(stem):] if name.startswith(stem + ".") else ""
        return rest == self.suffix or (self.paged and re.fullmatch(r"\.p[1-9][0-9]*" + re.escape(self.suffix), rest)
                                       is not None)

    def render(self) -> Render:
        module, _, function = self.target.partition(":")
        found: Render = getattr(importlib.import_module(module), function)
        return found


BACKENDS: dict[str, Backend] = {}


def register(backend: Backend) -> None:
    BACKENDS[backend.name] = backend


def names() -> list[str]:
    """Every format's name, in the order a SOP's files are written."""
    return list(BACKENDS)


def default_names() -> list[str]:
    """The formats written when none is asked for."""
    return [b.name for b in BACKENDS.values() if b.default]


def placed(backend: Backend, relative: str, name: str) -> str:
    """Where `name`, a file `backend` made for the SOP whose outputs are `relative`.*, goes in the
    output folder (with /)."""
    folder = relative.rpartition("/")[0]
    where = f"{folder}/{name}" if folder else name
    return f"{backend.folder}/{where}" if backend.folder else where


def output_pattern(folder: str | None = None) -> re.Pattern[str]:
    """What may follow `stem` in the name of a file sopc writes for a SOP: a format's suffix (or a
    page's `.pN` and the suffix of a paged format), or `.pdf`, the PDF printed of its DOCX; under
    a format's `folder`, that format's suffixes only."""
    return _pattern(tuple(BACKENDS.values()), folder)


def folders() -> list[str]:
    """The folders formats write under."""
    return [b.folder for b in BACKENDS.values() if b.folder]


@functools.lru_cache(maxsize=16)
def _pattern(backends: tuple[Backend, ...], folder: str | None) -> re.Pattern[str]:
    own = [b for b in backends if b.folder == folder]
    forms = [re.escape(b.suffix) for b in own]
    forms += [r"\.p[1-9][0-9]*" + re.escape(b.suffix) for b in own if b.paged]
    return re.compile("|".join([r"\.pdf", *forms] if folder is None else forms))


register(Backend("docx", ".docx", "sopc.backends.docx:render"))
register(Backend("svg", ".svg", "sopc.backends.svg:render", paged=True))
register(Backend("html", ".html", "sopc.backends.html:render", folder="html", default=False))
