"""Regenerate templates/reference.docx, the reference document sopc's DOCX back-end starts from.

A unit may replace templates/reference.docx (or point `[document] template` at its own) to change
fonts, colours and margins, keeping the style names of sopc.backends.docx.document.STYLES.
Run:  python tools/make_reference_docx.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm, Pt

from sopc.backends.docx.document import ensure_styles


def main() -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(12))
    section.header_distance = section.footer_distance = Mm(6)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(9)
    normal.paragraph_format.space_after = Pt(0)
    ensure_styles(doc)
    _slim(doc)
    core = doc.core_properties
    core.author = core.last_modified_by = core.comments = core.title = core.subject = ""
    core.keywords = core.category = ""
    out = Path(__file__).parents[1] / "templates" / "reference.docx"
    doc.save(out)
    print(out, out.stat().st_size, "bytes")


KEPT_TABLE_STYLES = {"TableNormal", "TableGrid"}
# parts python-docx's default template carries that no SOP document uses: a Word 2010 copy of the
# styles, and a bibliography store
DROPPED_PARTS = ("relationships/stylesWithEffects", "relationships/customXml")


def _slim(doc) -> None:
    """Drop python-docx's 99 coloured table styles and the parts no SOP uses: every DOCX sopc writes
    carries the reference's styles, and they were 26 of a SOP's 40 KiB."""
    styles = doc.styles.element
    for style in list(styles.style_lst):
        if style.type == WD_STYLE_TYPE.TABLE and style.styleId not in KEPT_TABLE_STYLES:
            styles.remove(style)
    for rels in (doc.part.rels, doc.part.package.rels):  # the package's: python-docx's thumbnail
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith((*DROPPED_PARTS, "metadata/thumbnail")):
                rels.pop(rel_id)


if __name__ == "__main__":
    main()
