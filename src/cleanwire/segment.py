"""Normalized text to lines with offsets, and lines to paragraphs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    index: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    """Lines of normalized text, without their newlines. No final empty line."""
    lines: list[Line] = []
    offset = 0
    for index, chunk in enumerate(text.split("\n")):
        lines.append(Line(index, offset, chunk))
        offset += len(chunk) + 1
    if lines and lines[-1].text == "" and text.endswith("\n"):
        lines.pop()
    if lines == [Line(0, 0, "")]:
        return []
    return lines


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines."""
    result: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                result.append(current)
                current = []
        else:
            current.append(line)
    if current:
        result.append(current)
    return result
