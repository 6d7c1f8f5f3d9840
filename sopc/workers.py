"""Worker processes: the pool for lint (`map_chunks`), the crew a build keeps (`Crew`), and one
bounded call for untrusted work.

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
    size = size or chunk_size(len(items), jobs, parallel)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    return parallel_map(function, [(chunk, *extra) for chunk in chunks], jobs if parallel else 1)


class Crew:
    """Worker processes forked once for a whole build and given its work in turn: the lint, the
    documents, the manual's sections. A task may be pinned to a worker: the one that linted a SOP
    keeps it (sopc.lint.run.KEPT) and lays it out, so each SOP is read, parsed and validated once.

    Started by the first `map_chunks` with enough work (before the main process holds any SOP),
    with at most `jobs` workers and one per usable core; without enough work, tasks run here, and
    without fork (Windows) in `parallel_map`'s pool, each SOP then parsed again where it is laid
    out. A worker dies with sopc, and SIGTERM ends the run as with `parallel_map`.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.workers: list[tuple[Any, Any]] = []  # (process, connection)
        self.kept: dict[str, int] = {}  # what a task left in its worker (a SOP's path) -> that task's number
        self.tasks = 0  # tasks given so far: a task's number tells a run's tasks apart
        self.ran: dict[int, int] = {}  # task number -> the worker that ran it

    def __enter__(self) -> Crew:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self.close(error is None)

    def map_chunks(self, function: Callable[..., list[Any]], items: Sequence[Any], extra: tuple, pool_at: int,
                   size: int | None = None, key: Callable[[Any], str] | None = None,
                   ) -> Iterator[tuple[int, list[Any]]]:
        """(task number, `function(chunk, *extra)`) over `items` cut in chunks, in order; as
        `sopc.workers.map_chunks`, except that with `key`, consecutive items an earlier task kept
        (`kept[key(item)]`) form a chunk given to the worker that ran that task."""
        parallel = bool(self.workers) or (self.jobs > 1 and len(items) >= pool_at and usable_cores() > 1)
        if parallel and not hasattr(os, "fork"):  # Windows: a pool of spawned processes, nothing kept between tasks
            first = self.tasks
            for n, result in enumerate(map_chunks(function, items, extra, self.jobs, pool_at, size)):
                self.tasks += 1
                yield first + n, result
            return
        size = size or chunk_size(len(items), self.jobs, parallel)
        chunks: list[list[Any]] = []
        owners: list[int | None] = []
        last: int | None = None
        for item in items:
            keeper = self.kept.get(key(item)) if key is not None and parallel else None
            if not chunks or len(chunks[-1]) >= size or keeper != last:
                chunks.append([])
                owners.append(self.ran.get(keeper) if keeper is not None else None)
            chunks[-1].append(item)
            last = keeper
        first = self.tasks
        self.tasks += len(chunks)
        tasks = [(chunk, *extra) for chunk in chunks]
        if not parallel:
            yield from ((first + n, function(*task)) for n, task in enumerate(tasks))
            return
        if not self.workers:
            self._start(min(self.jobs, usable_cores(), len(tasks)))
        with _sigterm_raises():
            yield from self._run(function, tasks, owners, first)

    def _start(self, count: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        for _ in range(max(1, count)):
            mine, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, os.getpid()), daemon=True)
            process.start()
            theirs.close()
            self.workers.append((process, mine))

    def _run(self, function: Callable[..., Any], tasks: list[tuple], owners: list[int | None],
             first: int) -> Iterator[tuple[int, Any]]:
        """Each task on a worker (its owner's when pinned; an idle worker takes another's last task
        rather than wait), the results in order, numbered from `first`."""
        from multiprocessing.connection import wait

        owners = [o if o is not None and o < len(self.workers) else None for o in owners]  # a crew started anew
        pending = list(range(len(tasks)))
        busy: dict[int, int] = {}  # worker -> task
        done: dict[int, Any] = {}
        following = 0
        try:
            while following < len(tasks):
                for worker in range(len(self.workers)):
                    if worker in busy or not pending:
                        continue
                    mine = [n for n in pending if owners[n] == worker]
                    free = [n for n in pending if owners[n] is None]
                    task = (mine or free or pending[::-1])[0]  # else the last of another's
                    pending.remove(task)
                    busy[worker] = task
                    self.workers[worker][1].send((function, tasks[task]))
                ready = wait([self.workers[w][1] for w in busy])
                for worker in [w for w in busy if self.workers[w][1] in ready]:
                    try:
                        ok, value = self.workers[worker][1].recv()
                    except EOFError:  # killed (the kernel's out-of-memory killer, a user): not sopc's error
                        process = self.workers[worker][0]
                        process.join(1)
                        from sopc.errors import SopcError
                        from sopc.texts.i18n import texts

                        raise SopcError(texts("build.worker_died", code=process.exitcode)) from None
                    if not ok:
                        raise value
                    task = busy.pop(worker)
                    done[task] = value
                    self.ran[first + task] = worker
                while following in done:
                    yield first + following, done.pop(following)
                    following += 1
        finally:
            if busy:  # left with tasks under way (an error, or the caller stopped): no answer may go astray
                self.close(gently=False)

    def close(self, gently: bool = True) -> None:
        """Stop the workers: asked to end, or (after an error) killed."""
        for process, connection in self.workers:
            if gently:
                with contextlib.suppress(OSError):
                    connection.send(None)
            else:
                process.terminate()
        for process, connection in self.workers:
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join()
            connection.close()
        self.workers = []


def _serve(connection: Any, parent: int) -> None:
    """A crew worker: run each task sent, send back (True, its result) or (False, the error), until told to end."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is sopc's to handle: it ends the crew
    import gc

    gc.enable()  # forked while the lint held collection off: a worker runs as a fresh process would
    while True:
        try:
            message = connection.recv()
        except EOFError:
            break
        if message is None:
            break
        function, task = message
        try:
            reply: tuple[bool, Any] = (True, function(*task))
        except BaseException as err:  # noqa: BLE001  (sent to the main process, which raises it)
            reply = (False, err)
        try:
            connection.send(reply)
        except Exception as err:  # an error (or result) that cannot be pickled
            connection.send((False, RuntimeError(f"{type(err).__name__}: {err}")))
    connection.close()


def chunk_size(count: int, jobs: int, parallel: bool) -> int:
    """Items per task: four tasks per worker in a pool (a slow one does not hold the others up), one
    at a time here (so progress can be shown)."""
    return max(1, count // (jobs * 4)) if parallel else 1


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
