"""The official DOCX: identity table, then the swimlane flowchart table page after page."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path

from sopc.backends.docx.document import deterministic_zip, open_reference, set_paper
from sopc.backends.docx.flowtable import add_flowchart
from sopc.backends.docx.identity import Logo, add_identity
from sopc.layout.geometry import Layout
from sopc.model.sop import Sop


def build_docx(sop: Sop, layout: Layout, lang: str = "id", numbers: Mapping[str, str] | None = None,
               logo: Logo | None = None, template: Path | None = None) -> bytes:
    """The DOCX of one SOP. `numbers` maps the repository's SOP numbers to names (for keterkaitan);
    `logo` is the image bytes (and SVG original) from `sopc.backends.docx.logo.logo_png`."""
    doc = open_reference(template)
    set_paper(doc, layout)
    add_identity(doc, sop, layout.width - 2 * layout.margin, lang, numbers or {}, logo)
    add_flowchart(doc, layout, lang)
    made = dt.datetime.combine(sop.tanggal.pembuatan, dt.time(0, 0), tzinfo=dt.timezone.utc)
    core = doc.core_properties
    # Office limits these properties to 255 characters (a long nama would stop the build)
    core.title, core.subject = sop.nama[:255], sop.nomor[:255]
    core.author = core.last_modified_by = sop.instansi[:255]
    core.created = core.modified = core.last_printed = made
    core.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return deterministic_zip(out.getvalue())
