"""The python-docx side: the reference document with sopc's styles and its paper, read once per process."""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from pathlib import Path
from zipfile import BadZipFile

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sopc.backends.reference import own_margin
from sopc.errors import SopcError
from sopc.layout.text import FONT
from sopc.source.files import ASSET_LIMIT, read_file
from sopc.texts.i18n import texts

DEFAULT_MARGIN = 12.0  # mm, sopc's reference document's, for a template that sets none

# The paragraph styles sopc writes with: name -> (size pt, bold, alignment, exact line height pt).
# The reference template defines them; a unit's own template may restyle them, and any it lacks
# are added with these values.
STYLES = {
    "SOP Identitas": (9, False, WD_ALIGN_PARAGRAPH.LEFT, None),
    "SOP Identitas Label": (9, True, WD_ALIGN_PARAGRAPH.LEFT, None),
    "SOP Kop": (11, True, WD_ALIGN_PARAGRAPH.CENTER, None),
    "SOP Tabel": (8, False, WD_ALIGN_PARAGRAPH.LEFT, 9.2),
    "SOP Tabel Tengah": (8, False, WD_ALIGN_PARAGRAPH.CENTER, 9.2),
    "SOP Tabel Judul": (8, True, WD_ALIGN_PARAGRAPH.CENTER, 9.2),
    "SOP Jangkar": (1, False, WD_ALIGN_PARAGRAPH.LEFT, 1),
}


def ensure_styles(doc: DocumentObject) -> None:
    """Add any of sopc's paragraph styles the document lacks (FONT, sizes as in STYLES)."""
    present = {style.name for style in doc.styles}
    normal = doc.styles["Normal"]
    for name, (size, bold, align, exact) in STYLES.items():
        if name in present:
            continue
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), bold
        fmt = style.paragraph_format
        fmt.alignment, fmt.space_before, fmt.space_after = align, Pt(0), Pt(0)
        if exact:
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(exact)
        fmt.keep_with_next = name == "SOP Jangkar" or None


class TemplateError(SopcError):
    """The unit's reference document cannot be used; the message says why."""


def open_reference(template: Path | None) -> DocumentObject:
    """The unit's reference document (or sopc's own), emptied of body content, ready to fill.

    Raises TemplateError when `template` is not a Word document sopc can start from.
    """
    if template is not None:
        try:
            data = read_file(template, ASSET_LIMIT)
            _check_unpacked(data)
            doc = Document(io.BytesIO(data))
        except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else err
            raise TemplateError(texts("template.unusable", name=template.name, reason=reason)) from None
    else:
        doc = Document(io.BytesIO(resources.files("sopc.templates").joinpath("reference.docx").read_bytes()))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()  # a document without one still has a page to set
    _keep_needed(doc)
    ensure_styles(doc)
    return doc


UNPACKED_LIMIT = 64 * 1024 * 1024  # bytes a reference document may unpack to, all parts together
PARTS_LIMIT = 2000


def _check_unpacked(data: bytes) -> None:
    """Refuse a zip bomb by its directory, before a part is opened: the sizes it declares (zipfile
    stops reading a part at its declared size, so they hold)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > UNPACKED_LIMIT or len(infos) > PARTS_LIMIT:
        raise ValueError(f"it unpacks to {total} bytes in {len(infos)} parts "
                         f"(limit {UNPACKED_LIMIT} bytes, {PARTS_LIMIT} parts)")


# what the emptied document still needs without naming it: the rest held the template's own
# content (pictures, links, glossary, comments) and would be copied into every SOP's document
_IMPLIED = {RT.STYLES, RT.SETTINGS, RT.NUMBERING, RT.THEME, RT.FONT_TABLE, RT.WEB_SETTINGS, RT.FOOTNOTES,
            RT.ENDNOTES, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
_PACKAGE_KEPT = {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES, RT.EXTENDED_PROPERTIES}
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _keep_needed(doc: DocumentObject) -> None:
    """Only the parts sopc's documents need go on from the reference document, and nothing outside it.

    Every external relationship is dropped with what names it: a remote attachedTemplate (which
    Word fetches on opening), linked pictures, hyperlinks. The document part keeps the parts it
    implies (styles, settings, ...) and those its remaining XML names (headers and footers);
    the package keeps its document and properties (not a thumbnail of the template).
    """
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype not in _PACKAGE_KEPT:
            package.rels.pop(rel_id)
    named = _named_ids(doc.part.element)
    for rel_id, rel in list(doc.part.rels.items()):
        if not rel.is_external and rel.reltype not in _IMPLIED and rel_id not in named:
            doc.part.rels.pop(rel_id)
    for part in package.iter_parts():
        external = {rel_id for rel_id, rel in part.rels.items() if rel.is_external}
        if not external:
            continue
        element = getattr(part, "element", None)
        if element is not None:
            _unname(element, external)
        for rel_id in external:
            part.rels.pop(rel_id)


def _named_ids(element: object) -> set[str]:
    return {value for node in element.iter() for key, value in node.attrib.items()  # type: ignore[attr-defined]
            if key.startswith(_R)}


def _unname(element: object, ids: set[str]) -> None:
    """Remove the references to `ids`: an attachedTemplate element whole, any other the attribute."""
    for node in list(element.iter()):  # type: ignore[attr-defined]
        for key, value in list(node.attrib.items()):
            if key.startswith(_R) and value in ids:
                if node.tag == qn("w:attachedTemplate"):
                    node.getparent().remove(node)
                    break
                del node.attrib[key]


def template_margin(template: Path | None) -> float:
    """The reference document's page margin in mm (the smallest of its four): the layout keeps inside it.

    sopc's own reference is read straight from its XML (python-docx is a sixth of a build's start,
    and a build with nothing to make need not load it); a unit's is opened whole, which checks it."""
    if template is None:
        own = own_margin()
        if own is not None:
            return own
    section = open_reference(template).sections[0]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    return min((m.mm for m in margins if m is not None), default=DEFAULT_MARGIN)


def set_paper(doc: DocumentObject, width: float, height: float, margin: float) -> None:
    """The section's paper and margins (mm), exactly those the layout was computed for (always landscape)."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(width), Mm(height)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(margin))
