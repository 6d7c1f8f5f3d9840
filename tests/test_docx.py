"""The official DOCX, opened as a reviewer would: identity cells, flowchart rows, paper, shapes, PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from sopc.config import find_config, load_config
from sopc.layout.swimlane import layout_sop
from sopc.lint.run import load_unit
from tests.conftest import run_cli

EXAMPLES = Path(__file__).parents[1] / "examples"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    result = run_cli("build", str(EXAMPLES), "-o", str(out), "--format", "docx")
    assert result.exit_code == 0, result.output
    return out


def unit_of(name: str):
    file = next(EXAMPLES.rglob(f"{name}.sop.yaml"))
    unit, _, _ = load_unit(file, load_config(find_config(file)), "id")
    return unit


def cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def test_identity_table_holds_every_field(built: Path) -> None:
    doc = Document(str(built / "umum" / "pengelolaan-surat-masuk.docx"))
    table = doc.tables[0]
    rows = {cell_text(table.cell(r, 1)): cell_text(table.cell(r, 2)) for r in range(6)}
    assert rows["Nomor SOP"] == "002/SOP/BU/2024"
    assert rows["Tanggal Pembuatan"] == "10 Januari 2024"
    assert rows["Tanggal Revisi"] == "10 Januari 2027"
    assert rows["Tanggal Efektif"] == "15 Januari 2024"
    signer = rows["Disahkan oleh"].split("\n")
    assert signer[0] == "Kepala Bagian Umum" and signer[-2:] == ["Dra. Sri Wahyuni, M.Si.", "NIP 19720514 200003 2 003"]
    assert rows["Nama SOP"] == "Pengelolaan Surat Masuk"
    kop = cell_text(table.cell(0, 0))
    assert "PEMERINTAH KABUPATEN SUKAMAJU" in kop and "BAGIAN UMUM" in kop
    assert table.cell(0, 0)._tc.xpath(".//pic:pic"), "the logo from sopc.toml"
    assert cell_text(table.cell(6, 0)).startswith("DASAR HUKUM :\n1. Undang-Undang Nomor 43 Tahun 2009")
    assert cell_text(table.cell(7, 0)) == ("KETERKAITAN :\n1. 003/SOP/BU/2024 – Pengelolaan Arsip Dinamis\n"
                                          "2. SOP Pengelolaan Surat Keluar")
    assert cell_text(table.cell(7, 1)).startswith("PERALATAN/PERLENGKAPAN :\n1. Komputer")
    assert cell_text(table.cell(8, 0)).startswith("PERINGATAN :\nJika SOP tidak dilaksanakan")


def test_empty_items_print_a_dash(built: Path) -> None:
    doc = Document(str(built / "arsip" / "penyusutan-arsip.docx"))
    rows = {cell_text(doc.tables[0].cell(r, 1)): cell_text(doc.tables[0].cell(r, 2)) for r in range(6)}
    assert rows["Tanggal Revisi"] == "-"


def _signature_cell(docx: Path):
    table = Document(str(docx)).tables[0]
    return next(table.cell(r, 2) for r in range(6) if cell_text(table.cell(r, 1)) == "Disahkan oleh")


def test_the_signature_block_is_centred_with_room_to_sign(built: Path) -> None:
    cell = _signature_cell(built / "umum" / "pengelolaan-surat-masuk.docx")
    texts = [p.text for p in cell.paragraphs]
    assert texts == ["Kepala Bagian Umum", "", "Dra. Sri Wahyuni, M.Si.\nNIP 19720514 200003 2 003"]
    assert all(p.paragraph_format.alignment == 1 for p in cell.paragraphs), "centred, as signed originals"
    room = cell.paragraphs[1].paragraph_format
    assert room.line_spacing_rule == 4 and 17 <= room.line_spacing.mm <= 20, "17-20 mm for signature and stamp"


def test_units_that_sign_electronically_get_their_placeholder(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "src")
    config = tmp_path / "src" / "sopc.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "[document]", '[document]\nsignature_mm = 25\nsignature_text = "${ttd_pengesah} <b>"'), encoding="utf-8")
    result = run_cli("build", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--format", "docx")
    assert result.exit_code == 0, result.output
    room = _signature_cell(tmp_path / "out" / "umum" / "pengelolaan-surat-masuk.docx").paragraphs[1]
    assert room.text == "${ttd_pengesah} <b>" and round(room.paragraph_format.line_spacing.mm) == 25


def test_flowchart_tables_one_row_per_step(built: Path) -> None:
    unit = unit_of("perjalanan-dinas")
    doc = Document(str(built / "umum" / "perjalanan-dinas.docx"))
    layout = layout_sop(unit.sop, unit.flow)
    flow_tables = doc.tables[1:]
    assert len(flow_tables) == len(layout.pages) > 1
    seen = []
    for table, page in zip(flow_tables, layout.pages, strict=True):
        header = [cell_text(c) for c in table.rows[1].cells]
        assert header[0] == "No" and "Kelengkapan" in header and "Waktu" in header
        for row in table.rows[:2]:
            assert row._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows[2:]:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            number = cell_text(row.cells[0])
            if not number:
                continue  # a connector band
            step = unit.sop.langkah[int(number) - 1]
            texts = [cell_text(c).replace("\n", " ") for c in row.cells]
            assert texts[1] == step.kegiatan
            assert step.waktu in texts and " ".join(step.output) in texts
            seen.append(int(number))
        assert round(table.rows[2].height.mm, 1) == round((page.body_top - page.top - sum(layout.header_rows)
                                                           or page.rows[0].h), 1)
    assert seen == list(range(1, len(unit.sop.langkah) + 1))


def test_section_is_landscape_on_the_configured_paper(built: Path, tmp_path: Path) -> None:
    section = Document(str(built / "umum" / "peminjaman-ruang-rapat.docx")).sections[0]
    assert section.orientation == 1 and abs(section.page_width - Mm(297)) < Mm(0.1)
    result = run_cli("build", str(EXAMPLES / "umum" / "peminjaman-ruang-rapat.sop.yaml"), "-o", str(tmp_path),
                     "--format", "docx", "--paper", "F4")
    assert result.exit_code == 0
    f4 = Document(str(tmp_path / "umum" / "peminjaman-ruang-rapat.docx")).sections[0]
    assert abs(f4.page_width - Mm(330)) < Mm(0.1) and abs(f4.page_height - Mm(215)) < Mm(0.1)


def test_command_line_settings_reach_every_worker_over_the_config(tmp_path: Path) -> None:
    """--paper, --lang and --unit are merged into the configuration once: the workers building the
    documents (-j 2, enough SOPs for a pool) read the same settings as the main process."""
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    config = repo / "sopc.toml"
    config.write_text(config.read_text().replace('paper = "A4"', 'paper = "F4"'))
    text = (EXAMPLES / "umum" / "peminjaman-ruang-rapat.sop.yaml").read_text()
    for i in range(10):
        (repo / "umum" / f"salinan-{i}.sop.yaml").write_text(
            text.replace("004/SOP/BU/2024", f"{100 + i}/SOP/BU/2024").replace("Rapat Sekretariat", f"Rapat {i}"))
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "docx", "--paper", "Letter",
                     "--lang", "en", "--unit", "Bagian Umum", "--monev", "-j", "2")
    assert result.exit_code == 0, result.output
    documents = sorted((tmp_path / "out").rglob("*.docx"))
    assert len(documents) == 17  # 16 SOPs and the unit's monev forms, and no manual: --unit does not ask for one
    for path in documents:
        section = Document(str(path)).sections[0]
        assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (279.4, 215.9), path
    assert (tmp_path / "out" / "monev-bagian-umum.docx").exists()
    assert "files written" in result.output
    copy = Document(str(tmp_path / "out" / "umum" / "salinan-3.docx"))
    assert "SOP Number" in [c.text for c in copy.tables[0]._cells]


def _shapes(doc) -> list[tuple[str, str]]:
    """(preset geometry, docPr name) of every drawn shape, in document order."""
    out = []
    for anchor in doc.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"):
        geometry = anchor.find(f".//{A}prstGeom")
        name = anchor.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr").get("name")
        out.append((geometry.get("prst") if geometry is not None else "custom", name))
    return out


def test_one_native_shape_per_symbol_and_lettered_connector_pairs(built: Path) -> None:
    unit = unit_of("perjalanan-dinas")
    shapes = _shapes(Document(str(built / "umum" / "perjalanan-dinas.docx")))
    presets = {"flowChartTerminator": "terminator", "flowChartProcess": "process", "flowChartDecision": "decision"}
    drawn = sorted((int(name.split()[1]), presets[prst]) for prst, name in shapes if prst in presets)
    nodes = sorted((n.step + 1, unit.flow.symbols[n].value) for n in unit.flow.nodes)
    assert drawn == nodes
    connectors = [name.split()[1] for prst, name in shapes if prst == "flowChartOffpageConnector"]
    assert connectors and all(connectors.count(letter) == 2 for letter in connectors)
    arrows = [name for prst, name in shapes if prst == "custom"]
    layout = layout_sop(unit.sop, unit.flow)
    assert len(arrows) == sum(len(p.arrows) for p in layout.pages)


def test_two_builds_give_identical_bytes(built: Path, tmp_path: Path) -> None:
    run_cli("build", str(EXAMPLES), "-o", str(tmp_path), "--format", "docx")
    for docx in built.rglob("*.docx"):
        assert docx.read_bytes() == (tmp_path / docx.relative_to(built)).read_bytes(), docx.name


def test_two_clean_builds_of_the_books_give_identical_bytes(tmp_path: Path) -> None:
    for out in ("one", "two"):
        result = run_cli("build", str(EXAMPLES), "-o", str(tmp_path / out), "--format", "svg", "--manual", "--monev")
        assert result.exit_code == 0, result.output
    for name in ("manual.docx", "monev.docx"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_the_package_is_a_sound_zip_with_fixed_dates(built: Path) -> None:
    import zipfile

    with zipfile.ZipFile(built / "umum" / "pengelolaan-surat-masuk.docx") as package:
        assert package.testzip() is None  # every entry's CRC checks out
        infos = package.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        names = {i.filename for i in infos}
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    # the logo is in the package, typed and related; the template's thumbnail is not (it pictures the template)
    assert "word/media/sopc-logo.png" in names and 'Extension="png"' in types and "media/sopc-logo.png" in rels
    assert not any("thumbnail" in name for name in names)


def test_logo_is_printed_22_mm_high_keeping_its_proportions(built: Path) -> None:
    from docx.image.image import Image

    doc = Document(str(built / "umum" / "pengelolaan-surat-masuk.docx"))
    extent = doc.tables[0].cell(0, 0)._tc.xpath(".//wp:extent")[0]
    cx, cy = int(extent.get("cx")), int(extent.get("cy"))
    image = Image.from_blob((EXAMPLES / "logo-sukamaju.png").read_bytes())
    assert cy == Mm(22) and abs(cx / cy - image.px_width / image.px_height) < 0.01


def test_a_template_edited_between_builds_is_read_again(tmp_path: Path) -> None:
    """A long-running process (`sopc watch`) keeps prepared templates; an edited one must not be stale."""
    repo = _repo_with_template(tmp_path)
    headers = []
    for text in ("Lampiran I", "Lampiran II"):  # the same margins: only the template's page header differs
        template = Document()
        template.sections[0].header.paragraphs[0].text = text
        template.save(str(repo / "kop.docx"))
        assert run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "docx").exit_code == 0
        headers.append(Document(str(tmp_path / "out" / "a.docx")).sections[0].header.paragraphs[0].text)
    assert headers == ["Lampiran I", "Lampiran II"]


def test_document_properties(built: Path) -> None:
    core = Document(str(built / "umum" / "pengelolaan-surat-masuk.docx")).core_properties
    assert (core.title, core.subject) == ("Pengelolaan Surat Masuk", "002/SOP/BU/2024")
    assert core.created.date().isoformat() == "2024-01-10"


def test_english_labels(tmp_path: Path) -> None:
    run_cli("build", str(EXAMPLES / "umum" / "pengelolaan-surat-masuk.sop.yaml"), "-o", str(tmp_path),
            "--format", "docx", "--lang", "en")
    doc = Document(str(tmp_path / "umum" / "pengelolaan-surat-masuk.docx"))
    identity = doc.tables[0]
    assert (cell_text(identity.cell(1, 1)), cell_text(identity.cell(1, 2))) == ("Date Made", "10 January 2024")
    assert "Activity" in [cell_text(c) for c in doc.tables[1].rows[0].cells]


def test_libreoffice_prints_every_page_and_activity(built: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (libreoffice-writer-nogui) and poppler-utils are needed to print to PDF")
    docs = sorted(built.rglob("*.docx"))
    profile = (tmp_path / "profile").as_uri()  # one profile per run: shared profiles lose documents
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, docs)], check=True, capture_output=True, timeout=300)
    for docx in docs:
        unit = unit_of(docx.stem)
        pdf = tmp_path / f"{docx.stem}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages == 1 + len(layout_sop(unit.sop, unit.flow).pages), docx.name
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        printed = [line for page in layout_sop(unit.sop, unit.flow).pages for row in page.rows
                   for line in row.cells["kegiatan"]]
        assert len(printed) >= len(unit.sop.langkah)
        for line in printed:  # every line of every kegiatan, as sopc broke it, is on the paper
            assert " ".join(line.split()) in flat, (docx.name, line)


def _repo_with_template(tmp_path: Path) -> Path:
    """A repository of one SOP whose sopc.toml names `kop.docx` as its reference document (not written here)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    config = (EXAMPLES / "sopc.toml").read_text().replace("[document]\n", "[document]\ntemplate = \"kop.docx\"\n")
    (repo / "sopc.toml").write_text(config)
    (repo / "a.sop.yaml").write_text((EXAMPLES / "umum" / "peminjaman-ruang-rapat.sop.yaml").read_text())
    return repo


def test_a_units_own_template_and_its_margins(tmp_path: Path) -> None:
    repo = _repo_with_template(tmp_path)
    Document().save(str(repo / "kop.docx"))  # python-docx's own: none of sopc's styles, 25.4 mm margins
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "docx")
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "out" / "a.docx"))
    section = doc.sections[0]
    assert abs(section.left_margin - Mm(25.4)) < Mm(0.1) and section.orientation == 1
    assert {"SOP Tabel", "SOP Jangkar"} <= {s.name for s in doc.styles}
    widths = sum(c.width for c in doc.tables[1].rows[2].cells)
    assert abs(widths - (section.page_width - 2 * Mm(25.4))) < Mm(0.5)


def test_a_template_that_is_no_word_document_is_a_configuration_error(tmp_path: Path) -> None:
    repo = _repo_with_template(tmp_path)
    (repo / "kop.docx").write_text("kop surat, bukan dokumen Word")
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "sopc.toml: [document] template: kop.docx bukan dokumen Word" in result.stderr
    assert not (tmp_path / "out").exists()  # found before anything was written


def _repo_with_logo(tmp_path: Path, logo_name: str, logo: bytes | None) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "sopc.toml").write_text((EXAMPLES / "sopc.toml").read_text().replace("logo-sukamaju.png", logo_name))
    (repo / "a.sop.yaml").write_text((EXAMPLES / "umum" / "peminjaman-ruang-rapat.sop.yaml").read_text())
    if logo is not None:
        (repo / logo_name).write_bytes(logo)
    return repo


def test_an_svg_logo_stays_vector_beside_its_png(tmp_path: Path) -> None:
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="120">'
           b'<path d="M5 5 H95 V70 L50 115 L5 70 Z" fill="#166534"/></svg>')
    repo = _repo_with_logo(tmp_path, "lambang.svg", svg)
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "docx")
    assert result.exit_code == 0, result.output
    if "built without it" in result.stderr:
        pytest.skip("no SVG renderer (cairosvg or rsvg-convert) here")
    doc = Document(str(tmp_path / "out" / "a.docx"))
    kop = doc.tables[0].cell(0, 0)._tc
    assert kop.xpath(".//pic:pic") and b"svgBlip" in kop.xml.encode()
    parts = {p.partname for p in doc.part.package.iter_parts()}
    assert "/word/media/sopc-logo.svg" in parts


def test_a_missing_logo_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    repo = _repo_with_logo(tmp_path, "tidak-ada.png", None)
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "docx", "--lang", "en")
    assert result.exit_code == 0 and "tidak-ada.png not found" in result.stderr
    assert not Document(str(tmp_path / "out" / "a.docx")).tables[0].cell(0, 0)._tc.xpath(".//pic:pic")


def test_a_logo_that_is_no_image_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    repo = _repo_with_logo(tmp_path, "lambang.png", b"bukan gambar")
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "docx")
    assert result.exit_code == 0 and "lambang.png bukan gambar PNG atau JPEG" in result.stderr
    assert not Document(str(tmp_path / "out" / "a.docx")).tables[0].cell(0, 0)._tc.xpath(".//pic:pic")


def test_template_syntax_in_a_sop_is_printed_literally(tmp_path: Path) -> None:
    from tests.conftest import compose_sop

    nasty = "Menerima {{ ''.__class__.__mro__ }} {% for x in range(9) %}x{% endfor %} <w:p/>"
    (tmp_path / "x.sop.yaml").write_text(compose_sop(f'langkah:\n  - kegiatan: "{nasty}"\n    pelaksana: a\n'
                                                     "    kelengkapan: B\n    waktu: 5 menit\n    output: O\n"))
    run_cli("build", str(tmp_path), "-o", str(tmp_path / "out"), "--format", "docx")
    doc = Document(str(tmp_path / "out" / "x.docx"))
    assert cell_text(doc.tables[1].rows[2].cells[1]).replace("\n", " ") == nasty


def test_the_template_sandbox_refuses_python_internals() -> None:
    from jinja2.exceptions import SecurityError

    from sopc.texts.labels import environment

    template = environment().from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(SecurityError):
        template.render()


def test_outputs_never_follow_a_link_out_of_the_output_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "umum").symlink_to(outside, target_is_directory=True)
    result = run_cli("build", str(EXAMPLES), "-o", str(out), "--format", "svg", "--lang", "en")
    assert result.exit_code == 2 and "leads outside" in result.stderr and not list(outside.iterdir())


def test_monev_forms_list_every_sop(tmp_path: Path) -> None:
    result = run_cli("build", str(EXAMPLES), "-o", str(tmp_path), "--format", "svg", "--monev")
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "monev.docx"))
    monitoring = doc.tables[0]
    head = [cell_text(c) for c in monitoring.rows[1].cells]
    assert "Berjalan dengan baik" in head and "Tidak berjalan dengan baik" in head
    assert [cell_text(c) for c in monitoring.rows[2].cells] == ["1", "2", "3", "3", "4", "5", "6"]
    listed = [cell_text(row.cells[1]).split("\n")[0] for row in monitoring.rows[3:]]
    assert listed == sorted(unit_of(p.name.removesuffix(".sop.yaml")).sop.nomor for p in EXAMPLES.rglob("*.sop.yaml"))
    checklists = doc.tables[1:]
    assert len(checklists) == len(listed)
    assert [cell_text(r.cells[1]) for r in checklists[0].rows[1:]][0] == "Mampu mendorong peningkatan kinerja"
    assert all(len(t.rows) == 8 for t in checklists)


def test_pdf_needs_libreoffice_and_says_how_to_get_it(tmp_path: Path, monkeypatch) -> None:
    import sopc.backends.pdf as pdf

    monkeypatch.setattr(pdf, "soffice", lambda: None)
    result = run_cli("build", str(EXAMPLES), "-o", str(tmp_path), "--pdf", "--lang", "en")
    assert result.exit_code == 2 and "libreoffice-writer-nogui" in result.stderr and not list(tmp_path.iterdir())


def test_pdf_beside_each_docx(tmp_path: Path) -> None:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed")
    one = EXAMPLES / "umum" / "peminjaman-ruang-rapat.sop.yaml"
    result = run_cli("build", str(one), "-o", str(tmp_path), "--format", "docx", "--pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "umum" / "peminjaman-ruang-rapat.pdf").read_bytes().startswith(b"%PDF")


def test_pdfs_of_same_named_sops_in_two_folders_each_print_their_own(tmp_path: Path) -> None:
    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (libreoffice-writer-nogui) and poppler-utils are needed to print to PDF")
    text = (EXAMPLES / "umum" / "peminjaman-ruang-rapat.sop.yaml").read_text()
    (tmp_path / "repo").mkdir()
    for name in ("sopc.toml", "logo-sukamaju.png"):
        shutil.copy(EXAMPLES / name, tmp_path / "repo" / name)
    for folder, nomor in (("a", "101/SOP/BU/2024"), ("b", "102/SOP/BU/2024"), ("c", "103/SOP/BU/2024")):
        (tmp_path / "repo" / folder).mkdir(parents=True)
        (tmp_path / "repo" / folder / "x.sop.yaml").write_text(text.replace("004/SOP/BU/2024", nomor))
    out = tmp_path / "out"
    result = run_cli("build", str(tmp_path / "repo"), "-o", str(out), "--format", "docx", "--pdf", "-j", "2")
    assert result.exit_code == 0, result.output
    for folder, nomor in (("a", "101/SOP/BU/2024"), ("b", "102/SOP/BU/2024"), ("c", "103/SOP/BU/2024")):
        printed = subprocess.run(["pdftotext", str(out / folder / "x.pdf"), "-"], capture_output=True, text=True,
                                 check=True).stdout
        assert nomor in printed
    assert not [p for p in out.rglob("*.tmp")]  # no temporary file left


def test_the_pdf_of_a_removed_sop_goes_with_its_docx(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    out = tmp_path / "out"
    assert run_cli("build", str(repo), "-o", str(out), "--format", "docx").exit_code == 0
    printed = out / "umum" / "peminjaman-ruang-rapat.pdf"
    printed.write_bytes(b"%PDF-1.4 as --pdf would leave it")
    (repo / "umum" / "peminjaman-ruang-rapat.sop.yaml").unlink()
    assert run_cli("build", str(repo), "-o", str(out), "--format", "docx").exit_code == 0
    assert not printed.exists() and not printed.with_suffix(".docx").exists()
    assert (out / "umum" / "pengelolaan-surat-masuk.docx").exists()


def test_manual_holds_every_sop_in_order_and_a_toc_field(tmp_path: Path) -> None:
    config = (EXAMPLES / "sopc.toml").read_text() + (
        '\n[manual]\nkeputusan = "Keputusan {{ instansi }} tentang {{ sop | length }} SOP"\n'
        'ruang_lingkup = "Bagian Umum"\ndefinisi = { SOP = "Standar Operasional Prosedur" }\n')
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    (repo / "sopc.toml").write_text(config)
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "svg", "--manual")
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "out" / "manual.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    units = [unit_of(p.name.removesuffix(".sop.yaml")) for p in EXAMPLES.rglob("*.sop.yaml")]
    assert headings == [f"{u.sop.nomor} – {u.sop.nama}" for u in sorted(units, key=lambda u: u.sop.nomor)]
    assert any("TOC" in (t.text or "") for t in doc.element.body.iter(qn("w:instrText")))
    decree = f"Keputusan Pemerintah Kabupaten Sukamaju tentang {len(units)} SOP"
    assert decree in [p.text.strip() for p in doc.paragraphs]
    flowchart_pages = sum(len(layout_sop(u.sop, u.flow).pages) for u in units)
    assert len(doc.tables) == 1 + len(units) + flowchart_pages  # definitions, identities, flowchart pages


def test_a_hostile_decree_template_is_refused_not_run(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    (repo / "sopc.toml").write_text((EXAMPLES / "sopc.toml").read_text() + (
        "\n[manual]\nkeputusan = \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"\n"))
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "svg", "--manual")
    assert result.exit_code == 0 and "Traceback" not in result.output
    texts = " ".join(p.text for p in Document(str(tmp_path / "out" / "manual.docx")).paragraphs)
    assert "SecurityError" in texts and "subclasses" not in texts.split("SecurityError")[0]


def test_drawing_ids_are_unique_in_a_manual(tmp_path: Path) -> None:
    run_cli("build", str(EXAMPLES), "-o", str(tmp_path), "--format", "svg", "--manual")
    doc = Document(str(tmp_path / "manual.docx"))
    ids = [int(x) for x in doc.element.body.xpath(".//wp:docPr/@id")]
    assert len(ids) > 100 and len(ids) == len(set(ids))


def _manual_bytes(out: Path) -> bytes:
    return (out / "manual.docx").read_bytes()


def test_the_manual_is_the_same_whoever_makes_its_sections(tmp_path: Path) -> None:
    """Sections are made with the SOPs' documents, in the manual's own workers, or here: one book."""
    from tests.test_import import _generated

    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    for n in range(1, 11):  # enough SOPs for worker processes
        (repo / "umum" / f"uji-{n:02d}.sop.yaml").write_text(_generated(n, 12 + n), encoding="utf-8")
    fresh = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        assert run_cli("build", str(repo), "-o", str(out), "--format", "svg", "--manual", "-j", jobs).exit_code == 0
        fresh[jobs] = _manual_bytes(out)
    assert fresh["1"] == fresh["2"]
    later = tmp_path / "later"  # the SOPs' documents first, the manual later: every section made then
    assert run_cli("build", str(repo), "-o", str(later), "--format", "svg", "-j", "2").exit_code == 0
    assert run_cli("build", str(repo), "-o", str(later), "--format", "svg", "--manual", "-j", "2").exit_code == 0
    assert _manual_bytes(later) == fresh["1"]
    edited = repo / "umum" / "uji-03.sop.yaml"  # one SOP changed: its section new, the others made apart
    edited.write_text(edited.read_text(encoding="utf-8").replace("Langkah", "Tahap"), encoding="utf-8")
    assert run_cli("build", str(repo), "-o", str(later), "--format", "svg", "--manual", "-j", "2").exit_code == 0
    assert run_cli("build", str(repo), "-o", str(tmp_path / "again"), "--format", "svg", "--manual",
                   "-j", "1").exit_code == 0
    assert _manual_bytes(later) == _manual_bytes(tmp_path / "again") != fresh["1"]
    doc = Document(str(later / "manual.docx"))
    ids = [int(x) for x in doc.element.body.xpath(".//wp:docPr/@id")]
    assert len(ids) == len(set(ids)) and "Prosedur Uji 3 dengan 15 Tahap" in "".join(p.text for p in doc.paragraphs)


def test_a_flowchart_written_again_from_the_same_layout_is_the_same_numbered_otherwise() -> None:
    from sopc.backends.docx import flowtable

    unit = unit_of("perjalanan-dinas")
    layout = layout_sop(unit.sop, unit.flow)
    document, after = flowtable.flowchart_xml(layout, 1000)  # the SOP's own DOCX, then its section of the manual
    assert flowtable.flowchart_xml(layout, 1) == flowtable._flowchart_xml(layout, 1)
    assert (document, after) == flowtable._flowchart_xml(layout, 1000)


def test_a_sections_drawings_are_renumbered_and_nothing_else() -> None:
    from sopc.backends.docx.ooxml import Drawing, shift_ids
    from sopc.layout.geometry import Box, Point

    drawing = Drawing(Point(0, 0), 0)
    text = 'teks <wp:docPr id="1" name="x 1"/> simplePos="0" relativeHeight="5"'
    xml = (drawing.shape("process", Box(0, 0, 10, 10), name="Proses 2")
           + drawing.label(Box(0, 0, 10, 10), (text,), 8.0)).encode()
    shifted = shift_ids(xml, 40).decode()
    assert re.findall(r'<wp:docPr id="(\d+)" name="[^"]* (\d+)"/>', shifted) == [("40", "40"), ("41", "41")]
    assert re.findall(r'relativeHeight="(\d+)" behindDoc', shifted) == [str(251659264 + 40), str(251659264 + 41)]
    assert 'teks &lt;wp:docPr id="1" name="x 1"/&gt; simplePos="0" relativeHeight="5"' in shifted  # as it was
    assert shift_ids(xml, 0) == xml


def test_monev_forms_follow_the_paper(tmp_path: Path) -> None:
    result = run_cli("build", str(EXAMPLES), "-o", str(tmp_path), "--format", "svg", "--monev", "--paper", "Letter")
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "monev.docx"))
    section = doc.sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (279.4, 215.9)  # landscape
    table_width = sum(column.width for column in doc.tables[0].columns) / 36000  # EMU -> mm
    assert table_width == pytest.approx(279.4 - section.left_margin.mm - section.right_margin.mm, abs=2)


def test_manual_and_monev_of_a_chosen_unit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    for source in (repo / "arsip").glob("*.sop.yaml"):
        source.write_text(source.read_text() + "\nunit: [Sekretariat Daerah, Bagian Arsip]\n")
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "svg", "--manual", "--monev",
                     "--unit", " bagian  ARSIP")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "out" / "manual.docx").exists()
    doc = Document(str(tmp_path / "out" / "manual-bagian-arsip.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    arsip = sorted((unit_of(p.name.removesuffix(".sop.yaml")).sop for p in (EXAMPLES / "arsip").glob("*.sop.yaml")),
                   key=lambda s: s.nomor)
    assert headings == [f"{s.nomor} – {s.nama}" for s in arsip]
    cover = doc.paragraphs[0].text.split("\n")
    assert "BAGIAN ARSIP" in cover and "BAGIAN UMUM" not in cover
    form = Document(str(tmp_path / "out" / "monev-bagian-arsip.docx"))
    listed = " ".join(c.text for t in form.tables for row in t.rows for c in row.cells)
    assert all(s.nama in listed for s in arsip) and "Peminjaman Ruang Rapat" not in listed
    missing = run_cli("build", str(repo), "-o", str(tmp_path / "o2"), "--format", "svg", "--manual",
                      "--unit", "Dinas X")
    assert missing.exit_code == 0 and "Dinas X" in missing.output
    assert not list((tmp_path / "o2").glob("manual*.docx"))


def test_a_manual_section_in_the_config_asks_for_the_manual_and_may_choose_the_unit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    plain = run_cli("build", str(repo), "-o", str(tmp_path / "o1"), "--format", "svg")
    assert plain.exit_code == 0 and not list((tmp_path / "o1").glob("manual*"))  # no section, no flag: none
    config = repo / "sopc.toml"
    config.write_text(config.read_text() + '\n[manual]\nunit = "Bagian Umum"\n')
    result = run_cli("build", str(repo), "-o", str(tmp_path / "o2"), "--format", "svg")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "o2").glob("manual*")] == ["manual-bagian-umum.docx"]
    config.write_text(config.read_text().replace('unit = "Bagian Umum"', 'unit = "---"'))
    refused = run_cli("build", str(repo), "-o", str(tmp_path / "o3"), "--format", "svg")
    assert refused.exit_code == 2 and "letters or digits" in refused.stderr


def test_the_manuals_map_holds_only_sops_that_relate(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    run_cli("build", str(repo), "-o", str(tmp_path / "all"), "--format", "svg", "--manual")
    texts = [p.text for p in Document(str(tmp_path / "all" / "manual.docx")).paragraphs]
    assert "PETA KETERKAITAN SOP" in texts  # the examples link to one another
    for name in ("arsip", "umum"):
        shutil.rmtree(repo / name)
    (repo / "a.sop.yaml").write_text((EXAMPLES / "umum" / "peminjaman-ruang-rapat.sop.yaml").read_text())
    result = run_cli("build", str(repo), "-o", str(tmp_path / "one"), "--format", "svg", "--manual")
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "one" / "manual.docx"))
    assert "PETA KETERKAITAN SOP" not in [p.text for p in doc.paragraphs]  # one SOP relates to nothing
    assert not any(r.reltype.endswith("/image") and "peta" in r.target_ref for r in doc.part.rels.values())


def test_the_document_says_sopc_made_it(built: Path) -> None:
    import zipfile

    with zipfile.ZipFile(built / "umum" / "pengelolaan-surat-masuk.docx") as z:
        app = z.read("docProps/app.xml").decode()
    assert "<Application>sopc " in app and "Word" not in app
