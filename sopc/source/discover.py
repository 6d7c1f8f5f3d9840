"""Find the SOP sources under the paths a user names."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from sopc.config import ConfigCache
from sopc.errors import SopcError
from sopc.source.ignore import IgnoreSpec
from sopc.texts.i18n import texts

SUFFIXES = (".sop.yaml", ".sop.yml")


class PathError(SopcError):
    """A path on the command line that does not exist (a usage error)."""

    def __init__(self, path: str) -> None:
        super().__init__(texts("path.missing", path=path))
        self.path = path


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


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def find_sources(paths: Sequence[Path], configs: ConfigCache, respect_gitignore: bool = True) -> list[Path]:
    """The SOP files under `paths`, honouring each path's configured excludes and (unless told
    otherwise) what git ignores; a file named explicitly is always read."""
    files: dict[Path, None] = {}
    for path in paths:
        config = configs.for_path(path)
        found = discover([path], config.settings.exclude, config.root)
        if respect_gitignore and path.is_dir():
            found = [f for f in found if f not in git_ignored(found, path)]
        for file in found:
            files[file] = None
    return list(files)


def git_ignored(files: list[Path], folder: Path) -> set[Path]:
    """Those of `files` git ignores (.gitignore, .git/info/exclude, the global excludes); none when
    `folder` is in no git work tree or git is not installed."""
    here = folder.resolve()
    if not files or not any((d / ".git").exists() for d in (here, *here.parents)):  # no work tree: no git run
        return set()
    try:
        answer = subprocess.run(["git", "check-ignore", "-z", "--stdin"], cwd=folder, capture_output=True,
                                input=b"\0".join(os.fsencode(f.resolve()) for f in files), timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if answer.returncode not in (0, 1):  # 128: not a git work tree
        return set()
    ignored = {Path(os.fsdecode(name)) for name in answer.stdout.split(b"\0") if name}
    return {f for f in files if f.resolve() in ignored}
