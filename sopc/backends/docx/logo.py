"""The unit's logo for the identity table: PNG or JPEG as it is; SVG kept as vector with a PNG beside it.

Word 2016+ draws the SVG; LibreOffice and older Word draw the PNG, so the PNG is rendered at print
resolution (python-docx cannot take an SVG: the `asvg:svgBlip` extension is added by hand).
Rendering needs cairosvg or rsvg-convert; without either an SVG logo is left out with a warning.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from docx.image.image import Image

from sopc.errors import SopcError
from sopc.source.files import ASSET_LIMIT, read_file
from sopc.texts.i18n import texts
from sopc.workers import OverBudget, run_bounded

RASTER = (".png", ".jpg", ".jpeg")
PRINT_WIDTH_PX = 1200
MAX_PIXELS = 20_000  # each way: a logo is printed 2-3 cm wide
SVG_SECONDS = 10.0  # drawing an SVG logo (a hostile one can take minutes)
SVG_MEMORY = 512 * 1024 * 1024


class LogoError(SopcError):
    """The logo cannot be used; the message says why (the build goes on without it)."""


def logo_png(path: Path) -> tuple[bytes, bytes | None]:
    """(raster image bytes, SVG bytes or None) of a logo file."""
    suffix = path.suffix.lower()
    try:
        data = read_file(path, ASSET_LIMIT)
    except FileNotFoundError:
        raise
    except OSError as err:
        raise LogoError(texts("logo.unreadable", name=path.name, reason=err.strerror or err)) from None
    if suffix in RASTER:
        try:
            image = Image.from_blob(data)  # what the DOCX will need: its kind and size in pixels
        except Exception:  # unrecognised, truncated (python-docx raises several kinds)
            raise LogoError(texts("logo.unreadable_image", name=path.name)) from None
        if not (0 < image.px_width <= MAX_PIXELS and 0 < image.px_height <= MAX_PIXELS):
            raise LogoError(texts("logo.pixels", name=path.name, w=image.px_width, h=image.px_height,
                                  most=MAX_PIXELS))
        return data, None
    if suffix != ".svg":
        raise LogoError(texts("logo.kind", name=path.name))
    return _render(data), data


def _render(svg: bytes) -> bytes:
    """The SVG drawn as PNG, within SVG_SECONDS and SVG_MEMORY whichever tool draws it."""
    try:
        import cairosvg  # noqa: F401  (drawn in a bounded child below)

        return run_bounded(_cairo, (svg,), SVG_SECONDS, SVG_MEMORY)
    except ImportError:
        pass
    except OverBudget as err:
        raise LogoError(texts("logo.svg_failed", reason=err)) from None
    tool = shutil.which("rsvg-convert")
    if tool is None:
        raise LogoError(texts("logo.svg_tool"))
    try:
        proc = subprocess.run([tool, "-w", str(PRINT_WIDTH_PX), "-f", "png"], input=svg, capture_output=True,
                              timeout=SVG_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise LogoError(texts("logo.svg_slow", seconds=SVG_SECONDS)) from None
    if proc.returncode != 0:
        raise LogoError(texts("logo.svg_failed", reason=proc.stderr.decode(errors="replace").strip()[:200]))
    return proc.stdout


def _cairo(svg: bytes) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=svg, output_width=PRINT_WIDTH_PX)
