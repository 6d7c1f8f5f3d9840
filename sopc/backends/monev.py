"""The monitoring and evaluation forms of Permenpan-RB 35/2012 for a repository's SOPs.

Tabel 7 "Monitoring Pelaksanaan SOP AP" (No, Prosedur, Penilaian terhadap penerapan: Berjalan
dengan baik / Tidak berjalan dengan baik, Catatan hasil penilaian, Tindakan yang harus diambil,
Paraf penilai), filled in every six months; then the evaluation checklist of the seven criteria,
Ya/Tidak per SOP. Blank forms to print, one row or block per SOP in nomor order.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sopc.backends.docx import ooxml
from sopc.backends.docx.document import template_margin
from sopc.backends.docx.ooxml import Cell
from sopc.backends.docx.package import skeleton
from sopc.layout.paper import PAPERS
from sopc.layout.table import PAD  # the cell padding the layout measured with
from sopc.texts.labels import Labels, labels

CHECKBOX = "☐"
CRITERIA = 7
SHADED: dict[str, Any] = {"fill": ooxml.HEADER_FILL, "valign": "center"}


def monev_docx(sops: Sequence[tuple[str, str]], instansi: str, unit: Sequence[str], text: Labels | None = None,
               template: Path | None = None, paper: str = "A4") -> bytes:
    """The forms for `sops` ((nomor, nama) pairs), headed by the unit's name, on `paper` (landscape)
    as the SOPs are, labelled with `text` (default: sopc's Indonesian labels)."""
    margin = template_margin(template)
    page_w, page_h = PAPERS[paper]
    base = skeleton(template, page_w, page_h, margin)
    width = page_w - 2 * margin
    text = text if text is not None else labels("id")
    ordered = sorted(sops)
    title = [text["monev_judul"], instansi.upper(), *[u.upper() for u in unit]]
    parts = [ooxml.paragraph("SOPKop", "".join(ooxml.run(line, bold=i < 2, br_after=i < len(title) - 1)
                                               for i, line in enumerate(title))),
             _monitoring(ordered, width, text), ooxml.paragraph("SOPIdentitas"), _signature(text),
             ooxml.paragraph("SOPKop", ooxml.run(text["evaluasi_judul"], bold=True), page_break=True)]
    parts += [_evaluation(f"{nomor} – {nama}", width, text) for nomor, nama in ordered]
    # no date is stamped (the bytes repeat): the form is dated by hand when it is filled in
    properties: dict[str, object] = {"title": text["monev_judul"][:255], "author": instansi[:255],
                                     "last_modified_by": instansi[:255]}
    return base.package("".join(parts), properties)


def _title(key: str, text: Labels) -> str:
    return ooxml.lines_paragraph([text[key]], "SOPTabelJudul", PAD)


def _monitoring(sops: list[tuple[str, str]], width: float, text: Labels) -> str:
    """Tabel 7: two header rows (Penilaian over its two choices), the regulation's column numbers, a row per SOP."""
    widths = [width * f for f in (0.05, 0.30, 0.10, 0.10, 0.17, 0.17, 0.11)]
    keys = ["monev_no", "monev_prosedur", None, None, "monev_catatan", "monev_tindakan", "monev_paraf"]
    top, below = [], []
    for w, key in zip(widths, keys, strict=True):
        if key is not None:  # one cell over both header rows
            top.append(Cell(w, _title(key, text), merge="restart", **SHADED))
            below.append(Cell(w, merge="continue"))
    top.insert(2, Cell(widths[2] + widths[3], _title("monev_penilaian", text), span=2, **SHADED))
    below[2:2] = [Cell(widths[2], _title("monev_baik", text), **SHADED),
                  Cell(widths[3], _title("monev_tidak_baik", text), **SHADED)]
    numbers = ["1", "2", "3", "3", "4", "5", "6"]  # the columns as the regulation numbers them
    numbered = [Cell(w, ooxml.lines_paragraph([n], "SOPTabelJudul", PAD), **SHADED)
                for w, n in zip(widths, numbers, strict=True)]
    rows = [ooxml.row(top, header=True), ooxml.row(below, header=True), ooxml.row(numbered, header=True)]
    box = ooxml.lines_paragraph([CHECKBOX], "SOPTabelTengah", PAD, PAD)
    for n, (nomor, nama) in enumerate(sops, start=1):
        cells = [Cell(widths[0], ooxml.lines_paragraph([str(n)], "SOPTabelTengah", PAD, PAD)),
                 Cell(widths[1], ooxml.lines_paragraph([nomor, nama], "SOPTabel", PAD, PAD)),
                 Cell(widths[2], box), Cell(widths[3], box), *(Cell(w) for w in widths[4:])]
        rows.append(ooxml.row(cells, 14))
    return ooxml.table_start(widths) + "".join(rows) + ooxml.TABLE_END


def _signature(text: Labels) -> str:
    lines = (f"{text['tanggal_penilaian']}: ....................", "", f"{text['penilai']},", "", "", "",
             "....................................")
    return ooxml.paragraph("SOPIdentitas", "".join(ooxml.run(line, br_after=True) for line in lines))


def _evaluation(title: str, width: float, text: Labels) -> str:
    """One SOP's checklist: the seven criteria, Ya / Tidak, and room for notes."""
    caption = ooxml.paragraph("SOPIdentitasLabel", ooxml.run(title), before_mm=4, keep_next=True)
    widths = [width * f for f in (0.05, 0.50, 0.08, 0.08, 0.29)]
    heads = ("monev_no", "evaluasi_kriteria", "evaluasi_ya", "evaluasi_tidak", "evaluasi_catatan")
    rows = [ooxml.row([Cell(w, _title(key, text), fill=SHADED["fill"]) for w, key in zip(widths, heads, strict=True)])]
    box = ooxml.lines_paragraph([CHECKBOX], "SOPTabelTengah", PAD)
    for i in range(1, CRITERIA + 1):
        together = i < CRITERIA  # the rows of one SOP stay together on a page
        rows.append(ooxml.row([
            Cell(widths[0], ooxml.lines_paragraph([str(i)], "SOPTabelTengah", PAD)),
            Cell(widths[1], ooxml.lines_paragraph([text[f"kriteria_{i}"]], "SOPTabel", PAD, keep_next=together)),
            Cell(widths[2], box), Cell(widths[3], box), Cell(widths[4]),
        ]))
    return caption + ooxml.table_start(widths) + "".join(rows) + ooxml.TABLE_END
