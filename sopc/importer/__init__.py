"""`sopc import`: a unit's signed SOPs, kept as Word files and PDFs, brought in as `*.sop.yaml`.

The pipeline runs backwards: read the document (docx.py, pdf.py) into tables and the drawing over
them (page.py) -> the identity (identity.py) and the steps and flow (flowchart.py) -> YAML with a
comment at every guess (write.py). A document holding many SOPs (a manual) gives one source each:
an identity table starts a SOP, the flowchart tables after it are its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopc.errors import SopcError
from sopc.importer.flowchart import is_flowchart, read_flowchart
from sopc.importer.identity import Found, is_identity, read_identity
from sopc.importer.page import Document, Table
from sopc.importer.write import sop_yaml
from sopc.model.base import slug
from sopc.texts.i18n import texts


class ImportError_(SopcError):
    """A file that is not a SOP this importer can read: the message says why (exit code 1)."""


@dataclass
class Imported:
    """One SOP read from a document: the file name it is written to, its YAML, and what was read,
    guessed and missing (for the summary)."""

    name: str
    text: str
    nomor: str = ""
    steps: int = 0
    actors: int = 0
    guessed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def read_document(path: Path) -> Document:
    """The document's tables and drawing, read by the reader of its kind (.docx or .pdf)."""
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise ImportError_(texts("import.kind", path=path))
    from sopc.importer.docx import UnreadableDocument, read_docx
    from sopc.importer.pdf import UnreadablePdf, read_pdf

    read = read_docx if suffix == ".docx" else read_pdf
    try:
        return read(path)
    except (UnreadableDocument, UnreadablePdf) as err:
        raise ImportError_(_why(path, str(err))) from None
    except OSError as err:
        raise ImportError_(texts("import.unreadable", path=path, reason=err.strerror or err)) from None


def _why(path: Path, reason: str) -> dict[str, str]:
    if reason == "protected":
        return texts("import.protected", path=path)
    if reason == "scanned":
        return texts("import.scanned", path=path)
    kind, _, detail = reason.partition(":")
    if kind in ("not_pdf", "not_docx"):
        return texts(f"import.{kind}", path=path, detail=detail)
    return texts("import.unreadable", path=path, reason=reason)


def import_document(path: Path, defaults: dict[str, Any]) -> list[Imported]:
    """Every SOP of the document at `path`, as YAML (ImportError_ when it holds none)."""
    document = read_document(path)
    groups: list[tuple[Table | None, list[Table]]] = []
    for table in document.tables:
        if is_identity(table):
            groups.append((table, []))
        elif is_flowchart(table) or (groups and groups[-1][1] and _continues(groups[-1][1][-1], table)):
            if not groups:
                groups.append((None, []))
            groups[-1][1].append(table)
    groups = [g for g in groups if g[1]]
    if not groups:
        raise ImportError_(texts("import.not_sop", path=path))
    out = []
    for identity, flow_tables in groups:
        found = read_identity(identity) if identity is not None else Found(missing=["identitas"])
        flow = read_flowchart(flow_tables)
        flow.notes = document.notes + flow.notes
        text = sop_yaml(found, flow, path.name, defaults)
        nama = str(found.values.get("nama", "")) or path.stem
        guessed = [f"{k}: {v}" for k, v in found.guesses.items()] + \
            [f"langkah {s.number}: {n}" for s in flow.steps for n in s.notes] + flow.notes
        out.append(Imported(slug(nama) or "sop", text, str(found.values.get("nomor", "")), len(flow.steps),
                            len(flow.lanes), guessed, list(found.missing)))
    return out


def _continues(before: Table, table: Table) -> bool:
    """A table with the same columns as the flowchart table before it, and rows numbered as steps:
    the flowchart continued on the next page without its header."""
    if len(table.columns) != len(before.columns):
        return False
    first = next((c.text for row in table.rows for c in row.cells if c.text), "")
    return re.fullmatch(r"\d{1,4}[.)]?", first.strip()) is not None
