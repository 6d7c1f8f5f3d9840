"""The fixed texts of the printed forms (column heads, identity labels, month names, the manual's
headings, the symbols' names), per language: the one home of every text sopc prints.

They live in `templates/labels-<lang>.j2`. A unit changes any of them with a file of its own,
named by `[document] labels` in sopc.toml, holding only the lines it changes (`kelengkapan: Input`,
as some signed SOPs head that column); the layout measures, and every document prints, the
result. Templates are rendered in Jinja2's sandbox with only harmless context, a unit's within a
budget of time and memory; no SOP text is ever rendered as a template.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sopc.config import Config, ConfigError
from sopc.errors import SopcError
from sopc.model.errors import suggest_key
from sopc.paths import inside
from sopc.source.files import CONFIG_LIMIT, read_file
from sopc.source.scalars import XML_FORBIDDEN
from sopc.texts.i18n import LANGS, texts, tr
from sopc.workers import OverBudget, run_bounded

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

Labels = Mapping[str, str]  # key -> text, every key of sopc's own labels present


@lru_cache(maxsize=4)
def labels(lang: str = "id") -> dict[str, str]:
    """sopc's own labels for `lang` (id or en; anything else falls back to id)."""
    name = f"labels-{lang if lang in ('id', 'en') else 'id'}.j2"
    source = resources.files("sopc.templates").joinpath(name).read_text(encoding="utf-8")
    plain = _plain(source)
    return _lines(plain if plain is not None else environment().from_string(source).render(lang=lang))


_LEADING_COMMENT = re.compile(r"\A\{#.*?#\}", re.S)


def _plain(source: str) -> str | None:
    """`source` as Jinja2 would render it, when that is the text itself: no template syntax besides a
    leading comment (sopc's own labels, and most units' files). None when it must be rendered.
    Jinja2 is a tenth of a one-SOP build's start, and a unit's template renders in a child process."""
    text = _LEADING_COMMENT.sub("", source, count=1)
    return None if "{{" in text or "{%" in text or "{#" in text else text


class LabelsError(SopcError):
    """A unit's labels file that cannot be used; the message says which line and why."""


def unit_labels(source: str, lang: str) -> dict[str, str]:
    """sopc's labels for `lang` with a unit's file `source` over them. Its lines are `key: text`;
    it is a template (`{% if lang == "en" %}`), rendered bounded; a key sopc does not print, an
    empty text or a character no document may hold is refused."""
    own = labels(lang)
    rendered = _plain(source)
    if rendered is None:
        try:
            rendered = render_bounded(source, {"lang": lang})
        except TemplateFailed as err:
            raise LabelsError(texts("labels.template", problem=err)) from None
    found = _lines(rendered)
    for key, text in found.items():
        if key not in own:
            guess = suggest_key(key, list(own))
            raise LabelsError({lang: tr("labels.unknown", lang, key=key,
                                        suggest=tr("config.suggest", lang, key=guess) if guess else "")
                               for lang in LANGS})
        if not text:
            raise LabelsError(texts("labels.empty", key=key))
        if bad := XML_FORBIDDEN.search(text):
            raise LabelsError(texts("labels.control", key=key, code=f"U+{ord(bad.group()):04X}"))
    if "months" in found and len(found["months"].split()) != 12:
        raise LabelsError(texts("labels.months"))
    return {**own, **found}


def labels_of(config: Config, lang: str) -> dict[str, str]:
    """The texts `config`'s documents print: sopc's labels, with the unit's `[document] labels` over
    them; a file that cannot be used is a ConfigError (found before anything is written)."""
    path = labels_path(config)
    if path is None:
        return labels(lang)
    where = config.file or "sopc.toml"
    try:
        source = read_file(path, CONFIG_LIMIT, config.repository).decode("utf-8")
    except OSError as err:
        raise ConfigError(where, texts("config.labels", path=path, problem=err.strerror or err)) from None
    except UnicodeDecodeError:
        raise ConfigError(where, {lang: tr("config.labels", lang, path=path, problem=tr("config.not_utf8", lang))
                                  for lang in LANGS}) from None
    try:
        return unit_labels(source, lang)
    except LabelsError as err:
        raise ConfigError(where, {code: tr("config.labels", code, path=path, problem=text)
                                  for code, text in err.texts.items()}) from None


def labels_path(config: Config) -> Path | None:
    name = config.settings.document.labels
    return inside(config.root or Path("."), name) if name else None  # checked when the config was read


def _lines(rendered: str) -> dict[str, str]:
    out = {}
    for line in rendered.splitlines():
        key, sep, text = line.partition(":")
        if sep and key.strip():
            out[key.strip()] = text.strip()
    return out


def environment() -> ImmutableSandboxedEnvironment:
    """The Jinja2 environment every sopc template renders in: sandboxed, nothing mutable reachable."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment  # loaded only when a template has syntax

    return ImmutableSandboxedEnvironment(autoescape=False, keep_trailing_newline=True)


TEMPLATE_SECONDS = 2.0  # what a repository's template may take to render
TEMPLATE_MEMORY = 256 * 1024 * 1024  # bytes it may allocate beyond what the process holds
TEMPLATE_OUTPUT = 256 * 1024  # characters it may write


class TemplateFailed(Exception):
    """A repository's template failed or went over its budget; the message says how (for the page)."""


def render_bounded(source: str, context: dict[str, object]) -> str:
    """`source` rendered in the sandbox within a budget of time, memory and output.

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


def long_date(day: dt.date, text: Labels) -> str:
    """A date as the form prints it, with the labels' month names: `2 Juni 2025`."""
    months = text["months"].split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def nip_grouped(nip: str) -> str:
    """An 18-digit NIP in its usual groups, `19700101 199503 1 002`; other values as they are."""
    if len(nip) == 18 and nip.isascii() and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip
