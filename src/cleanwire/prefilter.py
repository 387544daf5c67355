"""Literal prefilters: find the few lines a pattern could match before running it.

For each pattern we extract a set of literals such that every match of the pattern
contains at least one of them (``required_literals``). Lines without any of them
cannot match, so the regex engine only meets candidate lines; the literals
themselves are searched for in the whole text at C speed (``LineIndex``).

The extraction is deliberately conservative: anything it does not understand
(verbose mode, backreferences, ...) yields no literals, and the pattern then runs
on every line, exactly as without a prefilter.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache

import regex

_QUANTIFIER_START = "?*+{"
_CLASS_ESCAPES = set("dDwWsSbBAZzGhHvVXRKN")
_PROPERTY_ESCAPES = set("pPN")
# Below this many characters a literal is checked line by line; longer ones are
# searched for in the whole text, where hits are few.
_SCAN_MIN_LENGTH = 3
# What a regex search in one line costs, as the number of characters str.find
# scans in the same time (measured: about 2 µs against 0.4 ns a character). A
# pattern with many literals in a text of short lines is cheaper run on every line.
LINE_SEARCH_COST = 5000


class _GiveUp(Exception):
    pass


_KNOWN: dict[tuple[str, bool], tuple[str, ...]] = {}


def remember_literals(known: dict[tuple[str, bool], tuple[str, ...]]) -> None:
    """Results worked out before (and cached with a rule set), so they are not redone."""
    _KNOWN.update(known)


def required_literals(source: str, ignore_case: bool) -> tuple[str, ...]:
    """Literals one of which every match of ``source`` contains; () when unknown."""
    key = (source, ignore_case)
    found = _KNOWN.get(key)
    if found is None:
        found = _KNOWN[key] = _extract(source, ignore_case)
    return found


def _extract(source: str, ignore_case: bool) -> tuple[str, ...]:
    try:
        if source.startswith("(?") and source[2:3].isalpha() and ":" not in source[: source.find(")")]:
            flags = source[2 : source.index(")")]
            if not flags.isalpha() or "f" in flags:
                return ()  # full case folding: "ß" matches "ss", which the checks below do not know
            ignore_case = ignore_case or "i" in flags
            source = source[source.index(")") + 1 :]
            if "x" in flags:
                source = _strip_verbose(source)
        found = _alternatives(source)
    except (_GiveUp, ValueError, IndexError):
        return ()
    if not found or any(not literal for literal in found):
        return ()
    if ignore_case:
        # Lines are folded for the search only when they are ASCII; the others are
        # always candidates. So a literal must be ASCII, or be one that no ASCII
        # text can match ("über" can't; "ſ" can, as "s").
        if not all(literal.isascii() or _only_in_non_ascii_text(literal) for literal in found):
            return ()
        found = {literal.casefold() if literal.isascii() else literal for literal in found}
    return tuple(sorted(found))


_ASCII = [chr(code) for code in range(128)]


@lru_cache(maxsize=None)
def _has_ascii_case_partner(char: str) -> bool:
    pattern = regex.compile(regex.escape(char), regex.IGNORECASE)
    return any(pattern.fullmatch(other) for other in _ASCII)


def _only_in_non_ascii_text(literal: str) -> bool:
    """Whether every case-insensitive match of ``literal`` holds a non-ASCII character."""
    return any(not char.isascii() and not _has_ascii_case_partner(char) for char in literal)


def _strip_verbose(source: str) -> str:
    """The pattern without verbose mode's insignificant whitespace and comments."""
    out: list[str] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif ch == "[":
            end = _skip_class(source, i)
            out.append(source[i:end])
            i = end
        elif ch == "#":
            newline = source.find("\n", i)
            i = len(source) if newline < 0 else newline + 1
        elif ch.isspace():
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _alternatives(source: str) -> set[str]:
    branches = _split_top_level(source, "|")
    result: set[str] = set()
    for branch in branches:
        best = _best_required(branch)
        if not best:
            raise _GiveUp
        result |= best
    return result


def _best_required(branch: str) -> set[str]:
    """The most selective set of literals this branch requires (one of them)."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append({"".join(run)})
            run.clear()

    i = 0
    while i < len(branch):
        ch = branch[i]
        if ch == "\\":
            if i + 1 >= len(branch):
                raise _GiveUp
            escaped = branch[i + 1]
            if escaped in _PROPERTY_ESCAPES and branch[i + 2 : i + 3] == "{":
                i = _skip_quantifier(branch, branch.index("}", i) + 1)
                close_run()
            elif escaped.isdigit() or escaped in "gk":
                raise _GiveUp  # backreferences
            elif escaped in _CLASS_ESCAPES or escaped.isalnum():
                i = _skip_quantifier(branch, i + 2)
                close_run()
            else:
                i += 2
                i = _after_atom(branch, i, escaped, run, close_run)
            continue
        if ch == "[":
            i = _skip_class(branch, i)
            close_run()
            i = _skip_quantifier(branch, i)
            continue
        if ch == "(":
            end = _matching_paren(branch, i)
            inner = branch[i + 1 : end]
            i = end + 1
            optional = _quantifier_is_optional(branch, i)
            i = _skip_quantifier(branch, i)
            close_run()
            if inner.startswith(("?=", "?!", "?<=", "?<!")) or optional:
                continue
            if inner.startswith("?"):
                if inner.startswith(("?:", "?P<", "?<")) and not inner.startswith(("?<=", "?<!")):
                    inner = inner[inner.index(">") + 1 :] if inner.startswith(("?P<", "?<")) else inner[2:]
                else:
                    raise _GiveUp  # inline flags, conditionals, atomic groups...
            try:
                candidates.append(_alternatives(inner))
            except _GiveUp:
                pass  # a group we cannot read only means one less candidate
            continue
        if ch in ".^$":
            i += 1
            close_run()
            i = _skip_quantifier(branch, i)
            continue
        if ch in "*+?{)":
            raise _GiveUp
        i = _after_atom(branch, i + 1, ch, run, close_run)
    close_run()
    if not candidates:
        return set()
    return max(candidates, key=lambda options: (min(len(o) for o in options), -len(options)))


def _after_atom(branch: str, i: int, char: str, run: list[str], close_run: object) -> int:
    """Add a literal character to the run, minding a quantifier after it."""
    if i < len(branch) and branch[i] in _QUANTIFIER_START and not _is_literal_brace(branch, i):
        optional = _quantifier_is_optional(branch, i)
        if not optional:
            run.append(char)
        close_run()  # type: ignore[operator]
        return _skip_quantifier(branch, i)
    run.append(char)
    return i


def _is_literal_brace(branch: str, i: int) -> bool:
    return branch[i] == "{" and regex.match(r"\{\d*(?:,\d*)?\}", branch[i:]) is None


def _quantifier_is_optional(branch: str, i: int) -> bool:
    if i >= len(branch):
        return False
    if branch[i] in "?*":
        return True
    if branch[i] == "{" and not _is_literal_brace(branch, i):
        low = branch[i + 1 : branch.index("}", i)].split(",")[0]
        return low in ("", "0")
    return False


def _skip_quantifier(branch: str, i: int) -> int:
    if i < len(branch) and branch[i] in "?*+":
        i += 1
    elif i < len(branch) and branch[i] == "{" and not _is_literal_brace(branch, i):
        i = branch.index("}", i) + 1
    if i < len(branch) and branch[i] in "?+":  # lazy or possessive
        i += 1
    return i


def _skip_class(branch: str, i: int) -> int:
    j = i + 1
    if j < len(branch) and branch[j] == "^":
        j += 1
    if j < len(branch) and branch[j] == "]":
        j += 1
    depth = 1
    while j < len(branch):
        if branch[j] == "\\":
            j += 2
            continue
        if branch[j] == "[":
            depth += 1
        elif branch[j] == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise _GiveUp


def _structural(source: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(position, character, group depth after it) of the characters that shape a
    pattern: escapes and character classes are stepped over whole."""
    depth = 0
    j = start
    while j < len(source):
        ch = source[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = _skip_class(source, j)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        yield j, ch, depth
        j += 1


def _matching_paren(branch: str, i: int) -> int:
    for j, ch, depth in _structural(branch, i):
        if ch == ")" and depth == 0:
            return j
    raise _GiveUp


def _split_top_level(source: str, separator: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for j, ch, depth in _structural(source):
        if ch == separator and depth == 0:
            parts.append(source[start:j])
            start = j + 1
    parts.append(source[start:])
    return parts


@lru_cache(maxsize=1024)
def _scanned_count(literals: tuple[str, ...], ignore_case: bool) -> int:
    """How many of ``literals`` ``LineIndex.candidates`` searches the whole text for."""
    return sum(len(literal) >= _SCAN_MIN_LENGTH and (literal.isascii() or not ignore_case) for literal in literals)


class LineIndex:
    """The lines of one document, searchable for literals all at once."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.joined = "\n".join(texts)
        self.starts: list[int] = []
        offset = 0
        for text in texts:
            self.starts.append(offset)
            offset += len(text) + 1
        self._folded: str | None = None
        self._folded_texts: list[str] | None = None
        self._not_ascii: list[int] | None = None

    def candidates(self, literals: tuple[str, ...], ignore_case: bool) -> list[int] | None:
        """Positions of lines that contain one of ``literals`` (None: every line)."""
        if not literals:
            return None
        if _scanned_count(literals, ignore_case) * len(self.joined) > LINE_SEARCH_COST * len(self.texts):
            return None  # finding them all would cost more than the regex on every line
        found: set[int] = set()
        haystack = self.folded if ignore_case else self.joined
        for literal in literals:
            if ignore_case and not literal.isascii():
                continue  # it can only be in a non-ASCII line, and those are all candidates
            if len(literal) < _SCAN_MIN_LENGTH:
                texts = self.folded_texts if ignore_case else self.texts
                found.update(p for p, text in enumerate(texts) if literal in text)
                continue
            position = haystack.find(literal)
            while position >= 0:
                line = bisect_right(self.starts, position) - 1
                found.add(line)
                # Continue after this line: one hit per line is enough.
                next_start = self.starts[line + 1] if line + 1 < len(self.starts) else len(haystack)
                position = haystack.find(literal, next_start)
        if ignore_case:
            found.update(self.not_ascii)  # case folding beyond ASCII: let the regex decide
        return sorted(found)

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = "\n".join(self.folded_texts)
        return self._folded

    @property
    def folded_texts(self) -> list[str]:
        if self._folded_texts is None:
            # Case-folded per line so offsets stay aligned with ``starts`` (only ASCII
            # lines are relied on; others are always candidates).
            self._folded_texts = [text.lower() if text.isascii() else text for text in self.texts]
        return self._folded_texts

    @property
    def not_ascii(self) -> list[int]:
        if self._not_ascii is None:
            self._not_ascii = [p for p, text in enumerate(self.texts) if not text.isascii()]
        return self._not_ascii
