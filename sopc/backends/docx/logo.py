"""The unit's logo for the identity table: PNG or JPEG as it is; SVG kept as vector with a PNG beside it.

Word 2016+ draws the SVG; LibreOffice and older Word draw the PNG, so the PNG is rendered at print
resolution (tech-notes section 2b). Rendering needs cairosvg or rsvg-convert; without either an
SVG logo is left out with a warning.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image

from sopc.source.files import ASSET_LIMIT, read_file

RASTER = (".png", ".jpg", ".jpeg")
PRINT_WIDTH_PX = 1200


class LogoError(Exception):
    """The logo cannot be used; the message says why."""


def logo_png(path: Path) -> tuple[bytes, bytes | None]:
    """(raster image bytes, SVG bytes or None) of a logo file."""
    suffix = path.suffix.lower()
    try:
        data = read_file(path, ASSET_LIMIT)
    except FileNotFoundError:
        raise
    except OSError as err:
        raise LogoError(f"{path.name}: {err.strerror or err}") from None
    if suffix in RASTER:
        try:
            Image.from_blob(data)  # what the DOCX will need: its kind and size in pixels
        except UnrecognizedImageError:
            raise LogoError(f"{path.name} is not a PNG or JPEG image that can be read") from None
        return data, None
    if suffix != ".svg":
        raise LogoError(f"{path.name} is not PNG, JPEG or SVG")
    return _render(data), data


def _render(svg: bytes) -> bytes:
    try:
        import cairosvg

        return cairosvg.svg2png(bytestring=svg, output_width=PRINT_WIDTH_PX)
    except (ImportError, OSError):
        pass
    except Exception as err:  # cairosvg raises many kinds on a broken SVG
        raise LogoError(f"the SVG cannot be drawn: {err}") from None
    tool = shutil.which("rsvg-convert")
    if tool is None:
        raise LogoError("an SVG logo needs cairosvg (pip) or rsvg-convert (Debian librsvg2-bin) to print")
    proc = subprocess.run([tool, "-w", str(PRINT_WIDTH_PX), "-f", "png"], input=svg, capture_output=True,
                          timeout=30, check=False)
    if proc.returncode != 0:
        raise LogoError(f"the SVG cannot be drawn: {proc.stderr.decode(errors='replace').strip()[:200]}")
    return proc.stdout
