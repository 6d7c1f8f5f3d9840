"""One Diagnostic type for everything a user can get wrong: YAML syntax, schema, lint findings."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Severity(str, enum.Enum):
    """How serious a finding is; the order matters (error is the worst)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based region of a source file; `end_*` may equal the start."""

    line: int = 1
    column: int = 1
    end_line: int = 0
    end_column: int = 0

    def __post_init__(self) -> None:
        if self.end_line < self.line or (self.end_line == self.line and self.end_column < self.column):
            object.__setattr__(self, "end_line", self.line)
            object.__setattr__(self, "end_column", self.column)


@dataclass(frozen=True)
class Diagnostic:
    """A located finding: `path:line:col: severity CODE message`."""

    path: str
    span: Span
    code: str
    severity: Severity
    message: str

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.code, self.message)

    def parsable(self) -> str:
        """The one-line form editors and `grep` understand."""
        s = self.span
        return f"{self.path}:{s.line}:{s.column}: {self.severity.value} {self.code} {self.message}"


def sort_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Source order, files alphabetically; identical findings once."""
    seen: set[tuple] = set()
    out = []
    for d in sorted(diags, key=lambda d: d.sort_key):
        key = (*d.sort_key, d.severity)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


# control characters, and the bidirectional overrides that make a line read other than it is
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """`text` safe to print on a terminal: each control character as its escape (`\\x1b`, `\\n`).
    Everything sopc prints from a repository (file names, quoted values, source lines) goes through it."""
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)
