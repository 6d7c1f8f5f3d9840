"""The fixed texts of the printed forms (column heads, identity labels, month names), per language.

They live in `templates/labels-<lang>.j2`, which a unit may edit. The templates are rendered in
Jinja2's sandbox with only harmless context; no SOP text is ever rendered as a template.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

from jinja2.sandbox import ImmutableSandboxedEnvironment

from sopc.workers import OverBudget, run_bounded


@lru_cache(maxsize=4)
def labels(lang: str = "id") -> dict[str, str]:
    """`key -> text` for `lang` (id or en; anything else falls back to id)."""
    name = f"labels-{lang if lang in ('id', 'en') else 'id'}.j2"
    source = resources.files("sopc.templates").joinpath(name).read_text(encoding="utf-8")
    rendered = environment().from_string(source).render(lang=lang)
    out = {}
    for line in rendered.splitlines():
        key, sep, text = line.partition(":")
        if sep and key.strip():
            out[key.strip()] = text.strip()
    return out


def environment() -> ImmutableSandboxedEnvironment:
    """The Jinja2 environment every sopc template renders in: sandboxed, nothing mutable reachable."""
    return ImmutableSandboxedEnvironment(autoescape=False, keep_trailing_newline=True)


TEMPLATE_SECONDS = 2.0  # what a repository's template may take to render
TEMPLATE_MEMORY = 256 * 1024 * 1024  # bytes it may allocate beyond what the process holds
TEMPLATE_OUTPUT = 256 * 1024  # characters it may write


class TemplateFailed(Exception):
    """A repository's template failed or went over its budget; the message says how (for the page)."""


def render_bounded(source: str, context: dict[str, object]) -> str:
    """`source` rendered in the sandbox within a budget of time, memory and output (issue 12, item 12).

    The sandbox keeps a template from reaching anything; it does not keep it from looping for
    ever (`{% for i in range(99999) %}{% for j in range(99999) %}`) or from building a 300 MB
    string: it renders through `run_bounded` (a child process, killed when its time is up), its
    output capped. Any error of the template (a syntax error, `{{ 1/0 }}`, `{% include %}`)
    comes back as TemplateFailed.
    """
    try:
        return run_bounded(_render, (source, context), TEMPLATE_SECONDS, TEMPLATE_MEMORY)
    except OverBudget as err:
        raise TemplateFailed(str(err)) from None


def _render(source: str, context: dict[str, object]) -> str:
    out, size = [], 0
    for chunk in environment().from_string(source).generate(**context):
        size += len(chunk)
        if size > TEMPLATE_OUTPUT:
            raise ValueError(f"writes more than {TEMPLATE_OUTPUT} characters; stopped")
        out.append(chunk)
    return "".join(out)


def long_date(day: dt.date, lang: str = "id") -> str:
    """A date as the form prints it: `2 Juni 2025`."""
    months = labels(lang)["months"].split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def nip_grouped(nip: str) -> str:
    """An 18-digit NIP in its usual groups, `19700101 199503 1 002`; other values as they are."""
    if len(nip) == 18 and nip.isascii() and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip
