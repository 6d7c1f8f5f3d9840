"""The lint memo: what linting found in each SOP, by a content key, so an unchanged SOP is not
parsed again by the next `sopc build`; and the two helpers every cache of sopc shares — the content
key and the bounded, checked read of a cache file (sopc/build/cache.py uses them too).
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter
from typing_extensions import TypedDict  # pydantic reads TypedDicts from here before Python 3.12

from sopc import __version__
from sopc.output import write_atomic
from sopc.source.files import CACHE_LIMIT, read_file


def content_key(*parts: object) -> str:
    """A SHA-256 over the parts (bytes as they are, anything else by its JSON text)."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def load_cache(path: Path, shape: type) -> Any:
    """A cache file this sopc wrote, checked whole against its `shape` (a TypedDict); None when absent,
    unreadable, another version's, or anything in it is not as this sopc writes it."""
    try:
        raw = read_file(path, CACHE_LIMIT)
        data = _adapter(shape).validate_json(raw, strict=True)
    except (OSError, ValueError, RecursionError):  # ValidationError is a ValueError
        return None
    return data if data["sopc"] == __version__ else None


@functools.cache
def _adapter(shape: type) -> TypeAdapter:
    """Built when a cache is first read, not at import: a build into a new folder reads none."""
    return TypeAdapter(shape)


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
        data = load_cache(folder / LINT_CACHE_NAME, _MemoFile)
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

