"""Text normalization: the only stage that may change characters rather than drop them.

Three modes (``--normalize``), each counting every change it makes by kind:

- ``safe`` (the default): NFC; CRLF and other line breaks to LF; no-break and
  other exotic spaces (not tabs) to a plain space; spaces and tabs at the end of a
  line removed; the layout of lines kept: leading indentation (code, nested lists)
  and alignment runs (tables) stay, and runs of spaces are folded only in prose
  lines (``layout.is_aligned``);
- ``full``: as ``safe``, and tabs become spaces, every run of spaces becomes one
  and lines lose their indentation;
- ``none``: line breaks to LF and nothing else inside a line; a line of nothing
  but spaces becomes blank.

In every mode: one blank line between paragraphs, none at either end of the text,
one final newline; the renderer writes that layout, so text it did not have would
otherwise change without a count. Quotes, dashes and letters are left as they
are. Mojibake repair (ftfy) is opt-in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from cleanwire.pipeline.layout import EXOTIC_SPACE_CHARS as _EXOTIC_SPACE_CHARS
from cleanwire.pipeline.layout import fold_prose_lines, strip_line_ends
from cleanwire.rules import native
from cleanwire.settings.options import NORMALIZE_MODES, NormalizeMode

_EXOTIC_SPACES = re.compile(f"[{_EXOTIC_SPACE_CHARS}]")
_EXOTIC_SPACES_BUT_TAB = re.compile(f"[{_EXOTIC_SPACE_CHARS[1:]}]")
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
    """How many of each kind of change normalization made to one document."""

    chars_replaced: int = 0  # exotic spaces (and, in full mode, tabs) made plain
    spaces_folded: int = 0  # runs of spaces made one
    line_breaks_converted: int = 0  # CRLF, CR and other line breaks made LF
    mojibake_fixed: bool = False
    lines_composed: int = 0  # lines NFC changed
    indents_removed: int = 0  # lines that lost their leading spaces (full mode)
    line_ends_stripped: int = 0  # lines that lost spaces or tabs at their end
    blank_lines_removed: int = 0  # blank lines beyond one between paragraphs, or at either end
    final_newline_added: bool = False

    def __add__(self, other: NormalizeStats) -> NormalizeStats:
        theirs = asdict(other)
        summed = {
            key: (mine or theirs[key]) if isinstance(mine, bool) else mine + theirs[key]
            for key, mine in asdict(self).items()
        }
        return NormalizeStats(**summed)

    def counts(self) -> dict[str, int | bool]:
        """Every kind of change with its count, as the report writes them."""
        return asdict(self)

    def changes(self) -> dict[str, int]:
        """The kinds of change made, with their counts (a flag counts one)."""
        return {key: int(value) for key, value in asdict(self).items() if value}

    def describe(self) -> str:
        """The changes in words, for a person: '3 runs of spaces folded, ...'; empty
        when there were none."""
        words = []
        for key, count in self.changes().items():
            what = _DESCRIPTIONS[key]
            words.append(what if isinstance(getattr(self, key), bool) else f"{count} {what}")
        return ", ".join(words)


_DESCRIPTIONS = {
    "chars_replaced": "exotic spaces made plain",
    "spaces_folded": "runs of spaces folded",
    "line_breaks_converted": "line breaks made LF",
    "mojibake_fixed": "mojibake repaired",
    "lines_composed": "lines composed (NFC)",
    "indents_removed": "indents removed",
    "line_ends_stripped": "line ends stripped of spaces",
    "blank_lines_removed": "blank lines removed",
    "final_newline_added": "final newline added",
}


def normalize(
    text: str, fix_mojibake: bool = False, mode: NormalizeMode = "safe", on_native: bool | None = None
) -> tuple[str, NormalizeStats]:
    """Return the normalized text and counts of what changed; ``fix_mojibake`` repairs
    text decoded with the wrong code page, such as 'â€™' for '’' (uses ftfy).
    ``on_native``: whether the native core lays the text out (where it can); None:
    where it is built and not turned off."""
    if mode not in NORMALIZE_MODES:
        raise ValueError(f"unknown normalization mode {mode!r} (known: {', '.join(NORMALIZE_MODES)})")
    layout = _native_layout if (native.enabled() if on_native is None else on_native) else _normalize_layout
    given = text
    text, stats = layout(text, mode)
    if fix_mojibake:
        # ftfy judges a sequence by its neighbours, and folding spaces changes
        # those; repeat until neither step changes anything, so that normalizing
        # normalized text is a no-op.
        for _ in range(_MOJIBAKE_ROUNDS):
            fixed = _fix_mojibake(text)
            if fixed == text:
                break
            text, more = layout(fixed, mode)
            stats = stats + more + NormalizeStats(mojibake_fixed=True)
    # Text that needed nothing is the given string, not a copy of it held beside it.
    return (given if text == given else text), stats


def _native_layout(text: str, mode: NormalizeMode) -> tuple[str, NormalizeStats]:
    """``_normalize_layout`` by the native core, for a text NFC leaves as it is (or
    that none mode does not compose); any other keeps the pure-Python path."""
    if not (mode == "none" or text.isascii() or unicodedata.is_normalized("NFC", text)):
        return _normalize_layout(text, mode)
    try:
        laid_out, counts = native.normalize_layout(text, mode)
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8 form the core could take
        return _normalize_layout(text, mode)
    text, (replaced, folded, line_breaks, indents, ends, blank_lines, final_newline) = laid_out, counts
    stats = NormalizeStats(
        chars_replaced=replaced,
        spaces_folded=folded,
        line_breaks_converted=line_breaks,
        indents_removed=indents,
        line_ends_stripped=ends,
        blank_lines_removed=blank_lines,
        final_newline_added=final_newline,
    )
    return text, stats


def _normalize_layout(text: str, mode: NormalizeMode) -> tuple[str, NormalizeStats]:
    # Whole-text operations only, no Python loop over lines, and each skipped when
    # a quick look shows there is nothing for it to do: most text is already
    # mostly normal, and a 200 MB stream goes through at memory speed. Only the
    # lines of safe mode that hold a run of spaces are looked at one by one.
    line_breaks = replaced = composed = folded = indents = ends = 0
    pieces = []
    for piece in _pieces(text):
        piece, more_breaks, more_replaced, more_composed = _fix_characters(piece, mode)
        pieces.append(piece)
        line_breaks += more_breaks
        replaced += more_replaced
        composed += more_composed
    text = "".join(pieces) if len(pieces) > 1 else pieces[0]
    if mode == "full":
        if "  " in text:
            text, folded = _SPACE_RUNS.subn(" ", text)
        # After folding there is at most one space at either end of a line.
        ends = text.count(" \n") + text.endswith(" ")
        text = text.replace(" \n", "\n").rstrip(" ")
        indents = text.count("\n ") + text.startswith(" ")
        text = text.replace("\n ", "\n").lstrip(" ")
    else:
        text, ends = strip_line_ends(text, keep_trailing=mode == "none")
        if mode == "safe" and "  " in text:
            text, folded = fold_prose_lines(text)
    newlines = text.count("\n")
    ended_with_newline = text.endswith("\n")
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    text = text.strip("\n")
    final_newline_added = False
    if text:
        final_newline_added = not ended_with_newline
        text += "\n"
    blank_lines_removed = newlines + final_newline_added - text.count("\n")
    stats = NormalizeStats(
        chars_replaced=replaced,
        spaces_folded=folded,
        line_breaks_converted=line_breaks,
        lines_composed=composed,
        indents_removed=indents,
        line_ends_stripped=ends,
        blank_lines_removed=blank_lines_removed,
        final_newline_added=final_newline_added,
    )
    return text, stats


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


def _fix_characters(text: str, mode: NormalizeMode) -> tuple[str, int, int, int]:
    """Line breaks to LF; unless ``mode`` is none, NFC and exotic spaces to a plain
    space (tabs too in full mode); and how many line breaks, spaces and lines were
    changed."""
    line_breaks = replaced = composed = 0
    if _holds_any(text, _LINE_BREAK_CHARS):
        text, line_breaks = _LINE_BREAKS.subn("\n", text)
    if mode == "none":
        return text, line_breaks, replaced, composed
    spaces = _EXOTIC_SPACE_CHARS if mode == "full" else _EXOTIC_SPACE_CHARS[1:]
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            composed = _lines_changed_by_nfc(text)
            text = unicodedata.normalize("NFC", text)
        if _holds_any(text, spaces):
            pattern = _EXOTIC_SPACES if mode == "full" else _EXOTIC_SPACES_BUT_TAB
            text, replaced = pattern.subn(" ", text)
    elif mode == "full" and "\t" in text:
        replaced = text.count("\t")
        text = text.replace("\t", " ")
    return text, line_breaks, replaced, composed


def _lines_changed_by_nfc(text: str) -> int:
    return sum(1 for line in text.split("\n") if not unicodedata.is_normalized("NFC", line))


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


def normalize_text(text: str, fix_mojibake: bool = False, mode: NormalizeMode = "safe") -> str:
    return normalize(text, fix_mojibake, mode)[0]
