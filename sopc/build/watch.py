"""`sopc watch`: rebuild when a SOP or sopc.toml is saved, printing the findings as they appear.

Polling the files' modification times (once a second by default) needs nothing outside the
standard library and works the same on every system and on network drives.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from sopc.build import BuildOptions, BuildResult, build_paths
from sopc.config import ConfigCache, ConfigError
from sopc.errors import SopcError
from sopc.output import OutputError
from sopc.paths import PathEscape
from sopc.source.discover import discover, find_sources


def snapshot(paths: list[Path]) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every SOP and config file under `paths` (size too: some
    file systems keep times to the second). Excluded SOPs are left out, so editing one does not
    rebuild; the config files that apply are watched even when they sit in a parent folder."""
    roots = paths or [Path(".")]
    configs = ConfigCache()
    try:
        files = find_sources(roots, configs)
    except ConfigError:  # the build reports it; keep watching for the fix
        files = discover(roots)
    files += [f for f in configs.by_file if f is not None]
    for folder in {p if p.is_dir() else p.parent for p in roots}:
        files += [f for f in (folder / "sopc.toml", folder / "pyproject.toml") if f.is_file()]
    times = {}
    for file in files:
        try:
            stat = file.stat()
            times[file] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            continue  # deleted between the listing and the look
    return times


# what stops one build but not the watching: the user fixes it and saves again
BUILD_ERRORS = (ConfigError, OutputError, PathEscape)


def watch(paths: list[Path], options: BuildOptions, report: Callable[[BuildResult], None],
          interval: float = 1.0, rounds: int | None = None, after_round: Callable[[int], None] | None = None,
          on_error: Callable[[SopcError], None] | None = None) -> int:
    """Build now, then again whenever a file changes; `rounds` bounds the loop (for tests). Returns builds made.

    A build stopped by a broken sopc.toml or an unwritable output goes to `on_error` (re-raised
    without one), and the watching goes on.
    """
    builds, seen, round_no = 0, None, 0
    while rounds is None or round_no < rounds:
        current = snapshot(paths)
        if current != seen:
            seen = current
            try:
                report(build_paths(paths, options))
                builds += 1
            except BUILD_ERRORS as err:
                if on_error is None:
                    raise
                on_error(err)
        round_no += 1
        if after_round:
            after_round(round_no)
        if rounds is None or round_no < rounds:
            time.sleep(interval)
    return builds
