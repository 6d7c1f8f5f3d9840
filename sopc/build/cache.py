"""The build cache: a content hash per SOP, so an unchanged repository rebuilds nothing.

A SOP's key covers everything its documents are made from: its text, the repository settings,
the reference template, labels and logo, the options, sopc's version, and the names of the SOPs
its keterkaitan prints (`nomor – nama`), so renaming one SOP rebuilds those that show its name.
The cache lives in the output folder (`.sopc-cache.json`) and is written atomically.
"""

from __future__ import annotations

import json
import os
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
    # output name -> the sources that made it, and a folder's names: each made once a build (asked
    # of every SOP, they took the main process 18 s of a 3,000-SOP build: the square of the SOPs)
    _owners: dict[str, set[str]] | None = field(default=None, repr=False, compare=False)
    _pages: dict[Path, dict[str, list[str]]] = field(default_factory=dict, repr=False, compare=False)

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
        self._own(source, old, remove=True)
        self.entries[source] = {"key": key, "stem": stem_name,
                                "outputs": {n: fingerprint(p) or (0, 0) for n, p in sorted(names.items())}}
        self._own(source, self.entries[source])
        if entry is not None:
            self.entries[source]["record"] = entry  # type: ignore[typeddict-item]
        before = old["outputs"] if old is not None and old["stem"] == stem_name else None
        stale = list(before or ())
        if before is None and any(n.endswith(".svg") for n in names):
            # the cache that named its outputs was lost: its old SVG pages are found beside the new
            folder = stem_name.rpartition("/")[0]
            pages = self._svg_pages(stem.parent).get(stem.name, [])
            stale += [f"{stem_name}.svg"] + [f"{folder}/{n}" if folder else n for n in pages]
        stale = [n for n in stale if n not in names]
        return remove_outputs(self.folder, stem_name, stale, _Others(self._index(), source)) if stale else []

    def forget(self, present: set[str], scopes: list[Path]) -> list[Path]:
        """Drop the sources not built this time that lie under `scopes` (the paths built) or no longer
        exist, and remove their outputs; a build of one file or folder leaves the others' alone."""
        gone = [s for s in self.entries if s not in present
                and (any(Path(s).is_relative_to(scope) for scope in scopes) or not Path(s).exists())]
        dropped = [self.entries.pop(s) for s in gone]
        for source, entry in zip(gone, dropped, strict=True):
            self._own(source, entry, remove=True)
        kept = _Others(self._index(), None)
        return [path for entry in dropped
                for path in remove_outputs(self.folder, entry["stem"], entry["outputs"], kept)]

    def _index(self) -> dict[str, set[str]]:
        """Output name -> the sources whose outputs it is."""
        if self._owners is None:
            self._owners = {}
            for source, entry in self.entries.items():
                self._own(source, entry)
        return self._owners

    def _own(self, source: str, entry: _Entry | None, remove: bool = False) -> None:
        """Note (or forget) that `entry`'s outputs are `source`'s, once the index is made."""
        if self._owners is None or entry is None:
            return
        for name in entry["outputs"]:
            if remove:
                self._owners.get(name, set()).discard(source)
            else:
                self._owners.setdefault(name, set()).add(source)

    def _svg_pages(self, folder: Path) -> dict[str, list[str]]:
        """The names in `folder` that `<stem>.p*.svg` matches, by stem (every `.p` a name holds may
        end its stem), listed once a build."""
        if folder not in self._pages:
            found: dict[str, list[str]] = {}
            try:
                names = os.listdir(folder)
            except OSError:
                names = []
            for name in names:
                if name.endswith(".svg"):
                    at = name.find(".p")
                    while 0 <= at <= len(name) - len(".p.svg"):
                        found.setdefault(name[:at], []).append(name)
                        at = name.find(".p", at + 1)
            self._pages[folder] = found
        return self._pages[folder]

    def book_fresh(self, path: Path, key: str) -> bool:
        """Whether the book at `path` was made from `key` and is still there."""
        return self.books.get(path.relative_to(self.folder).as_posix()) == key and path.exists()

    def record_book(self, path: Path, key: str) -> None:
        """Remember what a book was made from. Books are kept when no longer asked for: they have no source."""
        self.books[path.relative_to(self.folder).as_posix()] = key

    def save(self) -> None:
        data = {"sopc": __version__, "entries": self.entries, "books": self.books, "margins": self.margins}
        write_atomic(self.folder / CACHE_NAME, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())


class _Others:
    """The outputs of the sources other than `besides`: never removed for another."""

    def __init__(self, owners: dict[str, set[str]], besides: str | None) -> None:
        self.owners, self.besides = owners, besides

    def __contains__(self, name: object) -> bool:
        return any(source != self.besides for source in self.owners.get(str(name), ()))
