"""Lines of a text, and what is left of them joined again, as the cleaner writes it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleanwire.pipeline.render import cut_line
from cleanwire.pipeline.segment import Lines, split_lines

_TEXT = st.lists(st.sampled_from(["", "a", "Share this", "The council met.", " x ", "é"]), max_size=12).map(
    lambda lines: "\n".join(lines) + "\n"
)


@given(text=_TEXT, data=st.data())
def test_the_lines_in_view_join_as_their_texts_do(text: str, data: st.DataObject) -> None:
    lines = split_lines(text)
    indexes = sorted(data.draw(st.sets(st.sampled_from(range(len(lines))))) if len(lines) else [])
    cut = {}
    for index in data.draw(st.sets(st.sampled_from(indexes))) if indexes else ():
        line = lines.line(index)
        if line.text:
            cut[index] = cut_line(line, [(line.start, line.start + 1)])
    view = Lines(text, lines.starts, indexes, cut)
    assert view.joined() == "\n".join(line.text for line in view)


@given(text=_TEXT)
def test_a_whole_text_joins_as_it_stands(text: str) -> None:
    lines = split_lines(text)
    assert lines.joined() == text[:-1]
    assert lines.joined() == "\n".join(line.text for line in lines)
