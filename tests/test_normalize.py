from __future__ import annotations

import re
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.pipeline import normalize as normalize_module
from cleanwire.pipeline.normalize import (
    _BLANK_RUNS,
    _EXOTIC_SPACE_CHARS,
    _LINE_BREAK_CHARS,
    _LINE_BREAKS,
    _SPACE_RUNS,
    _holds_any,
    normalize,
    normalize_text,
)


def test_spaces_and_line_endings() -> None:
    text = "  Head\u00a0line \r\n\r\n\r\n\tBody  text\u2009here. \rNext\u3000line\n\n\n"
    out, stats = normalize(text)
    assert out == "Head line\n\nBody text here.\nNext line\n"
    assert stats.chars_replaced == 4
    assert stats.line_breaks_converted == 4


def test_nfc_and_quotes_dashes_untouched() -> None:
    decomposed = "Cafe\u0301 \u201cquoted\u201d \u2014 dash"
    assert normalize_text(decomposed) == "Caf\u00e9 \u201cquoted\u201d \u2014 dash\n"


def test_empty_and_blank_input() -> None:
    assert normalize_text("") == ""
    assert normalize_text(" \n\n \t\n") == ""


def test_unicode_line_separators_become_newlines() -> None:
    assert normalize_text("one\u2028two\u2029three\x85four") == "one\ntwo\nthree\nfour\n"


def test_mojibake_repair_is_opt_in() -> None:
    broken = "It\u00e2\u20ac\u2122s a caf\u00c3\u00a9"
    assert normalize_text(broken) == broken + "\n"
    assert normalize_text(broken, fix_mojibake=True) == "It\u2019s a caf\u00e9\n"


_LAYOUT = st.lists(
    st.sampled_from([" ", "  ", "\n", "\r", "\r\n", "x", "\t", "\u00a0", "\u200a", "\u200b", "\u3000", "\u2028", "\x85", "\x1f"]),
    max_size=12,
).map("".join)
_TEXT = st.one_of(_LAYOUT, st.text(max_size=30))


@settings(max_examples=500, deadline=None)
@given(text=_TEXT)
def test_the_line_break_pre_check_finds_what_the_pattern_finds(text: str) -> None:
    assert _holds_any(text, _LINE_BREAK_CHARS) is (_LINE_BREAKS.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(text=_TEXT)
def test_the_exotic_space_pre_check_finds_every_space_separator_and_tab(text: str) -> None:
    every_space_and_tab = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
    assert _holds_any(text, _EXOTIC_SPACE_CHARS) is (every_space_and_tab.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(text=_TEXT)
def test_runs_are_folded_as_runs_of_two_or_more(text: str) -> None:
    assert _SPACE_RUNS.subn(" ", text) == re.subn(" {2,}", " ", text)
    assert _BLANK_RUNS.subn("\n\n", text) == re.subn("\n{3,}", "\n\n", text)


_PIECEWISE = st.lists(
    st.sampled_from(["a", "e\u0301", "\u0301", "\n", "\r", "\r\n", " ", "  ", "\u00a0", "\t", "\u2028", "\ufb01", "Å", "\n\n\n"]),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_PIECEWISE, piece=st.integers(1, 8))
def test_a_text_normalized_in_pieces_is_normalized_as_a_whole(text: str, piece: int) -> None:
    whole = normalize(text)
    assert len(text) < 200  # far below the real piece size: one piece
    with patch.object(normalize_module, "_PIECE", piece):
        assert normalize(text) == whole
