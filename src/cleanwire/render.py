"""Apply decisions to normalized text: the clean text is the input minus the decided spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .model import Decision
from .segment import Line

_SPACE_RUNS = re.compile(r" {2,}")


def render(lines: Sequence[Line], decisions: Iterable[Decision]) -> str:
    """Drop the decided lines and cuts, then lay the rest out as normalized text:
    one blank line between paragraphs, none at either end, one final newline."""
    dropped: set[int] = set()
    cuts: dict[int, list[tuple[int, int]]] = {}
    for decision in decisions:
        if decision.inline:
            line = lines[decision.line_start]
            cuts.setdefault(line.index, []).append((decision.start - line.start, decision.end - line.start))
        else:
            dropped.update(decision.lines())
    kept: list[str] = []
    for line in lines:
        if line.index in dropped:
            continue
        text = _cut(line.text, cuts[line.index]) if line.index in cuts else line.text
        if line.text and not text:
            continue  # a line cut down to nothing goes, it does not become a paragraph break
        if not text and (not kept or not kept[-1]):
            continue
        kept.append(text)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) + "\n" if kept else ""


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start > position:
            pieces.append(text[position:start])
        position = max(position, end)
    pieces.append(text[position:])
    return _SPACE_RUNS.sub(" ", "".join(pieces)).strip(" ")
