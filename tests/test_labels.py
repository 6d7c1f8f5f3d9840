"""A unit's own labels (`[document] labels`) reach every output: the layout's widths, the DOCX, the
SVG, the manual and the monev forms; a labels file that cannot be used stops the build, located."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from sopc.config import find_config, load_config
from sopc.layout.swimlane import layout_sop
from sopc.lint.run import load_unit
from sopc.texts.labels import labels, unit_labels
from tests.conftest import run_cli

EXAMPLES = Path(__file__).parents[1] / "examples"
SOP = "umum/peminjaman-ruang-rapat"
OWN = """{#- Bagian Umum heads Mutu Baku's first column as its signed SOPs do -#}
kelengkapan: Input
mutu_baku: Standar Mutu
manual_isi: ISI BUKU
monev_judul: PEMANTAUAN SOP
{% if lang == "en" %}keterangan: Remarks{% endif %}
"""


@pytest.fixture
def unit_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    (repo / "label-unit.j2").write_text(OWN, encoding="utf-8")
    config = repo / "sopc.toml"
    config.write_text(config.read_text().replace('[document]\n', '[document]\nlabels = "label-unit.j2"\n'))
    return repo


def _header_texts(docx: Path) -> list[str]:
    """The texts of every table cell of the flowchart pages (the identity table is the first)."""
    doc = Document(str(docx))
    return [cell.text for table in doc.tables[1:] for cell in table._cells]


def test_a_units_label_reaches_the_docx_the_svg_the_manual_and_monev(unit_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", str(unit_repo), "-o", str(out), "--svg-style", "table", "--manual", "--monev")
    assert result.exit_code == 0, result.output
    heads = _header_texts(out / f"{SOP}.docx")
    assert "Input" in heads and "Standar Mutu" in heads and "Kelengkapan" not in heads and "Mutu Baku" not in heads
    svg = (out / f"{SOP}.svg").read_text(encoding="utf-8")
    svg_texts = re.findall(r"<tspan[^>]*>([^<]*)</tspan>|<text[^>]*>([^<]*)</text>", svg)
    flat = {a or b for a, b in svg_texts}
    assert "Input" in flat and "Standar Mutu" in flat and "Kelengkapan" not in flat
    manual = Document(str(out / "manual.docx"))
    assert "ISI BUKU" in [p.text for p in manual.paragraphs] and "DAFTAR ISI" not in [p.text for p in manual.paragraphs]
    manual_heads = [cell.text for table in manual.tables for cell in table._cells]
    assert "Input" in manual_heads and "Kelengkapan" not in manual_heads
    monev = Document(str(out / "monev.docx"))
    assert monev.paragraphs[0].text.startswith("PEMANTAUAN SOP")
    # labels the unit did not change stay sopc's
    assert "Waktu" in heads and "Nomor SOP" in [c.text for c in Document(str(out / f"{SOP}.docx")).tables[0]._cells]


def test_the_layout_measures_the_units_labels(unit_repo: Path) -> None:
    config = load_config(find_config(unit_repo))
    unit = load_unit(unit_repo / f"{SOP}.sop.yaml", config, "id")[0]
    assert unit is not None
    own = {**labels("id"), "keterangan": "Keterangan dan Catatan Pemeriksaan Berkas"}
    plain = {c.key: c for c in layout_sop(unit.sop, unit.flow, "A4").columns}
    wide = {c.key: c for c in layout_sop(unit.sop, unit.flow, "A4", own).columns}
    assert wide["keterangan"].title == own["keterangan"] and wide["keterangan"].w > plain["keterangan"].w
    from sopc.layout.text import text_width

    longest_word = max(own["keterangan"].split(), key=len)
    assert wide["keterangan"].w >= text_width(longest_word, 8.0, bold=True)


def test_the_labels_template_sees_the_language(unit_repo: Path, tmp_path: Path) -> None:
    result = run_cli("build", str(unit_repo / f"{SOP}.sop.yaml"), "-o", str(tmp_path / "out"), "--format", "docx",
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    heads = _header_texts(tmp_path / "out" / f"{SOP}.docx")
    assert "Remarks" in heads and "Input" in heads and "Activity" in heads


def test_editing_the_labels_rebuilds_the_documents(unit_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", str(unit_repo), "-o", str(out), "--format", "docx").exit_code == 0
    again = run_cli("build", str(unit_repo), "-o", str(out), "--format", "docx")
    assert "0 berkas ditulis" in again.output
    (unit_repo / "label-unit.j2").write_text(OWN.replace("Input", "Masukan"), encoding="utf-8")
    changed = run_cli("build", str(unit_repo), "-o", str(out), "--format", "docx")
    assert changed.exit_code == 0 and "0 berkas ditulis" not in changed.output
    assert "Masukan" in _header_texts(out / f"{SOP}.docx")


@pytest.mark.parametrize(("text", "says"), [
    ("kelengkapn: Input\n", "label `kelengkapn` tidak dikenal; maksud Anda `kelengkapan`?"),
    ("kelengkapan:\n", "label `kelengkapan` kosong"),
    ("months: Jan Feb\n", "`months` memerlukan dua belas nama bulan"),
    ("kelengkapan: {{ 1/0 }}\n", "templat tidak dapat dipakai"),
    ("{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}\n",
     "templat tidak dapat dipakai"),
    ("kelengkapan: a\x01b\n", "karakter kendali U+0001"),
])
def test_a_labels_file_that_cannot_be_used_stops_the_build_before_writing(unit_repo: Path, tmp_path: Path,
                                                                          text: str, says: str) -> None:
    (unit_repo / "label-unit.j2").write_text(text, encoding="utf-8")
    result = run_cli("build", str(unit_repo), "-o", str(tmp_path / "out"), "--format", "docx")
    assert result.exit_code == 2
    assert "sopc.toml: [document] labels:" in result.output and says in result.output, result.output
    assert "Traceback" not in result.output
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_a_labels_file_outside_the_repository_is_refused(unit_repo: Path, tmp_path: Path) -> None:
    config = unit_repo / "sopc.toml"
    config.write_text(config.read_text().replace('labels = "label-unit.j2"', 'labels = "../elsewhere.j2"'))
    result = run_cli("build", str(unit_repo), "-o", str(tmp_path / "out"), "--format", "docx")
    assert result.exit_code == 2 and "`document.labels`" in result.output


def test_unit_labels_keep_sopcs_for_what_they_do_not_name() -> None:
    merged = unit_labels("kelengkapan: Input\n", "id")
    assert merged["kelengkapan"] == "Input" and merged["waktu"] == labels("id")["waktu"]
    assert set(merged) == set(labels("id"))


def test_both_languages_label_the_same_keys() -> None:
    assert set(labels("id")) == set(labels("en"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_sopcs_labels_read_as_text_are_what_jinja_renders(lang: str) -> None:
    from importlib import resources

    from sopc.texts.labels import environment

    source = resources.files("sopc.templates").joinpath(f"labels-{lang}.j2").read_text(encoding="utf-8")
    rendered = environment().from_string(source).render(lang=lang)
    pairs = (line.partition(":") for line in rendered.splitlines())
    expected = {key.strip(): text.strip() for key, _, text in pairs if key.strip()}
    assert labels(lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("{# a note #}\nkelengkapan: Input\n", "id", "Input"),  # a leading comment only: read as text
    ("kelengkapan: Input {# a note #}\n", "id", "Input"),  # a comment elsewhere: rendered
    ("{#- for both -#}\nkelengkapan: {{ 'Input' if lang == 'en' else 'Masukan' }}\n", "en", "Input"),
    ("kelengkapan: {{ 'Input' if lang == 'en' else 'Masukan' }}\n", "id", "Masukan"),
])
def test_a_units_labels_render_when_they_hold_template_syntax(text: str, lang: str, expected: str) -> None:
    assert unit_labels(text, lang)["kelengkapan"] == expected
