"""Worker processes that each hold the run's Cleaner, given to them once as they start.

Where workers are forked (Linux, up to Python 3.13), each inherits the loaded
rule set as it is in memory; elsewhere the Cleaner is pickled to each worker
once. Either way no rule file is read again.
"""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from cleanwire.pipeline.cleaner import Cleaner

_cleaner: Cleaner | None = None


def start_pool(cleaner: Cleaner, workers: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor  # not needed, so not imported, by one job

    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(cleaner,))


def worker_cleaner() -> Cleaner:
    """The Cleaner of this worker process."""
    assert _cleaner is not None, "not in a worker process"
    return _cleaner


def _start_worker(cleaner: Cleaner) -> None:
    global _cleaner
    _cleaner = cleaner
    # Ctrl-C reaches the whole process group. The parent stops the pool; a worker
    # finishes the task in hand instead of dying with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
