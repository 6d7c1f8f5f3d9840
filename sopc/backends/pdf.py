"""PDF through LibreOffice headless: the built DOCX files, converted in one call.

One `soffice` start costs about a second, so every document goes through one call. Each call gets
its own user profile: LibreOffice processes that share one lose documents (tech-notes section 4).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

INSTALL = {
    "id": "LibreOffice tidak ditemukan; pasang untuk --pdf (Debian/Ubuntu: sudo apt install libreoffice-writer-nogui)",
    "en": "LibreOffice was not found; install it for --pdf (Debian/Ubuntu: sudo apt install libreoffice-writer-nogui)",
}


class PdfError(Exception):
    """LibreOffice is missing, or did not produce a PDF; the message says which."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(documents: Sequence[Path], timeout: float = 600) -> list[Path]:
    """Convert each DOCX to a PDF beside it; the PDFs written."""
    program = soffice()
    if program is None:
        raise PdfError("soffice")
    by_folder: dict[Path, list[Path]] = {}
    for doc in documents:
        by_folder.setdefault(doc.parent, []).append(doc)
    written = []
    for folder, docs in sorted(by_folder.items()):
        with tempfile.TemporaryDirectory(prefix="sopc-lo-") as profile:
            command = [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to",
                       "pdf", "--outdir", str(folder), *map(str, docs)]
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        for doc in docs:
            pdf = doc.with_suffix(".pdf")
            if not pdf.exists() or pdf.stat().st_mtime < doc.stat().st_mtime:
                raise PdfError(f"LibreOffice made no PDF of {doc}")
            written.append(pdf)
    return written
