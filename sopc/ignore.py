""".gitignore-style exclude patterns for discovery, so a repository's excludes read as its .gitignore does.

Supported, as in git: `#` comments and blank entries, `!` to re-include, a trailing `/` for
folders only, a `/` at the start or in the middle anchoring the pattern to the repository root
(otherwise it matches a name at any depth), `*`, `?`, `[...]` and `**` (`**/x`, `x/**`, `a/**/b`).
As in git, a file inside an excluded folder cannot be re-included: the folder is never entered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    negate: bool
    dir_only: bool


class IgnoreSpec:
    """Compiled exclude patterns; `matches(relative_posix_path, is_dir)` says whether to skip."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.rules = [rule for rule in map(_compile, patterns) if rule is not None]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def matches(self, relative: str, is_dir: bool = False) -> bool:
        """Whether the path (relative to the root, `/`-separated) is excluded; the last match wins."""
        excluded = False
        for rule in self.rules:
            if rule.dir_only and not is_dir:
                continue
            if rule.regex.match(relative):
                excluded = not rule.negate
        return excluded


def _compile(pattern: str) -> _Rule | None:
    text = pattern.strip()
    if not text or text.startswith("#"):
        return None
    negate = text.startswith("!")
    if negate:
        text = text[1:]
    elif text.startswith("\\!") or text.startswith("\\#"):
        text = text[1:]
    dir_only = text.endswith("/")
    text = text.rstrip("/")
    if not text:
        return None
    anchored = "/" in text
    text = text.lstrip("/")
    body = _translate(text)
    prefix = "" if anchored else "(?:.*/)?"
    return _Rule(re.compile(f"^{prefix}{body}$"), negate, dir_only)


def _translate(glob: str) -> str:
    """A gitignore glob as a regular expression over `/`-separated paths."""
    out: list[str] = []
    parts = glob.split("/")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            # `**/` is zero or more folders; a trailing `/**` is everything inside.
            out.append(".*" if last else "(?:[^/]*/)*")
            continue
        out.append(_translate_segment(part))
        if not last:
            out.append("/")
    return "".join(out)


def _translate_segment(segment: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            while i + 1 < len(segment) and segment[i + 1] == "*":
                i += 1
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = segment.find("]", i + 2 if segment[i + 1:i + 2] in ("!", "^", "]") else i + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                inner = segment[i + 1:end]
                if inner[:1] in ("!", "^"):
                    inner = "^" + inner[1:]
                out.append("[" + inner.replace("\\", "\\\\") + "]")
                i = end
        elif char == "\\" and i + 1 < len(segment):
            i += 1
            out.append(re.escape(segment[i]))
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)
