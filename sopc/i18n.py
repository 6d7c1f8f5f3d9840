"""Messages in Indonesian and English; the language comes from the option, config, then environment."""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("id", "en")
DEFAULT_LANG = "id"

# Messages that are not lint rules: syntax, schema, usage. Rules carry their own texts.
MESSAGES: dict[str, dict[str, str]] = {
    "io.unreadable": {
        "id": "berkas tidak dapat dibaca: {reason}",
        "en": "file cannot be read: {reason}",
    },
    "yaml.too_large": {
        "id": "berkas terlalu besar ({size} bita; batas {limit} bita)",
        "en": "file too large ({size} bytes; limit {limit} bytes)",
    },
    "yaml.encoding": {
        "id": "berkas bukan teks UTF-8 yang sah ({reason}); simpan ulang sebagai UTF-8",
        "en": "file is not valid UTF-8 text ({reason}); save it again as UTF-8",
    },
    "yaml.syntax": {
        "id": "kesalahan sintaks YAML: {problem}",
        "en": "YAML syntax error: {problem}",
    },
    "yaml.multi_doc": {
        "id": "satu berkas hanya boleh memuat satu SOP (ditemukan dokumen YAML kedua)",
        "en": "a file holds one SOP only (found a second YAML document)",
    },
    "yaml.empty": {
        "id": "berkas kosong: tidak ada SOP di dalamnya",
        "en": "empty file: it holds no SOP",
    },
    "yaml.not_mapping": {
        "id": "tingkat teratas SOP harus berupa pemetaan kunci: nilai, bukan {kind}",
        "en": "the top level of a SOP must be a mapping of key: value, not {kind}",
    },
    "yaml.duplicate_key": {
        "id": "kunci `{key}` ditulis dua kali (pertama di baris {first})",
        "en": "key `{key}` appears twice (first on line {first})",
    },
    "yaml.complex_key": {
        "id": "kunci harus berupa teks sederhana",
        "en": "a key must be plain text",
    },
    "yaml.tag": {
        "id": "tag YAML `{tag}` tidak didukung",
        "en": "YAML tag `{tag}` is not supported",
    },
    "yaml.too_deep": {
        "id": "struktur bersarang terlalu dalam (batas {limit} tingkat)",
        "en": "nesting too deep (limit {limit} levels)",
    },
    "yaml.alias_bomb": {
        "id": "alias YAML mengembang menjadi lebih dari {limit} simpul; berkas ditolak",
        "en": "YAML aliases expand to more than {limit} nodes; file rejected",
    },
    "yaml.recursive_alias": {
        "id": "alias YAML merujuk dirinya sendiri",
        "en": "a YAML alias refers to itself",
    },
    "yaml.unprintable": {
        "id": "teks memuat {count} karakter yang tidak dapat dicetak (mis. {sample}); karakter itu dibuang",
        "en": "text holds {count} characters that cannot be printed (e.g. {sample}); they are removed",
    },
    "yaml.too_many": {
        "id": "`{key}` memuat {count} butir; batasnya {limit} ([limits] di sopc.toml)",
        "en": "`{key}` holds {count} entries; the limit is {limit} ([limits] in sopc.toml)",
    },
    "yaml.number_too_long": {
        "id": "angka tanpa tanda kutip sepanjang {length} digit tidak dapat dibaca; "
              "tulis dalam tanda kutip bila itu teks",
        "en": "an unquoted number {length} digits long cannot be read; put it in quotes if it is text",
    },
    "yaml.too_long": {
        "id": "teks sepanjang {length} karakter; batasnya {limit} ([limits] di sopc.toml)",
        "en": "a text of {length} characters; the limit is {limit} ([limits] in sopc.toml)",
    },
}


def tr(msg_id: str, lang: str, **params: object) -> str:
    """The message `msg_id` in `lang`, formatted with `params`."""
    return pick(MESSAGES[msg_id], lang).format(**params)


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
