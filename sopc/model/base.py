"""Strict base model and the value types SOP sources are made of (text, lists of text, targets, dates)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from sopc.source.scalars import YamlFloat, YamlInt, as_written

EMPTY_MARK = "-"  # what authors write where the form shows "-"
END_TARGET = "selesai"  # `lanjut: selesai` ends the flow at this step


class StrictModel(BaseModel):
    """Unknown keys are errors, values are never changed after validation."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "ya/tidak (boolean)"
    if isinstance(value, (int, float)):
        return "angka/number"
    if isinstance(value, dict):
        return "pemetaan/mapping"
    if isinstance(value, list):
        return "daftar/list"
    return "kosong/null" if value is None else type(value).__name__


def _text(value: Any) -> str:
    """Text as the author wrote it; numbers read from YAML keep their spelling (NIP, nomor)."""
    if type(value) is str:  # the common case first: this runs for every text of every SOP
        return value.strip()
    value = as_written(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not isinstance(value, (YamlInt, YamlFloat)):
        value = str(value)  # numbers from TOML defaults
    if not isinstance(value, str):
        raise PydanticCustomError("sopc_text", "expected text, got {kind}", {"kind": _kind(value)})
    return value.strip()


def _text_list(value: Any) -> tuple[str, ...]:
    """A list of text; one string is a list of one; `-`, `[]` and an empty value are the empty list."""
    if value is None:
        return ()
    if type(value) is str:
        text = value.strip()
        return (text,) if text and text != EMPTY_MARK else ()
    items = value if isinstance(value, (list, tuple)) else [value]
    texts = tuple(_text(item) for item in items)
    return tuple(t for t in texts if t and t != EMPTY_MARK)


def digits_only(text: str) -> bool:
    """Whether `text` is digits 0-9 only: `str.isdigit` also takes `²` and `١`, which `int` then refuses
    or reads as another number."""
    return text.isascii() and text.isdigit()


def _optional_text(value: Any) -> str | None:
    text = None if value is None else _text(value)
    return None if text in (None, "", EMPTY_MARK) else text


def _target(value: Any) -> int | str:
    """A step reference: a 1-based number, a step id, or `selesai`."""
    value = as_written(value)
    if isinstance(value, str) and digits_only(value.strip()):
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise PydanticCustomError("sopc_target", "step numbers start at 1, not {value}", {"value": value})
        return int(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise PydanticCustomError("sopc_target", "expected a step id or number, got {kind}", {"kind": _kind(value)})


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: Any) -> dt.date:
    text = as_written(value)
    if isinstance(text, str) and _ISO_DATE.fullmatch(text.strip()):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise PydanticCustomError("sopc_date", "expected an ISO date YYYY-MM-DD, got {value!r}", {"value": str(text)})


def _optional_date(value: Any) -> dt.date | None:
    if value is None or as_written(value) in ("", EMPTY_MARK):
        return None
    return _date(value)


Text = Annotated[str, BeforeValidator(_text, json_schema_input_type=Union[str, int, float])]
OptionalText = Annotated[Union[str, None], BeforeValidator(_optional_text, json_schema_input_type=Union[str, None])]
TextList = Annotated[tuple[str, ...], BeforeValidator(_text_list, json_schema_input_type=Union[str, list[str], None])]
Target = Annotated[Union[int, str], BeforeValidator(_target, json_schema_input_type=Union[int, str])]
Date = Annotated[dt.date, BeforeValidator(_date, json_schema_input_type=dt.date)]
OptionalDate = Annotated[Union[dt.date, None], BeforeValidator(
    _optional_date, json_schema_input_type=Union[dt.date, Literal["-"], None])]


def slug(text: str) -> str:
    """The id of a name: ASCII lower case, words joined by `-` ("Kepala Bagian" -> "kepala-bagian")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
