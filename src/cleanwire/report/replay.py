"""Rebuild the clean text from the normalized input and a report's spans.

This is the report's contract written as code, independent of the renderer: anyone
holding a report can check it, or apply it in another language, with these steps.

>>> apply_removals("Title\\nTags: a | b\\nBody (Photo: X) text.\\n", [(6, 17), (22, 33)])
'Title\\nBody text.\\n'
"""

from __future__ import annotations

from collections.abc import Iterable


def apply_removals(normalized: str, spans: Iterable[tuple[int, int]]) -> str:
    """Delete each ``[start, end)`` span of ``normalized``, then tidy what is left:

    1. a line every character of which was deleted goes, newline and all; so does a
       blank line lying inside a span, and a line left with nothing but spaces;
    2. on the other lines, runs of spaces left by a cut become one space, and the
       line loses spaces at either end;
    3. runs of blank lines become one, none at either end, one final newline.
    """
    removed = bytearray(len(normalized))
    for start, end in spans:
        removed[start:end] = b"\x01" * (end - start)
    kept: list[str] = []
    offset = 0
    for line in normalized.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if line_start >= len(normalized):
            break  # the empty string after the final newline
        if not line:
            # A span covering lines around a blank one covers the blank line's newline.
            if not removed[line_start]:
                kept.append("")
            continue
        left = "".join(ch for i, ch in enumerate(line) if not removed[line_start + i])
        squeezed = " ".join(part for part in left.split(" ") if part)
        if squeezed:
            kept.append(squeezed)
    lines: list[str] = []
    for line in kept:
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""
