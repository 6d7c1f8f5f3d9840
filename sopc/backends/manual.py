"""The manual (Unsur Dokumentasi): cover, keputusan pimpinan, daftar isi, penjelasan singkat, the
map of how the SOPs relate, then every SOP (identity and flowchart) in nomor order.

The daftar isi is a real Word TOC field whose shown result sopc writes itself, with the page
numbers the layout knows, so it reads right before Word updates it (LibreOffice shows it as is).
The keputusan text is a template the unit writes in sopc.toml, rendered in Jinja2's sandbox.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import NamedTuple

from sopc.backends.docx import ooxml
from sopc.backends.docx.flowtable import flowchart_xml
from sopc.backends.docx.identity import LOGO_HEIGHT_MM, WET, Logo, Signature, identity_xml
from sopc.backends.docx.ooxml import Cell, Picture
from sopc.backends.docx.package import Media, core_properties, skeleton
from sopc.config import ManualSettings
from sopc.layout.geometry import Layout
from sopc.layout.table import PAD  # the cell padding the layout measured with
from sopc.model.sop import Sop
from sopc.texts.labels import Labels, TemplateFailed, render_bounded

TOC_LINES_PER_PAGE = 28


COVER_LOGO_MM = 35.0
HEADING = "Heading1"  # the reference document's Heading 1, which the TOC field collects
MAP_ID = "sopcMap"
FIRST_SECTION_ID = 3  # drawing ids 1 and 2: the logo on the cover and the map


class Section(NamedTuple):
    """One SOP's part of the book, made on its own (in a worker process): its heading, identity
    table and flowchart pages as UTF-8 XML numbering its drawings from 0, and what the book's
    contents need of it."""

    nomor: str
    nama: str
    pages: int  # flowchart pages
    made: dt.date  # its tanggal pembuatan: the book is dated by its newest SOP
    ids: int  # drawing ids it uses, 0 .. ids - 1
    packed: bytes  # the XML, deflated fast: a thousand sections are 100 MB of XML, 12 MB so

    @property
    def xml(self) -> bytes:
        return zlib.decompress(self.packed)


class Look(NamedTuple):
    """What every section of one book is written with (handed to the workers that make them)."""

    text: Labels  # the book's labels
    numbers: Mapping[str, str]  # the repository's SOP numbers -> names, for keterkaitan
    width: float  # between the margins of the book's paper: the identity tables' width
    logo: Picture | None  # the book's logo, in every identity table
    signature: Signature


def section(sop: Sop, layout: Layout, look: Look) -> Section:
    """A SOP's section of the book `look` tells of."""
    heading = ooxml.paragraph(HEADING, ooxml.run(f"{sop.nomor} – {sop.nama}"), page_break=True)
    identity = identity_xml(sop, look.width, look.text, look.numbers, look.logo, 0, look.signature)
    flowchart, ids = flowchart_xml(layout, 1)
    xml = (heading + identity + flowchart).encode("utf-8")  # a third of the text's size
    return Section(sop.nomor, sop.nama, len(layout.pages), sop.tanggal.pembuatan, ids, zlib.compress(xml, 1))


class Manual:
    """The manual: its sections added in nomor order (`add`), then put together (`docx`).

    Written as text into sopc's reference document, as each SOP's own DOCX is (appending through
    python-docx grew with the square of the SOPs). Sections are made apart (`section`, in
    workers), kept deflated, and unpacked one at a time as the book is compressed: a thousand
    SOPs are 100 MB of XML, and joined as one text they took 0.85 GB. Their drawings are numbered
    as they are unpacked, so ids stay unique across the book whoever made them.
    """

    def __init__(self, settings: ManualSettings, text: Labels, paper: tuple[float, float, float],
                 instansi: str, unit: Sequence[str], logo: Logo | None = None,
                 numbers: Mapping[str, str] | None = None, signature: Signature = WET) -> None:
        self.settings, self.labels, self.instansi, self.unit = settings, text, instansi, tuple(unit)
        # the book's own headings: the labels `manual_*`, by the rest of their key
        self.text = {key.removeprefix("manual_"): value for key, value in text.items() if key.startswith("manual_")}
        width, height, margin = paper  # the first SOP's paper is the book's
        self.base = skeleton(None, width, height, margin)
        self.width = width - 2 * margin  # between the margins: the identity tables' width
        self.media: list[Media] = [self.base.media(logo, LOGO_HEIGHT_MM)] if logo is not None else []
        self.look = Look(text, numbers or {}, self.width, self.media[0].picture if self.media else None, signature)
        self.entries: list[tuple[str, str, int]] = []  # nomor, nama, flowchart pages
        self.sections: list[tuple[Section, int]] = []  # each with the number of its first drawing
        self.made = dt.date(1970, 1, 1)
        self.drawing_id = FIRST_SECTION_ID  # ids stay unique across the whole book

    def add(self, part: Section) -> None:
        """The next SOP's section, its drawings numbered after those before it."""
        self.sections.append((part, self.drawing_id))
        self.drawing_id += part.ids
        self.entries.append((part.nomor, part.nama, part.pages))
        self.made = max(self.made, part.made)

    def docx(self, relation_png: bytes | None = None) -> bytes:
        """The whole book: cover, keputusan, daftar isi, penjelasan, the map (if drawn), the SOPs."""
        if not self.sections:
            raise ValueError("a manual needs at least one SOP")
        text, settings, media = self.text, self.settings, list(self.media)
        year = str(settings.tahun or self.made.year)
        parts = [_cover(self.instansi, self.unit, text, year, self.look.logo), _chapter(text["keputusan"])]
        parts += [ooxml.paragraph("SOPIdentitas", ooxml.run(line))
                  for line in _keputusan(settings, self.instansi, self.unit, self.entries, year, text).splitlines()]
        parts.append(_contents(self.entries, text, self.width, relation_png is not None))
        parts.append(_explanation(settings, text, self.width))
        if relation_png is not None:
            media.append(self.base.image(relation_png, "sopc-peta", MAP_ID, self.width))
            parts += [_chapter(text["peta"]), ooxml.paragraph("SOPIdentitas", ooxml.picture_run(media[-1].picture, 2))]
        properties = core_properties(text["judul"], "", self.instansi, self.made)
        sections = (ooxml.shift_ids(part.xml, first) for part, first in self.sections)  # one at a time
        body = chain(["".join(parts).encode("utf-8")], sections)
        return self.base.package(body, properties, media)


def _cover(instansi: str, unit: Sequence[str], text: Mapping[str, str], year: str, logo: Picture | None) -> str:
    runs = []
    if logo is not None:
        scale = COVER_LOGO_MM / LOGO_HEIGHT_MM
        runs += [ooxml.picture_run(logo._replace(cx=round(logo.cx * scale), cy=round(logo.cy * scale)), 1),
                 ooxml.run("", br_after=True)]
    for line, size in ((text["judul"], 20), (text["sub"], 14), ("", 11), (instansi.upper(), 14),
                       *((u.upper(), 12) for u in unit), ("", 11), (year, 14)):
        runs.append(ooxml.run(line, bold=True, size_pt=size, br_after=True))
    return ooxml.paragraph("SOPKop", "".join(runs), before_mm=40)


def _chapter(title: str) -> str:
    return ooxml.paragraph("SOPKop", ooxml.run(title), page_break=True, after_mm=6)


def _keputusan(settings: ManualSettings, instansi: str, unit: Sequence[str], entries: Sequence[tuple[str, str, int]],
               year: str, text: Mapping[str, str]) -> str:
    source = settings.keputusan
    if not source or not source.strip():
        return text["kosong"]
    tahun: int | str = int(year) if year.isascii() and year.isdigit() else year
    context: dict[str, object] = {"instansi": instansi, "unit": list(unit), "tahun": tahun,
               "sop": [{"nomor": nomor, "nama": nama} for nomor, nama, _ in entries]}
    try:
        return render_bounded(source, context)
    except TemplateFailed as err:  # a broken or hostile template: the page says so, the build goes on
        return f"{text['kosong']} [{err}]"


def _contents(entries: Sequence[tuple[str, str, int]], text: Mapping[str, str], width: float,
              has_map: bool) -> str:
    """The TOC field, showing the entries with the page each starts on."""
    toc_pages = 1 + len(entries) // TOC_LINES_PER_PAGE
    page = 2 + 1 + toc_pages + 1 + (1 if has_map else 0)  # cover, keputusan, contents, penjelasan, map
    lines = []
    for i, (nomor, nama, pages) in enumerate(entries):
        field = ooxml.field_begin('TOC \\o "1-1" \\h \\z \\u') if i == 0 else ""
        end = ooxml.FIELD_END if i == len(entries) - 1 else ""
        lines.append(ooxml.paragraph("SOPIdentitas", field + ooxml.run(f"{nomor} – {nama}\t{page}") + end,
                                     right_tab_mm=width))
        page += 1 + pages
    return _chapter(text["isi"]) + "".join(lines)


def _explanation(settings: ManualSettings, text: Mapping[str, str], width: float) -> str:
    parts = [_chapter(text["penjelasan"])]
    for key, value in (("ruang_lingkup", settings.ruang_lingkup), ("ringkasan", settings.ringkasan)):
        shown = value if value and value.strip() else "-"
        parts += [ooxml.paragraph("SOPIdentitasLabel", ooxml.run(text[key])),
                  ooxml.paragraph("SOPIdentitas", ooxml.run(shown))]
    parts.append(ooxml.paragraph("SOPIdentitasLabel", ooxml.run(text["definisi"])))
    definitions = settings.definisi
    if not definitions:
        return "".join(parts) + ooxml.paragraph("SOPIdentitas", ooxml.run("-"))
    widths = [width * 0.3, width * 0.7]
    rows = [ooxml.row([Cell(widths[0], ooxml.lines_paragraph([text["istilah"]], "SOPTabelJudul", PAD)),
                       Cell(widths[1], ooxml.lines_paragraph([text["arti"]], "SOPTabelJudul", PAD))], header=True)]
    for term, meaning in sorted(definitions.items()):
        rows.append(ooxml.row([Cell(widths[0], ooxml.lines_paragraph([str(term)], "SOPTabel", PAD)),
                               Cell(widths[1], ooxml.lines_paragraph([str(meaning)], "SOPTabel", PAD))]))
    return "".join(parts) + ooxml.table_start(widths) + "".join(rows) + ooxml.TABLE_END
