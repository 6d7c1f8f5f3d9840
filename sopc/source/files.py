"""Reading a user's file: the one way sopc opens what a repository holds.

Every SOP, sopc.toml, logo, reference document, cache and memo is read through `read_file`, so
that whatever a repository (or a pull request) puts there:
- only a regular file is read: a FIFO, a device (`/dev/zero`, `/dev/urandom`) or a socket is
  refused before a byte is read (opened non-blocking, so even opening a FIFO cannot hang);
- the read is bounded: never more than `limit` bytes are taken from the opened descriptor,
  whatever its size said a moment before;
- a link that leads out of the repository is refused: a committed `x.sop.yaml -> ~/.ssh/id_rsa`
  would otherwise be quoted into a CI log by the text report.
The errors are OSErrors (callers already report an unreadable file), with a reason the user can act on.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from sopc.texts.i18n import tr

MiB = 1024 * 1024
CONFIG_LIMIT = 1 * MiB  # sopc.toml / pyproject.toml
ASSET_LIMIT = 20 * MiB  # a logo or a unit's reference document
CACHE_LIMIT = 64 * MiB  # the build cache and the lint memo of a large repository



class RefusedFile(OSError):
    """A file sopc will not read; `strerror` says why, `kind` is a key of REASONS."""

    def __init__(self, path: str | os.PathLike, kind: str, lang: str = "en", **values: object) -> None:
        super().__init__(errno.EINVAL, tr(f"file.{kind}", lang, **values), str(path))
        self.kind = kind


def read_file(path: str | os.PathLike, limit: int, root: Path | None = None, lang: str = "en") -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them (more is an error).

    With `root`, a path that lies inside `root` but resolves outside it (through a link) is refused.
    Raises OSError: the file's own error, or RefusedFile.
    """
    if root is not None:
        _check_inside(Path(path), root, lang)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RefusedFile(path, "not_regular", lang)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 * MiB, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise RefusedFile(path, "too_large", lang, limit=limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _check_inside(path: Path, root: Path, lang: str) -> None:
    where = Path(os.path.abspath(path))
    home = Path(os.path.abspath(root))
    if not where.is_relative_to(home):
        return  # named outside the repository by its own path: the user's choice, not a link's
    target = Path(os.path.realpath(where))
    if not target.is_relative_to(Path(os.path.realpath(home))):
        raise RefusedFile(path, "outside", lang, target=target)
