"""Find the SOP sources under the paths a user names."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

SUFFIXES = (".sop.yaml", ".sop.yml")


class PathError(Exception):
    """A path on the command line that does not exist (a usage error)."""


def is_sop_file(path: Path) -> bool:
    return path.name.endswith(SUFFIXES)


def discover(paths: Iterable[Path], exclude: Iterable[str] = ()) -> list[Path]:
    """Every SOP file named or found under `paths` (hidden folders skipped), sorted, each once.

    A file named explicitly is read whatever its name; folders are searched for `*.sop.yaml`
    and `*.sop.yml`. `exclude` holds glob patterns matched against paths relative to each folder.
    """
    patterns = list(exclude)
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_file():
            found[path] = None
        elif path.is_dir():
            for file in _walk(path, patterns):
                found[file] = None
        else:
            raise PathError(str(path))
    return sorted(found, key=lambda p: str(p))


def _walk(folder: Path, patterns: list[str]) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        base = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and not _excluded(base / d, folder, patterns))
        for name in sorted(filenames):
            file = base / name
            if name.endswith(SUFFIXES) and not _excluded(file, folder, patterns):
                yield file


def _excluded(path: Path, root: Path, patterns: list[str]) -> bool:
    relative = path.relative_to(root).as_posix()
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(path.name, p) for p in patterns)
