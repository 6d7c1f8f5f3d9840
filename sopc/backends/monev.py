"""The monitoring and evaluation forms of Permenpan-RB 35/2012 for a repository's SOPs.

Tabel 7 "Monitoring Pelaksanaan SOP AP" (No, Prosedur, Penilaian terhadap penerapan: Berjalan
dengan baik / Tidak berjalan dengan baik, Catatan hasil penilaian, Tindakan yang harus diambil,
Paraf penilai), filled in every six months; then the evaluation checklist of the seven criteria,
Ya/Tidak per SOP. Blank forms to print, one row or block per SOP in nomor order.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from sopc.backends.docx.document import (
    deterministic_zip,
    exact_height,
    fixed_table,
    keep_row_whole,
    open_reference,
    row_cells,
    shade,
    valign,
    write_lines,
)
from sopc.labels import labels

CHECKBOX = "☐"
CRITERIA = 7


def monev_docx(sops: Sequence[tuple[str, str]], instansi: str, unit: Sequence[str], lang: str = "id",
               template: Path | None = None) -> bytes:
    """The forms for `sops` ((nomor, nama) pairs), headed by the unit's name."""
    doc = open_reference(template)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    width = 297 - (section.left_margin or Mm(12)).mm - (section.right_margin or Mm(12)).mm
    text = labels(lang)
    ordered = sorted(sops)
    _heading(doc, [text["monev_judul"], instansi.upper(), *[u.upper() for u in unit]])
    _monitoring(doc, ordered, width, text)
    doc.add_paragraph(style="SOP Identitas")
    _signature(doc, text)
    heading = doc.add_paragraph(style="SOP Kop")
    heading.paragraph_format.page_break_before = True
    heading.add_run(text["evaluasi_judul"]).bold = True
    for nomor, nama in ordered:
        _evaluation(doc, f"{nomor} – {nama}", width, text)
    out = io.BytesIO()
    doc.save(out)
    return deterministic_zip(out.getvalue())


def _heading(doc: DocumentObject, lines: list[str]) -> None:
    paragraph = doc.add_paragraph(style="SOP Kop")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = i < 2
        if i < len(lines) - 1:
            run.add_break()


def _monitoring(doc: DocumentObject, sops: list[tuple[str, str]], width: float, text: dict[str, str]) -> None:
    widths = [width * f for f in (0.05, 0.30, 0.10, 0.10, 0.17, 0.17, 0.11)]
    table = fixed_table(doc, rows=3, widths=widths)
    heads = [("monev_no", 0), ("monev_prosedur", 1), ("monev_catatan", 4), ("monev_tindakan", 5), ("monev_paraf", 6)]
    for key, col in heads:
        write_lines(table.cell(0, col).merge(table.cell(1, col)), [text[key]], "SOP Tabel Judul")
    write_lines(table.cell(0, 2).merge(table.cell(0, 3)), [text["monev_penilaian"]], "SOP Tabel Judul")
    write_lines(table.cell(1, 2), [text["monev_baik"]], "SOP Tabel Judul")
    write_lines(table.cell(1, 3), [text["monev_tidak_baik"]], "SOP Tabel Judul")
    numbers = ["1", "2", "3", "3", "4", "5", "6"]  # the columns as the regulation numbers them
    for cell, number in zip(row_cells(table.rows[2]), numbers, strict=True):
        write_lines(cell, [number], "SOP Tabel Judul")
    for r in range(3):
        keep_row_whole(table.rows[r], header=True)
        for cell in row_cells(table.rows[r]) if r == 2 else table.rows[r].cells:
            shade(cell)
            valign(cell)
    for n, (nomor, nama) in enumerate(sops, start=1):
        row = table.add_row()
        exact_height(row, 14)
        keep_row_whole(row)
        cells = row_cells(row)
        for cell, width_mm in zip(cells, widths, strict=True):
            cell.width = Mm(width_mm)
        write_lines(cells[0], [str(n)], "SOP Tabel Tengah", space_before_mm=1.2)
        write_lines(cells[1], [nomor, nama], "SOP Tabel", space_before_mm=1.2)
        for box in (cells[2], cells[3]):
            write_lines(box, [CHECKBOX], "SOP Tabel Tengah", space_before_mm=1.2)


def _signature(doc: DocumentObject, text: dict[str, str]) -> None:
    paragraph = doc.add_paragraph(style="SOP Identitas")
    for line in (f"{text['tanggal_penilaian']}: ....................", "", f"{text['penilai']},", "", "", "",
                 "...................................."):
        paragraph.add_run(line).add_break()


def _evaluation(doc: DocumentObject, title: str, width: float, text: dict[str, str]) -> None:
    """One SOP's checklist: the seven criteria, Ya / Tidak, and room for notes."""
    caption = doc.add_paragraph(style="SOP Identitas Label")
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Mm(4)
    caption.add_run(title)
    widths = [width * f for f in (0.05, 0.50, 0.08, 0.08, 0.29)]
    table = fixed_table(doc, rows=1 + CRITERIA, widths=widths)
    for cell, key in zip(row_cells(table.rows[0]), ("monev_no", "evaluasi_kriteria", "evaluasi_ya",
                                                     "evaluasi_tidak", "evaluasi_catatan"), strict=True):
        write_lines(cell, [text[key]], "SOP Tabel Judul")
        shade(cell)
    for i in range(1, CRITERIA + 1):
        row = table.rows[i]
        keep_row_whole(row)
        cells = row_cells(row)
        write_lines(cells[0], [str(i)], "SOP Tabel Tengah")
        write_lines(cells[1], [text[f"kriteria_{i}"]], "SOP Tabel")
        write_lines(cells[2], [CHECKBOX], "SOP Tabel Tengah")
        write_lines(cells[3], [CHECKBOX], "SOP Tabel Tengah")
        for paragraph in cells[1].paragraphs:  # the rows of one SOP stay together on a page
            paragraph.paragraph_format.keep_with_next = i < CRITERIA
