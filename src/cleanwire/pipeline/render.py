"""Apply decisions to normalized lines: the clean text is the input minus the decided spans."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cleanwire.rules.model import Decision
from cleanwire.pipeline.segment import Line

def surviving_lines(lines: Sequence[Line], decisions: Iterable[Decision]) -> list[Line]:
    """What is left of ``lines``, laid out as normalized text: lines cut down to
    nothing go, one blank line between paragraphs, none at either end."""
    dropped: set[int] = set()
    cuts: dict[int, list[tuple[int, int]]] = {}
    for decision in decisions:
        if decision.inline:
            cuts.setdefault(decision.line_start, []).append((decision.start, decision.end))
        else:
            dropped.update(decision.lines())
    kept: list[Line] = []
    for line in lines:
        if line.index in dropped:
            continue
        if line.index in cuts:
            line = _cut(line, cuts[line.index])
            if not line.text:
                continue  # a line cut down to nothing goes; it does not become a paragraph break
        if line.blank and (not kept or kept[-1].blank):
            continue
        kept.append(line)
    while kept and kept[-1].blank:
        kept.pop()
    return kept


def render(lines: Sequence[Line], decisions: Iterable[Decision] = ()) -> str:
    kept = surviving_lines(lines, decisions)
    return "\n".join(line.text for line in kept) + "\n" if kept else ""


def _cut(line: Line, spans: list[tuple[int, int]]) -> Line:
    """The line without the given spans (offsets in the normalized text), with the
    spaces the cuts leave squeezed and stripped as normalization would."""
    removed = [False] * len(line.text)
    for start, end in spans:
        for position in range(len(line.text)):
            if start <= line.offset(position) < end:
                removed[position] = True
    chars = [(ch, line.offset(i)) for i, ch in enumerate(line.text) if not removed[i]]
    squeezed: list[tuple[str, int]] = []
    for ch, origin in chars:
        if ch == " " and (not squeezed or squeezed[-1][0] == " "):
            continue
        squeezed.append((ch, origin))
    while squeezed and squeezed[-1][0] == " ":
        squeezed.pop()
    text = "".join(ch for ch, _ in squeezed)
    return Line(line.index, line.start, text, line.end, tuple(origin for _, origin in squeezed))
