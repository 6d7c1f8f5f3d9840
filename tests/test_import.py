"""`sopc import`: documents back to sources. A round trip — every example built to DOCX (and to PDF),
imported back — gives the same SOP: identity, steps, actors per step, symbols, decisions with
their targets and labels, texts on arrows and in symbols."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from sopc.config import find_config, load_config
from sopc.flow import build_flow
from sopc.importer import import_document
from sopc.lint.run import load_unit
from sopc.model.sop import Sop
from sopc.model.validate import validate
from sopc.source.loader import load_bytes
from tests.conftest import run_cli
from tests.foreign import ACTORS, DECISION, INSIDE, STEPS, Variant, make

EXAMPLES = Path(__file__).parents[1] / "examples"
SOURCES = sorted(EXAMPLES.rglob("*.sop.yaml"))
IDENTITY = ("nomor", "nama", "instansi", "unit", "tanggal", "disahkan_oleh", "dasar_hukum", "kualifikasi_pelaksana",
            "keterkaitan", "peralatan", "peringatan", "pencatatan")


def model(text: str, defaults: dict) -> Sop:
    source, problems = load_bytes(text.encode("utf-8"), "imported.sop.yaml")
    assert source is not None, [p.message for p in problems]
    sop, found = validate(source, defaults, "id")
    assert sop is not None, [p.message for p in found]
    return sop


def printed(sop: Sop) -> list[tuple]:
    """What a document shows of each step: its texts, its actors by name, its symbol, every arrow
    leaving it (kind, target step and actor, label) and the texts inside its symbols."""
    names = {a.id: a.nama for a in sop.pelaksana}
    flow = build_flow(sop)
    out = []
    for i, step in enumerate(sop.langkah):
        arrows = sorted((e.kind.value, e.dst.step, names.get(e.src.lane or ""), names.get(e.dst.lane or ""),
                         e.label or "") for e in flow.edges if e.src.step == i)
        inside = sorted((names.get(n.lane or ""), t) for n, t in flow.texts.items() if n.step == i)
        actors = [names[lane.id] for lane in step.pelaksana]  # side by side, the page shows no order
        out.append((step.kegiatan, step.kelengkapan, step.waktu, step.output, step.keterangan,
                    tuple(actors if step.berurutan else sorted(actors)), flow.step_symbol(i).value, arrows, inside))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    assert run_cli("build", str(EXAMPLES), "-o", str(out), "--format", "docx").exit_code == 0
    return out


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_example_comes_back_from_its_documents(request: pytest.FixtureRequest, source: Path,
                                                     suffix: str) -> None:
    """From its DOCX, and from LibreOffice's PDF of it (rules, symbols and arrows as vector paths,
    the text as words)."""
    folder = request.getfixturevalue("built" if suffix == ".docx" else "printed_pdfs")
    config = load_config(find_config(source))
    unit = load_unit(source, config, "id")[0]
    assert unit is not None
    document = folder / source.relative_to(EXAMPLES).with_suffix("").with_suffix(suffix)
    [imported] = import_document(document, dict(config.settings.defaults))
    back = model(imported.text, dict(config.settings.defaults))
    for key in IDENTITY:
        assert getattr(back, key) == getattr(unit.sop, key), key
    assert printed(back) == printed(unit.sop)
    assert [a.nama for a in back.pelaksana] == [a.nama for a in unit.sop.pelaksana]


def test_values_the_repository_gives_every_sop_are_left_out(built: Path) -> None:
    config = load_config(find_config(EXAMPLES))
    [imported] = import_document(built / "umum" / "perjalanan-dinas.docx", dict(config.settings.defaults))
    assert "instansi:" not in imported.text and "Sekretariat Daerah" not in imported.text.split("pelaksana:")[0]
    [alone] = import_document(built / "umum" / "perjalanan-dinas.docx", {})
    assert "instansi: Pemerintah Kabupaten Sukamaju" in alone.text
    assert "# import: dicetak dalam huruf kapital" in alone.text  # the kop prints capitals: its case is a guess


def test_the_command_writes_one_source_per_sop_and_never_overwrites(built: Path, tmp_path: Path) -> None:
    docs = [str(built / "umum" / "perjalanan-dinas.docx"), str(built / "arsip" / "penyusutan-arsip.docx")]
    result = run_cli("import", *docs, "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.glob("*.sop.yaml"))
    assert written == ["pelaksanaan-dan-pertanggungjawaban-perjalanan-dinas.sop.yaml",
                       "penyusutan-arsip-inaktif.sop.yaml"]
    assert "27 langkah, 6 pelaksana" in result.output
    lint = run_cli("lint", str(tmp_path), "--format", "json")
    assert '"severity": "error"' not in lint.stdout, lint.stdout
    target = tmp_path / written[0]
    target.write_text("# disunting\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    again = run_cli("import", docs[0], "-o", str(tmp_path))
    assert again.exit_code == 1 and "sudah ada; tidak ditimpa" in again.stderr
    assert target.read_text(encoding="utf-8").startswith("# disunting")
    forced = run_cli("import", docs[0], "-o", str(tmp_path), "--force")
    assert forced.exit_code == 0 and not target.read_text(encoding="utf-8").startswith("# disunting")


def test_what_is_no_sop_is_named_with_exit_1_never_a_traceback(tmp_path: Path) -> None:
    letter = tmp_path / "surat.docx"
    doc = Document()
    doc.add_paragraph("Dengan hormat, bersama ini kami sampaikan undangan rapat.")
    doc.add_table(rows=2, cols=2).cell(0, 0).text = "Hari"
    doc.save(str(letter))
    protected = tmp_path / "terkunci.docx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # how Word saves an encrypted file
    broken = tmp_path / "rusak.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    text = tmp_path / "catatan.txt"
    text.write_text("bukan dokumen")
    scan = tmp_path / "pindaian.pdf"
    from PIL import Image

    Image.new("RGB", (800, 600), "white").save(scan)  # a page that is a picture: no text to read
    broken_pdf = tmp_path / "rusak.pdf"
    broken_pdf.write_bytes(b"%PDF-1.4\nnot really a PDF")
    for path, says in ((letter, "tidak memuat SOP AP"), (protected, "dilindungi kata sandi"),
                       (broken, "bukan dokumen Word (.docx) yang utuh"), (text, "hanya .docx dan .pdf"),
                       (scan, "hasil pindaian (tanpa teks)"), (broken_pdf, "bukan PDF yang utuh")):
        result = run_cli("import", str(path), "-o", str(tmp_path / "out"))
        assert result.exit_code == 1 and says in result.stderr, (path.name, result.output)
        assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_manual_gives_one_source_per_sop(tmp_path: Path) -> None:
    assert run_cli("build", str(EXAMPLES), "-o", str(tmp_path / "b"), "--format", "svg", "--manual").exit_code == 0
    found = import_document(tmp_path / "b" / "manual.docx", {})
    assert sorted(i.nomor for i in found) == sorted(load_unit(s, load_config(find_config(s)), "id")[0].sop.nomor
                                                    for s in SOURCES)
    assert all(i.steps > 0 for i in found)



@pytest.fixture(scope="module")
def printed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sopc.backends.pdf import soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: apt install libreoffice-writer-nogui); .ci/run installs it")
    out = tmp_path_factory.mktemp("pdf")
    result = run_cli("build", str(EXAMPLES), "-o", str(out), "--format", "docx", "--pdf")
    assert result.exit_code == 0, result.output
    return out


# --- documents made in Word, not by sopc --------------------------------------------------------

VARIANTS = {
    "cell-a4-continued": Variant("cell", "A4", continued=True),
    "vml-letter": Variant("vml", "Letter"),
    "floating-a4": Variant("floating", "A4"),
    "inline-letter": Variant("inline", "Letter"),
    "picture-a4": Variant("cell", "A4", picture=1),  # step 2's symbol a pasted PNG
}


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("foreign")
    for name, variant in VARIANTS.items():
        make(folder / f"{name}.docx", variant)
    return folder


def _check_foreign(path: Path, name: str, arrows: bool) -> None:
    [imported] = import_document(path, {})
    sop = model(imported.text, {})
    assert (sop.nomor, sop.nama) == ("012/SOP/DPMPTSP/2025", "Pelayanan Izin Usaha Mikro")
    assert (str(sop.tanggal.pembuatan), sop.tanggal.revisi, str(sop.tanggal.efektif)) == ("2025-06-02", None,
                                                                                          "2025-06-16")
    assert sop.disahkan_oleh.nip is not None and sop.disahkan_oleh.nip.replace(" ", "") == "197503121998031004"
    assert sop.disahkan_oleh.nama == "Drs. Ahmad Fauzi, M.Si."
    assert (sop.instansi, sop.unit) == ("Pemerintah Kota Contoh",
                                        ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",))
    assert sop.dasar_hukum[1] == "Peraturan Wali Kota Contoh Nomor 12 Tahun 2023" and sop.keterkaitan == ()
    assert [a.nama for a in sop.pelaksana] == ACTORS
    names = {a.id: a.nama for a in sop.pelaksana}
    for step, (kegiatan, lanes, _, kelengkapan, waktu, output) in zip(sop.langkah, STEPS, strict=True):
        assert (step.kegiatan, step.kelengkapan, step.waktu, step.output) == (kegiatan, tuple(kelengkapan), waktu,
                                                                               (output,)), name
        assert [names[lane.id] for lane in step.pelaksana] == [ACTORS[i] for i in lanes], name
    if VARIANTS[name].shapes == "cell" and VARIANTS[name].picture is None:  # typed inside a symbol: its `teks`
        assert {i: sop.langkah[i].teks for i in INSIDE} == INSIDE, name
    decision = sop.langkah[DECISION[0]].keputusan
    assert decision is not None
    if arrows:
        assert decision.tidak == DECISION[1] + 1 and decision.label == (DECISION[2], DECISION[3]), name
        steps_text = imported.text.split("langkah:")[1]
        comments = [line for line in steps_text.splitlines() if line.startswith("  # import:")]
        assert comments == (["  # import: simbolnya sebuah gambar: dibaca sebagai proses; periksa jenisnya"]
                            if VARIANTS[name].picture is not None else []), name
    else:  # nothing to follow: the default flow, and comments saying what to check
        assert "alur diteruskan ke langkah berikutnya" in imported.text
    if VARIANTS[name].picture is not None:  # where the picture stands says whose step it is; its kind is guessed
        assert "simbolnya sebuah gambar" in imported.text


@pytest.mark.parametrize("name", VARIANTS)
def test_a_word_made_sop_imports_from_its_docx(foreign: Path, name: str) -> None:
    _check_foreign(foreign / f"{name}.docx", name, arrows=VARIANTS[name].shapes != "inline")


@pytest.mark.parametrize("name", VARIANTS)
def test_a_word_made_sop_imports_from_its_pdf(foreign: Path, name: str, tmp_path: Path) -> None:
    from sopc.backends.pdf import soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: apt install libreoffice-writer-nogui); .ci/run installs it")
    import subprocess

    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(foreign / f"{name}.docx")], check=True, capture_output=True,
                   timeout=120)
    # LibreOffice draws these VML lines without their horizontal runs: the arrows cannot be followed there
    _check_foreign(tmp_path / f"{name}.pdf", name, arrows=VARIANTS[name].shapes not in ("inline", "vml"))


@pytest.mark.parametrize("name", VARIANTS)
def test_imported_word_sops_lint_with_no_error(foreign: Path, tmp_path: Path, name: str) -> None:
    result = run_cli("import", str(foreign / f"{name}.docx"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    import json

    errors = {f["code"] for f in json.loads(run_cli("lint", str(tmp_path), "--format", "json").stdout)
              if f["severity"] == "error"}
    # only what the document lacks: with no arrows drawn, the decision's `tidak` (AL01)
    assert errors == ({"AL01"} if VARIANTS[name].shapes == "inline" else set())


def test_a_pdf_locked_with_a_password_is_named(built: Path, tmp_path: Path) -> None:
    from sopc.backends.pdf import soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed (Debian: apt install libreoffice-writer-nogui); .ci/run installs it")
    import subprocess

    locked = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
              '"DocumentOpenPassword":{"type":"string","value":"rahasia"}}')
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    locked, "--outdir", str(tmp_path), str(built / "umum" / "peminjaman-ruang-rapat.docx")],
                   check=True, capture_output=True, timeout=120)
    result = run_cli("import", str(tmp_path / "peminjaman-ruang-rapat.pdf"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "dilindungi kata sandi" in result.stderr, result.output


def _generated(n: int, steps: int) -> str:
    """A SOP of `steps` rows over five actors: rows done by two actors side by side, decisions with
    their own labels looping back, a jump forward, texts on arrows — over several pages."""
    actors = ["pemohon", "petugas", "verifikator", "kasi", "kabid"]
    lines = [f"sopc: 1\nnomor: {n:03d}/SOP/GEN/2025\nnama: Prosedur Uji {n} dengan {steps} Langkah\n"
             "instansi: Pemerintah Kota Uji\nunit: [Dinas Uji, Bidang Pelayanan]\njenis: administratif\n"
             "tanggal: {pembuatan: 2025-01-06, revisi: '-', efektif: 2025-02-03}\n"
             "disahkan_oleh: {jabatan: Kepala Dinas Uji, nama: 'Dr. Budi Santoso, M.Si.',\n"
             "                nip: '19700101 199503 1 002'}\n"
             "dasar_hukum: [Peraturan Daerah Nomor 1 Tahun 2020, Peraturan Wali Kota Nomor 2 Tahun 2021]\n"
             "kualifikasi_pelaksana: [Memahami tata naskah dinas]\nketerkaitan: '-'\nperalatan: [Komputer]\n"
             "peringatan: '-'\npencatatan: [Buku agenda]\n"
             "pelaksana:\n" + "".join(f"  - {{id: {a}, nama: {a.capitalize()} Bidang}}\n" for a in actors) +
             "langkah:\n"]
    for i in range(steps):
        lane = actors[(i * 2) % 5]
        step = [f"  - kegiatan: Memproses berkas tahap {i + 1} sesuai ketentuan\n"]
        shared = i % 7 == 5 and 0 < i < steps - 1 and i % 6 != 3 and i % 11 != 8  # a decision has one actor
        if shared:
            step.append(f"    pelaksana: [{lane}, {actors[(i * 2 + 1) % 5]}]\n")
        else:
            step.append(f"    pelaksana: {lane}\n")
        step.append(f"    kelengkapan: [Berkas tahap {i}, Formulir isian]\n    waktu: {5 + i} menit\n"
                    f"    output: Berkas tahap {i + 1}\n")
        if i % 6 == 3 and i < steps - 1:  # back to the step before the one before
            step.append(f"    keputusan: {{pertanyaan: Sesuai?, label: [Sesuai, Perlu perbaikan], tidak: {i - 1}}}\n")
        elif i % 11 == 8 and i + 3 <= steps:  # on past the next step
            step.append(f"    keputusan: {{label: [Lengkap, Tidak lengkap], tidak: {i + 3}}}\n")
        elif i % 9 == 1:
            step.append("    label: Diteruskan\n")
        lines.append("".join(step))
    return "".join(lines)


@pytest.mark.parametrize("steps", [15, 40])
def test_a_generated_corpus_comes_back_from_docx_and_pdf(tmp_path: Path, steps: int) -> None:
    from sopc.backends.pdf import soffice

    repo = tmp_path / "repo"
    repo.mkdir()
    sources = [repo / f"uji-{n}.sop.yaml" for n in (1, 2)]
    for n, source in enumerate(sources, 1):
        source.write_text(_generated(n, steps + n), encoding="utf-8")
    formats = ["--format", "docx"] + (["--pdf"] if soffice() is not None else [])
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), *formats)
    assert result.exit_code == 0, result.output
    for source in sources:
        want = model(source.read_text(encoding="utf-8"), {})
        for suffix in (".docx", ".pdf") if soffice() is not None else (".docx",):
            [imported] = import_document(tmp_path / "out" / f"{source.name.removesuffix('.sop.yaml')}{suffix}", {})
            back = model(imported.text, {})
            for key in IDENTITY:
                assert getattr(back, key) == getattr(want, key), (source.name, suffix, key)
            assert printed(back) == printed(want), (source.name, suffix)


def _word_export_pdf(path: Path) -> None:
    """A one-page PDF drawn as Word exports one: every table border a thin filled rectangle, the
    symbols stroked paths, each arrow a line and a filled triangle, a signature footer below."""
    ops: list[str] = []
    texts: list[tuple[float, float, str]] = []
    xs = [40, 70, 250, 350, 450, 540, 600, 680, 760]  # No, Kegiatan, 3 lanes, Input, Waktu, Output, end
    ys = [520, 500, 440, 380, 320]  # top to bottom: the header, then three steps (PDF counts y upwards)
    for x in xs:
        ops.append(f"{x - 0.25} {ys[-1]} 0.5 {ys[0] - ys[-1]} re f")
    for y in ys:
        ops.append(f"{xs[0]} {y - 0.25} {xs[-1] - xs[0]} 0.5 re f")
    for x, title in zip(xs, ["No", "Kegiatan", "Pemohon", "Petugas", "Kepala Seksi", "Input", "Waktu", "Output"],
                        strict=False):
        texts.append((x + 3, 507, title))
    rows = [("1", "Mengajukan permohonan", "Formulir", "5 menit", "Berkas"),
            ("2", "Memeriksa berkas", "Berkas", "10 menit", "Berkas terperiksa"),
            ("3", "Menandatangani izin", "Konsep izin", "1 hari", "Izin")]
    for (number, kegiatan, masuk, waktu, keluar), top in zip(rows, ys[1:], strict=False):
        for x, text in zip([xs[0], xs[1], xs[5], xs[6], xs[7]], [number, kegiatan, masuk, waktu, keluar], strict=True):
            texts.append((x + 3, top - 12, text))
    ops.append("270 470 40 20 re S")  # step 1: a process in Pemohon's lane
    ops.append("400 400 m 420 410 l 400 420 l 380 410 l h S")  # step 2: a decision in Petugas's lane
    ops.append("470 340 40 20 re S")  # step 3: a process in Kepala Seksi's lane
    ops.append("290 470 m 290 440 l 400 440 l 400 426 l S")  # 1 -> 2
    ops.append("396 426 m 404 426 l 400 420 l h f")
    ops.append("420 410 m 455 410 l S")  # 2 -> 3, its exit labelled, drawn as three strokes, one backwards
    ops.append("490 410 m 455 410 l S")
    ops.append("490 410 m 490 366 l S")
    ops.append("486 366 m 494 366 l 490 360 l h f")
    ops.append("380 410 m 290 410 l 290 484 l S")  # 2 -> 1 back, its exit labelled
    ops.append("286 484 m 294 484 l 290 490 l h f")
    texts += [(425, 414, "Lengkap"), (330, 414, "Tidak lengkap"),
              (40, 40, "Dokumen ini ditandatangani secara elektronik")]
    for x, y, text in texts:
        ops.append(f"BT /F1 8 Tf {x} {y} Td ({text}) Tj ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)


def test_a_pdf_with_borders_drawn_as_thin_rectangles(tmp_path: Path) -> None:
    """As Word exports a table: no stroked rule at all, only thin filled rectangles."""
    pdf = tmp_path / "ekspor-word.pdf"
    _word_export_pdf(pdf)
    [imported] = import_document(pdf, {})
    assert "identitas" in imported.missing  # only the flowchart was drawn
    text = imported.text.split("langkah:")[1]
    for expected in ("kegiatan: Mengajukan permohonan\n    pelaksana: pemohon",
                     "kegiatan: Memeriksa berkas\n    pelaksana: petugas",
                     "kegiatan: Menandatangani izin\n    pelaksana: kepala-seksi",
                     "label: [Lengkap, Tidak lengkap]", "tidak: 1"):
        assert expected in text, text
    assert "ditandatangani secara elektronik" not in imported.text  # the footer is no part of the SOP


def test_forms_that_word_their_heads_otherwise() -> None:
    """Heads as units print them: `Persyaratan/Kelengkapan`, `Waktu Penyelesaian`, `Output/Hasil`,
    `Ket.`, `Uraian Kegiatan`; an identity with a column of colons between label and value."""
    from sopc.importer.flowchart import read_flowchart
    from sopc.importer.identity import read_identity
    from sopc.importer.page import Cell, Row, Table

    def row(*texts: str) -> Row:
        return Row([Cell([[t]] if t else [], i) for i, t in enumerate(texts)])

    heads = ["NO.", "URAIAN KEGIATAN", "Pemohon", "Petugas", "Persyaratan/Kelengkapan", "Waktu Penyelesaian",
             "Output/Hasil", "Ket."]
    numbers = [str(n) for n in range(1, 9)]  # a row numbering the columns, as some forms print
    table = Table([row(*heads), row(*numbers),
                   row("1.", "Mengajukan permohonan", "", "", "Formulir", "5 menit", "Berkas", "")],
                  [10.0, 50.0, 30.0, 30.0, 30.0, 20.0, 30.0, 20.0])
    [step] = read_flowchart([table]).steps
    assert (step.kegiatan, step.kelengkapan, step.waktu, step.output) == ("Mengajukan permohonan", ["Formulir"],
                                                                          "5 menit", ["Berkas"])
    assert read_flowchart([table]).lanes == ["Pemohon", "Petugas"]
    identity = Table([row("NOMOR SOP", ":", "001/SOP/X/2025"), row("TGL. EFEKTIF", "", ": 2 Juni 2025"),
                      row("NAMA SOP", ":", "Pelayanan Izin")], [40.0, 5.0, 80.0])
    identity.rows += [row("DASAR HUKUM :", "", "KETERKAITAN :"),  # the items in the row below their label
                      row("1. Undang-Undang Nomor 25 Tahun 2009", "", "-")]
    found = read_identity(identity)
    assert (found.values["nomor"], found.values["nama"], str(found.values["efektif"])) == (
        "001/SOP/X/2025", "Pelayanan Izin", "2025-06-02")
    assert found.values["dasar_hukum"] == ["Undang-Undang Nomor 25 Tahun 2009"]
    assert found.values["keterkaitan"] == []
