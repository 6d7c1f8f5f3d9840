"""Review dates: what the linter needs to know about time and about the last accepted version.

`tanggal.revisi` is also the planned review date. `sopc lint --today DATE` (default: today) warns
when it has passed; `--since REF` (a git ref, e.g. origin/main) warns when a SOP changed since
REF without its tanggal revisi moving — the check a reviewer wants on a pull request.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from sopc.errors import SopcError
from sopc.source.loader import load_text
from sopc.texts.i18n import texts


class ReviewError(SopcError):
    """git could not answer (no repository, unknown ref); a usage error."""


@dataclass(frozen=True)
class Review:
    """Today, and for each SOP changed since `since`: its revisi before the change ("" if it had none)."""

    today: dt.date = field(default_factory=dt.date.today)
    since: str | None = None
    previous: dict[str, str] = field(default_factory=dict)  # resolved path -> old tanggal.revisi text

    def old_revisi(self, path: str) -> str | None:
        """The revisi the file had at `since`, "" if none; None when the file did not change (or is new)."""
        return self.previous.get(str(Path(path).resolve()))


def git(args: list[str], cwd: Path) -> bytes:
    """git's output for `args` run in `cwd`; ReviewError when git cannot run or answers with an error."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ReviewError(texts("review.git", reason=err)) from None
    if proc.returncode != 0:
        problem = proc.stderr.decode("utf-8", "replace").strip()
        raise ReviewError(problem.splitlines()[-1] if problem else texts("review.failed", command=args[0]))
    return proc.stdout


def _names(output: bytes) -> list[str]:
    """File names git printed with -z: as they are (git quotes non-ASCII names without it)."""
    return [os.fsdecode(name) for name in output.split(b"\0") if name]


def changed_since(ref: str, files: list[Path], limit: int = 1_048_576) -> dict[str, str]:
    """For each of `files` that differs from its version at `ref`: that version's tanggal.revisi
    (an old version that is not UTF-8 text, or larger than `limit` bytes, counts as having none)."""
    if not files:
        return {}
    if ref.startswith("-"):
        # never an option of git's
        raise ReviewError(texts("review.not_ref", ref=ref))
    folder = files[0].resolve().parent
    top = Path(os.fsdecode(git(["rev-parse", "--show-toplevel"], folder).strip()))
    git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    changed = {(top / name).resolve() for name in _names(git(["diff", "-z", "--name-only", ref, "--"], top))}
    changed |= {(top / name).resolve()
                for name in _names(git(["ls-files", "-z", "--others", "--exclude-standard"], top))}
    out = {}
    for file in files:
        path = file.resolve()
        if path not in changed:
            continue
        relative = path.relative_to(top).as_posix()
        try:
            if int(git(["cat-file", "-s", f"{ref}:{relative}"], top)) > limit:
                out[str(path)] = ""
                continue
            old = git(["show", f"{ref}:{relative}"], top)
        except (ReviewError, ValueError):
            continue  # a new file: nothing to compare with
        out[str(path)] = _revisi(old)
    return out


def _revisi(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ""  # that version could not be read: as if it had none
    source, _ = load_text(text)
    tanggal = source.data.get("tanggal") if source else None
    value = tanggal.get("revisi") if isinstance(tanggal, dict) else None
    return str(value).strip() if value is not None else ""
