"""A stop signal as an exception, and the few moments it must wait for.

The command line turns SIGINT, SIGTERM and SIGHUP into ``Interrupted`` (see
``cli.process``). Raised while a worker process is being forked, it would surface
inside the interpreter's at-fork callbacks, where it cannot propagate: Python prints
it as "Exception ignored" with a traceback, and the run goes on. So code that forks
runs under ``held()``, and a stop that arrives meanwhile is raised as it leaves.
Other callbacks swallow it the same way (a weak reference's, during an import),
so the stop is also remembered, and the loop that takes each finished document
asks ``check()`` whether one arrived that never got through.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class Interrupted(BaseException):
    """A stop signal arrived. A ``BaseException``, like ``KeyboardInterrupt``, so no
    ``except Exception`` swallows it on its way up; the drivers stop their workers
    and save their cache as it passes, and ``main`` ends with one line."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.done = 0  # documents finished before the signal
        self.noun = "file"

    def message(self) -> str:
        plural = "" if self.done == 1 else "s"
        return f"cleanwire: interrupted ({signal.Signals(self.signum).name}); {self.done} {self.noun}{plural} done"


_depth = 0  # how many ``held()`` blocks are open
_held: int | None = None  # the first stop signal that arrived inside one
_requested: int | None = None  # the first stop signal of all, raised or not


def stop(signum: int) -> None:
    """Raise ``Interrupted`` now, or, inside ``held()``, as the block ends."""
    global _held, _requested
    if _requested is None:
        _requested = signum
    if _depth:
        if _held is None:
            _held = signum
        return
    raise Interrupted(signum)


def check() -> None:
    """Raise ``Interrupted`` if a stop signal arrived: for a loop's safe points, so a
    stop whose exception a callback swallowed still stops the run."""
    global _requested
    if _requested is not None and not _depth:
        signum, _requested = _requested, None
        raise Interrupted(signum)


@contextmanager
def held() -> Iterator[None]:
    """Hold stop signals until the block ends (see the module's note)."""
    global _depth, _held
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
    if not _depth and _held is not None:
        signum, _held = _held, None
        raise Interrupted(signum)
