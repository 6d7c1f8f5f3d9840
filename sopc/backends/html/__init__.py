"""The HTML catalogue: one page per SOP (this module, through the back-end registry) and, made once
from all of them, the index, the relation map and the shared assets (catalogue.py).

Pages are written from Jinja2 templates (templates/html/) with autoescaping on: every text a SOP
holds reaches the page as text, never as markup; the one piece of markup put in whole, the
flowchart, is made by ElementTree (sopc.backends.svg), which escapes its texts too. Pages load
nothing from elsewhere (no fonts, scripts or CDNs) and carry a Content-Security-Policy that allows
only their own style sheets and script, so they work from `file://`, on any static host, and
behind a strict policy. Links are relative, so the output folder can be moved or published whole.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined, Template, select_autoescape

from sopc.backends.registry import Rendering
from sopc.backends.svg import defs, inline_pages
from sopc.model.sop import Sop
from sopc.texts.labels import Labels, long_date, nip_grouped

# what a page may load: its own folder's style sheets and script, images drawn inline; nothing else
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'")


def render(doc: Rendering) -> Iterator[tuple[str, bytes]]:
    """The back-end `html` (sopc.backends.registry): the SOP's page, `html/<where>/<stem>.html`."""
    sop, text = doc.sop, doc.labels
    root = "../" * doc.relative.count("/")  # from html/<folders>/ up to html/
    top = root + "../"  # up to the output folder, where the documents are
    downloads = [(f"{top}{doc.relative}.docx", "DOCX")] if "docx" in doc.formats else []
    if doc.pdf and "docx" in doc.formats:
        downloads.append((f"{top}{doc.relative}.pdf", "PDF"))

    def link(item: str) -> str | None:  # a keterkaitan or induk naming a SOP of the repository
        page = doc.pages.get(item)
        return f"{root}{page}.html" if page is not None and item != sop.nomor else None

    title = f"{sop.nomor} {sop.nama}"
    page = template("sop.html.j2").render(
        lang=doc.lang, t=text, csp=CSP, root=root, sop=sop, paper=doc.layout.paper.lower(),
        jenis=text[f"jenis_{sop.jenis}"] if sop.jenis else None,
        dates=[(text["tanggal_pembuatan"], long_date(sop.tanggal.pembuatan, text)),
               (text["tanggal_revisi"], long_date(sop.tanggal.revisi, text) if sop.tanggal.revisi else "-"),
               (text["tanggal_efektif"], long_date(sop.tanggal.efektif, text))],
        nip=nip_grouped(sop.disahkan_oleh.nip) if sop.disahkan_oleh.nip else None,
        lists=[(text[key], getattr(sop, key)) for key in ("dasar_hukum", "kualifikasi_pelaksana", "peralatan",
                                                             "peringatan", "pencatatan")],
        keterkaitan=[(item, doc.numbers.get(item), link(item)) for item in sop.keterkaitan],
        induk=(sop.induk, doc.numbers.get(sop.induk), link(sop.induk)) if sop.induk else None,
        downloads=downloads, defs=defs(), drawings=inline_pages(doc.layout, text, title),
        actors={a.id: a.nama for a in sop.pelaksana})
    yield doc.stem + ".html", page.encode("utf-8")


def record(sop: Sop, relative: str, text: Labels) -> dict:
    """The SOP's entry in the catalogue's index: what the list shows, and the text search looks in
    (nama, nomor, every kegiatan, the actors, the dasar hukum), folded as the page's script folds
    what is typed (lower case, no accents)."""
    actors = [a.nama for a in sop.pelaksana]
    words = [sop.nomor, sop.nama, *(step.kegiatan for step in sop.langkah), *actors, *sop.dasar_hukum]
    return {"nomor": sop.nomor, "nama": sop.nama, "jenis": text[f"jenis_{sop.jenis}"] if sop.jenis else "",
            "efektif": sop.tanggal.efektif.isoformat(),
            "revisi": sop.tanggal.revisi.isoformat() if sop.tanggal.revisi else "",
            "instansi": sop.instansi, "unit": list(sop.unit), "page": relative, "search": fold(" ".join(words))}


def fold(text: str) -> str:
    """Text as search compares it: lower case, accents and repeated spaces gone (`Pengesahan  Akta` →
    `pengesahan akta`, `Bagian Umum` matches `bagian umum`); the page's script folds queries alike."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(plain.lower().split())


def shown_date(iso: str, text: Labels) -> str:
    return long_date(dt.date.fromisoformat(iso), text) if iso else "-"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    def load(name: str) -> str:
        return resources.files("sopc.templates").joinpath("html").joinpath(name).read_text(encoding="utf-8")

    return Environment(loader=FunctionLoader(load), autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def template(name: str) -> Template:
    """A page template of templates/html/, autoescaping every value it is given."""
    return _environment().get_template(name)
