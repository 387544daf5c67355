"""Repeated text: lines repeated verbatim (anywhere, or only nearby and chrome-like), and
teasers whose sentences the body repeats."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from typing import Literal

import regex

from cleanwire.rules import native

# The space after a sentence's closing mark and quotes or brackets. ``\K`` leaves
# those to the sentence, as a look-behind would, but lets the search go from one
# mark to the next instead of looking back from every space.
_SENTENCE_END = regex.compile(r"[.!?…][\"'”’)\]]*\K\s+(?=\S)")


def _word_count(text: str) -> int:
    return len(text.split())


def find_verbatim_repeats(lines: Sequence[str], min_words: int) -> list[int]:
    """Positions of lines equal to an earlier line of at least ``min_words`` words."""
    repeated = {text for text, count in Counter(lines).items() if count > 1 and _word_count(text) >= min_words}
    if not repeated:
        return []
    seen: set[str] = set()
    repeats: list[int] = []
    for position, text in enumerate(lines):
        if text in repeated:
            if text in seen:
                repeats.append(position)
            else:
                seen.add(text)
    return repeats


# A line ending like a sentence: closing mark, then maybe closing quotes or brackets.
_ENDS_LIKE_SENTENCE = regex.compile(r"[.!?…:;][\"'”’»)\]]*$")
_MAX_CHROME_WORDS = 20


def find_nearby_repeats(lines: Sequence[str], min_words: int) -> list[int]:
    """Positions of lines of at least ``min_words`` words that repeat the line just
    above them, or that repeat one earlier line, once, looking like chrome: a
    title or label of at most ``_MAX_CHROME_WORDS`` words that does not end like a
    sentence (a headline again in a list of links). Lines an article repeats on
    purpose (a refrain, a question, a meal plan's dish, a table's cell) stand
    apart and often more than twice, and stay."""
    counts = Counter(lines)
    repeats: list[int] = []
    seen: set[str] = set()
    for position, text in enumerate(lines):
        if counts[text] < 2 or _word_count(text) < min_words:
            continue
        if text in seen:
            adjacent = lines[position - 1] == text
            chrome = (
                counts[text] == 2
                and _word_count(text) <= _MAX_CHROME_WORDS
                and _ENDS_LIKE_SENTENCE.search(text) is None
            )
            if adjacent or chrome:
                repeats.append(position)
        seen.add(text)
    return repeats


def split_sentences(text: str) -> list[str]:
    """Sentences of a normalized, non-blank line (it has no spaces at either end,
    so the split yields no empty pieces)."""
    if "." not in text and "!" not in text and "?" not in text and "…" not in text:
        return [text]  # no closing mark: most lines, and settled faster than by the split
    return _SENTENCE_END.split(text)


def find_teasers(lines: Sequence[str], min_words: int) -> list[int]:
    """Positions of lines every sentence of which stands again, as a sentence, further down.

    Later copies of the line itself do not count: a line repeated verbatim is the
    verbatim rule's business, and there the later copy is the one to drop. Sentences
    are compared whole, so each line is looked at once and dropping a teaser can
    never make another line one (the result is idempotent).
    """
    # Scanning from the bottom, for each sentence seen so far: one line it stands
    # in, and (once there is one) a line it stands in whose text differs from that.
    seen_in: dict[str, int] = {}
    seen_in_other: dict[str, int] = {}
    teasers: list[int] = []
    for position in range(len(lines) - 1, -1, -1):
        text = lines[position]
        parts = split_sentences(text)
        if all(map(seen_in.__contains__, parts)) and _word_count(text) >= min_words:
            if all(lines[seen_in[s]] != text or s in seen_in_other for s in parts):
                teasers.append(position)
        for sentence in parts:
            first = seen_in.setdefault(sentence, position)
            if first != position and sentence not in seen_in_other and lines[first] != text:
                seen_in_other[sentence] = position
    teasers.reverse()
    return teasers


class RepeatSearch:
    """One dedupe rule's search (``find_verbatim_repeats`` or ``find_teasers``, by
    ``mode``) over the passes on one document.

    Removing lines never adds to what the search finds: a line is found for what
    stands in other lines above or below it, and among fewer lines, fewer stand
    there. So among lines that are, in order, some of those of the last search,
    less what it found, it finds nothing, and is not run: what a later pass meets
    once the earlier pass's finds are gone."""

    def __init__(self, mode: Literal["verbatim", "teaser", "nearby"], min_words: int, on_native: bool = False) -> None:
        finders = {"verbatim": find_verbatim_repeats, "teaser": find_teasers, "nearby": find_nearby_repeats}
        self._mode = mode
        self._python_find = finders[mode]
        # The native core finds verbatim and nearby repeats, hashing each line once.
        self._on_native = on_native and mode != "teaser"
        # Removing lines can make two copies adjacent, or leave two of three: the
        # nearby search is not settled by an earlier one and runs every time.
        self._monotone = mode != "nearby"
        self._min_words = min_words
        self._nothing_in: Sequence[str] | None = None  # the last search's lines less what it found

    def __call__(self, lines: Sequence[str], within: tuple[str, array[int]] | None = None) -> list[int]:
        """``lines`` are kept for the next call: a sequence that does not change.
        ``within``: a text whose lines at the positions given are ``lines``, for
        the native core to read them from."""
        if self._monotone and self._nothing_in is not None and _in_order_among(lines, self._nothing_in):
            return []
        found = self._find(lines, within)
        if not found:
            self._nothing_in = lines
        else:
            taken = set(found)
            self._nothing_in = tuple(line for position, line in enumerate(lines) if position not in taken)
        return found

    def _find(self, lines: Sequence[str], within: tuple[str, array[int]] | None) -> list[int]:
        if self._on_native:
            found = native.repeated_lines(lines, self._mode, self._min_words, within)
            if found is not None:
                return found
        return self._python_find(lines, self._min_words)


def _in_order_among(few: Sequence[str], many: Sequence[str]) -> bool:
    """Whether ``few`` are some of ``many``, in the same order."""
    if len(few) > len(many):
        return False
    remaining = iter(many)
    return all(line in remaining for line in few)
