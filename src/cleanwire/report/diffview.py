"""Unified diffs of a document before and after cleaning, coloured for a terminal."""

from __future__ import annotations

import difflib
import os
from typing import TextIO

_RESET = "\x1b[0m"
_STYLES = (
    ("# ", "\x1b[2m"),
    ("+++", "\x1b[1m"),
    ("---", "\x1b[1m"),
    ("@@", "\x1b[36m"),
    ("+", "\x1b[32m"),
    ("-", "\x1b[31m"),
    ("\\", "\x1b[2m"),
)


def unified_diff(before: str, after: str, label: str, normalization: str = "", after_label: str | None = None) -> str:
    """The diff, under a line saying what ``normalization`` changed (if anything):
    changes no removal accounts for. ``patch`` and ``git apply`` skip such a line.
    ``after_label`` names the second side (default: ``label`` "(cleaned)")."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=label,
        tofile=after_label if after_label is not None else f"{label} (cleaned)",
    )
    diff = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    if diff and normalization:
        return f"# normalization: {normalization}\n{diff}"
    return diff


def colour_wanted(stream: TextIO) -> bool:
    """Colour only for a person at a terminal who has not asked for none (NO_COLOR)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def colour_diff(diff: str) -> str:
    """``diff`` with removed lines red, added green, hunk headers cyan, file names bold."""
    out = []
    for line in diff.splitlines(keepends=True):
        body = line.rstrip("\n")
        style = next((code for prefix, code in _STYLES if body.startswith(prefix)), None)
        out.append(f"{style}{body}{_RESET}{line[len(body):]}" if style and body else line)
    return "".join(out)
