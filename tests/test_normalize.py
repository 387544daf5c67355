from __future__ import annotations

from cleanwire.normalize import NormalizeOptions, normalize, normalize_text


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
    assert normalize_text(broken, NormalizeOptions(fix_mojibake=True)) == "It\u2019s a caf\u00e9\n"
