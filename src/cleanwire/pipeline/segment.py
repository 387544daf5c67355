"""Normalized text to lines with offsets."""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import overload

_NEWLINE = re.compile("\n")


class Line:
    """A line of the normalized text: its 0-based ``index``, and the ``start``/``end``
    offsets of the whole original line. ``text`` is what remains of it; when inline
    cuts took part of it, ``char_map`` gives each remaining character's offset.

    A plain slotted class: documents have many lines, and these are made per line.
    """

    __slots__ = ("index", "start", "text", "end", "char_map", "blank")

    def __init__(
        self, index: int, start: int, text: str, end: int = -1, char_map: tuple[int, ...] | None = None
    ) -> None:
        self.index = index
        self.start = start
        self.text = text
        self.end = start + len(text) if end < 0 else end
        self.char_map = char_map
        self.blank = not text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Line) and (self.index, self.start, self.text, self.end, self.char_map) == (
            other.index, other.start, other.text, other.end, other.char_map
        )

    def __hash__(self) -> int:
        return hash((self.index, self.start, self.text))

    def __repr__(self) -> str:
        return f"Line({self.index}, {self.start}, {self.text!r})"

    def offset(self, position: int) -> int:
        """Offset in the normalized text of ``text[position]`` (or of its end)."""
        if self.char_map is None:
            return self.start + position
        if position >= len(self.char_map):
            return self.char_map[-1] + 1 if self.char_map else self.start
        return self.char_map[position]


class Lines(Sequence[Line]):
    """Some lines of a normalized text, without an object per line: where each
    line starts, which lines are in view, and the few an inline cut changed. A
    ``Line`` is made when one is asked for, so a text of a million one-letter
    lines costs arrays of offsets, not a million objects.
    """

    __slots__ = ("text", "starts", "indexes", "cut")

    def __init__(self, text: str, starts: array[int], indexes: Sequence[int], cut: dict[int, Line]) -> None:
        self.text = text
        self.starts = starts  # one per line of ``text``, and one past its end
        self.indexes = indexes  # the lines in view, in order
        self.cut = cut  # what is left of lines inline cuts changed, by index

    def __len__(self) -> int:
        return len(self.indexes)

    @overload
    def __getitem__(self, position: int) -> Line: ...
    @overload
    def __getitem__(self, position: slice) -> list[Line]: ...
    def __getitem__(self, position: int | slice) -> Line | list[Line]:
        if isinstance(position, slice):
            return [self.line(index) for index in self.indexes[position]]
        return self.line(self.indexes[position])

    def line(self, index: int) -> Line:
        """The line at ``index`` in the text, as cuts left it."""
        found = self.cut.get(index)
        if found is not None:
            return found
        start, end = self.starts[index], self.starts[index + 1] - 1
        return Line(index, start, self.text[start:end], end)

    def is_blank(self, index: int) -> bool:
        found = self.cut.get(index)
        return not found.text if found is not None else self.starts[index + 1] - 1 == self.starts[index]

    def __iter__(self) -> Iterator[Line]:
        return map(self.line, self.indexes)

    def joined(self) -> str:
        """The texts of the lines in view joined by newlines: each run of consecutive
        lines no cut changed is one slice of ``text``, not a string per line."""
        text, starts, cut = self.text, self.starts, self.cut
        if not cut and self.indexes == range(len(starts) - 1):  # the whole text
            return text[: starts[-1] - 1] if self.indexes else ""
        parts: list[str] = []
        first = last = -2  # the run of untouched lines being gathered
        for index in self.indexes:
            if index == last + 1 and index not in cut:
                last = index
                continue
            if first >= 0:
                parts.append(text[starts[first] : starts[last + 1] - 1])
            if index in cut:
                parts.append(cut[index].text)
                first = last = -2
            else:
                first = last = index
        if first >= 0:
            parts.append(text[starts[first] : starts[last + 1] - 1])
        return "\n".join(parts)

    def texts(self) -> Picked:
        """The text of each line in view, without a list of them all."""
        return Picked(self.text_of, self.indexes)

    def text_of(self, index: int) -> str:
        found = self.cut.get(index)
        if found is not None:
            return found.text
        return self.text[self.starts[index] : self.starts[index + 1] - 1]


class Picked(Sequence[str]):
    """``get(key)`` for each of ``keys``, looked up when asked for: a view where a
    list would hold a reference per line of a long document."""

    __slots__ = ("get", "keys")

    def __init__(self, get: Callable[[int], str], keys: Sequence[int]) -> None:
        self.get = get
        self.keys = keys

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, position: int) -> str: ...
    @overload
    def __getitem__(self, position: slice) -> list[str]: ...
    def __getitem__(self, position: int | slice) -> str | list[str]:
        if isinstance(position, slice):
            return [self.get(key) for key in self.keys[position]]
        return self.get(self.keys[position])

    def __iter__(self) -> Iterator[str]:
        return map(self.get, self.keys)


def offsets(largest: int) -> array[int]:
    """An empty array for offsets up to ``largest``: four bytes an entry where that
    is enough (a document of a million short lines has a million offsets)."""
    return array("I") if largest < 2**32 else array("q")


def split_lines(text: str) -> Lines:
    """Lines of normalized text, without their newlines. No final empty line."""
    body = text[:-1] if text.endswith("\n") else text
    if not body:
        return Lines(text, array("I", [0]), range(0), {})
    starts = offsets(len(text) + 1)
    starts.append(0)
    starts.extend(found.end() for found in _NEWLINE.finditer(body))
    starts.append(len(body) + 1)
    return Lines(text, starts, range(len(starts) - 1), {})
