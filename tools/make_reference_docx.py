"""Regenerate templates/reference.docx, the reference document sopc's DOCX back-end starts from.

A unit may replace templates/reference.docx (or point `[document] template` at its own) to change
fonts, colours and margins, keeping the style names below. Run:  python tools/make_reference_docx.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

STYLES = {
    # name: (size pt, bold, alignment, exact line height pt or None)
    "SOP Identitas": (9, False, WD_ALIGN_PARAGRAPH.LEFT, None),
    "SOP Identitas Label": (9, True, WD_ALIGN_PARAGRAPH.LEFT, None),
    "SOP Kop": (11, True, WD_ALIGN_PARAGRAPH.CENTER, None),
    "SOP Tabel": (8, False, WD_ALIGN_PARAGRAPH.LEFT, 9.2),
    "SOP Tabel Tengah": (8, False, WD_ALIGN_PARAGRAPH.CENTER, 9.2),
    "SOP Tabel Judul": (8, True, WD_ALIGN_PARAGRAPH.CENTER, 9.2),
    "SOP Jangkar": (1, False, WD_ALIGN_PARAGRAPH.LEFT, 1),
}


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
    for name, (size, bold, align, exact) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.name, style.font.size, style.font.bold = "Arial", Pt(size), bold
        fmt = style.paragraph_format
        fmt.alignment, fmt.space_before, fmt.space_after = align, Pt(0), Pt(0)
        if exact:
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(exact)
    doc.styles["SOP Jangkar"].paragraph_format.keep_with_next = True
    core = doc.core_properties
    core.author = core.last_modified_by = core.comments = core.title = core.subject = ""
    core.keywords = core.category = ""
    out = Path(__file__).parents[1] / "templates" / "reference.docx"
    doc.save(out)
    print(out, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
