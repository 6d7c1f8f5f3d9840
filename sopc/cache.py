"""The build cache: a content hash per SOP, so an unchanged repository rebuilds nothing.

A SOP's key covers everything its documents are made from: its text, the repository settings,
the reference template and logo, the options, sopc's version, and the names of the SOPs its
keterkaitan prints (`nomor – nama`), so renaming one SOP rebuilds those that show its name.
The cache lives in the output folder (`.sopc-cache.json`) and is written atomically.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from sopc import __version__
from sopc.output import write_atomic
from sopc.source.files import CACHE_LIMIT, read_file

CACHE_NAME = ".sopc-cache.json"


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
    """source (relative to the output folder's owner) -> its key and the outputs built from it."""

    folder: Path
    entries: dict[str, dict] = field(default_factory=dict)
    books: dict[str, str] = field(default_factory=dict)  # manual, monev forms (by name) -> the key made from
    margins: dict[str, float] = field(default_factory=dict)  # a reference document's key -> its page margin

    @classmethod
    def load(cls, folder: Path) -> BuildCache:
        data = _load(folder / CACHE_NAME)  # none, or one from another sopc: everything is built
        if data is None:
            return cls(folder)
        books, margins = data.get("books"), data.get("margins")
        return cls(folder, data["entries"], books if isinstance(books, dict) else {},
                   margins if isinstance(margins, dict) else {})

    def fresh(self, source: str, key: str) -> list[Path] | None:
        """The outputs of `source` when they were built from `key` and all still exist; else None."""
        entry = self.entries.get(source)
        if not entry or entry.get("key") != key:
            return None
        outputs = [self.folder / name for name in entry.get("outputs", [])]
        return outputs if all(p.exists() for p in outputs) else None

    def record(self, source: str, key: str, outputs: list[Path]) -> list[Path]:
        """Remember a build; return the outputs the previous build of `source` had and this one has not."""
        names = sorted(p.relative_to(self.folder).as_posix() for p in outputs)
        old = set(self.entries.get(source, {}).get("outputs", []))
        self.entries[source] = {"key": key, "outputs": names}
        return [self.folder / name for name in sorted(old - set(names))]

    def forget_missing(self, present: set[str]) -> list[Path]:
        """Drop the sources that are gone; return their outputs (to remove)."""
        gone = [s for s in self.entries if s not in present]
        stale = [self.folder / name for s in gone for name in self.entries.pop(s).get("outputs", [])]
        return stale

    def book_fresh(self, path: Path, key: str) -> bool:
        """Whether the book at `path` was made from `key` and is still there."""
        return self.books.get(path.relative_to(self.folder).as_posix()) == key and path.exists()

    def record_book(self, path: Path, key: str) -> None:
        """Remember what a book was made from. Books are kept when no longer asked for: they have no source."""
        self.books[path.relative_to(self.folder).as_posix()] = key

    def save(self) -> None:
        data = {"sopc": __version__, "entries": self.entries, "books": self.books, "margins": self.margins}
        write_atomic(self.folder / CACHE_NAME, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())


def _load(path: Path) -> dict | None:
    """A cache file this sopc wrote (with its `entries`); None when absent, unreadable or another version's."""
    try:
        data = json.loads(read_file(path, CACHE_LIMIT))
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(data, dict) and data.get("sopc") == __version__ and isinstance(data.get("entries"), dict):
        return data
    return None


LINT_CACHE_NAME = ".sopc-lint.json"


@dataclass
class LintMemo:
    """source -> the key it was linted with and what linting found (see `sopc.pipeline`).

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
        data = _load(folder / LINT_CACHE_NAME)
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
