"""Fuzzing the whole pipeline: any input gives located diagnostics or documents that parse.

The fast run is part of the suite; a longer one is one variable away:
    SOPC_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET

import yaml
from docx import Document
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sopc.backends.docx import build_docx
from sopc.backends.svg import render_pages
from sopc.flow import build_flow
from sopc.layout.swimlane import layout_sop
from sopc.lint.context import LintUnit
from sopc.lint.engine import lint_unit
from sopc.model import validate
from sopc.source.loader import load_bytes

EXAMPLES = int(os.environ.get("SOPC_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="SOPC_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Text of every kind: Latin, Arabic and Hebrew (RTL), combining marks, zero-width, emoji, controls, NUL.
NASTY = st.sampled_from(["\u202e", "\u200b", "\u0301", "\ufeff", "\x00", "\x07", "\x1b", "😀", "ـ", "ש", "\u2028",
                         "{{ 7*7 }}", "<w:p/>", "]]>", "&amp;", "\\", '"', "'", "#", ": ", "- ", "\t", "\n"])
TEXT = st.one_of(
    st.text(min_size=1, max_size=40),
    st.lists(st.one_of(st.text(max_size=8), NASTY), min_size=1, max_size=8).map("".join),
    st.sampled_from(["Menerima berkas", "Memeriksa", "-", "", " ", "x" * 600, "kata " * 100]),
)
# Required texts must say something after trimming (else the model refuses the file, which the
# mutations below already cover); this keeps most examples going through layout and documents.
SAY = TEXT.filter(lambda t: t.strip() and t.strip() != "-")
WAKTU = st.one_of(st.sampled_from(["10 menit", "1-2 hari", "3 Hari Kerja", "2 menit/berkas", "-", "segera"]), TEXT)


@st.composite
def sop_data(draw) -> dict:
    actors = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), min_size=1, max_size=6, unique=True))
    count = draw(st.integers(min_value=1, max_value=35))
    steps = []
    for i in range(count):
        lanes = draw(st.lists(st.sampled_from(actors), min_size=1, max_size=3, unique=True))
        step: dict = {"kegiatan": draw(SAY), "pelaksana": lanes[0] if len(lanes) == 1 else lanes,
                      "kelengkapan": draw(TEXT), "waktu": draw(WAKTU), "output": draw(TEXT)}
        kind = draw(st.sampled_from(["plain", "plain", "decision", "jump", "end"]))
        if kind == "decision" and len(lanes) == 1 and i < count - 1:
            step["keputusan"] = {"pertanyaan": draw(TEXT), "tidak": draw(st.integers(1, count))}
        elif kind == "jump":
            step["lanjut"] = draw(st.integers(1, count))  # cycles of targets included
        elif kind == "end":
            step["lanjut"] = "selesai"
        steps.append(step)
    return {
        "sopc": 1, "nomor": draw(TEXT), "nama": draw(SAY), "instansi": draw(SAY), "unit": [draw(TEXT)],
        "tanggal": {"pembuatan": "2024-01-10", "efektif": "2024-01-15"},
        "disahkan_oleh": {"jabatan": draw(SAY), "nama": draw(SAY), "nip": draw(st.text("0123456789 ", max_size=22))},
        "dasar_hukum": [draw(TEXT)], "kualifikasi_pelaksana": [draw(TEXT)], "keterkaitan": [],
        "peralatan": [draw(TEXT)], "peringatan": draw(TEXT), "pencatatan": [draw(TEXT)],
        "pelaksana": [{"id": a, "nama": draw(SAY)} for a in actors], "langkah": steps,
    }


def mutate(draw, data: dict) -> object:
    """Break a valid SOP the ways authors and attackers do."""
    kind = draw(st.sampled_from(["none"] * 5 + ["drop", "rename", "retype", "deep", "step-retype"]))
    keys = sorted(data)
    if kind == "drop":
        data.pop(draw(st.sampled_from(keys)))
    elif kind == "rename":
        key = draw(st.sampled_from(keys))
        data[key + draw(st.sampled_from(["x", "_", "s"]))] = data.pop(key)
    elif kind == "retype":
        data[draw(st.sampled_from(keys))] = draw(st.sampled_from([None, 7, 1.5, True, [], {}, [[1]], {"a": [1]}]))
    elif kind == "deep":
        value: object = "x"
        for _ in range(draw(st.integers(10, 120))):
            value = [value]
        data["nama"] = value
    elif kind == "step-retype":
        step = draw(st.sampled_from(data["langkah"]))
        step[draw(st.sampled_from(sorted(step)))] = draw(st.sampled_from([None, 3, [1, 2], {"x": 1}, "9999"]))
    return data


@st.composite
def sources(draw) -> bytes:
    data = mutate(draw, draw(sop_data()))
    width = draw(st.sampled_from([40, 80, 10**6]))
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False, width=width)
    if draw(st.integers(0, 19)) == 0:  # sometimes damage the bytes themselves
        raw = bytearray(text.encode("utf-8"))
        for _ in range(draw(st.integers(1, 5))):
            raw.insert(draw(st.integers(0, len(raw))), draw(st.integers(0, 255)))
        return bytes(raw)
    return text.encode("utf-8")


def _located(diags, raw: bytes) -> None:
    lines = raw.count(b"\n") + 1
    for d in diags:
        assert 1 <= d.span.line <= lines + 1 and d.span.column >= 1, d
        assert d.message and d.code


@FUZZ
@given(sources())
def test_any_input_gives_located_findings_or_documents_that_parse(raw: bytes) -> None:
    source, diags = load_bytes(raw, "fuzz.sop.yaml", "en")
    _located(diags, raw)
    if source is None:
        event("refused when read")
        return
    sop, diags = validate(source, {}, "en")
    _located(diags, raw)
    if sop is None:
        event("refused by the model")
        return
    event("built")
    unit = LintUnit(source, sop, build_flow(sop))
    findings = lint_unit(unit, "en")
    _located(findings, raw)
    layout = layout_sop(sop, unit.flow)
    for svg in render_pages(layout, "table"):
        ET.fromstring(svg)
    Document(io.BytesIO(build_docx(sop, layout)))
