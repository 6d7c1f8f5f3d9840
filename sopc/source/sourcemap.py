"""SourceMap: where every key and value of a YAML document stands, beside the data, not in it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sopc.diagnostics import Span
from sopc.source.lines import Lines

Path = tuple  # of str (mapping keys) and int (0-based sequence indexes)

_ROOT = Span(1, 1)


def _node_span(node: object) -> Span:
    start, end = node.start_mark, node.end_mark  # type: ignore[attr-defined]
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


@dataclass(frozen=True)
class Entry:
    """Spans of one node: the key that names it (None for sequence items and the root) and its value."""

    key: Span | None
    value: Span


@dataclass
class SourceMap:
    """Maps a key path such as ("langkah", 2, "waktu") to the spans of its key and value.

    Looked up lazily, down the composed node tree along the path asked for: a file with one finding
    asks for a handful of paths, and recording all of its few hundred nodes cost more than the
    lint itself (measured: 1.5 ms a file, half of linting a SOP with one warning).
    """

    root: object = None  # the composed node tree
    lines: list[str] = field(default_factory=list)
    position: Lines | None = None  # YAML's positions to an editor's, when the text needs it
    entries: dict[Path, Entry | None] = field(default_factory=dict)  # paths looked up so far

    @classmethod
    def from_node(cls, root: object, lines: list[str], position: Lines | None = None) -> SourceMap:
        """The map of a composed YAML node tree (None: an empty document)."""
        return cls(root, lines, position if position is not None and position.unusual else None)

    def _get(self, path: Path) -> Entry | None:
        path = tuple(path)
        if path not in self.entries:
            self.entries[path] = self._find(path)
        return self.entries[path]

    def _find(self, path: Path) -> Entry | None:
        node, key = self.root, None
        if node is None:
            return None
        for part in path:
            if node.id == "sequence" and isinstance(part, int) and 0 <= part < len(node.value):  # type: ignore[attr-defined]
                node, key = node.value[part], None  # type: ignore[attr-defined]
            elif node.id == "mapping" and not isinstance(part, int):  # type: ignore[attr-defined]
                found = next(((k, v) for k, v in node.value if k.value == part), None)  # type: ignore[attr-defined]
                if found is None:
                    return None
                key, node = found
            else:
                return None
        key_span, value_span = (_node_span(key) if key is not None else None), _node_span(node)
        if self.position is not None:
            key_span = self.position.span(key_span) if key_span else None
            value_span = self.position.span(value_span)
        return Entry(key_span, value_span)

    def __contains__(self, path: Path) -> bool:
        return self._get(tuple(path)) is not None

    def key(self, path: Iterable) -> Span:
        """The span of the key that names `path` (its value's span for sequence items)."""
        entry = self._get(tuple(path))
        if entry is None:
            return self.locate(path)
        return entry.key or entry.value

    def value(self, path: Iterable) -> Span:
        """The span of the value at `path`, or of the nearest known ancestor."""
        entry = self._get(tuple(path))
        return entry.value if entry else self.locate(path)

    def locate(self, path: Iterable) -> Span:
        """Best span for `path`: the path itself, else the key of its longest known prefix.

        Why: a missing key has no position of its own, so the error points at the mapping that
        should hold it, as the user would look for it.
        """
        path = tuple(path)
        for end in range(len(path), 0, -1):
            entry = self._get(path[:end])
            if entry is not None:
                return entry.key or entry.value if end < len(path) else entry.value
        root = self._get(())
        return root.value if root else _ROOT

    def nearest_value(self, path: Iterable) -> Span:
        """The value span of `path`, or of its longest prefix the source has.

        Why: `pelaksana: a` and `pelaksana: [a]` and `pelaksana: [{id: a}]` name the same actor;
        a finding about it points at the `a` the author wrote, whichever form they used.
        """
        path = tuple(path)
        for end in range(len(path), -1, -1):
            entry = self._get(path[:end])
            if entry is not None:
                return entry.value
        return _ROOT

    def line_text(self, line: int) -> str:
        """The source line (1-based), without its newline; empty when out of range."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""
