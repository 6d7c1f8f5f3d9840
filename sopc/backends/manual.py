"""The manual (Unsur Dokumentasi): cover, keputusan pimpinan, daftar isi, penjelasan singkat, the
map of how the SOPs relate, then every SOP (identity and flowchart) in nomor order.

The daftar isi is a real Word TOC field whose shown result sopc writes itself, with the page
numbers the layout knows, so it reads right before Word updates it (LibreOffice shows it as is).
The keputusan text is a template the unit writes in sopc.toml, rendered in Jinja2's sandbox.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jinja2 import TemplateError

from sopc.backends.docx import ooxml
from sopc.backends.docx.flowtable import flowchart_xml
from sopc.backends.docx.identity import LOGO_HEIGHT_MM, Logo, identity_xml
from sopc.backends.docx.ooxml import Cell, Picture
from sopc.backends.docx.package import Media, core_properties, skeleton
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


COVER_LOGO_MM = 35.0
HEADING = "Heading1"  # the reference document's Heading 1, which the TOC field collects
MAP_ID = "sopcMap"


def manual_docx(sops: Sequence[ManualSop], settings: Mapping[str, object], lang: str = "id",
                numbers: Mapping[str, str] | None = None, logo: Logo | None = None,
                relation_png: bytes | None = None) -> bytes:
    """The manual of `sops` (already in nomor order). `settings` is the `[manual]` table.

    Written as text into sopc's reference document, as each SOP's own DOCX is: a manual holds
    hundreds of SOPs, and appending them through python-docx grew with the square of their number.
    """
    text = TEXTS.get(lang, TEXTS["id"])
    first = sops[0]
    base = skeleton(None, first.layout.width, first.layout.height, first.layout.margin)
    width = first.layout.width - 2 * first.layout.margin
    year = str(settings.get("tahun") or max(s.sop.tanggal.pembuatan.year for s in sops))
    media: list[Media] = []
    picture = None
    if logo is not None:
        media.append(base.media(logo, LOGO_HEIGHT_MM))
        picture = media[-1].picture
    parts = [_cover(first.sop, text, year, picture), _chapter(text["keputusan"])]
    parts += [ooxml.paragraph("SOPIdentitas", ooxml.run(line))
              for line in _keputusan(settings, first.sop, sops, year, text).splitlines()]
    parts.append(_contents(sops, text, width, relation_png is not None))
    parts.append(_explanation(settings, text, width))
    drawing_id = 3  # 1 and 2: the logo on the cover and the map
    if relation_png is not None:
        media.append(base.image(relation_png, "sopc-peta", MAP_ID, width))
        parts += [_chapter(text["peta"]), ooxml.paragraph("SOPIdentitas", ooxml.picture_run(media[-1].picture, 2))]
    for item in sops:
        parts.append(ooxml.paragraph(HEADING, ooxml.run(f"{item.sop.nomor} – {item.sop.nama}"), page_break=True))
        parts.append(identity_xml(item.sop, width, lang, numbers or {}, picture, drawing_id))
        flowchart, drawing_id = flowchart_xml(item.layout, lang, drawing_id + 1)  # ids unique in the whole book
        parts.append(flowchart)
    made = max(s.sop.tanggal.pembuatan for s in sops)
    properties = core_properties(text["judul"], "", first.sop.instansi, made)
    return base.package("".join(parts), properties, media)


def _cover(sop: Sop, text: Mapping[str, str], year: str, logo: Picture | None) -> str:
    runs = []
    if logo is not None:
        scale = COVER_LOGO_MM / LOGO_HEIGHT_MM
        runs += [ooxml.picture_run(logo._replace(cx=round(logo.cx * scale), cy=round(logo.cy * scale)), 1),
                 ooxml.run("", br_after=True)]
    for line, size in ((text["judul"], 20), (text["sub"], 14), ("", 11), (sop.instansi.upper(), 14),
                       *((u.upper(), 12) for u in sop.unit), ("", 11), (year, 14)):
        runs.append(ooxml.run(line, bold=True, size_pt=size, br_after=True))
    return ooxml.paragraph("SOPKop", "".join(runs), before_mm=40)


def _chapter(title: str) -> str:
    return ooxml.paragraph("SOPKop", ooxml.run(title), page_break=True, after_mm=6)


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


def _contents(sops: Sequence[ManualSop], text: Mapping[str, str], width: float, has_map: bool) -> str:
    """The TOC field, showing the entries with the page each starts on."""
    toc_pages = 1 + len(sops) // TOC_LINES_PER_PAGE
    page = 2 + 1 + toc_pages + 1 + (1 if has_map else 0)  # cover, keputusan, contents, penjelasan, map
    lines = []
    for i, item in enumerate(sops):
        field = ooxml.field_begin('TOC \\o "1-1" \\h \\z \\u') if i == 0 else ""
        end = ooxml.FIELD_END if i == len(sops) - 1 else ""
        entry = ooxml.run(f"{item.sop.nomor} – {item.sop.nama}\t{page}")
        lines.append(ooxml.paragraph("SOPIdentitas", field + entry + end, right_tab_mm=width))
        page += 1 + len(item.layout.pages)
    return _chapter(text["isi"]) + "".join(lines)


def _explanation(settings: Mapping[str, object], text: Mapping[str, str], width: float) -> str:
    parts = [_chapter(text["penjelasan"])]
    for key in ("ruang_lingkup", "ringkasan"):
        value = settings.get(key)
        shown = value if isinstance(value, str) and value.strip() else "-"
        parts += [ooxml.paragraph("SOPIdentitasLabel", ooxml.run(text[key])),
                  ooxml.paragraph("SOPIdentitas", ooxml.run(shown))]
    parts.append(ooxml.paragraph("SOPIdentitasLabel", ooxml.run(text["definisi"])))
    definitions = settings.get("definisi")
    if not isinstance(definitions, Mapping) or not definitions:
        return "".join(parts) + ooxml.paragraph("SOPIdentitas", ooxml.run("-"))
    widths = [width * 0.3, width * 0.7]
    rows = [ooxml.row([Cell(widths[0], ooxml.lines_paragraph([text["istilah"]], "SOPTabelJudul", PAD)),
                       Cell(widths[1], ooxml.lines_paragraph([text["arti"]], "SOPTabelJudul", PAD))], header=True)]
    for term, meaning in sorted(definitions.items()):
        rows.append(ooxml.row([Cell(widths[0], ooxml.lines_paragraph([str(term)], "SOPTabel", PAD)),
                               Cell(widths[1], ooxml.lines_paragraph([str(meaning)], "SOPTabel", PAD))]))
    return "".join(parts) + ooxml.table_start(widths) + "".join(rows) + ooxml.TABLE_END
