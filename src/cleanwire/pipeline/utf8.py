"""Telling UTF-8 with damage from text in another encoding."""

from __future__ import annotations

import re

# A well-formed UTF-8 sequence of two to four bytes (no overlong forms, no surrogates).
MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def damage(data: bytes, first: UnicodeDecodeError) -> str | None:
    """What is wrong with ``data`` if it is UTF-8 with damage, or None if it is not UTF-8.

    Legacy code pages seldom form a valid multi-byte UTF-8 sequence by accident, and
    where they do (CJK double-byte text, KOI8-U) the invalid sequences far outnumber
    the valid ones. So the whole input is UTF-8 with damage when it holds valid
    multi-byte sequences and no more invalid ones than valid, or when its only flaw
    is a character cut off at the very end.
    """
    if first.reason == "unexpected end of data":
        # The first error is an incomplete sequence running into the end: everything
        # before it is valid. A lone lead byte after pure ASCII is no evidence
        # (b"caf\xe9" is café in Latin-1); a lead and its continuation bytes are.
        if not data[: first.start].isascii() or len(data) - first.start >= 2:
            return f"invalid UTF-8 at byte {first.start}: a character cut off at the end of otherwise UTF-8 text"
        return None
    invalid, valid = census(data)
    if not valid or invalid > valid:
        return None
    return (
        f"invalid UTF-8 at byte {first.start} in otherwise UTF-8 text "
        f"({_count(invalid, 'invalid sequence')}, {_count(valid, 'valid multi-byte character')})"
    )


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


def census(data: bytes) -> tuple[int, int]:
    """How many invalid sequences and how many valid multi-byte characters ``data`` holds as UTF-8."""
    text = data.decode("utf-8", "replace")  # one U+FFFD for each invalid sequence
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return invalid, non_ascii - invalid
