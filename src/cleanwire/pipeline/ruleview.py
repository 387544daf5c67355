"""What the rules see: every line as full normalization lays it out (no indentation,
one space between words), whatever the normalization mode kept.

Rules are written against plain lines; an indented menu entry or a caption with
aligned columns is still the line a rule names. The rules decide on this view, and
their decisions are carried back to the normalized text, line for line: the view
differs from it only in spaces, so both have the same lines and the same other
characters in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from cleanwire.pipeline.layout import EXOTIC_SPACE_CHARS, SPACE_CHARS
from cleanwire.pipeline.segment import Lines
from cleanwire.rules.model import Decision

_EXOTIC_SPACES = re.compile(f"[{EXOTIC_SPACE_CHARS}]")
_SPACE_RUNS = re.compile(r"  +")


def rule_text(normalized: str) -> str | None:
    """The text the rules see, or ``None`` when it is ``normalized`` itself."""
    text = normalized
    if any(map(text.__contains__, EXOTIC_SPACE_CHARS)):
        text = _EXOTIC_SPACES.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    if " \n" in text or "\n " in text or text.startswith(" "):
        text = text.replace(" \n", "\n").replace("\n ", "\n").lstrip(" ")
    return None if text == normalized else text


def carry_back(decisions: Iterable[Decision], view: Lines, lines: Lines) -> list[Decision]:
    """``decisions`` made on ``view`` with their offsets in ``lines`` instead. A
    whole-line removal covers the same lines; an inline cut covers the same
    characters, a space of the view standing for the first of its run."""
    carried = []
    for decision in decisions:
        if not decision.inline:
            start, end = lines.starts[decision.line_start], lines.starts[decision.line_end] - 1
        else:
            index = decision.line_start
            positions = _positions(_whole_line(view, index), _whole_line(lines, index))
            base, view_base = lines.starts[index], view.starts[index]
            start = base + positions[decision.start - view_base]
            end = base + positions[decision.end - 1 - view_base] + 1
        carried.append(replace(decision, start=start, end=end))
    return carried


def _whole_line(lines: Lines, index: int) -> str:
    return lines.text[lines.starts[index] : lines.starts[index + 1] - 1]


def _positions(seen: str, line: str) -> list[int]:
    """For each character of ``seen`` (``line`` laid out as the rules see it), its
    position in ``line``."""
    positions = []
    at = 0
    for char in seen:
        if char != " ":
            while line[at] in SPACE_CHARS:
                at += 1  # indentation, or the rest of a run of spaces
            positions.append(at)
            at += 1
        else:
            positions.append(at)
            at += 1
    return positions
