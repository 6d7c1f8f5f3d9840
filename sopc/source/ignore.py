""".gitignore-style exclude patterns for discovery, so a repository's excludes read as its .gitignore does.

Supported, as in git: `#` comments and blank entries, `!` to re-include, a trailing `/` for
folders only, a `/` at the start or in the middle anchoring the pattern to the repository root
(otherwise it matches a name at any depth), `*`, `?`, `[...]` and `**` (`**/x`, `x/**`, `a/**/b`).
As in git, a file inside an excluded folder cannot be re-included: the folder is never entered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Why not regular expressions (nor a library that compiles to them): Python's `re` backtracks, and a
# long glob of many `*` from a pull request's sopc.toml took minutes per path. Here a glob is
# matched by the set of positions still possible, one token at a time: at most (path length) x
# (pattern length) steps, whatever the pattern.

_Test = Callable[[str], bool]
_STAR = "*"  # any characters but `/`, within one name
_ANY_DIRS = "**/"  # zero or more folders
_ALL_BELOW = "/**"  # everything inside (one name or more)
_Segment = list[_Test | str]  # the tokens of one name: character tests and _STAR


@dataclass(frozen=True)
class _Rule:
    segments: tuple[_Segment | str, ...]  # a name's tokens, or _ANY_DIRS / _ALL_BELOW
    negate: bool
    dir_only: bool

    def matches(self, relative: str) -> bool:
        parts = relative.split("/")
        count = len(parts)
        alive = {0}  # how many names of the path the pattern has consumed so far
        for segment in self.segments:
            if segment == _ANY_DIRS:
                alive = set(range(min(alive), count + 1))
            elif segment == _ALL_BELOW:
                return any(p < count for p in alive)
            else:
                alive = {p + 1 for p in alive if p < count and _name_matches(segment, parts[p])}  # type: ignore[arg-type]
            if not alive:
                return False
        return count in alive


def _name_matches(tokens: _Segment, name: str) -> bool:
    alive = {0}  # how many characters of the name are consumed
    for token in tokens:
        if token == _STAR:
            alive = set(range(min(alive), len(name) + 1))
        else:
            alive = {p + 1 for p in alive if p < len(name) and token(name[p])}  # type: ignore[operator]
        if not alive:
            return False
    return len(name) in alive


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
            if rule.matches(relative):
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
    segments: list[_Segment | str] = [] if anchored else [_ANY_DIRS]  # unanchored: a name at any depth
    parts = text.split("/")
    for index, part in enumerate(parts):
        if part == "**":
            segments.append(_ALL_BELOW if index == len(parts) - 1 else _ANY_DIRS)
        else:
            segments.append(_tokens(part))
    return _Rule(tuple(segments), negate, dir_only)


_CLASSES: dict[str, _Test] = {
    "alpha": str.isalpha, "digit": str.isdigit, "alnum": str.isalnum, "upper": str.isupper,
    "lower": str.islower, "space": str.isspace, "xdigit": lambda ch: ch in "0123456789abcdefABCDEF",
    "punct": lambda ch: not ch.isalnum() and not ch.isspace() and ch.isprintable(),
}


def _tokens(segment: str) -> _Segment:
    """One name's glob as tokens: `*`, `?`, `[...]` (ranges, `!`/`^`, `[:alpha:]` classes), `\\x`."""
    out: _Segment = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            while i + 1 < len(segment) and segment[i + 1] == "*":
                i += 1
            out.append(_STAR)
        elif char == "?":
            out.append(lambda ch: ch != "/")
        elif char == "[" and (parsed := _bracket(segment, i)) is not None:
            test, i = parsed
            out.append(test)
        elif char == "\\" and i + 1 < len(segment):
            i += 1
            out.append(_equals(segment[i]))
        else:
            out.append(_equals(char))
        i += 1
    return out


def _equals(want: str) -> _Test:
    return lambda ch: ch == want


def _between(lo: str, hi: str) -> _Test:
    return lambda ch: lo <= ch <= hi


def _bracket(segment: str, start: int) -> tuple[_Test, int] | None:
    """The test of the bracket expression at `start` and where it ends; None when it is not closed
    (then `[` is itself). A range written backwards (`[z-a]`) holds nothing, as in git."""
    i = start + 1
    negate = i < len(segment) and segment[i] in "!^"
    i += negate
    tests: list[_Test] = []
    first = True
    while i < len(segment) and (segment[i] != "]" or first):
        first = False
        if segment.startswith("[:", i) and (end := segment.find(":]", i + 2)) != -1 \
                and segment[i + 2:end] in _CLASSES:
            tests.append(_CLASSES[segment[i + 2:end]])
            i = end + 2
            continue
        lo = segment[i]
        if lo == "\\" and i + 1 < len(segment):
            i += 1
            lo = segment[i]
        if i + 2 < len(segment) and segment[i + 1] == "-" and segment[i + 2] != "]":
            hi = segment[i + 2]
            tests.append(_between(lo, hi))
            i += 3
        else:
            tests.append(_equals(lo))
            i += 1
    if i >= len(segment):
        return None
    if negate:
        return (lambda ch: ch != "/" and not any(t(ch) for t in tests)), i
    return (lambda ch: any(t(ch) for t in tests)), i
