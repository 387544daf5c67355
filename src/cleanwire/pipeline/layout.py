"""The layout of lines that safe normalization keeps: which spaces are structure
(indentation, table alignment) and which are slack in prose."""

from __future__ import annotations

import re

# Every Unicode space separator and tab, except the plain space itself.
EXOTIC_SPACE_CHARS = "\t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
SPACE_CHARS = " " + EXOTIC_SPACE_CHARS

_LINE_END_SPACES = re.compile(r"[ \t]+$", re.MULTILINE)
_SPACE_ONLY_LINES = re.compile(f"^[{SPACE_CHARS}]+$", re.MULTILINE)
# A line that starts with text and holds two spaces in a row: the only lines whose
# spaces safe normalization may fold. An indented line is code or a nested list.
_PROSE_CANDIDATES = re.compile(r"^[^ \t\n][^\n]*?  [^\n]*", re.MULTILINE)
_SPACE_RUNS = re.compile(r"  +")
# Two spaces after the end of a sentence are typing habit, not alignment.
_ALIGNMENT_PAIRS = re.compile("(?<![.!?:;\u2026\"'\u201d\u2019)])  (?! )")
_SINGLE_SPACE = re.compile("(?<! ) (?! )")


def strip_line_ends(text: str, keep_trailing: bool = False) -> tuple[str, int]:
    """``text`` without spaces and tabs at the end of its lines, and how many lines
    lost some. ``keep_trailing``: only lines of nothing but spaces are emptied."""
    if not any(f"{space}\n" in text for space in SPACE_CHARS) and not text.endswith(tuple(SPACE_CHARS)):
        return text, 0
    if keep_trailing:
        return _SPACE_ONLY_LINES.subn("", text)
    return _LINE_END_SPACES.subn("", text)


def is_aligned(line: str) -> bool:
    """Whether the spaces inside ``line`` lay out columns: a tab, three spaces in a
    row, or two pairs of spaces that do not follow the end of a sentence between
    words otherwise one space apart (a pair between every two words is a habit of
    typing, not columns)."""
    if "\t" in line or "   " in line:
        return True
    return len(_ALIGNMENT_PAIRS.findall(line)) >= 2 and _SINGLE_SPACE.search(line) is not None


def fold_prose_lines(text: str) -> tuple[str, int]:
    """Runs of spaces made one in prose lines (not indented, not aligned), and how
    many runs were folded. Decided line by line, on the line alone, so that text
    this leaves is left alone by it again, and so is any line of it kept whole."""
    folded = 0

    def fold(found: re.Match[str]) -> str:
        nonlocal folded
        line = found.group()
        if is_aligned(line):
            return line
        line, count = _SPACE_RUNS.subn(" ", line)
        folded += count
        return line

    return _PROSE_CANDIDATES.sub(fold, text), folded
