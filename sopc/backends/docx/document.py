"""The python-docx side: the reference document with sopc's styles and its paper, read once per process."""

from __future__ import annotations

import io
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
    """Add any of sopc's paragraph styles the document lacks (Arial, sizes as in STYLES)."""
    present = {style.name for style in doc.styles}
    normal = doc.styles["Normal"]
    for name, (size, bold, align, exact) in STYLES.items():
        if name in present:
            continue
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.name, style.font.size, style.font.bold = "Arial", Pt(size), bold
        fmt = style.paragraph_format
        fmt.alignment, fmt.space_before, fmt.space_after = align, Pt(0), Pt(0)
        if exact:
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(exact)
        fmt.keep_with_next = name == "SOP Jangkar" or None


class TemplateError(Exception):
    """The unit's reference document cannot be used; the message says why."""


def open_reference(template: Path | None) -> DocumentObject:
    """The unit's reference document (or sopc's own), emptied of body content, ready to fill.

    Raises TemplateError when `template` is not a Word document sopc can start from.
    """
    if template is not None:
        try:
            doc = Document(str(template))
        except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError) as err:
            raise TemplateError(f"{template.name} is not a Word document (.docx) sopc can start from: {err}") \
                from None
    else:
        data = resources.files("sopc.templates").joinpath("reference.docx").read_bytes()
        doc = Document(io.BytesIO(data))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()  # a document without one still has a page to set
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # a picture of the template, not of what sopc writes
            package_rels.pop(rel_id)
    ensure_styles(doc)
    return doc


def template_margin(template: Path | None) -> float:
    """The reference document's page margin in mm (the smallest of its four): the layout keeps inside it."""
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
