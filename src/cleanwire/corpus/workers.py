"""Worker processes that each hold the run's Cleaner, given to them once as they start,
and the one pool every driver cleans through.

Where workers are forked (Linux, up to Python 3.13), each inherits the loaded
rule set as it is in memory; elsewhere the Cleaner is pickled to each worker
once. Either way no rule file is read again.
"""

from __future__ import annotations

import signal
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

_cleaner: Cleaner | None = None


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

    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(cleaner,))


def worker_cleaner() -> Cleaner:
    """The Cleaner of this worker process."""
    assert _cleaner is not None, "not in a worker process"
    return _cleaner


def _step_in_worker(step: Callable[[Cleaner, list[T]], list[R]], items: list[T]) -> list[R]:
    return step(worker_cleaner(), items)


def _start_worker(cleaner: Cleaner) -> None:
    global _cleaner
    _cleaner = cleaner
    # Ctrl-C reaches the whole process group. The parent stops the pool; a worker
    # finishes the task in hand instead of dying with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
