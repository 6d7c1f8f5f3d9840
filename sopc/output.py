"""Writing and removing outputs safely: a file is replaced whole or not at all, an unchanged file is
left alone, and only a file sopc itself writes is ever removed (`remove_outputs`
is the one way anything is deleted from an output folder)."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Container, Iterable
from pathlib import Path, PurePosixPath

from sopc.backends.registry import folders, output_pattern  # light: the formats' suffixes, no back-end
from sopc.errors import SopcError
from sopc.texts.i18n import texts

# write_atomic's temporary files are ".<name>.sopc-<random>.tmp": the mark tells remove_leftovers they are ours.
_TEMPORARY_MARK = ".sopc-"
# the mode a plainly created file gets; mkstemp makes its files private (0600), outputs are not
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


class OutputError(SopcError):
    """An output cannot be written: a file where its folder must be, no permission, no space left."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(texts("output.unwritable", path=path, reason=reason))
        self.path, self.reason = path, reason


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
    return out_dir / relative.parent / document_name(relative)


def document_name(source: Path) -> str:
    """The name a source's documents take: its file name without `.sop.yaml` (or `.yml`, `.yaml`);
    empty or dots only for `.sop.yaml` and `..sop.yaml`, which name no document."""
    name = source.name
    for suffix in (".sop.yaml", ".sop.yml", ".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


PAGE_STEM = re.compile(r"\.p[1-9][0-9]*$")  # a stem that looks like another stem's page (`x.p1`)


def made_for(stem: str, name: str) -> bool:
    """Whether `name` (relative to the output folder, with /) is a file sopc writes for outputs `stem`.*:
    a format's file (sopc.backends.registry), one of its pages, or the PDF printed of its DOCX."""
    if name.startswith(stem + "."):
        return output_pattern().fullmatch(name[len(stem):]) is not None
    for folder in folders():  # a format writing under its own folder: html/umum/x.html for umum/x
        if name.startswith(f"{folder}/{stem}."):
            return output_pattern(folder).fullmatch(name[len(folder) + 1 + len(stem):]) is not None
    return False


def removable(folder: Path, name: str) -> Path | None:
    """`folder / name` when it may be deleted: a plain relative name (not absolute, no `..`, `.` or empty
    part, no backslash), a regular file that is no link, inside the folder also when resolved."""
    pure = PurePosixPath(name)
    if (not name or "\\" in name or "\0" in name or pure.is_absolute() or ":" in pure.parts[0]
            or any(part in ("", ".", "..") for part in name.split("/"))):
        return None
    path = folder.joinpath(*pure.parts)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        if not path.resolve().is_relative_to(folder.resolve()):
            return None
    except (OSError, ValueError):
        return None
    return path


def remove_outputs(folder: Path, stem: str, names: Iterable[str], keep: Container[str] = ()) -> list[Path]:
    """Delete the files `names` under `folder` (with the PDF printed of a DOCX among them) that sopc
    writes for outputs `stem`.* (`made_for`) and that may be deleted (`removable`), except those in
    `keep` (another source's outputs). Returns
    those deleted; anything else is left where it is, whoever named it."""
    kept = keep
    removed = []
    names = list(names)
    names += [n[:-len(".docx")] + ".pdf" for n in names if n.endswith(".docx")]  # printed by `--pdf`
    for name in dict.fromkeys(names):
        path = removable(folder, name) if name not in kept and made_for(stem, name) else None
        if path is not None:
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def fingerprint(path: Path) -> tuple[int, int] | None:
    """(size, modification time in ns) of a regular file, to see that nothing replaced it since; None if none."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None
