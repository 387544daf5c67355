"""File names as they can be shown: on one line, whatever bytes they hold."""

from __future__ import annotations

STDIN = "-"  # the name that stands for standard input


def display(name: str) -> str:
    """A path as it can be printed on one line: undecodable bytes as \\xNN, line
    breaks and other control characters escaped."""
    raw = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode() for ch in raw)


def display_input(name: str) -> str:
    """An input as the terminal and the report name it: ``<stdin>`` for ``-``."""
    return "<stdin>" if name == STDIN else display(name)
