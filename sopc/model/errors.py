"""pydantic's validation errors rewritten for SOP authors, located at the line and column they wrote."""

from __future__ import annotations

import difflib
import typing

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sopc.diagnostics import Diagnostic, Severity, Span
from sopc.source.sourcemap import SourceMap
from sopc.texts.i18n import tr

# Words authors reach for, mapped to the key the format uses.
SYNONYMS = {
    "judul": "nama", "title": "nama", "name": "nama", "steps": "langkah", "step": "langkah",
    "kegiatan": "langkah", "aktor": "pelaksana", "actor": "pelaksana", "actors": "pelaksana",
    "durasi": "waktu", "time": "waktu", "persyaratan": "kelengkapan", "input": "kelengkapan",
    "ket": "keterangan", "catatan": "keterangan", "jabatan_pengesah": "disahkan_oleh",
    "pengesahan": "disahkan_oleh", "revisi": "tanggal", "pembuatan": "tanggal", "efektif": "tanggal",
    "peralatan_perlengkapan": "peralatan", "perlengkapan": "peralatan", "pendataan": "pencatatan",
    "next": "lanjut", "goto": "lanjut", "yes": "ya", "no": "tidak", "decision": "keputusan",
    "tanya": "pertanyaan", "question": "pertanyaan", "nomor_sop": "nomor", "no_sop": "nomor",
}


# pydantic error type -> (our code, our message id)
_KINDS = {
    "missing": ("SC01", "missing"),
    "extra_forbidden": ("SC02", "extra"),
    "sopc_text": ("SC03", "text"), "string_type": ("SC03", "text"),
    "list_type": ("SC03", "list"), "tuple_type": ("SC03", "list"),
    "model_type": ("SC03", "mapping"), "dict_type": ("SC03", "mapping"), "model_attributes_type": ("SC03", "mapping"),
    "bool_type": ("SC03", "bool"), "bool_parsing": ("SC03", "bool"),
    "too_short": ("SC06", "empty"), "string_too_short": ("SC06", "empty"),
    "literal_error": ("SC04", "choice"), "string_pattern_mismatch": ("SC04", "id_pattern"),
    "sopc_date": ("SC04", "date"), "sopc_target": ("SC04", "target"), "sopc_label": ("SC04", "label"),
    "sopc_version": ("SC04", "version"),
}


def validation_diagnostics(err: ValidationError, model: type[BaseModel], data: object, smap: SourceMap,
                           path: str, lang: str) -> list[Diagnostic]:
    """One located Diagnostic per pydantic error, worded for the author."""
    out = []
    for error in err.errors():
        if error["type"] == "too_short" and error.get("input"):
            continue  # pydantic's echo of a failed item ("0 items after validation"), not a real finding
        loc = _data_loc(error["loc"], data, error["type"])
        code, msg_id = _KINDS.get(error["type"], ("SC03", "other"))
        params = _params(error, loc, model, lang)
        span = _span(error["type"], loc, smap)
        out.append(Diagnostic(path, span, code, Severity.ERROR, tr(f"schema.{msg_id}", lang, **params)))
    return out


def _span(kind: str, loc: tuple, smap: SourceMap) -> Span:
    if kind == "extra_forbidden":
        return smap.key(loc)
    if kind == "missing":
        return smap.locate(loc)
    return smap.nearest_value(loc)


def _data_loc(loc: tuple, data: object, kind: str) -> tuple:
    """The error's location in the author's data, without pydantic's union and validator names."""
    out: list = []
    current = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict) and isinstance(part, str) and (part in current or last):
            out.append(part)
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            out.append(part)
            current = current[part]
        elif not isinstance(current, (dict, list)) or last and kind in ("missing", "extra_forbidden"):
            continue
    return tuple(out)


def display_path(loc: tuple) -> str:
    """`langkah 3.waktu`: keys joined by dots, list items by their 1-based number."""
    text = ""
    for part in loc:
        text += f" {part + 1}" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "SOP"


def _params(error: ErrorDetails, loc: tuple, model: type[BaseModel], lang: str) -> dict[str, object]:
    ctx = error.get("ctx") or {}
    value = error.get("input")
    params: dict[str, object] = {
        "path": display_path(loc), "kind": ctx.get("kind", type(value).__name__),
        "value": ctx.get("value", value), "detail": error["msg"],
        "expected": ctx.get("expected", "").replace("'", "`").replace(" or ", ", "),
    }
    parent = loc[:-1]
    where = tr("schema.where", lang, path=display_path(parent)) if parent else ""
    params.update(key=loc[-1] if loc else "", where=where, suggest="")
    if error["type"] == "extra_forbidden" and loc:
        guess = suggest_key(str(loc[-1]), known_keys(model, parent))
        params["suggest"] = tr("schema.suggest", lang, key=guess) if guess else ""
    return params


def suggest_key(key: str, known: list[str]) -> str | None:
    """The known key the author most likely meant."""
    lowered = key.lower()
    if lowered in known:
        return lowered
    if SYNONYMS.get(lowered) in known:
        return SYNONYMS[lowered]
    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    return close[0] if close else None


def known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at `loc` (list indexes skipped) under `model`."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _model_in(field.annotation) if field else None
    return list(current.model_fields) if current else []


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model class inside an annotation such as `tuple[Langkah, ...]` or `Keputusan | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None

