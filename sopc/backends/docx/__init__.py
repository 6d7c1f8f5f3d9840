"""The official DOCX: identity table, then the swimlane flowchart table page after page."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from sopc.backends.docx.flowtable import flowchart_xml
from sopc.backends.docx.identity import LOGO_HEIGHT_MM, WET, Logo, Signature, identity_xml
from sopc.backends.docx.package import core_properties, skeleton
from sopc.backends.registry import Rendering
from sopc.layout.geometry import Layout
from sopc.model.sop import Sop
from sopc.texts.labels import Labels, labels

FIRST_SHAPE_ID = 1000  # drawing ids of the flowchart's shapes; the logo is drawing 1


def render(doc: Rendering) -> Iterator[tuple[str, bytes]]:
    """The back-end `docx` (sopc.backends.registry): one official document per SOP."""
    yield doc.stem + ".docx", build_docx(doc.sop, doc.layout, doc.labels, doc.numbers, doc.logo, doc.template,
                                         doc.signature)


def build_docx(sop: Sop, layout: Layout, text: Labels | None = None, numbers: Mapping[str, str] | None = None,
               logo: Logo | None = None, template: Path | None = None, signature: Signature = WET) -> bytes:
    """The DOCX of one SOP, labelled with `text` (default: sopc's Indonesian labels). `numbers` maps
    the repository's SOP numbers to names (for keterkaitan); `logo` is the image bytes (and SVG
    original) from `sopc.backends.docx.logo.logo_png`."""
    base = skeleton(template, layout.width, layout.height, layout.margin)
    media = base.media(logo, LOGO_HEIGHT_MM) if logo is not None else None
    identity = identity_xml(sop, layout.width - 2 * layout.margin, text if text is not None else labels("id"),
                            numbers or {}, media.picture if media else None, logo_id=1, signature=signature)
    flowchart, _ = flowchart_xml(layout, FIRST_SHAPE_ID)
    properties = core_properties(sop.nama, sop.nomor, sop.instansi, sop.tanggal.pembuatan)
    return base.package(identity + flowchart, properties, [media] if media else [])
