"""Repeated text: sentence splitting and teasers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.pipeline.dedupe import RepeatSearch, find_teasers, find_verbatim_repeats, split_sentences

# The definition: a split at the space after a sentence's closing mark and quotes.
_AFTER_SENTENCE = regex.compile(r"(?<=[.!?…][\"'”’)\]]*)\s+(?=\S)")

_PIECES = st.sampled_from([".", "!", "?", "…", '"', "'", "”", "’", ")", "]", " ", "  ", "\t", "\u00a0", "a", "Wort", "3"])


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.lists(_PIECES, max_size=16).map("".join), st.text(max_size=30)))
def test_sentences_split_where_the_definition_says(text: str) -> None:
    assert split_sentences(text) == _AFTER_SENTENCE.split(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four… Five", ["One.", "Two!", "Three?", "Four…", "Five"]),
        ('He said "no." Then left.', ['He said "no."', "Then left."]),
        ("Version 2.0 is out.", ["Version 2.0 is out."]),
        ("No sentence end", ["No sentence end"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_a_teaser_is_a_line_whose_sentences_all_stand_further_down() -> None:
    lines = ["Short teaser here. And more words to count.", "Body.", "Short teaser here.", "And more words to count."]
    assert find_teasers(lines, min_words=3) == [0]
    assert find_teasers(lines, min_words=20) == []


_TEASER = ("Short teaser here. And more words to count.", "Body.", "Short teaser here.", "And more words to count.")


def test_a_search_skipped_on_fewer_lines_still_finds_what_they_hold() -> None:
    teasers = RepeatSearch("teaser", 3)
    assert teasers(_TEASER) == [0]
    assert teasers(_TEASER) == [0]  # the teaser is still there
    assert teasers(_TEASER[1:]) == []
    assert teasers(_TEASER) == [0]  # more lines than the last search's
    assert RepeatSearch("teaser", 20)(_TEASER) == []
    assert teasers(("Short teaser here. And more words.",) + _TEASER[1:]) == []  # a line cut
    repeats = RepeatSearch("verbatim", 3)
    assert repeats(_TEASER + _TEASER[:1]) == [4]
    assert repeats(_TEASER[1:] + _TEASER[:1]) == []


_SENTENCES = st.sampled_from(["One two three.", "Four five six.", "Seven eight nine.", "Ten."])
_LINES = st.lists(st.lists(_SENTENCES, min_size=1, max_size=3).map(" ".join), max_size=12)


@settings(max_examples=300, deadline=None)
@given(lines=_LINES, keep=st.lists(st.booleans(), min_size=12, max_size=12), min_words=st.integers(1, 4))
def test_a_search_on_some_of_the_last_lines_finds_what_a_new_one_would(
    lines: list[str], keep: list[bool], min_words: int
) -> None:
    fewer = tuple(line for line, kept in zip(lines, keep) if kept)
    searches: list[tuple[Literal["verbatim", "teaser"], Callable[[Sequence[str], int], list[int]]]] = [
        ("verbatim", find_verbatim_repeats),
        ("teaser", find_teasers),
    ]
    for mode, find in searches:
        search = RepeatSearch(mode, min_words)
        assert search(tuple(lines)) == find(lines, min_words)
        assert search(fewer) == find(fewer, min_words)
