"""Rebuild the clean text from the normalized input and a report's spans.

This is the report's contract written as code, independent of the renderer: anyone
holding a report can check it, or apply it in another language, with these steps.

>>> apply_removals("Title\\nTags: a | b\\nBody (Photo: X) text.\\n", [(6, 17), (22, 33)])
'Title\\nBody text.\\n'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleanwire.pipeline.layout import SPACE_CHARS

_SPACE_RUNS = re.compile(f"([{SPACE_CHARS}])[{SPACE_CHARS}]+")


def apply_removals(normalized: str, spans: Iterable[tuple[int, int]]) -> str:
    """Delete each ``[start, end)`` span of ``normalized``, then tidy what is left:

    1. a line every character of which was deleted goes, newline and all; so does a
       blank line a span reaches (one inside a span, one right after the line break a
       span ends with, or one an empty span starts at: a rule claimed it), and a line
       a cut left with nothing but spaces;
    2. on a line a cut took part of, runs of spaces (or tabs, no-break spaces) left
       become their first character, and the line loses them at either end; a line
       no cut touched stays as it is, indentation and all;
    3. runs of blank lines become one, none at either end, one final newline.
    """
    removed = bytearray(len(normalized))
    claimed_blank: set[int] = set()
    for start, end in spans:
        removed[start:end] = b"\x01" * (end - start)
        if start == end:
            claimed_blank.add(start)
    kept: list[str] = []
    offset = 0
    for line in normalized.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if line_start >= len(normalized):
            break  # the empty string after the final newline
        if not line:
            # A span covering lines around a blank one covers the blank line's newline;
            # a span that ends on a blank line covers the line break before it.
            reached = removed[line_start] or (line_start > 0 and removed[line_start - 1])
            if not reached and line_start not in claimed_blank:
                kept.append("")
            continue
        if not any(removed[line_start : line_start + len(line)]):
            kept.append(line)
            continue
        left = "".join(ch for i, ch in enumerate(line) if not removed[line_start + i])
        squeezed = _SPACE_RUNS.sub(r"\1", left).strip(SPACE_CHARS)
        if squeezed:
            kept.append(squeezed)
    lines: list[str] = []
    for line in kept:
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""
