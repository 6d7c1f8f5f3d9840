"""Review dates: what the linter needs to know about time and about the last accepted version.

`tanggal.revisi` is also the planned review date. `sopc lint --today DATE` (default: today) warns
when it has passed; `--since REF` (a git ref, e.g. origin/main) warns when a SOP changed since
REF without its tanggal revisi moving — the check a reviewer wants on a pull request.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from sopc.source.loader import load_text


class ReviewError(Exception):
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


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ReviewError(f"git cannot run: {err}") from None
    if proc.returncode != 0:
        raise ReviewError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"git {args[0]} failed")
    return proc.stdout


def changed_since(ref: str, files: list[Path]) -> dict[str, str]:
    """For each of `files` that differs from its version at `ref`: that version's tanggal.revisi."""
    if not files:
        return {}
    folder = files[0].resolve().parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip())
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    changed = {(top / name).resolve() for name in _git(["diff", "--name-only", ref, "--"], top).splitlines()}
    changed |= {(top / name).resolve() for name in _git(["ls-files", "--others", "--exclude-standard"], top)
                .splitlines()}
    out = {}
    for file in files:
        path = file.resolve()
        if path not in changed:
            continue
        relative = path.relative_to(top).as_posix()
        try:
            old = _git(["show", f"{ref}:{relative}"], top)
        except ReviewError:
            continue  # a new file: nothing to compare with
        out[str(path)] = _revisi(old)
    return out


def _revisi(text: str) -> str:
    source, _ = load_text(text)
    tanggal = source.data.get("tanggal") if source else None
    value = tanggal.get("revisi") if isinstance(tanggal, dict) else None
    return str(value).strip() if value is not None else ""
