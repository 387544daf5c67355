"""The layout of lines that safe normalization keeps: which spaces are structure
(indentation, table alignment) and which are slack in prose."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Every Unicode space separator and tab, except the plain space itself.
EXOTIC_SPACE_CHARS = "\t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
SPACE_CHARS = " " + EXOTIC_SPACE_CHARS

_SPACE_RUNS = re.compile(r"  +")
# Two spaces after the end of a sentence are typing habit, not alignment.
_ALIGNMENT_PAIRS = re.compile("(?<![.!?:;\u2026\"'\u201d\u2019)])  (?! )")
_SINGLE_SPACE = re.compile("(?<! ) (?! )")


def strip_line_ends(text: str, keep_trailing: bool = False) -> tuple[str, int]:
    """``text`` without spaces and tabs at the end of its lines, and how many lines
    lost some. ``keep_trailing``: only lines of nothing but spaces (of any kind)
    are emptied.

    Lines are found from their ends, with ``str.find`` over the text: a pattern
    anchored at line ends tries every space of the text, and is many times slower
    on text that has few such lines, which is most text."""
    spaces = SPACE_CHARS if keep_trailing else " \t"
    ends = sorted({end for space in spaces for end in _ends_after(text, space)})
    if not ends:
        return text, 0
    pieces = []
    kept_from = stripped = 0
    for end in ends:
        start = end
        while start > kept_from and text[start - 1] in spaces:
            start -= 1
        if keep_trailing and start > 0 and text[start - 1] != "\n":
            continue  # the line has more than spaces
        pieces.append(text[kept_from:start])
        kept_from = end
        stripped += 1
    pieces.append(text[kept_from:])
    return "".join(pieces), stripped


def _ends_after(text: str, space: str) -> Iterator[int]:
    """Where a line that ends in ``space`` ends (its newline, or the end of the text)."""
    if text.endswith(space):
        yield len(text)
    found = text.find(space + "\n")
    while found >= 0:
        yield found + 1
        found = text.find(space + "\n", found + 2)


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
    this leaves is left alone by it again, and so is any line of it kept whole.

    Only lines holding two spaces in a row are looked at, found with ``str.find``."""
    pieces = []
    kept_from = folded = 0
    found = text.find("  ")
    while found >= 0:
        start = text.rfind("\n", 0, found) + 1
        end = text.find("\n", found)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line[0] not in " \t" and not is_aligned(line):
            line, count = _SPACE_RUNS.subn(" ", line)
            pieces.append(text[kept_from:start])
            pieces.append(line)
            kept_from = end
            folded += count
        found = text.find("  ", end)
    pieces.append(text[kept_from:])
    return "".join(pieces), folded
