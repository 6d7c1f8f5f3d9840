"""PDF through LibreOffice headless: the built DOCX files, converted in a few calls.

One `soffice` start costs about a second and each document a quarter of one, so the documents go
through one call per worker (`jobs`), all at once. Each call gets its own user profile:
of two LibreOffice processes sharing one, one fails with no PDF (three tries in three). LibreOffice writes
into a work folder; each PDF then reaches its place by sopc's atomic write, so a build killed
meanwhile leaves no half-written PDF.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sopc.errors import SopcError
from sopc.output import write_atomic
from sopc.texts.i18n import texts

INSTALL = texts("pdf.install")


class PdfError(SopcError):
    """LibreOffice is missing, or did not produce a PDF; the message says which."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


START_SECONDS = 60.0  # what one LibreOffice call may take before its first document
SECONDS_PER_DOCUMENT = 10.0  # a 60-step SOP takes about a second; ten leaves room for a slow machine


def to_pdf(documents: Sequence[Path], jobs: int = 1) -> list[Path]:
    """Convert each DOCX to a PDF beside it, in up to `jobs` LibreOffice processes; the PDFs written.

    Raises PdfError when LibreOffice is missing, takes too long, or makes no PDF of a document.
    """
    program = soffice()
    if program is None:
        raise PdfError(INSTALL)
    if not documents:
        return []
    with tempfile.TemporaryDirectory(prefix="sopc-pdf-") as work:
        inputs = Path(work) / "in"
        inputs.mkdir()
        names = []  # numbered names: documents of different folders may share a name
        for i, doc in enumerate(documents):
            name = inputs / f"{i:06d}.docx"
            try:
                name.symlink_to(doc.resolve())
            except OSError:  # no symbolic links here (some Windows setups)
                shutil.copyfile(doc, name)
            names.append(name)
        batches = [names[i::max(1, jobs)] for i in range(max(1, jobs))]
        _convert(program, [b for b in batches if b], Path(work))
        written = []
        for i, doc in enumerate(documents):
            made = Path(work) / "out" / f"{i:06d}.pdf"
            if not made.is_file():
                raise PdfError(texts("pdf.none", doc=doc))
            pdf = doc.with_suffix(".pdf")
            write_atomic(pdf, made.read_bytes())
            written.append(pdf)
    return written


def _convert(program: str, batches: list[list[Path]], work: Path) -> None:
    """Run one LibreOffice per batch, at once, each with its own profile, writing into work/out."""
    running = []
    for n, batch in enumerate(batches):
        profile = (work / f"profile-{n}").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(work / "out"), *map(str, batch)]
        running.append((subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), batch))
    try:
        for proc, batch in running:
            limit = START_SECONDS + SECONDS_PER_DOCUMENT * len(batch)
            try:
                proc.wait(timeout=limit)
            except subprocess.TimeoutExpired:
                raise PdfError(texts("pdf.slow", limit=limit, count=len(batch))) from None
    finally:
        for proc, _ in running:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
