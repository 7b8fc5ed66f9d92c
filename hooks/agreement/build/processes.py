"""Work in other processes, safely under `mkdocs serve`: the server runs
threads (file watching, the background worker of hooks/cache.py), and a
process forked from a process with threads may inherit a lock some thread
held, and hang. So workers start with `forkserver` (a clean single-threaded
process forks them) where the system has it, otherwise with `spawn`; never
with a plain `fork` of the build.

Workers start afresh, so they must be able to import this package: MkDocs
puts the hooks folder on `sys.path` only while it loads a hook, and
`importable` puts it back while workers start."""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Callable, Sequence

PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])  # the folder that holds `agreement`


def start_method() -> str:
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def context():
    return multiprocessing.get_context(start_method())


_starting = threading.RLock()  # workers may start from two threads (see `InBackground`)


@contextmanager
def importable():
    """While workers start: the package's folder on sys.path, which a worker
    copies when it starts (with forkserver and spawn alike). One thread at a
    time, so no thread removes the folder while another's workers start."""
    with _starting:
        added = PACKAGE_PARENT not in sys.path
        if added:
            sys.path.append(PACKAGE_PARENT)
        try:
            yield
        finally:
            if added and PACKAGE_PARENT in sys.path:
                sys.path.remove(PACKAGE_PARENT)


def start_server(preload: Sequence[str]) -> None:
    """Start the process workers fork from (with forkserver) now, with the
    modules `preload` imported in it: then a worker starts with them imported,
    and the import runs while the build does other work. Nothing happens with
    spawn, or when the server runs already (it keeps what it imported)."""
    if start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    with importable():  # the server starts with this sys.path, and its workers with the server's
        forkserver.set_forkserver_preload(list(preload))
        forkserver.ensure_running()


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def available_memory() -> int | None:
    """Bytes of memory the system can give without swapping (Linux), else None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def worker_count(jobs: int, memory_per_worker: int) -> int:
    """As many workers as there are jobs, cores, and memory for them."""
    memory = available_memory()
    by_memory = max(1, memory // memory_per_worker) if memory is not None else cores()
    return max(1, min(jobs, cores(), by_memory))


class TimedOut(Exception):
    """A job ran longer than its time limit; its worker was stopped."""


class Failed(Exception):
    """A job raised in its worker: the type and message, as text."""


def _serve(function: Callable[[Any], Any], conn: Connection) -> None:
    """A worker's loop: one job in (as a 1-tuple, so a job may be None), its
    result (or its error) out, until None."""
    while True:
        message = conn.recv()
        if message is None:
            return
        try:
            conn.send((True, function(message[0])))
        except Exception as exc:  # reported to the parent, which decides
            conn.send((False, f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx, function):
        self.conn, child = ctx.Pipe()
        with importable():
            self.process = ctx.Process(target=_serve, args=(function, child), daemon=True)
            self.process.start()
        child.close()
        self.job: int | None = None
        self.deadline = 0.0

    def give(self, n: int, job, time_limit: float) -> None:
        self.job, self.deadline = n, time.monotonic() + time_limit
        self.conn.send((job,))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join()
        self.conn.close()


def run_each(function: Callable[[Any], Any], jobs: Sequence, workers: int, time_limit: float) -> list:
    """`function(job)` for every job, in at most `workers` long-lived worker
    processes, each job with its own time limit: a job that outruns it has its
    worker killed (and replaced). Returns one entry per job, in order: the
    result, or a `TimedOut` or `Failed` exception. `function` must be a
    module-level function of this package, and jobs and results picklable."""
    ctx = context()
    results: list = [None] * len(jobs)
    queue = list(range(len(jobs)))[::-1]
    pool: list[_Worker] = []
    try:
        while queue or any(w.job is not None for w in pool):
            for worker in pool:
                if worker.job is None and queue:
                    n = queue.pop()
                    worker.give(n, jobs[n], time_limit)
            while queue and len(pool) < workers:
                pool.append(_Worker(ctx, function))
                n = queue.pop()
                pool[-1].give(n, jobs[n], time_limit)
            busy = [w for w in pool if w.job is not None]
            now = time.monotonic()
            ready = wait([w.conn for w in busy], timeout=max(0.0, min(w.deadline for w in busy) - now))
            for worker in busy:
                if worker.conn in ready:
                    try:
                        ok, value = worker.conn.recv()
                    except (EOFError, OSError):  # the worker died (out of memory, a crash in C)
                        ok, value = False, f"the worker process ended with code {worker.process.exitcode}"
                        pool.remove(worker)
                        worker.stop(kill=True)
                    results[worker.job] = value if ok else Failed(value)
                    worker.job = None
                elif time.monotonic() >= worker.deadline:
                    results[worker.job] = TimedOut(f"{time_limit:g} s")
                    pool.remove(worker)
                    worker.stop(kill=True)
    finally:
        for worker in pool:
            worker.stop(kill=worker.job is not None)
    return results


class InBackground:
    """`run_each` in a thread of its own, so the build goes on while the
    workers render (the thread only waits on their pipes). `result()` waits
    for the end and gives what `run_each` gives. A daemon thread: a build
    that fails meanwhile does not wait for it, and its workers end with it."""

    def __init__(self, function: Callable[[Any], Any], jobs: Sequence, workers: int, time_limit: float):
        self._results: list | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(function, jobs, workers, time_limit),
                                        name="workers", daemon=True)
        self._thread.start()

    def _run(self, function, jobs, workers, time_limit) -> None:
        try:
            self._results = run_each(function, jobs, workers, time_limit)
        except BaseException as exc:  # given to the caller of result()
            self._error = exc

    def result(self) -> list:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._results
