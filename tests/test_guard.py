"""The deletion-only guard reads texts a piece at a time and still judges them as
whole lists of lines would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.pipeline.guard import is_deletion_only, lines_of

TEXT = st.text(alphabet=st.sampled_from("ab \n"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, chunk=st.integers(1, 8))
def test_lines_read_in_pieces_are_the_lines_split_at_once(text: str, chunk: int) -> None:
    assert list(lines_of(text, chunk)) == text.split("\n")


def reference_is_deletion_only(source: str, output: str) -> bool:
    """Every output line, in order, is a source line or a character subsequence of one."""
    source_lines, position = source.split("\n"), 0
    for line in output.split("\n"):
        while position < len(source_lines):
            candidate = source_lines[position]
            position += 1
            chars = iter(candidate)
            if line == candidate or (line and len(line) <= len(candidate) and all(c in chars for c in line)):
                break
        else:
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(source=TEXT, output=TEXT)
def test_the_guard_judges_as_the_whole_lists_would(source: str, output: str) -> None:
    assert is_deletion_only(source, output) == reference_is_deletion_only(source, output)


def test_lines_dropped_and_cut_pass_and_a_new_or_reordered_line_fails() -> None:
    source = "Headline\n\nBody text here.\nShare this\n"
    assert is_deletion_only(source, "Headline\n\nBody text.\n")
    assert not is_deletion_only(source, "Headline\n\nBody text here!\n")
    assert not is_deletion_only(source, "Body text here.\nHeadline\n")
