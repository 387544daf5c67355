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


def test_full_mode_folds_every_space_and_line_ending() -> None:
    text = "  Head\u00a0line \r\n\r\n\r\n\tBody  text\u2009here. \rNext\u3000line\n\n\n"
    out, stats = normalize(text, mode="full")
    assert out == "Head line\n\nBody text here.\nNext line\n"
    assert stats.chars_replaced == 4
    assert stats.line_breaks_converted == 4
    assert stats.indents_removed == 2
    assert stats.line_ends_stripped == 2
    assert stats.blank_lines_removed == 3


PYTHON = "def f(x):\n    if x:\n        return  1\n    return 0\n"
NESTED_LIST = "Agenda\n  - Talks (30 mins)\n    - Small groups\n"
TABLE = "Name        Year   Club\nHerbinger   1992   TS\n"


def test_safe_mode_keeps_code_nested_lists_and_tables() -> None:
    for text in (PYTHON, NESTED_LIST, TABLE, "\tIndented with a tab\n"):
        out, stats = normalize(text)
        assert out == text
        assert not stats.changes()


def test_safe_mode_folds_spaces_in_prose_and_counts_them() -> None:
    out, stats = normalize("A sentence with  slack.  Next one.\u00a0End \n\n\n\nAnother")
    assert out == "A sentence with slack. Next one. End\n\nAnother\n"
    assert stats.changes() == {
        "chars_replaced": 1,
        "spaces_folded": 2,
        "line_ends_stripped": 1,
        "blank_lines_removed": 2,
        "final_newline_added": 1,
    }


def test_two_spaces_after_a_sentence_do_not_make_a_table() -> None:
    assert normalize("One.  Two.  Three  four.\n")[0] == "One. Two. Three four.\n"
    assert normalize("Platform  x86_64 / amd64  arm64\n")[0] == "Platform  x86_64 / amd64  arm64\n"


def test_none_mode_changes_only_line_ends_and_blank_lines() -> None:
    text = "  Caf\u0065\u0301\u00a0 x  \r\n \t\n\n\nBody\tcell"
    out, stats = normalize(text, mode="none")
    assert out == "  Caf\u0065\u0301\u00a0 x  \n\nBody\tcell\n"
    assert stats.changes() == {
        "line_breaks_converted": 1,
        "line_ends_stripped": 1,
        "blank_lines_removed": 2,
        "final_newline_added": 1,
    }


def test_every_change_is_counted() -> None:
    _, stats = normalize("Cafe\u0301\n")
    assert stats.changes() == {"lines_composed": 1}


def test_nfc_and_quotes_dashes_untouched() -> None:
    decomposed = "Cafe\u0301 \u201cquoted\u201d \u2014 dash"
    assert normalize_text(decomposed) == "Caf\u00e9 \u201cquoted\u201d \u2014 dash\n"


def test_empty_and_blank_input() -> None:
    for mode in ("safe", "full", "none"):
        assert normalize_text("", mode=mode) == ""
        assert normalize_text(" \n\n \t\n", mode=mode) == ""


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
    assert len(text) < 200  # far below the real piece size: one piece
    for mode in ("safe", "full", "none"):
        whole = normalize(text, mode=mode)
        with patch.object(normalize_module, "_PIECE", piece):
            assert normalize(text, mode=mode) == whole


def test_two_spaces_between_every_word_are_folded() -> None:
    assert normalize("Russian  diplomats  said  so.\n")[0] == "Russian diplomats said so.\n"
