"""Worker processes that each hold the run's Cleaner, given to them once as they start,
and the one pool every driver cleans through.

Where workers are forked (Linux, up to Python 3.13), each inherits the loaded
rule set as it is in memory; elsewhere the Cleaner is pickled to each worker
once. Either way no rule file is read again.

A worker never outlives the run: asked to stop (SIGTERM, from the parent's
``stop_now``) it finishes the document in hand and goes; and on Linux it is
sent that same SIGTERM when its parent dies, however the parent died, so no
orphan goes on rewriting files.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from cleanwire.corpus.pool import OrderedPool, Work

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from cleanwire.pipeline.cleaner import Cleaner

T = TypeVar("T")
R = TypeVar("R")

CHUNKS_PER_WORKER = 3  # in flight: one being cleaned, the next ones queued

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

_cleaner: Cleaner | None = None
_parent = 0
_busy = False  # cleaning a document: a stop waits until it is done
_stopping = False


def cleaner_pool(
    cleaner: Cleaner, step: Callable[[Cleaner, list[T]], list[R]], died: Callable[[T], R], workers: int
) -> OrderedPool[T, R]:
    """An ordered, crash-isolating, bounded pool (see ``OrderedPool``) that runs
    ``step`` on chunks of items with ``cleaner``: here with one worker, else in
    ``workers`` processes that each hold it. ``step`` must pickle (a module-level
    function, or a ``partial`` of one); ``died`` is the result of an item whose
    worker process died on it."""
    work = Work(
        remote=partial(_step_in_worker, step),
        local=partial(step, cleaner),
        died=died,
        start=partial(start_pool, cleaner),
    )
    return OrderedPool(work, workers, CHUNKS_PER_WORKER * workers)


def start_pool(cleaner: Cleaner, workers: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor  # not needed, so not imported, by one job

    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(cleaner, os.getpid()))


def worker_cleaner() -> Cleaner:
    """The Cleaner of this worker process."""
    assert _cleaner is not None, "not in a worker process"
    return _cleaner


def _step_in_worker(step: Callable[[Cleaner, list[T]], list[R]], items: list[T]) -> list[R]:
    """``step`` on each item in turn, going away between two items once asked to stop."""
    global _busy
    results: list[R] = []
    for item in items:
        if _stopping or os.getppid() != _parent:
            os._exit(0)  # nobody is waiting for this chunk any more
        _busy = True
        try:
            results += step(worker_cleaner(), [item])
        finally:
            _busy = False
    return results


def _start_worker(cleaner: Cleaner, parent: int) -> None:
    # Stopped while starting, a worker has nothing to finish; and an exception out
    # of an initializer is printed with a traceback.
    signal.signal(signal.SIGTERM, _exit_at_once)
    global _cleaner, _parent
    _cleaner, _parent = cleaner, parent
    # Ctrl-C and a hang-up reach the whole process group: the parent stops the
    # pool, and a worker must not die with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    _stop_with_parent(parent)
    signal.signal(signal.SIGTERM, _on_stop)


def _exit_at_once(signum: int, frame: object) -> None:
    os._exit(0)


def _on_stop(signum: int, frame: object) -> None:
    global _stopping
    _stopping = True
    if not _busy:
        raise SystemExit(0)


def _stop_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass  # no prctl: it notices its parent is gone between two documents
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(0)
