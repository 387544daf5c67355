"""Repeated text: sentence splitting and teasers."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.dedupe import find_teasers, repeated_lines, split_sentences

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


def test_repeats_remembered_for_some_lines_are_not_given_for_others() -> None:
    teaser = ("Short teaser here. And more words to count.", "Body.", "Short teaser here.", "And more words to count.")
    assert repeated_lines(teaser, "teaser", 3) == (0,)
    assert repeated_lines(teaser, "teaser", 3) == (0,)
    assert repeated_lines(teaser[:3], "teaser", 3) == ()
    assert repeated_lines(teaser, "teaser", 20) == ()
    assert repeated_lines(teaser, "verbatim", 3) == ()
    assert repeated_lines(teaser + teaser[:1], "verbatim", 3) == (4,)
