"""Fuzzing the whole pipeline: any input gives located diagnostics or documents that parse.

The fast run is part of the suite; a longer one is one variable away:
    SOPC_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path

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


# --- the repository around the SOPs (issue 12): sopc.toml, kinds of file, caches -------------------

HOSTILE_REGEX = st.sampled_from(["(a+)+$", "(a|a)*b", "\\d{3}/SOP/.*", "(x)\\1", "[", "a{99999}", "(?=a)a", ".*.*.*x"])
GLOB = st.lists(st.sampled_from(["*", "**", "?", "[", "]", "!", "/", "a", "-", "z", "[:alpha:]", "\\", "."]),
                min_size=1, max_size=12).map("".join)
PLACE = st.sampled_from(["build"] * 6 + ["keluar", "../luar", "/tmp/sopc-fuzz-luar", "a/../../b", ".", ""])
PLAIN = st.sampled_from(["Pemerintah Kabupaten Uji", "Bagian Umum", "TTE"])
TEMPLATE = st.sampled_from(["{{ tahun + 1 }}", "{{ 1/0 }}", "{% include 'x' %}", "{{ 'x' * 99999999 }}",
                            "{{ ''.__class__.__mro__ }}", "{% for i in range(9) %}{{ i }}{% endfor %}", "{{"])


def _toml(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


@st.composite
def configs(draw) -> bytes:
    if draw(st.integers(0, 9)) == 0:  # not TOML at all
        return draw(st.binary(max_size=200))
    tables = {
        "": {"lang": draw(st.sampled_from(["id", "en", "id", "xx"])), "exclude": draw(st.lists(GLOB, max_size=3))},
        "lint": {"nomor_pattern": draw(st.one_of(HOSTILE_REGEX, TEXT)),
                 "review_months": draw(st.one_of(st.integers(1, 120), st.integers(-5, 200)))},
        "output": {"dir": draw(PLACE)},
        "defaults": {"instansi": draw(st.one_of(PLAIN, PLAIN, TEXT)), "unit": [draw(st.one_of(PLAIN, TEXT))]},
        "manual": {"keputusan": draw(TEMPLATE), "tahun": draw(st.integers(1900, 2100))},
        "document": {"signature_text": draw(st.one_of(PLAIN, TEXT)),
                     "paper": draw(st.sampled_from(["A4", "F4", "A4", "B5"]))},
    }
    out = []
    for table, keys in tables.items():
        chosen = {k: v for k, v in keys.items() if draw(st.integers(0, 3)) == 0}  # a few settings at a time
        if table:
            out.append(f"[{table}]")
        out += [f"{key} = {_toml(value)}" for key, value in chosen.items()]
    return ("\n".join(out) + "\n").encode("utf-8", "surrogatepass")


KINDS = st.sampled_from(["regular", "regular", "link-in", "link-out", "fifo", "device", "folder", "empty"])
CACHE = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats() | st.text(max_size=20),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                 max_size=4), max_leaves=20)


def _place(root: Path, kind: str, text: str, outside: Path) -> None:
    path = root / "b.sop.yaml"
    if kind == "regular":
        path.write_text(text, encoding="utf-8")
    elif kind == "link-in":
        (root / "sub").mkdir(exist_ok=True)
        (root / "sub" / "asli.yaml").write_text(text, encoding="utf-8")
        path.symlink_to(root / "sub" / "asli.yaml")
    elif kind == "link-out":
        path.symlink_to(outside)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"")


@FUZZ
@given(config=configs(), kind=KINDS, cache=CACHE, memo=CACHE, text=sources())
def test_any_repository_around_the_sops_gives_a_clear_answer_and_touches_nothing_outside(
        config: bytes, kind: str, cache: object, memo: object, text: bytes) -> None:
    import json
    import tempfile

    from tests.conftest import compose_sop, run_cli

    if os.name != "posix":
        return
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        root, out, outside = base / "repo", base / "repo" / "build", base / "rahasia.txt"
        root.mkdir()
        outside.write_text("jangan dibaca, jangan dihapus\n")
        (root / "sopc.toml").write_bytes(config)
        (root / "a.sop.yaml").write_text(compose_sop(""), encoding="utf-8")
        _place(root, kind, text.decode("utf-8", "replace"), outside)
        out.mkdir()
        for name, data in ((".sopc-cache.json", cache), (".sopc-lint.json", memo)):
            (out / name).write_text(json.dumps({"sopc": __import__("sopc").__version__, "entries": data}))
        before = sorted(p.name for p in base.iterdir())
        for args in (["lint", str(root)], ["build", str(root), "--format", "svg", "-o", str(out)]):
            result = run_cli(*args, "--lang", "en")
            said = result.output + result.stderr
            assert result.exit_code in (0, 1, 2), said
            event(f"{args[0]} exit {result.exit_code}")
            assert "internal error" not in said and "Traceback" not in said and "jangan dibaca" not in said
        assert outside.read_text() == "jangan dibaca, jangan dihapus\n"
        assert sorted(p.name for p in base.iterdir()) == before
        assert not Path("/tmp/sopc-fuzz-luar").exists()
