"""The rule registry: every check sopc makes, with a stable code, a name and a default severity.

A lint rule is one function decorated with `@rule(...)`. Its docstring is its documentation
(`sopc rules CODE`): what it checks and why, then a failing and a passing example.
Codes are never reused; a removed rule's code stays retired.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, cast

from sopc.diagnostics import Severity

# source: the loader and the model; sop: one SOP; project: a repository; suppressions: the comments that
# hid findings, judged after every other rule has run (in the main process, with what the workers hid)
Scope = Literal["source", "sop", "project", "suppressions"]
Texts = dict[str, str]  # {"id": ..., "en": ...}


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where (a key path in the source) and the values for its message."""

    path: tuple
    params: dict = field(default_factory=dict)
    message: str = "default"
    at: Literal["value", "key"] = "value"
    unit: object | None = None  # for project rules: the LintUnit (file) the finding is in
    where: tuple[int, int] | None = None  # (line, column) of something the data does not hold (a comment)


@dataclass(frozen=True)
class Rule:
    """A registered check. `check` is None for the built-in syntax and schema checks."""

    code: str
    name: str
    severity: Severity
    title: Texts
    messages: dict[str, Texts]
    scope: Scope
    check: Callable[..., Iterable[Finding]] | None
    doc: str

    @property
    def configurable(self) -> bool:
        return self.check is not None

    def summary(self, lang: str) -> str:
        return self.title.get(lang) or self.title["id"]

    def explanation(self, lang: str) -> str:
        """What the rule checks and why, in `lang`: the docstring's Indonesian part, or the part
        after `In English:` (a docstring gives the Indonesian first, then the English, then examples)."""
        head = _EXAMPLES.split(self.doc, 1)[0].strip()
        indonesian, _, english = head.partition(_ENGLISH)
        return (english if lang == "en" and english else indonesian).strip()

    def examples(self, lang: str) -> str:
        """The failing and passing examples, their headings in `lang`."""
        found = _EXAMPLES.search(self.doc)
        text = self.doc[found.start():].strip() if found else ""
        if lang == "en":
            return text
        return re.sub(r"^(Failing|Passing)\b", lambda m: _HEADINGS[m.group(1)], text, flags=re.MULTILINE)

    def explain(self, lang: str) -> str:
        """`sopc rules CODE`: the explanation and the examples."""
        return "\n\n".join(part for part in (self.explanation(lang), self.examples(lang)) if part)


_EXAMPLES = re.compile(r"^(?=Failing\b[^\n]*::$)", re.MULTILINE)
_ENGLISH = "\n\nIn English: "
_HEADINGS = {"Failing": "Contoh salah", "Passing": "Contoh benar"}


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, title: Texts, message: Texts | dict[str, Texts],
         scope: Scope = "sop") -> Callable:
    """Register a lint rule. `message` is one {"id", "en"} pair or several keyed by variant."""

    def register(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        _add(Rule(code, name, severity, title, _variants(message), scope, func, inspect.getdoc(func) or ""))
        return func

    return register


def builtin(code: str, name: str, title: Texts, doc: str, severity: Severity = Severity.ERROR) -> None:
    """Register a check the loader or the model makes (never switched off)."""
    _add(Rule(code, name, severity, title, {}, "source", None, inspect.cleandoc(doc)))


def _variants(message: Texts | dict[str, Texts]) -> dict[str, Texts]:
    """One {"id", "en"} pair is the "default" variant; otherwise the variants are given by name."""
    if "id" in message:
        return {"default": cast(Texts, message)}
    return cast(dict[str, Texts], message)


def _add(entry: Rule) -> None:
    clash = RULES.get(entry.code) or next((r for r in RULES.values() if r.name == entry.name), None)
    if clash is not None:
        raise ValueError(f"rule {entry.code} {entry.name} clashes with {clash.code} {clash.name}")
    RULES[entry.code] = entry


def all_rules() -> list[Rule]:
    """Every rule, in code order."""
    from sopc.lint import rules  # noqa: F401  (registers the rules on import)

    return sorted(RULES.values(), key=lambda r: r.code)


def find_rule(ref: str) -> Rule | None:
    """A rule by code (any case) or name."""
    rules = all_rules()
    return next((r for r in rules if ref.upper() == r.code or ref.lower() == r.name), None)


def matching(selector: str, rules: Iterable[Rule]) -> Iterator[Rule]:
    """Rules a selector names: a code, a name, or a code prefix such as `ID` or `LK0`."""
    sel = selector.strip()
    for r in rules:
        if sel.upper() == r.code or sel.lower() == r.name or (sel.isalnum() and r.code.startswith(sel.upper())):
            yield r


def markdown_table() -> str:
    """Every rule as a Markdown table row: code, name, default severity, Indonesian and English titles."""
    rows = ["| Code | Name | Default | Aturan | Rule |", "|---|---|---|---|---|"]
    for r in all_rules():
        rows.append(f"| {r.code} | `{r.name}` | {r.severity.value} | {r.title['id']} | {r.title['en']} |")
    return "\n".join(rows) + "\n"


def reference() -> str:
    """Every rule documented in Markdown (docs/rules.md is this text; a test keeps it current)."""
    parts = ["# Aturan pemeriksaan sopc / sopc's checks\n",
             "Dibuat dari daftar aturan (`sopc rules --reference`); jangan diubah dengan tangan.\n"
             "Generated from the rule registry (`sopc rules --reference`); do not edit by hand.\n",
             markdown_table()]
    for r in all_rules():
        parts.append(f"\n## {r.code} `{r.name}` ({r.severity.value})\n\n{r.title['id']} / {r.title['en']}\n\n"
                     f"{r.explanation('id')}\n\n*In English:* {r.explanation('en')}\n\n{r.examples('en')}\n")
    return "\n".join(parts)
