"""The DOCX package (of a SOP, the manual, the monev forms): the reference document's parts prepared
once per process, and a zip written with fixed dates so the same source gives the same bytes.

A unit's reference document is opened with python-docx once (sopc's styles added, paper set, body
emptied) and cut into what every document shares — styles, theme, settings, compressed once — and
the few parts each writes: the body, its relationships (the images), the content types and the
document properties. The standard library's zipfile compresses every part of every document
again (the reference's styles alone are 800 KB of XML), and cannot store data already
compressed, hence the small zip writer here.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from docx.image.image import Image
from docx.opc.coreprops import CoreProperties
from docx.oxml import parse_xml
from docx.shared import Mm
from lxml import etree

from sopc import __version__
from sopc.backends.docx.ooxml import NAMESPACES, Picture, attr

DOS_DATE = (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01: no build time is stamped anywhere
DOS_TIME = 0
PACKAGE_RELS = "_rels/.rels"
CONTENT_TYPES = "[Content_Types].xml"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_IMAGE = f"{RT}/image"
RT_OFFICE_DOCUMENT = f"{RT}/officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.'
           f'org/officeDocument/2006/extended-properties"><Application>sopc {__version__}</Application></Properties>'
           ).encode()
LOGO_IDS = ("sopcLogo", "sopcLogoSvg")  # relationship ids of the logo and its SVG original


class Entry(NamedTuple):
    """One compressed zip entry."""

    name: str
    crc: int
    size: int
    data: bytes  # deflated


def entry(name: str, data: bytes | Iterable[bytes]) -> Entry:
    """Deflate `data` as zipfile does (level 6, raw stream), so the bytes match a zipfile-written
    package; given in pieces, no piece is ever joined to another (a manual's body is 100 MB)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    crc, size, out = 0, 0, []
    for piece in [data] if isinstance(data, bytes) else data:
        crc, size = zlib.crc32(piece, crc), size + len(piece)
        out.append(packer.compress(piece))
    out.append(packer.flush())
    return Entry(name, crc, size, b"".join(out))


def zip_bytes(entries: Iterable[Entry]) -> bytes:
    """A zip archive of the entries in order, every one dated 1980-01-01 with mode 0644."""
    out = io.BytesIO()
    directory = []
    for e in entries:
        name = e.name.encode("utf-8")
        flags = 0x800 if not e.name.isascii() else 0  # bit 11: the name is UTF-8
        offset = out.tell()
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, flags, zipfile.ZIP_DEFLATED, DOS_TIME, DOS_DATE,
                              e.crc, len(e.data), e.size, len(name), 0))
        out.write(name)
        out.write(e.data)
        directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, flags, zipfile.ZIP_DEFLATED,
                                     DOS_TIME, DOS_DATE, e.crc, len(e.data), e.size, len(name), 0, 0, 0, 0,
                                     0o644 << 16, offset) + name)
    start = out.tell()
    out.write(b"".join(directory))
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory), out.tell() - start,
                          start, 0))
    return out.getvalue()


@dataclass(frozen=True)
class Media:
    """An image for the package: its part (and SVG original), and the picture that shows it."""

    parts: tuple[Entry, ...]
    content_types: tuple[tuple[str, str], ...]  # (extension, content type)
    relationships: str  # the Relationship elements of the document part
    picture: Picture


@dataclass(frozen=True)
class Skeleton:
    """A reference document cut open: what every document made from it shares."""

    head: str  # word/document.xml up to and including <w:body>
    tail: str  # the section properties and the closing tags
    parts: tuple[Entry | str, ...]  # in package order; a name is a part each document writes
    document: str  # the main document part's name, e.g. word/document.xml
    rels: str  # its relationships part's name
    rels_xml: bytes
    core: str  # the core properties part's name
    core_xml: bytes
    content_types_xml: bytes

    def package(self, body: str | Iterable[bytes], properties: dict[str, object], media: Sequence[Media] = ()) -> bytes:
        """A DOCX: `body` (the body's XML without its section properties, as text or as UTF-8
        pieces, each compressed as it comes), the core `properties` (title, subject, author,
        created, ...) and the images it shows."""
        pieces = [body.encode("utf-8")] if isinstance(body, str) else body
        own: dict[str, bytes | Iterable[bytes]] = {
            self.document: chain([self.head.encode("utf-8")], pieces, [self.tail.encode("utf-8")]),
            self.rels: _with_relationships(self.rels_xml, "".join(m.relationships for m in media)),
            self.core: _core(self.core_xml, properties),
        }
        entries = [_content_types(self.content_types_xml, tuple(sorted({t for m in media for t in m.content_types})))]
        entries += [entry(p, own[p]) if isinstance(p, str) else p for p in self.parts]
        entries += [part for m in media for part in m.parts]
        return zip_bytes(entries)

    def media(self, logo: tuple[bytes, bytes | None], height_mm: float) -> Media:
        """The logo (a raster image, and its SVG original if any) as parts beside the document part."""
        return _media(posixpath.dirname(self.document), logo[0], logo[1], height_mm, None, "sopc-logo", LOGO_IDS)

    def image(self, raster: bytes, name: str, rel_id: str, width_mm: float) -> Media:
        """Another image (e.g. the manual's map of relations), `width_mm` wide."""
        return _media(posixpath.dirname(self.document), raster, None, None, width_mm, name, (rel_id, ""))


def skeleton(template: Path | None, width: float, height: float, margin: float) -> Skeleton:
    """The reference document (sopc's own when `template` is None) on this paper, prepared once per
    process; a template changed on disk since (as under `sopc watch`) is read again."""
    stamp = None
    if template is not None:
        info = template.stat()
        stamp = (info.st_mtime_ns, info.st_size)
    return _skeleton(template, stamp, round(width, 3), round(height, 3), round(margin, 3))


@functools.lru_cache(maxsize=8)
def _skeleton(template: Path | None, stamp: object, width: float, height: float, margin: float) -> Skeleton:
    from sopc.backends.docx.document import open_reference, set_paper  # python-docx side of the cut

    doc = open_reference(template)
    set_paper(doc, width, height, margin)
    doc.core_properties  # noqa: B018  (python-docx adds the part when a template lacks it)
    saved = io.BytesIO()
    doc.save(saved)
    with zipfile.ZipFile(saved) as z:
        files = {info.filename: z.read(info) for info in z.infolist()}
    targets = _targets(files[PACKAGE_RELS], "")
    document, core = targets[RT_OFFICE_DOCUMENT], targets[RT_CORE]
    if RT_APP in targets:  # the document says sopc made it, not the word processor that made the template
        files[targets[RT_APP]] = APP_XML
    rels = posixpath.join(posixpath.dirname(document), "_rels", posixpath.basename(document) + ".rels")
    head, tail = _cut(files[document])
    own = {document, rels, core}
    parts = tuple(name if name in own else entry(name, data) for name, data in files.items() if name != CONTENT_TYPES)
    return Skeleton(head, tail, parts, document, rels, files.get(rels, _EMPTY_RELS), core, files[core],
                    files[CONTENT_TYPES])


_EMPTY_RELS = b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _targets(rels: bytes, base: str) -> dict[str, str]:
    """Relationship type -> the part it points at (package-relative name) in a .rels part."""
    out = {}
    for rel in etree.fromstring(rels).iter(f"{_PR}Relationship"):
        if rel.get("TargetMode") != "External":
            out[rel.get("Type")] = posixpath.normpath(posixpath.join(base, rel.get("Target"))).lstrip("/")
    return out


def _cut(document: bytes) -> tuple[str, str]:
    """The document part around its (emptied) body: the root declares every prefix sopc writes."""
    root = etree.fromstring(document)
    w = NAMESPACES["w"]
    # a unit's template may lack wps or mc, or name sopc's namespaces otherwise: sopc's prefixes win
    nsmap = {prefix: uri for prefix, uri in root.nsmap.items()
             if prefix not in NAMESPACES and uri not in NAMESPACES.values()}
    nsmap |= NAMESPACES
    cut = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=nsmap)
    for child in root:
        cut.append(child)
    body = cut.find(f"{{{w}}}body")
    assert body is not None  # python-docx opened it
    body.text = ""  # written as <w:body></w:body> even without section properties
    xml = etree.tostring(cut, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")
    at = xml.index("<w:body>") + len("<w:body>")
    return xml[:at], xml[at:]


def _with_relationships(rels: bytes, extra: str) -> bytes:
    if not extra:
        return rels
    text = rels.decode("utf-8")
    if text.rstrip().endswith("/>") and "</Relationships>" not in text:  # an empty <Relationships .../>
        text = text.rstrip()[:-2] + "></Relationships>"
    at = text.rindex("</Relationships>")
    return (text[:at] + extra + text[at:]).encode("utf-8")


@functools.lru_cache(maxsize=16)
def _content_types(xml: bytes, extra: tuple[tuple[str, str], ...]) -> Entry:
    """[Content_Types].xml with a Default for each extension the media bring (if it has none yet)."""
    root = etree.fromstring(xml)
    ns = root.nsmap[None]
    present = {d.get("Extension", "").lower() for d in root.iter(f"{{{ns}}}Default")}
    for ext, content_type in extra:
        if ext.lower() not in present:
            root.insert(0, etree.Element(f"{{{ns}}}Default", Extension=ext, ContentType=content_type))
    return entry(CONTENT_TYPES, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _core(xml: bytes, properties: dict[str, object]) -> bytes:
    element = parse_xml(xml)
    core = CoreProperties(element)
    for name, value in properties.items():
        setattr(core, name, value)
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


@functools.lru_cache(maxsize=4)
def _media(folder: str, raster: bytes, svg: bytes | None, height_mm: float | None, width_mm: float | None,
           name: str, ids: tuple[str, str]) -> Media:
    image = Image.from_blob(raster)
    cx, cy = image.scaled_dimensions(Mm(width_mm) if width_mm else None, Mm(height_mm) if height_mm else None)
    files = [(f"{name}.{image.ext}", image.content_type, raster)]
    if svg is not None:
        files.append((f"{name}.svg", "image/svg+xml", svg))
    relationships = "".join(f'<Relationship Id="{rid}" Type="{RT_IMAGE}" Target="media/{attr(file)}"/>'
                            for rid, (file, _, _) in zip(ids, files, strict=False))
    return Media(parts=tuple(entry(posixpath.join(folder, "media", file), data) for file, _, data in files),
                 content_types=tuple((file.rsplit(".", 1)[1], ct) for file, ct, _ in files),
                 relationships=relationships,
                 picture=Picture(ids[0], ids[1] if svg is not None else None, int(cx), int(cy)))


def core_properties(title: str, subject: str, author: str, made: dt.date) -> dict[str, object]:
    """The document properties sopc sets: Office limits each text to 255 characters (a long nama
    would stop the build otherwise); no build time, so the bytes repeat."""
    stamp = dt.datetime.combine(made, dt.time(0, 0), tzinfo=dt.timezone.utc)
    return {"title": title[:255], "subject": subject[:255], "author": author[:255],
            "last_modified_by": author[:255], "created": stamp, "modified": stamp, "last_printed": stamp,
            "revision": 1}

