"""Paths a SOP or sopc.toml names (logo, template) must stay inside the repository."""

from __future__ import annotations

from pathlib import Path

from sopc.errors import SopcError


class PathEscape(SopcError, ValueError):
    """A path that leaves the repository (absolute, `..`, or a link pointing out)."""


def inside(root: Path, name: str) -> Path:
    """`root / name`, refused when it would leave `root`, also through a symbolic link."""
    candidate = Path(name)
    if candidate.is_absolute() or candidate.drive:
        raise PathEscape({"id": f"`{name}` adalah path absolut; sebut path di dalam repositori",
                          "en": f"`{name}` is an absolute path; name a path inside the repository"})
    resolved = (root / candidate).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise PathEscape({"id": f"`{name}` mengarah ke luar folder {root}",
                          "en": f"`{name}` leads outside the folder {root}"})
    return root / candidate
