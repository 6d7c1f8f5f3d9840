"""The manual (Unsur Dokumentasi): cover, keputusan pimpinan, daftar isi, penjelasan singkat, the
map of how the SOPs relate, then every SOP (identity and flowchart) in nomor order.

The daftar isi is a real Word TOC field whose shown result sopc writes itself, with the page
numbers the layout knows, so it reads right before Word updates it (LibreOffice shows it as is).
The keputusan text is a template the unit writes in sopc.toml, rendered in Jinja2's sandbox.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt
from jinja2 import TemplateError

from sopc.backends.docx import ooxml
from sopc.backends.docx.document import add_picture, append, next_drawing_id, open_reference, set_paper
from sopc.backends.docx.flowtable import flowchart_xml
from sopc.backends.docx.identity import LOGO_HEIGHT_MM, Logo, identity_xml
from sopc.backends.docx.ooxml import Cell
from sopc.backends.docx.package import deterministic_zip
from sopc.labels import environment
from sopc.layout.geometry import Layout
from sopc.model.sop import Sop

TEXTS = {
    "id": {"judul": "STANDAR OPERASIONAL PROSEDUR", "sub": "ADMINISTRASI PEMERINTAHAN",
           "keputusan": "KEPUTUSAN PIMPINAN", "isi": "DAFTAR ISI", "penjelasan": "PENJELASAN SINGKAT PENGGUNAAN",
           "ruang_lingkup": "Ruang Lingkup", "ringkasan": "Ringkasan", "definisi": "Definisi",
           "peta": "PETA KETERKAITAN SOP", "istilah": "Istilah", "arti": "Pengertian",
           "kosong": "(diisi oleh unit: [manual] keputusan di sopc.toml)"},
    "en": {"judul": "STANDARD OPERATING PROCEDURES", "sub": "GOVERNMENT ADMINISTRATION",
           "keputusan": "DECREE", "isi": "CONTENTS", "penjelasan": "HOW TO USE THIS MANUAL",
           "ruang_lingkup": "Scope", "ringkasan": "Summary", "definisi": "Definitions",
           "peta": "HOW THE SOPs RELATE", "istilah": "Term", "arti": "Meaning",
           "kosong": "(to be written by the unit: [manual] keputusan in sopc.toml)"},
}
TOC_LINES_PER_PAGE = 28
PAD = 1.2  # mm inside a table cell's sides


@dataclass(frozen=True)
class ManualSop:
    """One SOP of the manual with its layout (which gives its number of pages)."""

    sop: Sop
    layout: Layout


def manual_docx(sops: Sequence[ManualSop], settings: Mapping[str, object], lang: str = "id",
                numbers: Mapping[str, str] | None = None, logo: Logo | None = None,
                relation_png: bytes | None = None) -> bytes:
    """The manual of `sops` (already in nomor order). `settings` is the `[manual]` table."""
    text = TEXTS.get(lang, TEXTS["id"])
    doc = open_reference(None)
    first = sops[0]
    set_paper(doc, first.layout.width, first.layout.height, first.layout.margin)
    width = first.layout.width - 2 * first.layout.margin
    year = str(settings.get("tahun") or max(s.sop.tanggal.pembuatan.year for s in sops))
    _cover(doc, first.sop, text, year, logo)
    _chapter(doc, text["keputusan"])
    for line in _keputusan(settings, first.sop, sops, year, text).splitlines():
        doc.add_paragraph(line, style="SOP Identitas")
    has_map = relation_png is not None
    _contents(doc, sops, text, width, has_map)
    _explanation(doc, settings, text, width)
    if relation_png is not None:
        _chapter(doc, text["peta"])
        doc.add_paragraph().add_run().add_picture(io.BytesIO(relation_png), width=Mm(width))
    picture = add_picture(doc, logo, LOGO_HEIGHT_MM) if logo is not None else None  # one image, every SOP
    drawing_id = next_drawing_id(doc)  # ids stay unique across the whole book
    for item in sops:
        heading = doc.add_paragraph(f"{item.sop.nomor} – {item.sop.nama}", style="Heading 1")
        heading.paragraph_format.page_break_before = True
        flowchart, next_id = flowchart_xml(item.layout, lang, drawing_id + 1)
        append(doc, identity_xml(item.sop, width, lang, numbers or {}, picture, drawing_id) + flowchart)
        drawing_id = next_id
    doc.core_properties.title = text["judul"]
    out = io.BytesIO()
    doc.save(out)
    return deterministic_zip(out.getvalue())


def _cover(doc: DocumentObject, sop: Sop, text: Mapping[str, str], year: str, logo: Logo | None) -> None:
    paragraph = doc.add_paragraph(style="SOP Kop")
    paragraph.paragraph_format.space_before = Mm(40)
    if logo is not None:
        paragraph.add_run().add_picture(io.BytesIO(logo[0]), height=Mm(35))
        paragraph.add_run().add_break()
    for line, size in ((text["judul"], 20), (text["sub"], 14), ("", 11), (sop.instansi.upper(), 14),
                       *((u.upper(), 12) for u in sop.unit), ("", 11), (year, 14)):
        run = paragraph.add_run(line)
        run.font.size, run.bold = Pt(size), True
        run.add_break()


def _chapter(doc: DocumentObject, title: str) -> None:
    heading = doc.add_paragraph(title, style="SOP Kop")
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.space_after = Mm(6)


def _keputusan(settings: Mapping[str, object], sop: Sop, sops: Sequence[ManualSop], year: str,
               text: Mapping[str, str]) -> str:
    source = settings.get("keputusan")
    if not isinstance(source, str) or not source.strip():
        return text["kosong"]
    context = {"instansi": sop.instansi, "unit": list(sop.unit), "tahun": year,
               "sop": [{"nomor": s.sop.nomor, "nama": s.sop.nama} for s in sops]}
    try:
        return environment().from_string(source).render(**context)
    except TemplateError as err:  # a broken or hostile template: the page says so, the build goes on
        return f"{text['kosong']} [{type(err).__name__}: {err}]"


def _contents(doc: DocumentObject, sops: Sequence[ManualSop], text: Mapping[str, str], width: float,
              has_map: bool) -> None:
    """The TOC field, showing the entries with the page each starts on."""
    _chapter(doc, text["isi"])
    toc_pages = 1 + len(sops) // TOC_LINES_PER_PAGE
    page = 2 + 1 + toc_pages + 1 + (1 if has_map else 0)  # cover, keputusan, contents, penjelasan, map
    entries = []
    for item in sops:
        entries.append((f"{item.sop.nomor} – {item.sop.nama}", page))
        page += 1 + len(item.layout.pages)
    paragraphs = []
    for i, (title, number) in enumerate(entries):
        paragraph = doc.add_paragraph(style="SOP Identitas")
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if i == 0:
            paragraph._p.extend(ooxml.elements(ooxml.field_begin('TOC \\o "1-1" \\h \\z \\u')))
        paragraph.add_run(f"{title}\t{number}")
        paragraphs.append(paragraph)
    if paragraphs:
        paragraphs[-1]._p.extend(ooxml.elements(ooxml.FIELD_END))


def _explanation(doc: DocumentObject, settings: Mapping[str, object], text: Mapping[str, str], width: float) -> None:
    _chapter(doc, text["penjelasan"])
    for key in ("ruang_lingkup", "ringkasan"):
        doc.add_paragraph(text[key], style="SOP Identitas Label")
        value = settings.get(key)
        doc.add_paragraph(value if isinstance(value, str) and value.strip() else "-", style="SOP Identitas")
    doc.add_paragraph(text["definisi"], style="SOP Identitas Label")
    definitions = settings.get("definisi")
    if isinstance(definitions, Mapping) and definitions:
        widths = [width * 0.3, width * 0.7]
        rows = [ooxml.row([Cell(widths[0], ooxml.lines_paragraph([text["istilah"]], "SOPTabelJudul", PAD)),
                           Cell(widths[1], ooxml.lines_paragraph([text["arti"]], "SOPTabelJudul", PAD))],
                          header=True)]
        for term, meaning in sorted(definitions.items()):
            rows.append(ooxml.row([Cell(widths[0], ooxml.lines_paragraph([str(term)], "SOPTabel", PAD)),
                                   Cell(widths[1], ooxml.lines_paragraph([str(meaning)], "SOPTabel", PAD))]))
        append(doc, ooxml.table_start(widths) + "".join(rows) + ooxml.TABLE_END)
    else:
        doc.add_paragraph("-", style="SOP Identitas").alignment = WD_ALIGN_PARAGRAPH.LEFT
