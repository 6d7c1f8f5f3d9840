"""Lines as an editor counts them.

YAML breaks lines at U+0085, U+2028 and U+2029 as well as at CR and LF (and so does Python's
str.splitlines); editors, git and CI annotations break at CR and LF only. A SOP pasted from a web
page or a word processor can carry those characters, and every position after them would point
at the wrong line. `Lines` turns YAML's positions into an editor's; for the usual text without
them it changes nothing and costs nothing.
"""

from __future__ import annotations

import bisect
import re

from sopc.diagnostics import Span

_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")
_UNUSUAL = re.compile("[\x85\u2028\u2029]")


def editor_lines(text: str, keepends: bool = False) -> list[str]:
    """The lines of `text` as an editor shows them: str.splitlines without its extra breaks."""
    if keepends:
        starts = [0, *(m.end() for m in _EDITOR_BREAK.finditer(text))]
        lines = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    else:
        lines = _EDITOR_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


class Lines:
    """Converts 1-based (line, column) positions YAML reports in one text to an editor's."""

    def __init__(self, text: str) -> None:
        self.unusual = _UNUSUAL.search(text) is not None
        if self.unusual:
            self._yaml = [0, *(m.end() for m in _YAML_BREAK.finditer(text))]
            self._editor = [0, *(m.end() for m in _EDITOR_BREAK.finditer(text))]

    def line_col(self, line: int, column: int) -> tuple[int, int]:
        if not self.unusual:
            return line, column
        offset = self._yaml[min(max(line, 1), len(self._yaml)) - 1] + column - 1
        row = bisect.bisect_right(self._editor, offset) - 1
        return row + 1, offset - self._editor[row] + 1

    def span(self, span: Span) -> Span:
        if not self.unusual:
            return span
        return Span(*self.line_col(span.line, span.column), *self.line_col(span.end_line, span.end_column))
