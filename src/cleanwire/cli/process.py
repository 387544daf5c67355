"""How the process meets its surroundings before and around any command: stop
signals, and standard streams that were closed before it started.

Kept light (no import of the command line itself), so the signals are handled
from the first moment and a stop while starting is as quiet as one mid-run.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from types import FrameType

from cleanwire import exitcodes
from cleanwire import stopping
from cleanwire.stopping import Interrupted

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

_handled_in: int | None = None  # the pid of the process whose signals are handled


def stop_on_signals() -> None:
    """SIGINT, SIGTERM and SIGHUP raise ``Interrupted``; one that was ignored when we
    started (``nohup``, a background job) stays ignored."""
    global _handled_in
    _handled_in = os.getpid()
    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _on_stop_signal)
    sys.unraisablehook = _quiet_about_stops


def _quiet_about_stops(unraisable: sys.UnraisableHookArgs) -> None:
    """A stop raised where it cannot propagate (a callback) would be printed with a
    traceback; it is remembered instead, and ``stopping.check`` raises it again
    where it can (see ``cleanwire.stopping``). Anything else is printed as usual."""
    if isinstance(unraisable.exc_value, Interrupted):
        return
    sys.__unraisablehook__(unraisable)


def ignore_late_signals() -> None:
    """Once the command has its result there is nothing left to stop: a signal that
    arrives while the interpreter shuts down must not kill it by the default action
    and replace the exit code the command earned (0, or the code of a first stop)."""
    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) is _on_stop_signal:
            signal.signal(signum, signal.SIG_IGN)


def _on_stop_signal(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _handled_in:
        # A worker process just forked, before it set up its own handling: it has
        # done nothing yet, so it just goes.
        raise SystemExit(exitcodes.stopped_by(signum))
    for other in STOP_SIGNALS:  # a second signal must not cut the clean-up short
        if signal.getsignal(other) is _on_stop_signal:
            signal.signal(other, signal.SIG_IGN)
    stopping.stop(signum)


def report_interrupted(stop: Interrupted) -> int:
    """Say what was stopped, in one line, and give the exit code for it."""
    try:
        print(stop.message(), file=sys.stderr)
    except (OSError, ValueError):
        pass  # stderr is gone; the exit code still says it
    return exitcodes.stopped_by(stop.signum)


class _ClosedRaw(io.RawIOBase):
    """A standard stream that was closed when we started: using it is an error that
    says so, like any other unreadable input or unwritable output."""

    def __init__(self, fd: int, name: str) -> None:
        super().__init__()
        self.fd = fd
        self.label = name

    def fileno(self) -> int:
        return self.fd  # /dev/null, holding the number

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, buffer: object) -> int:
        raise self.error()

    def write(self, data: object) -> int:
        raise self.error()

    def error(self) -> OSError:
        return OSError(errno.EBADF, f"{self.label} is closed")


class _ClosedText(io.TextIOBase):
    """The text side of a closed standard stream; ``buffer`` is its unbuffered bytes
    side, so a write fails at once, not at some later flush."""

    def __init__(self, raw: _ClosedRaw) -> None:
        super().__init__()
        self.buffer = raw

    def fileno(self) -> int:
        return self.buffer.fileno()

    def read(self, size: int | None = -1) -> str:
        raise self.buffer.error()

    def write(self, text: str) -> int:
        raise self.buffer.error()


def guard_standard_streams() -> None:
    """Descriptors 0, 1 and 2 that were closed (``<&-``, ``>&-``, ``2>&-``) are filled
    with /dev/null, so no file we open later takes their number and gets the
    output meant for stdout; reading a closed stdin or writing to a closed stdout
    then fails with an error naming it, and a closed stderr swallows messages."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        placeholder = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
        if placeholder != fd:
            os.dup2(placeholder, fd)
            os.close(placeholder)
        if name == "stderr":
            sys.stderr = open(fd, "w", encoding="utf-8", errors="replace", closefd=False)
        else:
            setattr(sys, name, _ClosedText(_ClosedRaw(fd, name)))
