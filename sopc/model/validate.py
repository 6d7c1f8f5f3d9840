"""Loaded source + repository defaults -> a validated Sop, or located diagnostics."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from sopc.diagnostics import Diagnostic, Severity
from sopc.model.base import END_TARGET, digits_only
from sopc.model.errors import validation_diagnostics
from sopc.model.references import resolve_references
from sopc.model.sop import Sop
from sopc.source.loader import Source
from sopc.source.scalars import as_written
from sopc.texts.i18n import tr


def merge_defaults(defaults: Mapping[str, object], data: Mapping[str, object]) -> dict[str, object]:
    """Repository defaults under the SOP's own values; nested mappings merge key by key."""
    merged: dict[str, object] = dict(defaults)
    for key, value in data.items():
        base = merged.get(key)
        merged[key] = merge_defaults(base, value) if isinstance(base, Mapping) and isinstance(value, Mapping) else value
    return merged


def validate(source: Source, defaults: Mapping[str, object], lang: str = "id") -> tuple[Sop | None, list[Diagnostic]]:
    """Validate one loaded SOP against format 1; every problem comes back located."""
    data = merge_defaults(defaults, source.data)
    try:
        sop = Sop.model_validate(data)
    except ValidationError as err:
        found = validation_diagnostics(err, Sop, data, source.smap, source.path, lang)
        # the step targets too, not only once every other error is fixed (each at most once)
        taken = {d.span for d in found}
        found += [d for d in _targets(data, source, lang) if d.span not in taken]
        return None, sorted(found, key=lambda d: (d.span.line, d.span.column))
    sop, problems = resolve_references(sop)
    diags = [
        Diagnostic(source.path, source.smap.nearest_value(path), "SC05", Severity.ERROR,
                   tr(msg_id, lang, **params))
        for path, msg_id, params in problems
    ]
    return (None, diags) if diags else (sop, [])


def _targets(data: Mapping[str, object], source: Source, lang: str) -> list[Diagnostic]:
    """Step targets (`lanjut`, `keputusan.ya`/`tidak`) that name no step, read from the raw data:
    what `resolve_references` reports once the model is valid."""
    steps = data.get("langkah")
    if not isinstance(steps, list):
        return []
    ids = {str(s["id"]) for s in steps if isinstance(s, dict) and isinstance(s.get("id"), str)}
    out = []
    for i, step in enumerate(steps):
        if not isinstance(step, dict):
            continue
        decision = step.get("keputusan")
        refs: list[tuple[tuple, object]] = [(("langkah", i, "lanjut"), step.get("lanjut"))]
        if isinstance(decision, dict):
            refs += [(("langkah", i, "keputusan", key), decision.get(key)) for key in ("ya", "tidak")]
        for path, value in refs:
            written = as_written(value)
            if value is None or isinstance(value, bool) or _names_a_step(written, len(steps), ids):
                continue
            out.append(Diagnostic(source.path, source.smap.nearest_value(path), "SC05", Severity.ERROR,
                                  tr("ref.target_unknown", lang, target=written,
                                     count=len(steps))))
    return out


def _names_a_step(target: object, count: int, ids: set[str]) -> bool:
    if isinstance(target, str):
        text = target.strip()
        if digits_only(text):
            return 1 <= int(text) <= count
        return text in ids or text == END_TARGET or not text
    return True  # another type: the schema's error says so
