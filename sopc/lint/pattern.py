"""`[lint] nomor_pattern`, matched without backtracking.

A pattern comes from a repository's sopc.toml, so from any pull request; Python's `re` backtracks,
and `(a+)+$` against thirty `a`s and a `b` runs for hours. The pattern is parsed by Python's own
parser (same syntax, same errors), then run as a Thompson automaton: every character of the
text is looked at once against the set of states still alive, so a match costs at most
(length of text) x (size of pattern), whatever the pattern. What an automaton cannot do
(backreferences, lookarounds) is refused with a message, and so is a pattern whose counted
repeats (`{1000}`) would make it huge.

Measured: `(a+)+$` against 30 `a`s and a `b` takes 0.1 ms here (`re`: not finished in 10 minutes).
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Callable
from functools import lru_cache
from typing import Any

# the parser `re` itself uses (private, stable in shape since Python 3.5)
if sys.version_info >= (3, 11):
    from re import _constants as C
    from re import _parser as P
else:  # pragma: no cover
    import sre_constants as C
    import sre_parse as P

MAX_STATES = 4000  # states of the automaton: a nomor pattern needs tens


class PatternError(ValueError):
    """A pattern sopc cannot run safely; the message says why."""


class _Node:
    """One state: consumes a character passing `test`, or (test None) leads on to `alts` without
    consuming, when its `anchor` (a position check) holds."""

    __slots__ = ("test", "next", "alts", "anchor")

    def __init__(self, test: Callable[[str], bool] | None = None, nxt: _Node | None = None,
                 alts: list[_Node] | None = None, anchor: Callable[[str, int], bool] | None = None) -> None:
        self.test, self.next, self.alts, self.anchor = test, nxt, alts or [], anchor


_MATCH = _Node()  # the accepting state (no test, no way on)


@lru_cache(maxsize=64)
def nomor_matcher(pattern: str) -> Callable[[str], bool]:
    """A function telling whether a text matches `pattern` whole (as `re.fullmatch` would).

    Raises PatternError (a ValueError) for a pattern that is no regular expression, or one this
    engine refuses.
    """
    try:
        with warnings.catch_warnings():  # `[[:alpha:]]` warns of a future meaning: the error below is enough
            warnings.simplefilter("ignore")
            parsed = P.parse(pattern)
    except re.error as err:
        raise PatternError(f"not a regular expression: {err}") from None
    builder = _Builder(parsed.state.flags)
    start = builder.sequence(parsed.data, _MATCH)
    return lambda text: _run(start, text)


def _run(start: _Node, text: str) -> bool:
    current = _closure([start], text, 0)
    for pos, ch in enumerate(text):
        if not current:
            return False
        current = _closure([n.next for n in current if n.test is not None and n.test(ch)], text, pos + 1)
    return _MATCH in current


def _closure(nodes: list[Any], text: str, pos: int) -> list[_Node]:
    """The states reachable from `nodes` without consuming (each once), in order."""
    seen: set[int] = set()
    out: list[_Node] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.test is not None or node is _MATCH:
            out.append(node)
        elif node.anchor is None or node.anchor(text, pos):
            stack.extend(reversed(node.alts))
    return out


_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    C.CATEGORY_DIGIT: str.isdigit, C.CATEGORY_SPACE: str.isspace,
    C.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
}
_CATEGORIES.update({
    C.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdigit(), C.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    C.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
})


def _word_at(text: str, pos: int) -> bool:
    return 0 <= pos < len(text) and (text[pos].isalnum() or text[pos] == "_")


_ANCHORS: dict[Any, Callable[[str, int], bool]] = {
    C.AT_BEGINNING: lambda text, pos: pos == 0, C.AT_BEGINNING_STRING: lambda text, pos: pos == 0,
    C.AT_END: lambda text, pos: pos == len(text), C.AT_END_STRING: lambda text, pos: pos == len(text),
    C.AT_BOUNDARY: lambda text, pos: _word_at(text, pos - 1) != _word_at(text, pos),
    C.AT_NON_BOUNDARY: lambda text, pos: _word_at(text, pos - 1) == _word_at(text, pos),
}


class _Builder:
    """Builds the automaton backwards: each item is made knowing the state that follows it."""

    def __init__(self, flags: int) -> None:
        self.fold = bool(flags & re.IGNORECASE)
        self.dotall = bool(flags & re.DOTALL)
        self.states = 0

    def node(self, **kwargs: Any) -> _Node:
        self.states += 1
        if self.states > MAX_STATES:
            raise PatternError(f"too complex: its repeats make more than {MAX_STATES} states; "
                               "write repeats as * or + rather than counted ones")
        return _Node(**kwargs)

    def sequence(self, items: list, follow: _Node) -> _Node:
        for op, av in reversed(items):
            follow = self.item(op, av, follow)
        return follow

    def item(self, op: Any, av: Any, follow: _Node) -> _Node:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return self.node(test=self.test(op, av), nxt=follow)
        if op is C.SUBPATTERN:
            return self.sequence(list(av[-1]), follow)
        if op is C.BRANCH:
            return self.node(alts=[self.sequence(list(alt), follow) for alt in av[1]])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            return self.repeat(av[0], av[1], list(av[2]), follow)
        if op is C.AT and av in _ANCHORS:
            return self.node(alts=[follow], anchor=_ANCHORS[av])
        if op is getattr(C, "ATOMIC_GROUP", None):
            return self.sequence(list(av), follow)
        raise PatternError(f"`{str(op).lower()}` is not supported here (no backreferences or lookarounds)")

    def repeat(self, least: int, most: int, sub: list, follow: _Node) -> _Node:
        if most == C.MAXREPEAT:
            loop = self.node()
            loop.alts = [self.sequence(sub, loop), follow]
            start = loop
        else:
            start = follow
            for _ in range(most - least):  # optional copies, innermost first
                start = self.node(alts=[self.sequence(sub, start), follow])
        for _ in range(least):
            start = self.sequence(sub, start)
        return start

    def test(self, op: Any, av: Any) -> Callable[[str], bool]:
        fold = self.fold
        if op is C.ANY:
            return (lambda ch: True) if self.dotall else (lambda ch: ch != "\n")
        if op in (C.LITERAL, C.NOT_LITERAL):
            want = chr(av).casefold() if fold else chr(av)
            same = (lambda ch: ch.casefold() == want) if fold else (lambda ch: ch == want)
            return same if op is C.LITERAL else (lambda ch: not same(ch))
        negate = False
        tests: list[Callable[[str], bool]] = []
        for kind, value in av:
            if kind is C.NEGATE:
                negate = True
            elif kind is C.LITERAL:
                tests.append(self.test(C.LITERAL, value))
            elif kind is C.RANGE:
                lo, hi = chr(value[0]), chr(value[1])
                tests.append(_in_range(lo, hi, fold))
            elif kind is C.CATEGORY and value in _CATEGORIES:
                tests.append(_CATEGORIES[value])
            else:
                raise PatternError(f"`{str(kind).lower()}` inside [...] is not supported here")
        if negate:
            return lambda ch: not any(t(ch) for t in tests)
        return lambda ch: any(t(ch) for t in tests)


def _in_range(lo: str, hi: str, fold: bool) -> Callable[[str], bool]:
    if fold:
        return lambda ch: any(lo <= c <= hi for c in (ch, ch.lower(), ch.upper()))
    return lambda ch: lo <= ch <= hi
