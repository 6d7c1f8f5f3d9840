"""The identity table (Bagian Identitas) in the regulation's layout, as real ministries print it.

Left: logo, INSTANSI in bold capitals and the unit lines, spanning six rows on the right (Nomor,
Tanggal Pembuatan, Revisi, Efektif, Disahkan oleh, Nama SOP); then three two-column rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import NamedTuple

from sopc.backends.docx import ooxml
from sopc.backends.docx.ooxml import Cell, Picture
from sopc.layout.table import PAD  # the cell padding the layout measured with
from sopc.model.sop import Sop
from sopc.texts.labels import Labels, long_date, nip_grouped

LOGO_HEIGHT_MM = 22.0
SIGNATURE_MM = 18.0  # room for the signature and the stamp: signed originals leave 17-20 mm
ABOVE = 0.8  # mm above each cell's text


Logo = tuple[bytes, "bytes | None"]  # the raster image, and the SVG original if the logo is SVG


class Signature(NamedTuple):
    """The room left between jabatan and nama: blank for a wet signature and stamp, or holding the
    placeholder text an electronic-signature (TTE) system finds and replaces with its seal."""

    height_mm: float = SIGNATURE_MM
    placeholder: str | None = None


WET = Signature()  # the default: blank room for a wet signature and stamp


def identity_xml(sop: Sop, width: float, text: Labels, numbers: Mapping[str, str], logo: Picture | None,
                 logo_id: int = 1, signature: Signature = WET) -> str:
    """The identity table, labelled with `text`. `numbers` maps the repository's SOP numbers to their
    names; `logo` is the picture the package holds (drawn with drawing id `logo_id`)."""
    widths = [width * 0.5, width * 0.16, width * 0.34]
    tanggal = sop.tanggal
    rows = [
        (text["nomor"], [sop.nomor]),
        (text["tanggal_pembuatan"], [long_date(tanggal.pembuatan, text)]),
        (text["tanggal_revisi"], [long_date(tanggal.revisi, text) if tanggal.revisi else "-"]),
        (text["tanggal_efektif"], [long_date(tanggal.efektif, text)]),
        (text["disahkan_oleh"], None),
        (text["nama_sop"], [sop.nama]),
    ]
    out = [ooxml.table_start(widths)]
    for i, (label, value) in enumerate(rows):  # the kop spans these six rows on the left
        kop = Cell(widths[0], _kop(sop, logo, logo_id), merge="restart", valign="center") if i == 0 else \
            Cell(widths[0], merge="continue")
        out.append(ooxml.row([
            kop,
            Cell(widths[1], ooxml.lines_paragraph([label], "SOPIdentitasLabel", PAD, ABOVE), valign="top"),
            Cell(widths[2], ooxml.lines_paragraph(value, "SOPIdentitas", PAD, ABOVE) if value is not None
                 else _pengesahan(sop, text, signature)),
        ]))
    pairs = [("dasar_hukum", sop.dasar_hukum, "kualifikasi_pelaksana", sop.kualifikasi_pelaksana),
             ("keterkaitan", tuple(_link(item, numbers) for item in sop.keterkaitan),
              "peralatan", sop.peralatan),
             ("peringatan", sop.peringatan, "pencatatan", sop.pencatatan)]
    for left_key, left, right_key, right in pairs:
        out.append(ooxml.row([
            Cell(widths[0], _titled(text[left_key], left)),
            Cell(widths[1] + widths[2], _titled(text[right_key], right), span=2),
        ]))
    out.append(ooxml.TABLE_END)
    return "".join(out)


def _titled(title: str, items: tuple[str, ...]) -> str:
    """`TITLE :` in bold, then the items numbered below it."""
    return ooxml.lines_paragraph([title, *numbered(items)], "SOPIdentitas", PAD, ABOVE, bold_first=True)


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


def _pengesahan(sop: Sop, text: Mapping[str, str], signature: Signature) -> str:
    """Jabatan, the room to sign in, nama and NIP, centred as signed originals print them."""
    signer = sop.disahkan_oleh
    centred = partial(ooxml.lines_paragraph, style_id="SOPIdentitas", indent_mm=PAD, align="center")
    below = [signer.nama] + ([f"{text['nip']} {nip_grouped(signer.nip)}"] if signer.nip else [])
    return "".join([centred([signer.jabatan], space_before_mm=ABOVE),
                    centred([signature.placeholder or ""], line_mm=signature.height_mm),
                    centred(below)])


def _kop(sop: Sop, logo: Picture | None, logo_id: int) -> str:
    """Logo, INSTANSI (bold capitals) and the unit lines, centred in the big left cell."""
    runs = [ooxml.picture_run(logo, logo_id), ooxml.run("", br=True)] if logo is not None else []
    runs.append(ooxml.run(sop.instansi.upper(), bold=True))
    for line in sop.unit:
        runs += [ooxml.run("", br=True), ooxml.run(line.upper(), bold=False)]
    return ooxml.paragraph("SOPKop", "".join(runs))
