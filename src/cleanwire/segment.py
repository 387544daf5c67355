"""Normalized text to lines with offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """A line of the normalized text: its 0-based ``index``, and the ``start``/``end``
    offsets of the whole original line. ``text`` is what remains of it; when inline
    cuts took part of it, ``char_map`` gives each remaining character's offset."""

    index: int
    start: int
    text: str
    end: int = -1
    char_map: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.end < 0:
            object.__setattr__(self, "end", self.start + len(self.text))

    @property
    def blank(self) -> bool:
        return not self.text

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
        lines.append(Line(index, offset, chunk))
        offset += len(chunk) + 1
    if lines and lines[-1].text == "" and text.endswith("\n"):
        lines.pop()
    if len(lines) == 1 and lines[0].text == "":
        return []
    return lines
