"""SourceMap: where every key and value of a YAML document stands, beside the data, not in it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sopc.diagnostics import Span

Path = tuple  # of str (mapping keys) and int (0-based sequence indexes)

_ROOT = Span(1, 1)


@dataclass(frozen=True)
class Entry:
    """Spans of one node: the key that names it (None for sequence items and the root) and its value."""

    key: Span | None
    value: Span


@dataclass
class SourceMap:
    """Maps a key path such as ("langkah", 2, "waktu") to the spans of its key and value."""

    entries: dict[Path, Entry] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def add(self, path: Path, key: Span | None, value: Span) -> None:
        self.entries[path] = Entry(key, value)

    def __contains__(self, path: Path) -> bool:
        return tuple(path) in self.entries

    def key(self, path: Iterable) -> Span:
        """The span of the key that names `path` (its value's span for sequence items)."""
        entry = self.entries.get(tuple(path))
        if entry is None:
            return self.locate(path)
        return entry.key or entry.value

    def value(self, path: Iterable) -> Span:
        """The span of the value at `path`, or of the nearest known ancestor."""
        entry = self.entries.get(tuple(path))
        return entry.value if entry else self.locate(path)

    def locate(self, path: Iterable) -> Span:
        """Best span for `path`: the path itself, else the key of its longest known prefix.

        Why: a missing key has no position of its own, so the error points at the mapping that
        should hold it, as the user would look for it.
        """
        path = tuple(path)
        for end in range(len(path), 0, -1):
            entry = self.entries.get(path[:end])
            if entry is not None:
                return entry.key or entry.value if end < len(path) else entry.value
        root = self.entries.get(())
        return root.value if root else _ROOT

    def nearest_value(self, path: Iterable) -> Span:
        """The value span of `path`, or of its longest prefix the source has.

        Why: `pelaksana: a` and `pelaksana: [a]` and `pelaksana: [{id: a}]` name the same actor;
        a finding about it points at the `a` the author wrote, whichever form they used.
        """
        path = tuple(path)
        for end in range(len(path), -1, -1):
            entry = self.entries.get(path[:end])
            if entry is not None:
                return entry.value
        return _ROOT

    def line_text(self, line: int) -> str:
        """The source line (1-based), without its newline; empty when out of range."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""
