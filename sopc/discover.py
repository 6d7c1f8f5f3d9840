"""Find the SOP sources under the paths a user names."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from sopc.ignore import IgnoreSpec

SUFFIXES = (".sop.yaml", ".sop.yml")


class PathError(Exception):
    """A path on the command line that does not exist (a usage error)."""


def is_sop_file(path: Path) -> bool:
    return path.name.endswith(SUFFIXES)


def discover(paths: Iterable[Path], exclude: Iterable[str] = (), root: Path | None = None) -> list[Path]:
    """Every SOP file named or found under `paths` (hidden folders skipped), sorted, each once.

    A file named explicitly is read whatever its name; folders are searched for `*.sop.yaml`
    and `*.sop.yml`. `exclude` holds .gitignore-style patterns relative to `root` (the folder of
    the config file that holds them, as a .gitignore is relative to its folder), or to each folder
    named when that lies outside `root`. A folder named explicitly is searched even if excluded.
    """
    spec = IgnoreSpec(exclude)
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_file():
            found[path] = None
        elif path.is_dir():
            for file in _walk(path, spec, root):
                found[file] = None
        else:
            raise PathError(str(path))
    return sorted(found, key=lambda p: str(p))


def _walk(folder: Path, spec: IgnoreSpec, root: Path | None) -> Iterable[Path]:
    start = _relative_start(folder, root) if spec else ""
    for dirpath, dirnames, filenames in os.walk(folder):
        base = Path(dirpath)
        prefix = start + ("" if base == folder else base.relative_to(folder).as_posix() + "/")
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and not spec.matches(prefix + d, is_dir=True))
        for name in sorted(filenames):
            if name.endswith(SUFFIXES) and not spec.matches(prefix + name):
                yield base / name


def _relative_start(folder: Path, root: Path | None) -> str:
    """`folder` as a pattern prefix relative to `root` ("" when it is the root or outside it)."""
    if root is None:
        return ""
    try:
        relative = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative + "/"
