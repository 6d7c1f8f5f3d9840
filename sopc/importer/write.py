"""An imported SOP written as a `*.sop.yaml` in the format's own order (docs/format.md), each guess
a `# import: ...` comment at its place, and the values the repository's sopc.toml already gives
every SOP (`[defaults]`) left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from sopc.importer.flowchart import Flowchart, Step
from sopc.importer.identity import Found
from sopc.model.base import slug

IDENTITY_ORDER = ("nomor", "nama", "instansi", "unit")
LIST_KEYS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan")


def sop_yaml(found: Found, flow: Flowchart, source: str, defaults: Mapping[str, Any]) -> str:
    """The YAML text of one imported SOP."""
    out = [f"# Diimpor oleh `sopc import` dari {source}: periksa setiap komentar `# import:`,",
           "# lalu hapus komentarnya. `sopc lint` menunjukkan apa yang masih kurang.",
           "sopc: 1"]
    values, guesses = found.values, found.guesses
    for key in IDENTITY_ORDER:
        if key not in values or _default(key, values[key], defaults):
            continue
        _note(out, guesses.get(key), "")
        out += _list(key, values[key], "", inline=True)
    tanggal = {k: values[k] for k in ("pembuatan", "revisi", "efektif") if k in values}
    if not tanggal.get("revisi"):
        tanggal["revisi"] = "-"
    out.append("tanggal:")
    for key in ("pembuatan", "revisi", "efektif"):
        if key in tanggal:
            _note(out, guesses.get(key), "  ")
            out.append(f"  {key}: {_value(tanggal[key])}")
        else:
            _note(out, "tidak ada di dokumen", "  ")
            out.append(f"  {key}: null")
    if "disahkan_oleh" in values and not _default("disahkan_oleh", values["disahkan_oleh"], defaults):
        _note(out, guesses.get("disahkan_oleh"), "")
        out.append("disahkan_oleh:")
        for key, value in values["disahkan_oleh"].items():  # type: ignore[attr-defined]
            out.append(f"  {key}: {_value(value, quote=key == 'nip')}")
    for key in LIST_KEYS:
        value = values.get(key)
        if value is None:
            if key not in defaults:
                _note(out, "tidak ada di dokumen", "")
                out.append(f'{key}: "-"')
            continue
        if _default(key, value, defaults):
            continue
        _note(out, guesses.get(key), "")
        out += _list(key, value, "")
    out += ["", "pelaksana:"]
    ids = _actor_ids(flow.lanes)
    for name in flow.lanes:
        out += [f"  - id: {ids[name]}", f"    nama: {_value(name)}"]
    out += ["", "langkah:"]
    for step in flow.steps:
        out += _step(step, ids)
    for note in flow.notes:
        out.append(f"# import: {note}")
    return "\n".join(out) + "\n"


def _step(step: Step, ids: dict[str, str]) -> list[str]:
    out: list[str] = []
    for note in step.notes:
        out.append(f"  # import: {note}")
    out.append(f"  - kegiatan: {_value(step.kegiatan)}")
    ind = "    "
    lane_teks = step.teks if len(step.actors) > 1 else {}
    if step.lane_lanjut or step.lane_label or lane_teks:
        out.append(f"{ind}pelaksana:")
        for name in step.actors:
            own = [(k, v) for k, v in (("lanjut", step.lane_lanjut.get(name)), ("label", step.lane_label.get(name)),
                                       ("teks", lane_teks.get(name))) if v is not None]
            if own:
                out.append(f"{ind}  - id: {ids[name]}")
                out += [f"{ind}    {k}: {_value(v)}" for k, v in own]
            else:
                out.append(f"{ind}  - {ids[name]}")
    elif len(step.actors) == 1:
        out.append(f"{ind}pelaksana: {ids[step.actors[0]]}")
    elif step.actors:
        out.append(f"{ind}pelaksana: [{', '.join(ids[a] for a in step.actors)}]")
    if step.berurutan:
        out.append(f"{ind}berurutan: true")
    if step.mulai:
        out.append(f"{ind}mulai: true")
    for key in ("kelengkapan", "waktu", "output", "keterangan"):
        value = getattr(step, key)
        if value:
            out += _list(key, value, ind, inline=True)
    if step.keputusan == {}:
        out.append(f"{ind}keputusan: {{}}")  # a diamond, its exits not read
    elif step.keputusan is not None:
        out.append(f"{ind}keputusan:")
        for key, value in step.keputusan.items():
            if key == "label":
                out.append(f"{ind}  label: [{', '.join(_value(v) for v in value)}]")
            else:
                out.append(f"{ind}  {key}: {_value(value)}")
    if step.lanjut is not None:
        out.append(f"{ind}lanjut: {_value(step.lanjut)}")
    if step.label:
        out.append(f"{ind}label: {_value(step.label)}")
    if step.teks and len(step.actors) <= 1:
        out.append(f"{ind}teks: {_value(next(iter(step.teks.values())))}")
    return out


def _list(key: str, value: object, ind: str, inline: bool = False) -> list[str]:
    if isinstance(value, list):
        if not value:
            return [f'{ind}{key}: "-"']
        if len(value) == 1:
            return [f"{ind}{key}: {_value(value[0])}"]
        if inline and sum(len(v) for v in value) < 70:
            return [f"{ind}{key}: [{', '.join(_value(v, flow=True) for v in value)}]"]
        return [f"{ind}{key}:", *(f"{ind}  - {_value(v)}" for v in value)]
    return [f"{ind}{key}: {_value(value)}"]


def _note(out: list[str], note: str | None, ind: str) -> None:
    if note:
        out.append(f"{ind}# import: {note}")


def _value(value: object, quote: bool = False, flow: bool = False) -> str:
    """A scalar as YAML writes it so that sopc reads back the same text (quoted when it must be)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if quote or _needs_quotes(text, flow):
        return json.dumps(text, ensure_ascii=False)
    return text


def _needs_quotes(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in text or " #" in text:
        return True
    if flow and any(ch in text for ch in ",[]{}"):
        return True
    if re.fullmatch(r"[-+]?[\d._]+([eE][-+]?\d+)?|0x[\da-fA-F]+|true|false|null|~|\d{4}-\d\d-\d\d.*", text,
                    flags=re.IGNORECASE):
        return True
    try:
        return yaml.safe_load(f"x: {text}") != {"x": text}
    except yaml.YAMLError:
        return True


def _actor_ids(names: list[str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for name in names:
        base = slug(name) or "pelaksana"
        candidate, n = base, 2
        while candidate in ids.values():
            candidate, n = f"{base}-{n}", n + 1
        ids[name] = candidate
    return ids


def _default(key: str, value: object, defaults: Mapping[str, Any]) -> bool:
    """Whether the repository's sopc.toml gives every SOP this value already (text compared without
    regard to case, as capitals printed in the kop are)."""
    if key not in defaults:
        return False
    given = defaults[key]

    def norm(v: object) -> object:
        if isinstance(v, str):
            return " ".join(v.split()).casefold()
        if isinstance(v, list | tuple):
            return [norm(x) for x in v]
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        return v

    if isinstance(given, str) and isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, str) and isinstance(given, list) and len(given) == 1:
        given = given[0]
    return norm(given) == norm(value)
