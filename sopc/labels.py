"""The fixed texts of the printed forms (column heads, identity labels, month names), per language.

They live in `templates/labels-<lang>.j2`, which a unit may edit. The templates are rendered in
Jinja2's sandbox with only harmless context; no SOP text is ever rendered as a template.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

from jinja2.sandbox import ImmutableSandboxedEnvironment


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


def long_date(day: dt.date, lang: str = "id") -> str:
    """A date as the form prints it: `2 Juni 2025`."""
    months = labels(lang)["months"].split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def nip_grouped(nip: str) -> str:
    """An 18-digit NIP in its usual groups, `19700101 199503 1 002`; other values as they are."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip
