"""Plain YAML scalars resolved by YAML 1.2's core schema, so values reach the model as written.

Why: PyYAML follows YAML 1.1, where `no` is False, `1:30` is 90 and `0123` is octal 83. An SOP
author who writes `label: [Ya, No]` or `nip: 0123...` must get exactly that text.
"""

from __future__ import annotations

import math
import re


class YamlInt(int):
    """An integer that remembers how it was written (`0123` stays "0123" where text is wanted)."""

    text: str


class YamlFloat(float):
    """A float that remembers how it was written (`1.50` stays "1.50" where text is wanted)."""

    text: str


_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# characters XML 1.0 forbids: a text holding one makes a DOCX or SVG no program opens
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
# Characters a core-schema non-string can start with; anything else is text at once.
_MAYBE_NOT_TEXT = frozenset("~nNtTfF0123456789-+.")


def resolve_plain(text: str) -> object:
    """The value of an unquoted scalar under YAML 1.2's core schema."""
    if text and text[0] not in _MAYBE_NOT_TEXT:
        return text
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        return _int(int(text, 10), text)
    if _OCT.fullmatch(text):
        return _int(int(text[2:], 8), text)
    if _HEX.fullmatch(text):
        return _int(int(text[2:], 16), text)
    if _FLOAT.fullmatch(text):
        return _float(float(text), text)
    if _INF.fullmatch(text):
        return _float(-math.inf if text[0] == "-" else math.inf, text)
    if _NAN.fullmatch(text):
        return _float(math.nan, text)
    return text


def _int(value: int, text: str) -> YamlInt:
    out = YamlInt(value)
    out.text = text
    return out


def _float(value: float, text: str) -> YamlFloat:
    out = YamlFloat(value)
    out.text = text
    return out


def as_written(value: object) -> object:
    """The author's text for a number read from YAML; any other value unchanged."""
    if isinstance(value, (YamlInt, YamlFloat)):
        return value.text
    return value
