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
    """Maps a key path such as ("langkah", 2, "waktu") to the spans of its key and value."""

    entries: dict[Path, Entry] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    position: Lines | None = None  # YAML's positions to an editor's, when the text needs it

    def add(self, path: Path, key: Span | None, value: Span) -> None:
        if self.position is not None:
            key, value = self.position.span(key) if key else None, self.position.span(value)
        self.entries[path] = Entry(key, value)

    @classmethod
    def from_node(cls, root: object, lines: list[str], position: Lines | None = None) -> SourceMap:
        """Record the spans of every key path under a composed YAML node tree."""
        smap = cls(lines=lines, position=position if position is not None and position.unusual else None)
        if root is not None:
            smap.add((), None, _node_span(root))
            smap._walk(root, ())
        return smap

    def _walk(self, node: object, path: Path) -> None:
        stack = [(node, path)]
        seen: set[int] = set()  # aliased nodes are recorded once, at their first path
        while stack:
            node, path = stack.pop()
            if id(node) in seen or node.id == "scalar":  # type: ignore[attr-defined]
                continue
            seen.add(id(node))
            if node.id == "sequence":  # type: ignore[attr-defined]
                for index, item in enumerate(node.value):  # type: ignore[attr-defined]
                    self.add((*path, index), None, _node_span(item))
                    stack.append((item, (*path, index)))
            else:
                for key, value in node.value:  # type: ignore[attr-defined]
                    item_path = (*path, key.value)
                    self.add(item_path, _node_span(key), _node_span(value))
                    stack.append((value, item_path))

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
