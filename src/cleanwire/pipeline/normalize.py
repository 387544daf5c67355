"""Text normalization: the only stage that may change characters rather than drop them.

NFC; CRLF and other line breaks to LF; no-break and other exotic spaces to a plain
space; runs of spaces to one; no blanks at either end of a line; one blank line
between paragraphs; none at either end of the text; one final newline. Quotes,
dashes and letters are left as they are. Mojibake repair (ftfy) is opt-in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Every Unicode space separator and tab, except the plain space itself.
_EXOTIC_SPACE_CHARS = "\t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_EXOTIC_SPACES = re.compile(f"[{_EXOTIC_SPACE_CHARS}]")
_LINE_BREAK_CHARS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAKS = re.compile(f"\r\n|[{_LINE_BREAK_CHARS}]")
# Two spaces, then more, rather than " {2,}", and likewise for blank lines: a
# pattern that starts with the two characters skips ahead to where they stand
# together, where one that starts with one of them stops at every single one.
_SPACE_RUNS = re.compile(r"  +")
_BLANK_RUNS = re.compile(r"\n\n\n+")
_MOJIBAKE_ROUNDS = 4
_PIECE = 1 << 16


@dataclass(frozen=True)
class NormalizeStats:
    chars_replaced: int = 0
    spaces_folded: int = 0
    line_breaks_converted: int = 0
    mojibake_fixed: bool = False


def normalize(text: str, fix_mojibake: bool = False) -> tuple[str, NormalizeStats]:
    """Return the normalized text and counts of what changed; ``fix_mojibake`` repairs
    text decoded with the wrong code page, such as 'â€™' for '’' (uses ftfy)."""
    text, line_breaks, replaced, folded = _normalize_layout(text)
    mojibake_fixed = False
    if fix_mojibake:
        # ftfy judges a sequence by its neighbours, and folding spaces changes
        # those; repeat until neither step changes anything, so that normalizing
        # normalized text is a no-op.
        for _ in range(_MOJIBAKE_ROUNDS):
            fixed = _fix_mojibake(text)
            if fixed == text:
                break
            mojibake_fixed = True
            text, more_breaks, more_replaced, more_folded = _normalize_layout(fixed)
            line_breaks += more_breaks
            replaced += more_replaced
            folded += more_folded
    return text, NormalizeStats(replaced, folded, line_breaks, mojibake_fixed)


def _normalize_layout(text: str) -> tuple[str, int, int, int]:
    # Whole-text operations only, no Python loop over lines, and each skipped when
    # a quick look shows there is nothing for it to do: most text is already
    # mostly normal, and a 200 MB stream goes through at memory speed.
    line_breaks = replaced = folded = 0
    pieces = []
    for piece in _pieces(text):
        piece, more_breaks, more_replaced = _fix_characters(piece)
        pieces.append(piece)
        line_breaks += more_breaks
        replaced += more_replaced
    text = "".join(pieces) if len(pieces) > 1 else pieces[0]
    if "  " in text:
        text, folded = _SPACE_RUNS.subn(" ", text)
    # After folding there is at most one space at either end of a line.
    text = text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    text = text.strip("\n")
    if text:
        text += "\n"
    return text, line_breaks, replaced, folded


def _pieces(text: str) -> list[str]:
    """``text`` cut after a newline every ``_PIECE`` characters or so.

    Line breaks, NFC and exotic spaces are each settled within a line (a newline
    neither composes with nor splits anything), so each piece is fixed on its own,
    and only where it needs it: one odd document in a long stream then costs a
    pass over its piece, not over the whole stream."""
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + _PIECE) + 1 or len(text)
        pieces.append(text[start:end])
        start = end
    return pieces or [text]


def _fix_characters(text: str) -> tuple[str, int, int]:
    """Line breaks to LF, NFC, exotic spaces to a plain space; and how many line
    breaks and spaces were replaced."""
    line_breaks = replaced = 0
    if _holds_any(text, _LINE_BREAK_CHARS):
        text, line_breaks = _LINE_BREAKS.subn("\n", text)
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _holds_any(text, _EXOTIC_SPACE_CHARS):
            text, replaced = _EXOTIC_SPACES.subn(" ", text)
    elif "\t" in text:
        replaced = text.count("\t")
        text = text.replace("\t", " ")
    return text, line_breaks, replaced


def _holds_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds one of ``chars``: a fast scan of the text for each,
    where a search for a class of characters tests every character of the text."""
    return any(map(text.__contains__, chars))


def _fix_mojibake(text: str) -> str:
    import ftfy  # optional stage; keep start-up light when it is off

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization=None,
        explain=False,
    )
    return ftfy.fix_text(text, config)


def normalize_text(text: str, fix_mojibake: bool = False) -> str:
    return normalize(text, fix_mojibake)[0]
