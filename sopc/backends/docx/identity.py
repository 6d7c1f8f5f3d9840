"""The identity table (Bagian Identitas) in the regulation's layout, as real ministries print it.

Left: logo, INSTANSI in bold capitals and the unit lines, spanning six rows on the right (Nomor,
Tanggal Pembuatan, Revisi, Efektif, Disahkan oleh, Nama SOP); then three two-column rows.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Mm

from sopc.backends.docx.document import fixed_table, keep_row_whole, row_cells, valign, write_lines
from sopc.backends.docx.ooxml import add_svg_to_picture
from sopc.labels import labels, long_date, nip_grouped
from sopc.model.sop import Sop

LOGO_HEIGHT_MM = 22.0
SIGNATURE_LINES = 3  # blank lines left for the signature (or the TTE QR code) and the stamp


Logo = tuple[bytes, "bytes | None"]  # the raster image, and the SVG original if the logo is SVG


def add_identity(doc: DocumentObject, sop: Sop, width: float, lang: str, numbers: Mapping[str, str],
                 logo: Logo | None) -> None:
    """Append the identity table. `numbers` maps the repository's SOP numbers to their names."""
    text = labels(lang)
    widths = [width * 0.5, width * 0.16, width * 0.34]
    table = fixed_table(doc, rows=9, widths=widths)
    # merge first, then reach the cells through each row's XML: python-docx's table.cell()
    # re-reads the whole grid on every call
    kop = table.cell(0, 0).merge(table.cell(5, 0))
    for i in range(6, 9):
        table.cell(i, 1).merge(table.cell(i, 2))
    _kop(kop, sop, logo)
    tanggal = sop.tanggal
    rows = [
        (text["nomor"], [sop.nomor]),
        (text["tanggal_pembuatan"], [long_date(tanggal.pembuatan, lang)]),
        (text["tanggal_revisi"], [long_date(tanggal.revisi, lang) if tanggal.revisi else "-"]),
        (text["tanggal_efektif"], [long_date(tanggal.efektif, lang)]),
        (text["disahkan_oleh"], _pengesahan(sop, text)),
        (text["nama_sop"], [sop.nama]),
    ]
    for i, (label, value) in enumerate(rows):
        _, label_cell, value_cell = row_cells(table.rows[i])  # column 0 continues the merged kop
        write_lines(label_cell, [label], "SOP Identitas Label", space_before_mm=0.8)
        write_lines(value_cell, value, "SOP Identitas", space_before_mm=0.8)
        valign(label_cell, "top")
    pairs = [("dasar_hukum", sop.dasar_hukum, "kualifikasi_pelaksana", sop.kualifikasi_pelaksana),
             ("keterkaitan", tuple(_link(item, numbers) for item in sop.keterkaitan),
              "peralatan", sop.peralatan),
             ("peringatan", sop.peringatan, "pencatatan", sop.pencatatan)]
    for i, (left_key, left, right_key, right) in enumerate(pairs, start=6):
        left_cell, right_cell = row_cells(table.rows[i])
        for cell, key, items in ((left_cell, left_key, left), (right_cell, right_key, right)):
            write_lines(cell, [text[key], *numbered(items)], "SOP Identitas", space_before_mm=0.8)
            cell.paragraphs[0].runs[0].bold = True
    for row in table.rows:
        keep_row_whole(row)


def numbered(items: tuple[str, ...]) -> list[str]:
    """`1. ...`, `2. ...` for several items, the item alone for one, `-` for none."""
    if not items:
        return ["-"]
    if len(items) == 1:
        return [items[0]]
    return [f"{n}. {item}" for n, item in enumerate(items, start=1)]


def _link(item: str, numbers: Mapping[str, str]) -> str:
    """A keterkaitan that names a SOP of the repository, printed `nomor – nama`."""
    return f"{item} – {numbers[item]}" if item in numbers else item


def _pengesahan(sop: Sop, text: Mapping[str, str]) -> list[str]:
    signer = sop.disahkan_oleh
    lines = [signer.jabatan, *([""] * SIGNATURE_LINES), signer.nama]
    if signer.nip:
        lines.append(f"{text['nip']} {nip_grouped(signer.nip)}")
    return lines


def _kop(cell, sop: Sop, logo: Logo | None) -> None:
    """Logo, INSTANSI (bold capitals) and the unit lines, centred in the big left cell."""
    valign(cell, "center")
    paragraph = cell.paragraphs[0]
    paragraph.style = "SOP Kop"
    if logo is not None:
        _add_logo(paragraph, logo)
        paragraph.add_run().add_break()
    paragraph.add_run(sop.instansi.upper()).bold = True
    for line in sop.unit:
        paragraph.add_run().add_break()
        paragraph.add_run(line.upper()).bold = False


def _add_logo(paragraph, logo: Logo) -> None:
    png, svg = logo
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png), height=Mm(LOGO_HEIGHT_MM))
    if svg is not None:
        part = Part(PackURI("/word/media/sopc-logo.svg"), "image/svg+xml", svg, paragraph.part.package)
        add_svg_to_picture(run._r, paragraph.part.relate_to(part, RT.IMAGE))
