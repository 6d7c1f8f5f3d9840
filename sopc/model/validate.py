"""Loaded source + repository defaults -> a validated Sop, or located diagnostics."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from sopc.diagnostics import Diagnostic, Severity
from sopc.i18n import pick
from sopc.model.errors import validation_diagnostics
from sopc.model.references import MESSAGES as REF_MESSAGES
from sopc.model.references import resolve_references
from sopc.model.sop import Sop
from sopc.source.loader import Source


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
        return None, validation_diagnostics(err, Sop, data, source.smap, source.path, lang)
    sop, problems = resolve_references(sop)
    diags = [
        Diagnostic(source.path, source.smap.nearest_value(path), "SC05", Severity.ERROR,
                   pick(REF_MESSAGES[msg_id], lang).format(**params))
        for path, msg_id, params in problems
    ]
    return (None, diags) if diags else (sop, [])
