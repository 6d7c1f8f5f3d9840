"""The build cache: a content hash per SOP, so an unchanged repository rebuilds nothing.

A SOP's key covers everything its documents are made from: its text, the repository settings,
the reference template and logo, the options, sopc's version, and the names of the SOPs its
keterkaitan prints (`nomor – nama`), so renaming one SOP rebuilds those that show its name.
The cache lives in the output folder (`.sopc-cache.json`) and is written atomically.
"""

from __future__ import annotations

import glob
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter
from typing_extensions import TypedDict  # pydantic reads TypedDicts from here before Python 3.12

from sopc import __version__
from sopc.output import fingerprint, remove_outputs, write_atomic
from sopc.source.files import CACHE_LIMIT, read_file

CACHE_NAME = ".sopc-cache.json"


class _Entry(TypedDict):
    key: str
    stem: str  # the source's outputs are stem.* (relative to the folder, with /)
    outputs: dict[str, tuple[int, int]]  # name -> (size, mtime ns) when written: replaced since means stale


class _CacheFile(TypedDict):
    sopc: str
    entries: dict[str, _Entry]
    books: dict[str, str]
    margins: dict[str, Annotated[float, Field(ge=0.0, le=100.0)]]  # mm


def content_key(*parts: object) -> str:
    """A SHA-256 over the parts (bytes as they are, anything else by its JSON text)."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


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
        data = _load(folder / CACHE_NAME, _CACHE_FILE)  # none, or not quite ours: everything is built
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

    def record(self, source: str, key: str, stem: Path, outputs: list[Path]) -> list[Path]:
        """Remember a build of `source` (outputs `stem`.*); remove and return what it made before and
        makes no more: the names its previous build had, and the pages of its SVG (`x.svg` or
        `x.p1.svg`, ...) lying beside the new ones, also when the cache that named them was lost."""
        stem_name = stem.relative_to(self.folder).as_posix()
        names = {p.relative_to(self.folder).as_posix(): p for p in outputs}
        old = self.entries.get(source)
        self.entries[source] = {"key": key, "stem": stem_name,
                                "outputs": {n: fingerprint(p) or (0, 0) for n, p in sorted(names.items())}}
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


_CACHE_FILE = TypeAdapter(_CacheFile)


def _load(path: Path, shape: TypeAdapter) -> Any:
    """A cache file this sopc wrote, checked whole against its `shape`; None when absent, unreadable,
    another version's, or anything in it is not as this sopc writes it."""
    try:
        data = shape.validate_json(read_file(path, CACHE_LIMIT), strict=True)
    except (OSError, ValueError, RecursionError):  # ValidationError is a ValueError
        return None
    return data if data["sopc"] == __version__ else None


LINT_CACHE_NAME = ".sopc-lint.json"


@dataclass
class LintMemo:
    """source -> the key it was linted with and what linting found (see `sopc.lint.run`).

    `sopc build` keeps it in its output folder so an unchanged repository is not parsed again:
    a SOP's key covers its bytes, its configuration file, the language, sopc's version and the
    date (the review rule TG03 depends on it). The repository-wide rules always run afresh, on
    what the memo says of each SOP. Only the SOPs seen in this run are kept.
    """

    folder: Path
    entries: dict[str, dict] = field(default_factory=dict)
    seen: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> LintMemo:
        data = _load(folder / LINT_CACHE_NAME, _MEMO_FILE)
        return cls(folder, data["entries"]) if data is not None else cls(folder)

    def get(self, source: str, key: str) -> dict | None:
        """What linting found when `source` had this key; None when it was not linted so."""
        entry = self.entries.get(source)
        if entry and entry.get("key") == key:
            self.seen[source] = entry
            return entry.get("found")
        return None

    def put(self, source: str, key: str, found: dict) -> None:
        self.seen[source] = {"key": key, "found": found}

    def forget(self, source: str) -> None:
        """Lint `source` again next time (it changed after it was linted)."""
        self.seen.pop(source, None)

    def save(self) -> None:
        """Write the memo if it changed (into an existing output folder only)."""
        if self.seen == self.entries or not self.folder.is_dir():
            return
        data = {"sopc": __version__, "entries": self.seen}
        text = json.dumps(data, sort_keys=True, default=str)
        write_atomic(self.folder / LINT_CACHE_NAME, (text + "\n").encode())


_Line = Annotated[int, Field(ge=1, le=10**9)]
_End = Annotated[int, Field(ge=0, le=10**9)]


class _Found(TypedDict):
    # (code, severity, message, line, column, end line, end column) of each finding
    diagnostics: list[tuple[str, Literal["error", "warning", "info"], str, _Line, _Line, _End, _End]]
    # nomor, nama, induk, keterkaitan, instansi, unit, logo
    entry: tuple[str, str, str | None, list[str], str, list[str], str | None]
    keterkaitan: Any
    hidden: list[tuple[_Line, str]]  # (line, code) of each finding a suppression comment hid


class _Memo(TypedDict):
    key: str
    found: _Found


class _MemoFile(TypedDict):
    sopc: str
    entries: dict[str, _Memo]


_MEMO_FILE = TypeAdapter(_MemoFile)
