"""Writing outputs safely: a file is replaced whole or not at all, and an unchanged file is left alone."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

# write_atomic's temporary files are ".<name>.sopc-<random>.tmp": the mark tells remove_leftovers they are ours.
_TEMPORARY_MARK = ".sopc-"
# the mode a plainly created file gets; mkstemp makes its files private (0600), outputs are not
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


class OutputError(Exception):
    """An output cannot be written: a file where its folder must be, no permission, no space left."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)  # both in args: it crosses from worker processes
        self.path, self.reason = path, reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file and a rename; False when the file already held it.

    Why: a build killed half-way must leave every existing output whole (old or new), and an
    unchanged output keeps its timestamp so tools watching the folder see nothing to do.
    Raises OutputError when the file cannot be written.
    """
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    try:
        return _replace(path, data)
    except (FileExistsError, NotADirectoryError) as err:
        raise OutputError(str(path), f"a file stands where a folder must be ({err.filename})") from None
    except OSError as err:
        raise OutputError(str(path), err.strerror or str(err)) from None


def _replace(path: Path, data: bytes) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{_TEMPORARY_MARK}", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.chmod(tmp, FILE_MODE)
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def remove_leftovers(out_dir: Path, older_than: float = 60.0) -> list[Path]:
    """Delete the temporary files a killed build left under `out_dir`; returns those removed.

    Only files older than `older_than` seconds go: a build running alongside renames its own
    within milliseconds, so a file that old is nobody's.
    """
    if not out_dir.is_dir():
        return []
    cutoff = time.time() - older_than
    removed = []
    for dirpath, _, filenames in os.walk(out_dir):
        for name in filenames:
            path = Path(dirpath) / name
            try:
                if _is_temporary(name) and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue  # gone already, or not ours to delete
    return removed


def _is_temporary(name: str) -> bool:
    return name.startswith(".") and name.endswith(".tmp") and _TEMPORARY_MARK in name


def output_stem(source: Path, base: Path, out_dir: Path) -> Path:
    """Where the outputs of `source` go: its path under `base`, mirrored under `out_dir`, without suffix.

    `pengelolaan-surat.sop.yaml` -> `pengelolaan-surat`; a source outside `base` keeps its name only.
    """
    try:
        relative = source.resolve().relative_to(base.resolve())
    except ValueError:
        relative = Path(source.name)
    name = relative.name
    for suffix in (".sop.yaml", ".sop.yml", ".yaml", ".yml"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return out_dir / relative.parent / name
