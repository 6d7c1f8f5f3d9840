"""Paths a SOP or sopc.toml names (logo, template) must stay inside the repository."""

from __future__ import annotations

from pathlib import Path

from sopc.errors import SopcError
from sopc.texts.i18n import texts


class PathEscape(SopcError, ValueError):
    """A path that leaves the repository (absolute, `..`, or a link pointing out)."""


def inside(root: Path, name: str) -> Path:
    """`root / name`, refused when it would leave `root`, also through a symbolic link."""
    candidate = Path(name)
    if candidate.is_absolute() or candidate.drive:
        raise PathEscape(texts("path.absolute", name=name))
    resolved = (root / candidate).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise PathEscape(texts("path.outside", name=name, root=root))
    return root / candidate
