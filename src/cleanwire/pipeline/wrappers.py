"""The wrappers extractors put around a line of junk: table pipes, list bullets,
trailing separators ("| ADVERTISEMENT |", "* Subscribe now", "Share |").

Line rules match what is inside, so one pattern serves the bare line and its
wrapped forms. Numbered list markers are not wrappers: "5. Bake for an hour"
is a recipe's step, and what follows such a number is the article's own text.
"""

from __future__ import annotations

import regex

# What a wrapped line can start or end with: a cheap test before the regex.
WRAP_STARTS = frozenset("|*•·▪►▸◦‣●○■□➤-")
WRAP_ENDS = frozenset("|·•/-")
_LEADING = regex.compile(r"^(?:\|\s*|[*•·▪►▸◦‣●○■□➤-]\s+)+")
_TRAILING = regex.compile(r"(?:\s*\||\s+[·•/-])+\s*$")


def unwrap(text: str) -> str:
    """``text`` without the pipes, bullets and separators around it; ``text`` itself
    when it has none."""
    if not text or (text[0] not in WRAP_STARTS and text[-1] not in WRAP_ENDS):
        return text
    inner = _TRAILING.sub("", _LEADING.sub("", text))
    return inner.strip()
