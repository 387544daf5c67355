"""Normalized text to lines with offsets."""

from __future__ import annotations


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


def split_lines(text: str) -> list[Line]:
    """Lines of normalized text, without their newlines. No final empty line."""
    lines: list[Line] = []
    offset = 0
    for index, chunk in enumerate(text.split("\n")):
        end = offset + len(chunk)
        lines.append(Line(index, offset, chunk, end))
        offset = end + 1
    if lines and lines[-1].text == "" and text.endswith("\n"):
        lines.pop()
    if len(lines) == 1 and lines[0].text == "":
        return []
    return lines
