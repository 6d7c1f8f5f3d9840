"""The papers a SOP is printed on, always landscape: (width, height) in mm — the one table of them
(sopc.toml's `[document] paper`, `--paper`, the layout, monev and the catalogue's print sheets read it).

A module of its own so the command line can offer the choices without loading the settings' models.
"""

from __future__ import annotations

from typing import Literal, get_args

Paper = Literal["A4", "F4", "Letter", "Legal"]
PAPERS: dict[str, tuple[float, float]] = {"A4": (297.0, 210.0), "F4": (330.0, 215.0), "Letter": (279.4, 215.9),
                                          "Legal": (355.6, 215.9)}
assert tuple(PAPERS) == get_args(Paper)
