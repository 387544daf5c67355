"""Apply decisions to normalized lines: the clean text is the input minus the decided spans."""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Iterable, Sequence

from cleanwire.pipeline.layout import SPACE_CHARS
from cleanwire.rules.model import Decision
from cleanwire.pipeline.segment import Line, Lines, offsets

def surviving_lines(lines: Lines, decisions: Iterable[Decision]) -> Lines:
    """What is left of ``lines``, laid out as normalized text: lines cut down to
    nothing go, one blank line between paragraphs, none at either end."""
    dropped = bytearray(len(lines.starts))  # a byte a line: a page may drop most of a million
    cuts: dict[int, list[tuple[int, int]]] = {}
    for decision in decisions:
        if decision.inline:
            cuts.setdefault(decision.line_start, []).append((decision.start, decision.end))
        else:
            dropped[decision.line_start : decision.line_end] = b"\x01" * (decision.line_end - decision.line_start)
    kept = offsets(len(lines.starts))
    changed: dict[int, Line] = {}
    last_blank = True  # no blank line at the start
    for index in lines.indexes:
        if dropped[index]:
            continue
        if index in cuts:
            line = cut_line(lines.line(index), cuts[index])
            if not line.text:
                continue  # a line cut down to nothing goes; it does not become a paragraph break
            changed[index] = line
        blank = index not in changed and lines.is_blank(index)
        if blank and last_blank:
            continue
        kept.append(index)
        last_blank = blank
    if kept and last_blank:
        kept.pop()  # one at most: a blank line is never kept after another
    return Lines(lines.text, lines.starts, kept, changed)


def render(lines: Lines, decisions: Iterable[Decision] = ()) -> str:
    kept = surviving_lines(lines, decisions)
    return kept.joined() + "\n" if kept else ""


def cut_line(line: Line, spans: Sequence[tuple[int, int]]) -> Line:
    """The line without the given spans (offsets in the normalized text), with the
    spaces (and tabs) the cuts leave squeezed and stripped as full normalization
    would: a cut line loses its indentation.

    A combining character (or one NFC would compose with what is now before it,
    such as a Hangul vowel) that directly followed a removed character belonged
    to it, and goes with it: left behind it would fuse with a new letter, and the
    output would not be NFC. So the text stays a subsequence of the line and the
    deletion-only guard needs no exception.
    """
    ordered = sorted(spans)
    kept_chars: list[str] = []
    kept_origins: list[int] = []
    span_index = 0
    for position, char in enumerate(line.text):
        origin = line.offset(position)
        while span_index < len(ordered) and ordered[span_index][1] <= origin:
            span_index += 1
        removed = span_index < len(ordered) and ordered[span_index][0] <= origin
        follows_a_gap = origin > line.start and (not kept_origins or kept_origins[-1] != origin - 1)
        if removed:
            continue
        if char in SPACE_CHARS and (not kept_chars or kept_chars[-1] in SPACE_CHARS):
            continue
        if follows_a_gap and attaches_to_what_precedes(char, kept_chars[-1] if kept_chars else ""):
            continue
        kept_chars.append(char)
        kept_origins.append(origin)
    while kept_chars and kept_chars[-1] in SPACE_CHARS:
        kept_chars.pop()
        kept_origins.pop()
    return Line(line.index, line.start, "".join(kept_chars), line.end, tuple(kept_origins))


def attaches_to_what_precedes(char: str, before: str) -> bool:
    """Whether ``char`` would combine with ``before`` (or with the removed
    character it followed): a combining mark, or what NFC composes with it."""
    if char.isascii():
        return False
    return unicodedata.combining(char) != 0 or unicodedata.normalize("NFC", before + char) != before + char
