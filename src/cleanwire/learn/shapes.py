"""A line's shape: the line with what varies from page to page folded into slots.

Numbers, month and weekday names, and the names after a byline's "By" vary
between the pages of an outlet while the chrome around them does not: "© 2015
Cable News Network" and "© 2016 Cable News Network" have one shape. Each slot is
a private-use character in the shape; the values it stood for come back beside
it, so a pattern can be made to fit every value seen (``generalize``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import regex

DIGITS = "\ue000"
MONTH = "\ue001"
WEEKDAY = "\ue002"
NAME = "\ue003"
SLOTS = DIGITS + MONTH + WEEKDAY + NAME

MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WEEKDAY_PATTERN = r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:rs(?:day)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)"
NAME_WORD = r"\p{Lu}[\p{L}'’.-]*"
NAME_PATTERN = rf"{NAME_WORD}(?:(?: |, | and | & ){NAME_WORD}){{0,6}}"

_BYLINE_NAME = regex.compile(rf"(?<=\b(?:[Bb]y|BY) )(?!{MONTH_PATTERN}\b|{WEEKDAY_PATTERN}\b){NAME_PATTERN}")
_MONTH = regex.compile(rf"\b{MONTH_PATTERN}\b")
_WEEKDAY = regex.compile(rf"\b{WEEKDAY_PATTERN}\b")
_DIGITS = regex.compile(r"\d+")
_FOLDS: tuple[tuple[regex.Pattern[str], str], ...] = (
    (_BYLINE_NAME, NAME),
    (_WEEKDAY, WEEKDAY),
    (_MONTH, MONTH),
    (_DIGITS, DIGITS),
)

_SENTENCE_END = regex.compile(r"[.!?…][\"”’')\]]*$")
# A date and a time closing a line ("… 05/27/2013, 8:37 p.m."): a listing's
# stamp, whose "p.m." is no sentence's full stop.
_STAMP_ENDINGS = ("a.m.", "p.m.", "AM", "PM")
_STAMP_END = regex.compile(
    rf"(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{MONTH_PATTERN}\.? \d{{1,2}}, \d{{4}}),? \d{{1,2}}:\d{{2}} ?(?:[ap]\.m\.|[AP]M)$"
)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")


@dataclass(frozen=True)
class Folded:
    shape: str
    values: tuple[str, ...]  # what each slot of ``shape`` stood for, in order


# A line is folded and read several ways in one pass (its shape, its prefix,
# label, ending and signature): the last few thousand answers are kept.
CACHED_LINES = 4096


@lru_cache(maxsize=CACHED_LINES)
def fold(line: str) -> Folded:
    """``line``'s shape, and the values its slots stand for."""
    if SLOTS and any(slot in line for slot in SLOTS):
        line = "".join(" " if c in SLOTS else c for c in line)  # a stray private-use character is no slot
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(line)
    for pattern, slot in _FOLDS:
        for found in pattern.finditer(line):
            start, end = found.span()
            if start == end or any(taken[start:end]):
                continue
            spans.append((start, end, slot))
            for i in range(start, end):
                taken[i] = True
    if not spans:
        return Folded(line, ())
    spans.sort()
    pieces: list[str] = []
    values: list[str] = []
    at = 0
    for start, end, slot in spans:
        pieces.append(line[at:start])
        pieces.append(slot)
        values.append(line[start:end])
        at = end
    pieces.append(line[at:])
    return Folded("".join(pieces), tuple(values))


def words(line: str) -> list[str]:
    return _WORD.findall(line)


@lru_cache(maxsize=CACHED_LINES)
def is_prose(line: str) -> bool:
    """A line that reads like an article's sentence: eight words or more, most of
    them lower case, ending like a sentence (or long enough to be a paragraph),
    and not with a listing's date and time."""
    found = words(line)
    if len(found) < 8 or (line.endswith(_STAMP_ENDINGS) and _STAMP_END.search(line)):
        return False
    lower = sum(1 for w in found if w[0].islower())
    if lower < 0.4 * len(found):
        return False
    return bool(_SENTENCE_END.search(line)) or len(found) >= 25


def slot_pattern(slot: str, values: list[str]) -> str:
    """The regex of one slot, wide enough for every value seen in it."""
    return _SLOT_PATTERNS[slot](values)


def _digits_pattern(values: list[str]) -> str:
    lengths = {len(v) for v in values}
    if lengths == {4}:
        return r"\d{4}"  # a year, most likely: another year has four digits too
    return rf"\d{{1,{max(max(lengths), 2)}}}"


_SLOT_PATTERNS: dict[str, Callable[[list[str]], str]] = {
    DIGITS: _digits_pattern,
    MONTH: lambda values: MONTH_PATTERN + r"\.?" if any(v.endswith(".") for v in values) else MONTH_PATTERN,
    WEEKDAY: lambda values: WEEKDAY_PATTERN,
    NAME: lambda values: NAME_PATTERN,
}


def shape_pattern(shape: str, variants: list[tuple[str, ...]]) -> str:
    """An anchored regex for every line of ``shape``: its literal text escaped, each
    slot a pattern that fits the values ``variants`` (one tuple per line seen) held."""
    parts = ["^"]
    slot_index = 0
    literal: list[str] = []
    for char in shape:
        if char in SLOTS:
            parts.append(_escape("".join(literal)))
            literal = []
            parts.append(slot_pattern(char, [v[slot_index] for v in variants if len(v) > slot_index]))
            slot_index += 1
        else:
            literal.append(char)
    parts.append(_escape("".join(literal)))
    parts.append("$")
    return "".join(parts)


def _escape(text: str) -> str:
    """``regex.escape`` that leaves spaces and plain punctuation readable."""
    return "".join("\\" + c if c in r".^$*+?{}[]\|()#" else c for c in text)
