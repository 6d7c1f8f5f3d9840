"""The build cache: a content hash per SOP, so an unchanged repository rebuilds nothing.

A SOP's key covers everything its documents are made from: its text, the repository settings,
the reference template, labels and logo, the options, sopc's version, and the names of the SOPs
its keterkaitan prints (`nomor – nama`), so renaming one SOP rebuilds those that show its name.
The cache lives in the output folder (`.sopc-cache.json`) and is written atomically.
"""

from __future__ import annotations

import glob
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field
from typing_extensions import NotRequired, TypedDict  # pydantic reads TypedDicts from here before Python 3.12

from sopc import __version__
from sopc.lint.memo import content_key, load_cache
from sopc.output import fingerprint, remove_outputs, write_atomic

__all__ = ["BuildCache", "content_key"]

CACHE_NAME = ".sopc-cache.json"


_Text = Annotated[str, Field(max_length=1_000_000)]


class _Record(TypedDict):
    """A SOP's entry in the HTML catalogue's index (sopc.backends.html.record): text only, escaped where shown."""

    nomor: _Text
    nama: _Text
    jenis: _Text
    efektif: _Text
    revisi: _Text
    instansi: _Text
    unit: list[_Text]
    page: _Text
    search: _Text


class _Entry(TypedDict):
    key: str
    stem: str  # the source's outputs are stem.* (relative to the folder, with /)
    outputs: dict[str, tuple[int, int]]  # name -> (size, mtime ns) when written: replaced since means stale
    record: NotRequired[_Record]  # with the HTML catalogue: its entry in the index


class _CacheFile(TypedDict):
    sopc: str
    entries: dict[str, _Entry]
    books: dict[str, str]
    margins: dict[str, Annotated[float, Field(ge=0.0, le=100.0)]]  # mm


@dataclass
class BuildCache:
    """source (its resolved path) -> its key, where its outputs go and the outputs built from it.

    A cache file is anyone's to edit (committed, restored, tampered with), so it is trusted for
    nothing: it is read whole against its exact shape or not at all (then everything is built),
    and the outputs it names are deleted only through `remove_outputs` (files sopc writes for
    that source, inside the folder).
    """

    folder: Path
    entries: dict[str, _Entry] = field(default_factory=dict)
    books: dict[str, str] = field(default_factory=dict)  # manual, monev forms (by name) -> the key made from
    margins: dict[str, float] = field(default_factory=dict)  # a reference document's key -> its page margin

    @classmethod
    def load(cls, folder: Path) -> BuildCache:
        data = load_cache(folder / CACHE_NAME, _CacheFile)  # none, or not quite ours: everything is built
        if data is None:
            return cls(folder)
        return cls(folder, data["entries"], data["books"], data["margins"])

    def fresh(self, source: str, key: str) -> list[Path] | None:
        """The outputs of `source` when they were built from `key` and are all still as written; else None."""
        entry = self.entries.get(source)
        if not entry or entry["key"] != key:
            return None
        outputs = {self.folder / name: tuple(mark) for name, mark in entry["outputs"].items()}
        return list(outputs) if all(fingerprint(p) == mark for p, mark in outputs.items()) else None

    def record(self, source: str, key: str, stem: Path, outputs: list[Path], entry: dict | None = None) -> list[Path]:
        """Remember a build of `source` (outputs `stem`.*); remove and return what it made before and
        makes no more: the names its previous build had, and the pages of its SVG (`x.svg` or
        `x.p1.svg`, ...) lying beside the new ones, also when the cache that named them was lost."""
        stem_name = stem.relative_to(self.folder).as_posix()
        names = {p.relative_to(self.folder).as_posix(): p for p in outputs}
        old = self.entries.get(source)
        self.entries[source] = {"key": key, "stem": stem_name,
                                "outputs": {n: fingerprint(p) or (0, 0) for n, p in sorted(names.items())}}
        if entry is not None:
            self.entries[source]["record"] = entry  # type: ignore[typeddict-item]
        before = old["outputs"] if old is not None and old["stem"] == stem_name else None
        stale = list(before or ())
        if before is None and any(n.endswith(".svg") for n in names) and stem.parent.is_dir():
            # the cache that named its outputs was lost: its old SVG pages are found beside the new
            stale += [f"{stem_name}.svg"] + [p.relative_to(self.folder).as_posix()
                                             for p in stem.parent.glob(f"{glob.escape(stem.name)}.p*.svg")]
        stale = [n for n in stale if n not in names]
        return remove_outputs(self.folder, stem_name, stale, self._owned(source)) if stale else []

    def forget(self, present: set[str], scopes: list[Path]) -> list[Path]:
        """Drop the sources not built this time that lie under `scopes` (the paths built) or no longer
        exist, and remove their outputs; a build of one file or folder leaves the others' alone."""
        gone = [s for s in self.entries if s not in present
                and (any(Path(s).is_relative_to(scope) for scope in scopes) or not Path(s).exists())]
        dropped = [self.entries.pop(s) for s in gone]
        kept = self._owned(None)
        return [path for entry in dropped
                for path in remove_outputs(self.folder, entry["stem"], entry["outputs"], kept)]

    def _owned(self, besides: str | None) -> set[str]:
        """The outputs the sources other than `besides` made: never removed for another."""
        return {name for source, entry in self.entries.items() if source != besides for name in entry["outputs"]}

    def book_fresh(self, path: Path, key: str) -> bool:
        """Whether the book at `path` was made from `key` and is still there."""
        return self.books.get(path.relative_to(self.folder).as_posix()) == key and path.exists()

    def record_book(self, path: Path, key: str) -> None:
        """Remember what a book was made from. Books are kept when no longer asked for: they have no source."""
        self.books[path.relative_to(self.folder).as_posix()] = key

    def save(self) -> None:
        data = {"sopc": __version__, "entries": self.entries, "books": self.books, "margins": self.margins}
        write_atomic(self.folder / CACHE_NAME, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())



