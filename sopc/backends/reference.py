"""What sopc's own reference document (templates/reference.docx) holds that a build needs before
it writes anything — read straight from its XML, so that a build with nothing to make never loads
python-docx (a sixth of a build's start)."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from importlib import resources


@functools.lru_cache(maxsize=1)
def own_margin() -> float | None:
    """The first section's smallest margin in sopc's reference.docx, read from word/document.xml."""
    data = resources.files("sopc.templates").joinpath("reference.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    found = re.search(r"<w:pgMar\b([^>]*)/?>", xml)
    if found is None:
        return None
    sides = [int(v) for k, v in re.findall(r'w:(top|bottom|left|right)="(-?\d+)"', found.group(1))]
    return min(side * 25.4 / 1440 for side in sides) if sides else None


