"""SVG output and `sopc build`: symbols in the right lane and row, arrows tagged, renders, no injection."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sopc.backends.svg import render_pages
from tests.conftest import compose_sop, run_cli
from tests.test_layout import LAYOUTS

EXAMPLES = Path(__file__).parents[1] / "examples"
NS = {"s": "http://www.w3.org/2000/svg"}
SYMBOLS = ("sopc-terminator", "sopc-process", "sopc-decision", "sopc-offpage")


def _texts(root: ET.Element) -> list[str]:
    """Each <text> element as a reader sees it: its lines joined by spaces."""
    return [" ".join(span.text or "" for span in text) for text in root.iter(f"{{{NS['s']}}}text")]


def _symbols(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter() if el.get("class") in SYMBOLS]


@pytest.mark.parametrize("name,layout", LAYOUTS[:3] + LAYOUTS[-2:], ids=lambda v: v if isinstance(v, str) else "")
def test_svg_symbols_stand_in_their_lane_and_row(name: str, layout) -> None:
    for style in ("flow", "table"):
        for page, data in zip(layout.pages, render_pages(layout, style), strict=True):
            root = ET.fromstring(data)
            lanes = {c.actor: c for c in layout.lanes}
            rows = {row.step + 1: row for row in page.rows}
            symbols = _symbols(root)
            assert len(symbols) == len(page.shapes)
            for el in symbols:
                xs = [float(v) for pair in (el.get("points") or "").split() for v in pair.split(",")[:1]]
                x = float(el.get("x")) if el.get("x") else min(xs)
                lane = lanes[el.get("data-lane")]
                assert lane.x < x < lane.x + lane.w
                if el.get("data-step"):
                    row = rows[int(el.get("data-step"))]
                    points = (el.get("points") or "").split()
                    y = float(el.get("y")) if el.get("y") else min(float(p.split(",")[1]) for p in points)
                    assert row.y < y < row.bottom
                else:
                    assert el.get("class") == "sopc-offpage" and el.get("data-connector")
            arrows = root.findall(".//s:path[@class='sopc-arrow']", NS)
            assert len(arrows) == len(page.arrows) and all(a.get("data-from") and a.get("data-to") for a in arrows)


def _renderer():
    if shutil.which("rsvg-convert"):
        return lambda svg, png: subprocess.run(["rsvg-convert", "-o", str(png)], input=svg, check=True)
    try:
        import cairosvg
    except (ImportError, OSError):
        return None
    return lambda svg, png: cairosvg.svg2png(bytestring=svg, write_to=str(png))


def test_build_writes_svgs_that_a_real_renderer_draws(tmp_path: Path) -> None:
    render = _renderer()
    if render is None:
        pytest.skip("neither rsvg-convert (Debian librsvg2-bin) nor cairosvg is installed")
    result = run_cli("build", str(EXAMPLES), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    svgs = sorted((tmp_path / "out").rglob("*.svg"))
    names = {p.relative_to(tmp_path / "out").as_posix() for p in svgs}
    assert "umum/pengelolaan-surat-masuk.svg" in names and "umum/perjalanan-dinas.p2.svg" in names
    for svg in svgs:
        png = svg.with_suffix(".png")
        render(svg.read_bytes(), png)
        assert png.stat().st_size > 1000


def test_build_skips_a_sop_with_errors_and_keeps_the_others(tmp_path: Path) -> None:
    good = compose_sop("")
    bad = compose_sop("langkah:\n  - {kegiatan: Menerima berkas, pelaksana: a}\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "good.sop.yaml").write_text(good)
    (tmp_path / "src" / "bad.sop.yaml").write_text(bad.replace("001/SOP", "002/SOP"))
    result = run_cli("build", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 1
    assert "LK02" in result.stdout and "1 SOPs skipped" in result.stdout
    assert (tmp_path / "out" / "good.svg").exists() and not (tmp_path / "out" / "bad.svg").exists()


def test_a_second_build_changes_nothing(tmp_path: Path) -> None:
    run_cli("build", str(EXAMPLES), "-o", str(tmp_path))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.svg")}
    result = run_cli("build", str(EXAMPLES), "-o", str(tmp_path), "--lang", "id")
    assert "0 berkas ditulis" in result.stdout
    assert before == {p: p.read_bytes() for p in tmp_path.rglob("*.svg")}


def test_table_style_and_single_sheet(tmp_path: Path) -> None:
    result = run_cli("build", str(EXAMPLES / "umum" / "perjalanan-dinas.sop.yaml"), "-o", str(tmp_path),
                     "--svg-style", "table", "--svg-pages", "single")
    assert result.exit_code == 0
    (svg,) = tmp_path.rglob("*.svg")
    root = ET.fromstring(svg.read_bytes())
    texts = _texts(root)
    assert "Menyusun konsep Surat Perintah Tugas (SPT)" in texts and "1 hari kerja" in texts
    assert not [el for el in _symbols(root) if el.get("class") == "sopc-offpage"]
    assert len([el for el in _symbols(root) if el.get("data-step") == "27"]) == 1


def test_user_text_is_never_markup(tmp_path: Path) -> None:
    nasty = '<script> alert(1) </script> & "kutip" ]]> {{ 7*7 }}'
    text = compose_sop(f"langkah:\n  - kegiatan: 'Menerima {nasty}'\n    pelaksana: a\n"
                       "    kelengkapan: B\n    waktu: 5 menit\n    output: O\n")
    (tmp_path / "x.sop.yaml").write_text(text)
    run_cli("build", str(tmp_path), "-o", str(tmp_path / "out"), "--svg-style", "table")
    data = (tmp_path / "out" / "x.svg").read_bytes()
    root = ET.fromstring(data)
    assert not root.findall(".//s:script", NS) and b"<script>" not in data
    assert f"Menerima {nasty}" in _texts(root)


def test_map_of_relations(tmp_path: Path) -> None:
    if not shutil.which("dot"):
        pytest.skip("Graphviz `dot` is not installed (Debian: graphviz)")
    out = tmp_path / "map.svg"
    result = run_cli("map", str(EXAMPLES), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_bytes())
    texts = _texts(root) + ["".join(t.itertext()) for t in root.iter(f"{{{NS['s']}}}text")]
    assert "003/SOP/BU/2024" in texts and "Penyusutan Arsip Inaktif" in texts
    edges = ["".join(g.find("s:title", NS).itertext()) for g in root.iter(f"{{{NS['s']}}}g")
             if g.get("class") == "edge"]
    assert len(edges) == len(set(edges)) == 4  # makro->mikro once, each mutual link once


def test_map_without_graphviz_says_how_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` here
    result = run_cli("map", str(EXAMPLES), "-o", str(tmp_path / "m.svg"), "--lang", "en")
    assert result.exit_code == 2 and "apt install graphviz" in result.stderr


def test_a_failing_graphviz_is_named_not_a_traceback(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\necho 'Error: out of memory' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))  # this `dot` only
    result = run_cli("map", str(EXAMPLES), "-o", str(tmp_path / "m.svg"), "--lang", "en")
    assert result.exit_code == 2 and "Graphviz could not draw the map: Error: out of memory" in result.stderr
    assert not (tmp_path / "m.svg").exists()


def test_the_flow_style_reads_alone_numbers_activities_and_titles() -> None:
    from sopc.layout.swimlane import layout_sop
    from tests.test_docx import unit_of

    unit = unit_of("peminjaman-ruang-rapat")
    layout = layout_sop(unit.sop, unit.flow, "A4")
    root = ET.fromstring(render_pages(layout, "flow")[0])
    texts = _texts(root)
    assert "Kegiatan" in texts and "No" in texts and "Kelengkapan" not in texts
    assert any(t.startswith("Mencatat peminjaman dalam buku") for t in texts), "the kegiatan, wrapped in its cell"
    for group in root.iter(f"{{{NS['s']}}}g"):
        symbol = next((el for el in group if el.get("class") in SYMBOLS), None)
        if symbol is None or not symbol.get("data-step"):
            continue
        step = int(symbol.get("data-step"))
        number = group.find("s:text[@class='sopc-number']", NS)
        assert number is not None and "".join(number.itertext()) == str(step), "the step number in its symbol"
        assert group.find("s:title", NS).text.endswith(": " + unit.sop.langkah[step - 1].kegiatan)


def test_the_table_header_rules_part_kegiatan_pelaksana_and_mutu_baku() -> None:
    layout = LAYOUTS[0][1]
    page = layout.pages[0]
    root = ET.fromstring(render_pages(layout, "table")[0])
    rules = {(round(float(el.get("x1")), 2), round(float(el.get("y1")), 2))
             for el in root.iter(f"{{{NS['s']}}}line") if el.get("x1") == el.get("x2")}
    first_lane = layout.lanes[0]
    kelengkapan = next(c for c in layout.columns if c.key == "kelengkapan")
    keterangan = next(c for c in layout.columns if c.key == "keterangan")
    for col in (first_lane, kelengkapan, keterangan):  # each rule runs up through the top header row
        assert (round(col.x, 2), round(page.top, 2)) in rules, col.key


@pytest.mark.parametrize("text", ["plain", "a & b < c > d", 'say "x" \'y\'', "tab\there\nline", "", "&amp;"])
def test_the_svg_is_written_as_elementtree_would_write_it(text: str) -> None:
    """sopc.backends.svg writes its drawings as text (three times as fast): read back and written by
    ElementTree, every drawing of the examples comes out byte for byte the same, with titles and
    texts that need escaping."""
    from dataclasses import replace

    from sopc.backends.svg import SVG_NS, inline_pages
    from sopc.texts.labels import labels

    ET.register_namespace("", SVG_NS)
    for name, layout in LAYOUTS[:6]:
        tricky = replace(layout, activities=tuple(f"{a} {text}" for a in layout.activities),
                         titles={k: f"{v}{text}" for k, v in layout.titles.items()})
        for style in ("flow", "table"):
            for page in render_pages(tricky, style, labels("id"), f"{name} {text}"):
                again = ET.tostring(ET.fromstring(page), encoding="utf-8", xml_declaration=True) + b"\n"
                assert page == again, name
        for drawing in inline_pages(tricky, labels("en"), text):
            assert drawing == ET.tostring(ET.fromstring(drawing), encoding="unicode"), name
