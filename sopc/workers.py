"""Worker processes for lint and build: one pool helper, so every pool is bounded and dies with sopc.

Why a helper (issue 12, item 13): a killed `sopc build` (SIGKILL, or SIGTERM from a CI runner
cancelling a job) left its workers running for ever. Here
- a worker dies when its parent does: on Linux the kernel sends it SIGKILL (PR_SET_PDEATHSIG),
  elsewhere a watcher thread sees the parent gone;
- SIGTERM to sopc ends the run as an exception does: the pool is terminated, then sopc exits;
- never more workers than usable cores (`-j 8` on two cores starts two), nor than tasks.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

_PR_SET_PDEATHSIG = 1


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def parallel_map(function: Callable[..., Any], tasks: Sequence[tuple], jobs: int) -> Iterator[Any]:
    """`function(*task)` for each task, in order: here when one worker would do, else in up to `jobs`
    worker processes (at most one per usable core and per task)."""
    workers = min(jobs, usable_cores(), len(tasks))
    if workers <= 1:
        yield from (function(*task) for task in tasks)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = context.Pool(workers, initializer=_die_with_parent, initargs=(os.getpid(),))
    try:
        with _sigterm_raises():
            yield from pool.imap(_Spread(function), tasks)
        pool.close()
    finally:
        pool.terminate()  # on any way out (an error, SIGTERM, the caller stopping early): no worker stays
        pool.join()


class _Spread:
    """`function(*task)`, picklable for the pool."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function

    def __call__(self, task: tuple) -> Any:
        return self.function(*task)


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While the pool runs, SIGTERM raises SystemExit(143) in the main thread, so that the pool is
    torn down on the way out (by default SIGTERM ends the process and orphans its workers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _die_with_parent(parent: int) -> None:
    """A worker's first act: arrange to die with the process that started it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a worker forked inside _sigterm_raises inherits it
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()  # where prctl is not


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
