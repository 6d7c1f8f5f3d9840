"""Inline suppression: `# sopc: disable=CODE[,CODE]` on a line, `# sopc: disable-file=CODE` anywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopc.source.lines import editor_lines

_DIRECTIVE = re.compile(r"#\s*sopc:\s*(disable|disable-file)\s*=\s*([\w\-, ]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Suppressions:
    """Codes or names switched off per line, and for the whole file."""

    lines: dict[int, frozenset[str]] = field(default_factory=dict)
    file: frozenset[str] = frozenset()

    def hides(self, line: int, code: str, name: str) -> bool:
        # `ALL` cannot hide the finding that it hides nothing (SP02): only naming SP02 does
        blanket = code != UNUSED
        for refs in (self.file, self.lines.get(line, frozenset())):
            if code in refs or name in refs or (blanket and "ALL" in refs):
                return True
        return False


UNUSED = "SP02"  # the rule about suppressions that hide nothing


def scan(text: str) -> Suppressions:
    """Find the directives in a source text (a cheap scan: most files have none)."""
    if _DIRECTIVE.search(text) is None:  # one pass in C; `sopc:` alone is in every file (its first key)
        return Suppressions()
    lines: dict[int, frozenset[str]] = {}
    whole: set[str] = set()
    for number, line in enumerate(editor_lines(text), start=1):
        for kind, refs in _DIRECTIVE.findall(line):
            # codes compare upper-case, names lower-case: keep both spellings of each reference
            names = {form for r in refs.split(",") if r.strip() for form in (r.strip().upper(), r.strip().lower())}
            if kind.lower() == "disable-file":
                whole |= names
            else:
                lines[number] = lines.get(number, frozenset()) | names
    return Suppressions(lines, frozenset(whole))


@dataclass(frozen=True)
class Reference:
    """One rule a directive names: where it is written, as written, and for a line or the file."""

    line: int
    column: int
    ref: str
    whole_file: bool


def references(text: str) -> list[Reference]:
    """Every rule a directive names, in order."""
    if _DIRECTIVE.search(text) is None:
        return []
    out = []
    for number, line in enumerate(editor_lines(text), start=1):
        for match in _DIRECTIVE.finditer(line):
            start, whole = match.start(2), match.group(1).lower() == "disable-file"
            for piece in re.finditer(r"[^,\s]+", match.group(2)):
                out.append(Reference(number, start + piece.start() + 1, piece.group(), whole))
    return out
