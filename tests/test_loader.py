"""The loader: values as written (YAML 1.2), positions of every key, and every failure located."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sopc.source.loader import Limits, load, load_text
from sopc.source.scalars import as_written
from tests.conftest import run_cli


def data(text: str) -> dict:
    source, diags = load_text(text)
    assert not diags, diags
    return source.data


def test_yaml_1_1_traps_reach_the_model_as_written() -> None:
    d = data("no: 1\nlabel: [Yes, No, on, off, y, n]\nwaktu: 1:30\nnip: 0123\nangka: 1.50\n"
             "tanggal: 2024-01-10\nbenar: true\nkosong: ~\n")
    assert "no" in d and False not in d
    assert d["label"] == ["Yes", "No", "on", "off", "y", "n"]
    assert d["waktu"] == "1:30"
    assert as_written(d["nip"]) == "0123"
    assert as_written(d["angka"]) == "1.50"
    assert d["tanggal"] == "2024-01-10"  # dates stay text; the model parses them
    assert d["benar"] is True and d["kosong"] is None


def test_every_key_path_has_its_line_and_column() -> None:
    source, _ = load_text("sopc: 1\nlangkah:\n  - kegiatan: A\n    waktu: 10 menit\n  - kegiatan: B\n")
    smap = source.smap
    assert smap.key(("langkah", 0, "waktu")) .line == 4
    assert (smap.key(("langkah", 0, "waktu")).column, smap.value(("langkah", 0, "waktu")).column) == (5, 12)
    assert smap.value(("langkah", 1)).line == 5
    # a key that is not there points at the key of the mapping that should hold it
    assert smap.locate(("langkah", 1, "waktu")).line == 5


def test_columns_count_characters_not_bytes() -> None:
    source, _ = load_text("nama: Café Ünïcode\nwaktu: x\n")
    assert source.smap.value(("waktu",)).column == 8
    source, diags = load_text("nama: \"é\"\n  x: ]\n")
    assert diags[0].span.line == 2


def test_no_tag_can_build_an_object() -> None:
    _, diags = load_text("a: !!python/object/apply:os.system [echo hacked]\n")
    assert diags[0].code == "SY07"


def test_alias_bomb_is_refused_fast() -> None:
    lines = ["a: &a [" + ", ".join(["x"] * 9) + "]"]
    for prev, cur in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    _, diags = load_text("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 5  # generous: the real figure is in benchmarks/
    assert diags[0].code == "SY06"


def test_deep_nesting_never_reaches_the_c_parser(tmp_path: Path) -> None:
    _, diags = load_text("a: " + "[" * 200_000 + "]" * 200_000)
    assert diags[0].code == "SY06" and diags[0].span.line == 1


def test_deep_block_nesting_is_refused_as_nesting_not_syntax() -> None:
    # mappings nested by indentation alone, no bracket or dash: libyaml's own limit (0.2.6+) or
    # our walker stops it, and either way it is SY06 with a line in the file
    text = "".join(" " * i + f"k{i}:\n" for i in range(1100)) + " " * 1100 + "x\n"
    _, diags = load_text(text)
    assert [d.code for d in diags] == ["SY06"] and 1 <= diags[0].span.line <= 1100


def test_limits_are_parameters() -> None:
    _, diags = load_text("a: [[[1]]]\n", limits=Limits(max_depth=3))
    assert diags[0].code == "SY06"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "x.sop.yaml"
    path.write_bytes("nama: Surat Masuk\n".encode("utf-16"))
    source, diags = load(path)
    assert not diags and source.data == {"nama": "Surat Masuk"}


FAILURES = {
    "syntax": ("sopc: 1\nunit: [a, b\nnama: x\n", "SY01", 3),
    "encoding": (b"sopc: 1\nnama: Caf\xe9\n", "SY03", 2),
    "not a mapping": ("- sopc: 1\n", "SY04", 1),
    "empty": ("", "SY04", 1),
    "duplicate key": ("sopc: 1\nnama: a\nnama: b\n", "SY02", 3),
    "oversized": ("sopc: 1\n" + "#" * 1_100_000 + "\n", "SY05", 1),
    "alias bomb": ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True)), "SY06", 6),
    "recursive alias": ("sopc: 1\nx: &a [*a]\n", "SY06", 2),
    "deep nesting": ("sopc: 1\nx: " + "[" * 100_000 + "]" * 100_000 + "\n", "SY06", 2),
    "tag": ("sopc: 1\nnama: !!binary aGVsbG8=\n", "SY07", 2),
}


@pytest.mark.parametrize("name", FAILURES)
def test_cli_reports_each_failure_located_without_traceback(tmp_path: Path, name: str) -> None:
    content, code, line = FAILURES[name]
    path = tmp_path / "bad.sop.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run_cli("lint", "--format", "json", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    import json

    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in findings] == [(code, line)]
    assert findings[0]["path"].endswith("bad.sop.yaml") and findings[0]["column"] >= 1


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "gone.sop.yaml").symlink_to(tmp_path / "nowhere")
    result = run_cli("lint", str(tmp_path))
    assert result.exit_code == 1 and "SY08" in result.stdout and "Traceback" not in result.output


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85"])
def test_positions_count_lines_as_an_editor_does(brk: str, tmp_path: Path) -> None:
    """YAML also breaks lines at U+2028, U+2029 and U+0085 (text pasted from the web or Word carries
    them); editors do not, so a position after one must not shift."""
    text = f"nama: 'Judul{brk}  lanjutan'\nnomor: 1\nnomor: 2\n"
    source, found = load_text(text)
    assert source is None and [(d.code, d.span.line, d.span.column) for d in found] == [("SY02", 3, 1)]
    assert "line 2" in found[0].message or "baris 2" in found[0].message
    source, _ = load_text(f"nama: 'Judul{brk}  lanjutan'\nnomor: 1\nlangkah: []\n")
    assert source is not None
    assert source.smap.value(("langkah",)).line == 3 and source.smap.lines[2] == "langkah: []"
    file = tmp_path / "x.sop.yaml"
    file.write_text(f"sopc: 1\nnama: 'Judul{brk}  lanjutan'\nnomor: [\n", encoding="utf-8")
    result = run_cli("lint", str(file), "--lang", "en", "--format", "json")
    assert '"line": 4' in result.output or '"line":4' in result.output.replace(" ", "")
