"""The command line. ``main`` is the ``cleanwire`` entry point."""

from __future__ import annotations


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


__all__ = ["main"]
