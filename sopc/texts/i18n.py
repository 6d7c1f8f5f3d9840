"""Messages in Indonesian and English; the language comes from the option, config, then environment."""

from __future__ import annotations

import os
from collections.abc import Mapping

from sopc.texts.messages import MESSAGES

LANGS = ("id", "en")
DEFAULT_LANG = "id"

def tr(msg_id: str, lang: str, **params: object) -> str:
    """The message `msg_id` of the catalogue (sopc.texts.messages) in `lang`, formatted with `params`."""
    return pick(MESSAGES[msg_id], lang).format(**params)


def texts(msg_id: str, **params: object) -> dict[str, str]:
    """The message `msg_id` in every language, formatted with `params` (what a SopcError carries)."""
    return {lang: text.format(**params) for lang, text in MESSAGES[msg_id].items()}


def pick(texts: Mapping[str, str], lang: str) -> str:
    """The text for `lang` out of an {"id": ..., "en": ...} pair, falling back to Indonesian."""
    return texts.get(lang) or texts[DEFAULT_LANG]


def lang_from_env(environ: Mapping[str, str] | None = None) -> str | None:
    """`id` or `en` from SOPC_LANG, LC_ALL, LC_MESSAGES or LANG, if one of them says so."""
    env = os.environ if environ is None else environ
    for var in ("SOPC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").lower()
        for lang in LANGS:
            if value.startswith(lang):
                return lang
    return None


def resolve_lang(option: str | None, configured: str | None) -> str:
    """The language to speak: the command-line option, then config, then the environment."""
    return option or configured or lang_from_env() or DEFAULT_LANG
