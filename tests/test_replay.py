"""The report's spans are enough to rebuild the clean text (``cleanwire.report.replay``),
on any text, for every outlet choice: the report can always be checked."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleanwire.report.replay
from cleanwire.report.replay import apply_removals

from .test_properties import CLEANER_NAMES, CLEANERS, FUZZ_TEXT, SEED_NAMES, junk_document

REPLAY = settings(max_examples=60, deadline=None)


def spans(result: object) -> list[tuple[int, int]]:
    return [(d.start, d.end) for d in result.decisions]  # type: ignore[attr-defined]


def test_docstring_example() -> None:
    assert doctest.testmod(cleanwire.report.replay).failed == 0


@pytest.mark.parametrize("cleaner_name", CLEANER_NAMES)
@REPLAY
@given(text=FUZZ_TEXT)
def test_spans_rebuild_the_output_on_any_text(cleaner_name: str, text: str) -> None:
    result = CLEANERS[cleaner_name].clean(text)
    assert apply_removals(result.normalized, spans(result)) == result.text


@pytest.mark.parametrize("name", SEED_NAMES)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_spans_rebuild_the_output_of_seed_documents_with_junk(name: str, data: st.DataObject) -> None:
    result = CLEANERS["auto"].clean(data.draw(junk_document(name)))
    assert apply_removals(result.normalized, spans(result)) == result.text


def test_inline_cuts_and_blank_lines_inside_a_block() -> None:
    normalized = "Title\n\nA caption (Photo: Jane Doe) here.\nJunk one\n\nJunk two\nBody.\n"
    cut = normalized.index(" (Photo")
    block = normalized.index("Junk one")
    end = normalized.index("Junk two") + len("Junk two")
    assert apply_removals(normalized, [(cut, cut + len(" (Photo: Jane Doe)")), (block, end)]) == (
        "Title\n\nA caption here.\nBody.\n"
    )
    line = normalized.index("A caption")
    assert apply_removals(normalized, [(line, line + len("A caption (Photo: Jane Doe) here."))]) == (
        "Title\n\nJunk one\n\nJunk two\nBody.\n"
    )


def test_a_removal_that_ends_on_a_blank_line_replays_without_it() -> None:
    # The registration wall claims the blank line after its first line; the photo
    # credit between its two parts is another rule's. The renderer drops that blank
    # line, and so must the report's spans when replayed.
    text = (
        "The council met on Monday and agreed to build the new dam after years of delay and debate.\n\n"
        "Residents who live near the river said they had waited long enough for the work to begin.\n"
        "Create a FREE account to continue reading\n\n"
        "Jane Doe / AFP - Getty Images\n\n"
        "Please refresh the page or navigate to another page on the site to be automatically logged in\n"
        "The mayor said the work would start in spring and end before the next winter floods.\n"
    )
    result = CLEANERS["evening-standard"].clean(text)
    assert "Create a FREE account" not in result.text
    assert apply_removals(result.normalized, spans(result)) == result.text
