"""Repeated text: lines repeated verbatim, and teasers whose sentences the body repeats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

_SENTENCE_END = regex.compile(r"(?<=[.!?…][\"'”’)\]]*)\s+(?=\S)")


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


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


def find_teasers(lines: Sequence[str], min_words: int) -> list[int]:
    """Positions of lines every sentence of which stands again, as a sentence, further down.

    Later copies of the line itself do not count: a line repeated verbatim is the
    verbatim rule's business, and there the later copy is the one to drop. Sentences
    are compared whole, so each line is looked at once and dropping a teaser can
    never make another line one (the result is idempotent).
    """
    split = [split_sentences(text) for text in lines]
    sentences_below: Counter[str] = Counter(s for parts in split for s in parts)
    copies_below: Counter[str] = Counter(lines)
    teasers: list[int] = []
    for position, (text, parts) in enumerate(zip(lines, split)):
        sentences_below.subtract(parts)
        copies_below[text] -= 1
        if not all(sentences_below[s] > 0 for s in parts):
            continue  # the common case, decided before counting words or copies
        if _word_count(text) < min_words:
            continue
        own = Counter(parts)
        copies = copies_below[text]
        if all(sentences_below[s] - copies * own[s] > 0 for s in own):
            teasers.append(position)
    return teasers
