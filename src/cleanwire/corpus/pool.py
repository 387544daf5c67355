"""An ordered parallel map over a stream: chunks of items go to worker processes,
and each item comes back with its result in input order, with a bounded number
of chunks in flight, so memory does not grow with the input.

A worker process that dies (killed, out of memory, a crash in C code) breaks the
whole pool. The chunks that were in flight then run again one item at a time,
each in a pool of its own: the item that kills its worker again gets
``died(item)`` as its result, every other item its real one. An exception raised
by the work is raised again here, after the results of the items before it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cleanwire.stopping import held

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

T = TypeVar("T")
R = TypeVar("R")


class Barrier:
    """An item the caller handles itself, in its place: everything before it comes
    back first, and nothing after it is read until the caller asks for more."""


@dataclass(frozen=True)
class Work(Generic[T, R]):
    remote: Callable[[list[T]], list[R]]  # runs in a worker process, so it must pickle
    local: Callable[[list[T]], list[R]]  # the same work, in this process
    died: Callable[[T], R]  # the result of an item whose worker process died on it
    start: Callable[[int], Executor]  # a pool of that many worker processes


@dataclass(frozen=True)
class _InFlight(Generic[T, R]):
    chunk: list[T]
    future: Future[list[R]]
    pool: Executor  # the pool that runs it: a broken one is dropped once


class OrderedPool(Generic[T, R]):
    """Runs ``work`` on chunks with ``workers`` processes, ``window`` chunks in
    flight at most. One worker means no process at all: every chunk runs here.
    Processes start when a second chunk is ready, so a stream that fits in one
    chunk does not pay for them; once started they serve every later ``map``."""

    def __init__(self, work: Work[T, R], workers: int, window: int) -> None:
        self.work = work
        self.workers = workers
        self.window = max(1, window)
        self._pool: Executor | None = None

    def __enter__(self) -> OrderedPool[T, R]:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> None:
        self.close(cancel=kind is not None)

    def close(self, cancel: bool = False) -> None:
        """Stop the processes: let them finish, or with ``cancel`` (the run is being
        abandoned: a signal, an error) stop them now; either way they are gone when
        this returns."""
        if self._pool is not None:
            if cancel:
                stop_now(self._pool)
            else:
                self._pool.shutdown(wait=True)
            self._pool = None

    def map(self, items: Iterable[list[T] | Barrier]) -> Iterator[tuple[T, R] | Barrier]:
        pending: deque[_InFlight[T, R]] = deque()
        held: list[T] | None = None  # a first chunk, run here if no second one comes
        for item in items:
            if isinstance(item, Barrier):
                yield from self._finish(pending, held)
                held = None
                yield item
            elif self.workers <= 1:
                yield from self._here(item)
            elif self._pool is None and held is None and not pending:
                held = item
            else:
                for chunk in (item,) if held is None else (held, item):
                    pending.append(self._submit(chunk))
                held = None
                while pending and (len(pending) > self.window or pending[0].future.done()):
                    yield from self._take(pending.popleft())
        yield from self._finish(pending, held)

    def _finish(self, pending: deque[_InFlight[T, R]], held: list[T] | None) -> Iterator[tuple[T, R]]:
        """Everything sent or held, in order (only an empty ``pending`` has a ``held``)."""
        while pending:
            yield from self._take(pending.popleft())
        if held is not None:
            yield from self._here(held)

    def _here(self, chunk: list[T]) -> Iterator[tuple[T, R]]:
        return zip(chunk, self.work.local(chunk))

    def _submit(self, chunk: list[T]) -> _InFlight[T, R]:
        from concurrent.futures import BrokenExecutor

        with held():  # a submit may fork a worker
            if self._pool is not None:
                try:
                    return _InFlight(chunk, self._pool.submit(self.work.remote, chunk), self._pool)
                except BrokenExecutor:  # a worker died while the pool was idle
                    self._drop(self._pool)
            self._pool = self.work.start(self.workers)
            return _InFlight(chunk, self._pool.submit(self.work.remote, chunk), self._pool)

    def _take(self, sent: _InFlight[T, R]) -> Iterator[tuple[T, R]]:
        from concurrent.futures import BrokenExecutor

        try:
            results = sent.future.result()
        except BrokenExecutor:
            self._drop(sent.pool)
            return self._one_by_one(sent.chunk)
        except Exception:
            return self._here_one_by_one(sent.chunk)
        return zip(sent.chunk, results)

    def _drop(self, pool: Executor) -> None:
        """Let go of a broken pool; the next chunk starts a new one."""
        if pool is self._pool:
            pool.shutdown(wait=True)
            self._pool = None

    def _one_by_one(self, chunk: list[T]) -> Iterator[tuple[T, R]]:
        """Each item in a worker of its own, so a death is the death of one item."""
        from concurrent.futures import BrokenExecutor

        solo: Executor | None = None
        finished = False
        try:
            for item in chunk:
                if solo is None:
                    solo = self.work.start(1)
                try:
                    with held():  # the submit forks the worker
                        sent = solo.submit(self.work.remote, [item])
                    result = sent.result()[0]
                except BrokenExecutor:
                    solo.shutdown(wait=True)
                    solo = None
                    result = self.work.died(item)
                except Exception:
                    yield from self._here_one_by_one([item])
                    continue
                yield item, result
            finished = True
        finally:
            if solo is not None and finished:
                solo.shutdown(wait=True)
            elif solo is not None:
                stop_now(solo)

    def _here_one_by_one(self, chunk: list[T]) -> Iterator[tuple[T, R]]:
        """The results before a failing item come out, then the failing item raises
        here as it would with one job."""
        for item in chunk:
            yield item, self.work.local([item])[0]


STOP_GRACE_SECONDS = 10.0  # for a worker to finish the document in hand


def stop_now(pool: Executor) -> None:
    """Stop a pool's worker processes and wait until they are gone. Each is asked
    (SIGTERM) to stop after the document in hand, so nothing is left half-done;
    one that has not stopped after ``STOP_GRACE_SECONDS`` is killed."""
    import signal
    import threading
    from multiprocessing.connection import wait

    processes = dict(getattr(pool, "_processes", None) or {})  # pid: process, the pool's own record
    _signal_all(list(processes), signal.SIGTERM)
    killer = threading.Timer(STOP_GRACE_SECONDS, _signal_all, (list(processes), signal.SIGKILL))
    killer.daemon = True
    killer.start()
    try:
        wait(_sentinels(processes.values()), timeout=STOP_GRACE_SECONDS + 5)
        _end_partial_results(pool)
        pool.shutdown(wait=True, cancel_futures=True)
    finally:
        killer.cancel()


def _sentinels(processes: Iterable[Any]) -> list[int]:
    """What to wait on for each process to end (none for one already closed)."""
    found = []
    for process in processes:
        try:
            found.append(process.sentinel)
        except ValueError:
            pass
    return found


def _end_partial_results(pool: Executor) -> None:
    """A worker stopped while it was sending a result leaves half a message in the
    result queue, and the pool's manager thread would wait for the rest forever
    (and ``shutdown`` with it). With every worker gone, this process holds the
    queue's only write end: closing it turns that wait into an end of file, which
    the pool takes as a broken pool and cleans up."""
    queue = getattr(pool, "_result_queue", None)
    writer = getattr(queue, "_writer", None)
    if writer is not None:
        writer.close()


def _signal_all(pids: list[int], signum: int) -> None:
    import contextlib
    import os

    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signum)
