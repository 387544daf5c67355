"""The command line. ``console`` is the ``cleanwire`` script; ``main`` runs a
command and gives its exit code, for a caller that goes on running."""

from __future__ import annotations

import gc


def main() -> int:
    """Run the ``cleanwire`` command. Stop signals and closed standard streams are
    taken care of first, before the command line is even imported."""
    from cleanwire.cli.process import (
        guard_standard_streams,
        ignore_late_signals,
        report_interrupted,
        stop_on_signals,
    )
    from cleanwire.stopping import Interrupted

    stop_on_signals()
    try:
        guard_standard_streams()
        from cleanwire.cli.app import main as run

        return run()
    except Interrupted as stop:
        return report_interrupted(stop)
    finally:
        ignore_late_signals()


def console() -> int:
    """The ``cleanwire`` script and ``python -m cleanwire``: ``main``, in a process
    that ends with it."""
    code = main()
    # What is left is collected once here, so files and anything else with a
    # finaliser still close; the rest is frozen, so the interpreter's own passes
    # at exit, several full walks over the loaded rules (a fifth of a one-seed
    # run), skip it. Memory goes back to the system with the process either way.
    gc.collect()
    gc.freeze()
    return code


__all__ = ["console", "main"]
