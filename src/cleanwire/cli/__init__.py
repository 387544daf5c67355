"""The command line. ``main`` is the ``cleanwire`` entry point."""

from cleanwire.cli.app import app, main

__all__ = ["app", "main"]
