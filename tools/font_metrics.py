"""Regenerate sopc/data/liberation-sans.json: advance widths of Liberation Sans (SIL OFL 1.1).

Run once by a developer (needs fontTools and the font files):
    python tools/font_metrics.py /usr/share/fonts/truetype/liberation
The table holds Latin, Latin-1 and common punctuation; sopc measures other characters with the
average width. Liberation Sans is metric-compatible with Arial, so layouts match Arial documents.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

CHARS = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)] + list("–—‘’“”•…€™")


def widths(path: Path) -> dict[str, int]:
    font = TTFont(path)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    return {ch: hmtx[cmap[ord(ch)]][0] for ch in CHARS if ord(ch) in cmap}


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation")
    regular = TTFont(folder / "LiberationSans-Regular.ttf")
    table = {
        "font": "Liberation Sans 2.x (SIL Open Font License 1.1), metric-compatible with Arial",
        "units_per_em": regular["head"].unitsPerEm,
        "ascent": regular["hhea"].ascent, "descent": -regular["hhea"].descent,
        "regular": widths(folder / "LiberationSans-Regular.ttf"),
        "bold": widths(folder / "LiberationSans-Bold.ttf"),
    }
    out = Path(__file__).parents[1] / "sopc" / "data" / "liberation-sans.json"
    out.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(out, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
