"""Worker processes: the pool for lint and build (`map_chunks`), and one bounded call for untrusted work.

Why a helper: a killed `sopc build` (SIGKILL, or SIGTERM from a CI runner
cancelling a job) left its workers running for ever. Here
- a worker dies when its parent does: on Linux the kernel sends it SIGKILL (PR_SET_PDEATHSIG),
  elsewhere a watcher thread sees the parent gone;
- SIGTERM to sopc ends the run as an exception does: the pool is terminated, then sopc exits;
- never more workers than usable cores (`-j 8` on two cores starts two), nor than tasks.
`run_bounded` runs one call in a forked child with a memory limit, killed when its time is up.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
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
    import multiprocessing  # loaded only when workers are started

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


def map_chunks(function: Callable[..., list[Any]], items: Sequence[Any], extra: tuple, jobs: int, pool_at: int,
               size: int | None = None) -> Iterator[list[Any]]:
    """`function(chunk, *extra)` over `items` cut in chunks, the results in order: in up to `jobs`
    worker processes when there are at least `pool_at` items (below, a pool costs more than it
    saves), else here. A chunk is `size` items; by default four chunks per worker in a pool (a slow
    chunk does not hold the others up) and one item at a time here (so progress can be shown)."""
    parallel = jobs > 1 and len(items) >= pool_at
    size = size or (max(1, len(items) // (jobs * 4)) if parallel else 1)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    return parallel_map(function, [(chunk, *extra) for chunk in chunks], jobs if parallel else 1)


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
            import ctypes.util

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


class OverBudget(Exception):
    """A bounded call ran out of time or memory, or raised; the message says which."""


def run_bounded(function: Callable[..., Any], args: tuple, seconds: float, memory: int) -> Any:
    """`function(*args)` in a forked child allowed `seconds` and `memory` bytes beyond what this
    process holds; its (picklable) result, or OverBudget. For work on a repository's content that
    no sandbox bounds: a template's loops, an SVG logo's drawing. Where there is no fork, it runs
    here, unbounded."""
    if not hasattr(os, "fork"):
        return function(*args)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send the result (or the error) back, and go
        code = 0
        try:
            os.close(reader)
            _limit_memory(memory)
            try:
                payload = pickle.dumps((True, function(*args)))
            except MemoryError:
                payload = pickle.dumps((False, "ran out of memory; stopped"))
            except Exception as err:  # the function's own failure, reported as it is
                payload = pickle.dumps((False, f"{type(err).__name__}: {err}"))
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    data: bytes | None = None
    try:
        data = _read_until(reader, time.monotonic() + seconds)
    finally:
        os.close(reader)
        if data is None:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if data is None:
        raise OverBudget(f"took longer than {seconds:g} s; stopped")
    if not data:
        raise OverBudget("ran out of memory; stopped")
    ok, value = pickle.loads(data)  # our own child's bytes
    if not ok:
        raise OverBudget(value)
    return value


def _limit_memory(memory: int) -> None:
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (held + memory, resource.RLIM_INFINITY))
    except (ImportError, OSError, ValueError):
        pass  # no /proc (macOS): time still bounds it


def _read_until(fd: int, deadline: float) -> bytes | None:
    """All the child writes, or None when it is not done by `deadline`."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
