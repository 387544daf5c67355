"""Literal prefilters: find the few lines a pattern could match before running it.

For each pattern we extract a set of literals such that every match of the pattern
contains at least one of them (``required_literals``). Lines without any of them
cannot match, so the regex engine only meets candidate lines. A rule set keeps
the literals of its patterns in a ``LiteralIndex``, whose Aho-Corasick automaton
finds every one of them in one pass over a document's text (``LineIndex``), so
the cost of the prefilter does not grow with the number of rules.

The extraction is deliberately conservative: anything it does not understand
(verbose mode, backreferences, ...) yields no literals, and the pattern then runs
on every line, exactly as without a prefilter.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import ahocorasick
import regex

from cleanwire.rules import native

_QUANTIFIER_START = "?*+{"
_CLASS_ESCAPES = frozenset("dDwWsSbBAZzGhHvVXRKN")
_PROPERTY_ESCAPES = frozenset("pPN")
# Below this many characters a literal is searched for on its own, one hit per
# line; longer ones are found by the automaton, which reports every occurrence, so
# short and frequent literals would flood it.
_SCAN_MIN_LENGTH = 3
# Characters that give a pattern structure; any other stands for itself.
_META = frozenset(".^$*+?{}[]()|")
# The most literals a run of literal text and literal groups multiplies into.
_MAX_JOINED_LITERALS = 64
# Classes of up to this many plain characters ("[cC]") count as literal text.
_MAX_CLASS_MEMBERS = 4


# Marks, among a pattern's literals, a property escape that matches no ASCII
# character ("\x00\\p{Cyrillic}"): a pattern that needs one can only match a line
# holding a character it matches.
PROPERTY = "\x00"


class _GiveUp(Exception):
    pass


# As a plain int: "flags & regex.IGNORECASE" goes through the enum's Python code,
# and this is asked once per rule per document.
_IGNORECASE = int(regex.IGNORECASE)


def ignores_case(pattern: regex.Pattern[str]) -> bool:
    """Whether ``pattern`` was compiled to ignore case: the case mode its literals are in."""
    return bool(pattern.flags & _IGNORECASE)


def required_literals(source: str, ignore_case: bool) -> tuple[str, ...]:
    """Literals one of which every match of ``source`` contains; () when unknown."""
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
    except (_GiveUp, ValueError, IndexError, RecursionError):
        return ()
    if not found or any(not literal for literal in found):
        return ()
    if ignore_case:
        found = {literal if literal.startswith(PROPERTY) else fold_case(literal) for literal in found}
    return tuple(sorted(found))


_ASCII = tuple(chr(code) for code in range(128))

# The regex module's ignore-case matching pairs "ı" and "İ" with "I" and "i", which
# str.casefold does not; with them mapped first, every text a case-insensitive
# literal matches holds the literal's folded form once folded itself.
_DOTTED_AND_DOTLESS_I = MappingProxyType(str.maketrans({"\u0130": "i", "\u0131": "i"}))


def fold_case(text: str) -> str:
    """``text`` case-folded for the prefilter's case-insensitive search."""
    if text.isascii():
        return text.lower()
    if "\u0130" in text or "\u0131" in text:
        text = text.translate(_DOTTED_AND_DOTLESS_I)
    return text.casefold()


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
    # Exact strings the text before ``run`` is one of: a literal group such as
    # "(?:com|net)" right after or before literal text multiplies into longer,
    # rarer literals (".com", ".net") than either part alone.
    prefix: set[str] = {""}

    def close_run() -> None:
        text = "".join(run)
        if text or prefix != {""}:
            candidates.append({start + text for start in prefix})
        run.clear()
        prefix.clear()
        prefix.add("")

    def joined_with(options: set[str] | None) -> bool:
        """Append one of ``options`` to the text so far, when they are known and few."""
        if options is None or len(prefix) * len(options) > _MAX_JOINED_LITERALS:
            return False
        text = "".join(run)
        joined = {start + text + option for start in prefix for option in options}
        run.clear()
        prefix.clear()
        prefix.update(joined)
        return True

    i = 0
    while i < len(branch):
        ch = branch[i]
        if ch == "\\":
            if i + 1 >= len(branch):
                raise _GiveUp
            escaped = branch[i + 1]
            if escaped in _PROPERTY_ESCAPES and branch[i + 2 : i + 3] == "{":
                end = branch.index("}", i) + 1
                if not _quantifier_is_optional(branch, end) and _never_ascii(branch[i:end]):
                    candidates.append({PROPERTY + branch[i:end]})
                i = _skip_quantifier(branch, end)
                close_run()
            elif escaped.isdigit() or escaped in "gk":
                raise _GiveUp  # backreferences
            elif escaped in _CLASS_ESCAPES or escaped.isalnum():
                i = _skip_quantifier(branch, _escape_end(branch, i))
                close_run()
            else:
                i += 2
                i = _after_atom(branch, i, escaped, run, close_run)
            continue
        if ch == "[":
            options, end = _exact_atom(branch, i)
            if _skip_quantifier(branch, end) == end and joined_with(options):
                i = end
                continue
            i = _skip_class(branch, i)
            close_run()
            i = _skip_quantifier(branch, i)
            continue
        if ch == "(":
            end = _matching_paren(branch, i)
            inner = branch[i + 1 : end]
            i = end + 1
            optional = _quantifier_is_optional(branch, i)
            quantified = _skip_quantifier(branch, i) != i
            i = _skip_quantifier(branch, i)
            if not quantified and joined_with(_exact_alternatives(inner)):
                continue
            close_run()
            if inner.startswith(("?!", "?<!")) or optional:
                continue
            if inner.startswith(("?=", "?<=")):
                inner = inner[inner.index("=") + 1 :]  # what a lookaround requires is in the line too
            body = _group_body(inner)
            if body is None:
                raise _GiveUp  # inline flags, conditionals, atomic groups...
            try:
                candidates.append(_alternatives(body))
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
    return max(candidates, key=lambda options: (min(map(_selectivity, options)), -len(options)))


def _group_body(inner: str) -> str | None:
    """The pattern a capturing, non-capturing or named group (its inside, ``inner``)
    matches; None for a lookaround, inline flags, a conditional, an atomic group..."""
    if not inner.startswith("?"):
        return inner
    if inner.startswith(("?<=", "?<!")):
        return None
    if inner.startswith(("?P<", "?<")):
        return inner[inner.index(">") + 1 :]
    return inner[2:] if inner.startswith("?:") else None


def _exact_alternatives(inner: str) -> set[str] | None:
    """Every text a group (its inside, ``inner``) can match, when they are few and
    the group holds nothing but literal text, literal groups, optional atoms and
    small classes of literal characters ("?:com|net" gives {"com", "net"},
    "[cC]\\)?" gives {"c", "C", "c)", "C)"}); None for anything else."""
    body = _group_body(inner)
    if body is None:
        return None  # a lookaround, inline flags, ...: not text of its own
    found: set[str] = set()
    for branch in _split_top_level(body, "|"):
        texts = _exact_sequence(branch)
        if texts is None:
            return None
        found |= texts
        if len(found) > _MAX_JOINED_LITERALS:
            return None
    return found if "" not in found else None


def _exact_sequence(branch: str) -> set[str] | None:
    """Every text a branch without alternation at its top can match, or None."""
    texts = {""}
    i = 0
    while i < len(branch):
        options, i = _exact_atom(branch, i)
        if options is None:
            return None
        if i < len(branch) and branch[i] == "?" and branch[i + 1 : i + 2] not in ("?", "+"):
            options = options | {""}
            i += 1
        elif i < len(branch) and branch[i] in _QUANTIFIER_START and not _is_literal_brace(branch, i):
            return None
        texts = {text + option for text in texts for option in options}
        if len(texts) > _MAX_JOINED_LITERALS:
            return None
    return texts


def _exact_atom(branch: str, i: int) -> tuple[set[str] | None, int]:
    """The texts the atom at ``i`` matches (None: not a literal one), and where it ends."""
    ch = branch[i]
    if ch == "\\":
        escaped = branch[i + 1 : i + 2]
        if not escaped or escaped.isalnum():
            return None, i  # a class such as \\d, a backreference, \\n...
        return {escaped}, i + 2
    if ch == "[":
        end = _skip_class(branch, i)
        members = branch[i + 1 : end - 1]
        if not members or len(members) > _MAX_CLASS_MEMBERS or any(c in "^-\\[]" for c in members):
            return None, i
        return set(members), end
    if ch == "(":
        end = _matching_paren(branch, i)
        return _exact_alternatives(branch[i + 1 : end]), end + 1
    if ch in _META:
        return None, i
    return {ch}, i + 1


def _selectivity(literal: str) -> int:
    # A script is as telling as a character: rare in some texts, in every line of others.
    return 1 if literal.startswith(PROPERTY) else len(literal)


def _never_ascii(escape: str) -> bool:
    """Whether the property escape (``\\p{Cyrillic}``) matches no ASCII character,
    in either case."""
    try:
        pattern = regex.compile(escape, regex.IGNORECASE)
    except regex.error:
        return False
    return not any(pattern.fullmatch(char) for char in _ASCII)


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


# What an escape that is not one character stands for takes: \xNN, \uNNNN, \UNNNNNNNN,
# and \p, \P or \N with a name in braces or (\p, \P) one letter.
_ESCAPE_ARGUMENT = regex.compile(r"x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[pPN]\{[^}]*\}|[pP]\w")
_QUANTIFIER_BRACE = regex.compile(r"\{\d*(?:,\d*)?\}")


def _escape_end(branch: str, i: int) -> int:
    """Where the escape at ``i`` (a backslash) ends."""
    argument = _ESCAPE_ARGUMENT.match(branch, i + 1)
    return argument.end() if argument else i + 2


def _is_literal_brace(branch: str, i: int) -> bool:
    """Whether ``branch[i]``, not a quantifier's brace, is a literal one: never
    known, since it may be a fuzzy constraint (``{e<=1}``) or a literal ``{``."""
    if branch[i] != "{" or _QUANTIFIER_BRACE.match(branch, i) is not None:
        return False
    raise _GiveUp


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
    while j < len(branch):
        if branch[j] == "\\":
            j += 2
            continue
        if branch[j] == "[":
            # A nested set (V1), a POSIX class or, in V0, a literal "[": where the
            # class ends depends on which, so give up.
            raise _GiveUp
        if branch[j] == "]":
            return j + 1
        j += 1
    raise _GiveUp


_STRUCTURAL = re.compile(r"[\\\[()|]")


def _structural(source: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(position, character, group depth after it) of the parentheses and bars
    that shape a pattern: escapes and character classes are stepped over whole."""
    depth = 0
    j = start
    while (found := _STRUCTURAL.search(source, j)) is not None:
        j = found.start()
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


@dataclass(frozen=True)
class _Automaton:
    """Every scanned literal of a ``LiteralIndex``, of both case modes, findable in one pass
    over the case-folded text: each folded literal stands for the literals, with
    their case mode, that fold to it."""

    literals: dict[bool, frozenset[str]]  # by case mode: ignore case or not
    automaton: ahocorasick.Automaton | None  # None: no literals

    @cached_property
    def longest(self) -> int:
        """The length of the longest literal looked for, case-folded."""
        return max(map(len, self.automaton.keys()), default=1) if self.automaton is not None else 1

    @cached_property
    def none_found(self) -> dict[bool, dict[str, Collection[int]]]:
        """By case mode, every literal with no line: copied per document, which is
        quicker than building it again."""
        return {mode: dict.fromkeys(of_mode, ()) for mode, of_mode in self.literals.items()}

    def lines_holding(
        self, texts: Sequence[str], folded: str, starts: Sequence[int]
    ) -> dict[bool, dict[str, set[int]]]:
        """For each case mode, each literal found and the lines holding it;
        ``folded`` is ``texts`` case-folded and joined, its lines at ``starts``."""
        hits: dict[bool, dict[str, set[int]]] = {False: {}, True: {}}
        if self.automaton is None:
            return hits
        for offset, piece in _pieces(folded, self.longest - 1):
            for last, entries in self.automaton.iter(piece):
                line = bisect_right(starts, offset + last) - 1
                for literal, ignore_case in entries:
                    if not ignore_case and literal not in texts[line]:
                        continue  # the line holds it in another case only
                    found = hits[ignore_case]
                    lines = found.get(literal)
                    if lines is None:
                        found[literal] = {line}
                    else:
                        lines.add(line)
        return hits


_PIECE_CHARS = 1 << 20


def _pieces(text: str, overlap: int) -> Iterator[tuple[int, str]]:
    """``text`` in pieces of about a million characters, with where each starts,
    each overlapping the next by ``overlap`` characters: the automaton copies what
    it searches, four bytes a character, and a literal no longer than ``overlap``
    + 1 lies whole in some piece (one in an overlap is found twice, harmlessly)."""
    size = max(_PIECE_CHARS, 2 * overlap)
    if len(text) <= size:
        yield 0, text
        return
    start = 0
    while True:
        end = start + size
        yield start, text[start:end]
        if end >= len(text):
            return
        start = end - overlap


def _scanned(literal: str) -> bool:
    """Whether the automaton looks for ``literal``; the others are searched for one by one."""
    return len(literal) >= _SCAN_MIN_LENGTH and "\n" not in literal and not literal.startswith(PROPERTY)


def _build_automaton(known: Mapping[tuple[str, bool], tuple[str, ...]]) -> _Automaton:
    """The automaton for every scanned literal of ``known`` (literals by pattern and case mode)."""
    literals = {
        mode: frozenset(
            literal for (_, case), found in known.items() if case == mode for literal in found if _scanned(literal)
        )
        for mode in (False, True)
    }
    entries: dict[str, list[tuple[str, bool]]] = {}
    for mode, of_mode in literals.items():
        for literal in of_mode:
            entries.setdefault(fold_case(literal), []).append((literal, mode))
    automaton = None
    if entries:
        automaton = ahocorasick.Automaton()
        for folded, standing_for in entries.items():
            automaton.add_word(folded, tuple(standing_for))
        automaton.make_automaton()
    return _Automaton(literals, automaton)


def natively_findable(known: Mapping[tuple[str, bool], tuple[str, ...]]) -> dict[tuple[str, bool], tuple[str, ...]]:
    """Of ``known`` (literals by pattern and case mode), the patterns whose every
    literal the native core's automaton can look for (a property escape is not
    text, and it looks within a line), and those literals."""
    return {
        key: found
        for key, found in known.items()
        if found and not any(literal.startswith(PROPERTY) or "\n" in literal for literal in found)
    }


class LiteralIndex:
    """The prefilter's literals of a set of patterns (a rule set's), by pattern and
    case mode, and the automaton that finds them all in one pass over a text.

    A pattern it was not made with has no literals here, and so runs on every line.
    Pickled without its automaton, which is built again when first needed.
    """

    def __init__(self, known: Mapping[tuple[str, bool], tuple[str, ...]] | None = None) -> None:
        self._known = dict(known or {})
        self._automaton: _Automaton | None = None
        self._native: native.NativeLines | None | bool = False  # False: not looked at yet

    @classmethod
    def of(
        cls, patterns: Iterable[regex.Pattern[str]], worked_out: Mapping[tuple[str, bool], tuple[str, ...]] | None = None
    ) -> LiteralIndex:
        """The index of ``patterns``, taking what ``worked_out`` already holds for some."""
        earlier = worked_out or {}
        known: dict[tuple[str, bool], tuple[str, ...]] = {}
        for pattern in patterns:
            key = (pattern.pattern, ignores_case(pattern))
            if key not in known:
                known[key] = earlier[key] if key in earlier else required_literals(*key)
        return cls(known)

    def known(self) -> Mapping[tuple[str, bool], tuple[str, ...]]:
        """Every indexed pattern's literals, by pattern and case mode."""
        return MappingProxyType(self._known)

    def required(self, source: str, ignore_case: bool) -> tuple[str, ...]:
        """What ``required_literals`` gave for the pattern; () for one not indexed."""
        return self._known.get((source, ignore_case), ())

    def automaton(self) -> _Automaton:
        if self._automaton is None:
            self._automaton = _build_automaton(self._known)
        return self._automaton

    def native(self) -> native.NativeLines | None:
        """These patterns, searched for by the native core; None on the pure-Python path."""
        if self._native is False:
            # A property escape among the literals is searched for natively too, as a pattern.
            escapes = {
                (literal[len(PROPERTY) :], case)
                for (_, case), found in self._known.items()
                for literal in found
                if literal.startswith(PROPERTY)
            }
            keys = [*self._known, *sorted(escapes)]
            self._native = native.NativeLines(keys, natively_findable(self._known)) if native.enabled() else None
        return self._native if isinstance(self._native, native.NativeLines) else None

    def lines(self, texts: Sequence[str], joined: str | None = None) -> LineIndex:
        """The lines of one document, searchable for these literals; ``joined``:
        ``texts`` joined by newlines, where the caller has it at hand."""
        return LineIndex(texts, self, joined)

    def __getstate__(self) -> dict[tuple[str, bool], tuple[str, ...]]:
        return self._known

    def __setstate__(self, known: dict[tuple[str, bool], tuple[str, ...]]) -> None:
        self._known = known
        self._automaton = None
        self._native = False


def _lines_holding(literal: str, haystack: str, starts: Sequence[int]) -> list[int]:
    return _first_hit_per_line(lambda start: haystack.find(literal, start), len(haystack), starts)


def _lines_with(pattern: regex.Pattern[str], haystack: str, starts: Sequence[int]) -> list[int]:
    def find(start: int) -> int:
        found = pattern.search(haystack, start)
        return -1 if found is None else found.start()

    return _first_hit_per_line(find, len(haystack), starts)


def _first_hit_per_line(find: Callable[[int], int], end: int, starts: Sequence[int]) -> list[int]:
    """The lines ``find`` (the position of the next hit from a position, or -1) hits."""
    lines: list[int] = []
    position = find(0)
    while position >= 0:
        line = bisect_right(starts, position) - 1
        lines.append(line)
        # Continue after this line: one hit per line is enough.
        next_start = starts[line + 1] if line + 1 < len(starts) else end
        position = find(next_start)
    return lines


@dataclass
class _Found:
    """Each literal looked for in one case mode, and the lines holding it."""

    lines: dict[str, Collection[int]]  # every literal looked for; () where in no line
    present: set[str]  # the literals some line holds: few of all a pattern has


class LineIndex:
    """The lines of one document, searchable for the literals of ``literals`` all at once."""

    def __init__(self, texts: Sequence[str], literals: LiteralIndex, joined: str | None = None) -> None:
        self.texts = texts
        self.literals = literals
        self.joined = "\n".join(texts) if joined is None else joined
        self._folded: tuple[str, Sequence[int]] | None = None
        self._found: dict[bool, _Found] | None = None
        self._native_scan: native.NativeScan | None = None
        self._native_allowed: bool | None = None  # None: not looked at yet

    @cached_property
    def starts(self) -> array[int]:
        """Where each line starts in ``joined``."""
        return _starts(self.texts)

    def candidates_for(self, pattern: regex.Pattern[str]) -> list[int] | None:
        """Positions of the lines ``pattern`` could match (None: every line)."""
        ignore_case = ignores_case(pattern)
        literals = self.literals.required(pattern.pattern, ignore_case)
        found = self.native_candidates(pattern.pattern, ignore_case)
        if found is None:
            return self.candidates(literals, ignore_case)
        if literals and not self._prefiltered_natively((pattern.pattern, ignore_case)):
            # What the native search had to widen (a lookahead "(?=.*\p{Cyrillic})")
            # its literals may still require, found without the automaton's pass.
            held = self._lines_holding_any(literals, ignore_case)
            if held is not None:
                return sorted(held.intersection(found))
        return found

    def _lines_holding_any(self, literals: tuple[str, ...], ignore_case: bool) -> set[int] | None:
        """The lines holding one of ``literals``, none of which the automaton looks for."""
        held: set[int] = set()
        for literal in literals:
            lines = self._lines_not_scanned_for(literal, ignore_case)
            if lines is None:
                return None
            held.update(lines)
        return held

    def native_candidates(self, source: str, ignore_case: bool) -> list[int] | None:
        """The lines the native core finds the pattern in (a superset of those it
        matches); None where the pattern is not searched natively. The first call
        searches for every pattern at once."""
        if self._native_scan is None:
            searcher = self._native_searcher()
            if searcher is None:
                return None
            self._native_scan = searcher.scan(self.joined, self._folded_text)
        return self._native_scan.lines((source, ignore_case))

    def _native_searcher(self) -> native.NativeLines | None:
        """The native core's search, where it is used and can take this text."""
        return self.literals.native() if self.native_allowed() else None

    def native_allowed(self) -> bool:
        """Whether these rules run on the native core and it can take this text."""
        if self._native_allowed is None:
            self._native_allowed = self.literals.native() is not None and native.encodable(self.joined)
        return self._native_allowed

    def _folded_text(self) -> str:
        """The text case-folded: its lines are those of ``joined``, though where a
        character folded to more than one they no longer start where they did."""
        return fold_case(self.joined) if self._folded is None else self._folded[0]

    def _prefiltered_natively(self, key: tuple[str, bool]) -> bool:
        searcher = self.literals.native()
        return searcher is not None and key in searcher.prefiltered

    def searched_natively(self, pattern: regex.Pattern[str]) -> bool:
        """Whether ``candidates_for`` found ``pattern``'s lines by the pattern itself,
        not by its literals (which also lie in the line without its wrappers)."""
        scan = self._native_scan
        return scan is not None and scan.searched_by_pattern((pattern.pattern, ignores_case(pattern)))

    def candidates(self, literals: tuple[str, ...], ignore_case: bool) -> list[int] | None:
        """Positions of lines that contain one of ``literals`` (None: every line).

        ``literals`` are what the ``LiteralIndex`` holds for a pattern; others were
        never looked for, so asking for them gives None."""
        if not literals:
            return None
        found = self._scan()[ignore_case]
        if not all(map(found.lines.__contains__, literals)) and not self._look_for(literals, ignore_case, found):
            return None
        holding = found.present.intersection(literals)
        if len(holding) <= 1:
            return sorted(found.lines[holding.pop()]) if holding else []
        return sorted(set().union(*map(found.lines.__getitem__, holding)))

    def _look_for(self, literals: tuple[str, ...], ignore_case: bool, found: _Found) -> bool:
        """Find the lines of ``literals`` the automaton does not look for; False when
        one of them cannot be looked for (the pattern then runs on every line)."""
        for literal in literals:
            if literal not in found.lines:
                lines = self._lines_not_scanned_for(literal, ignore_case)
                if lines is None:
                    return False
                found.lines[literal] = lines
                if lines:
                    found.present.add(literal)
        return True

    def _lines_not_scanned_for(self, literal: str, ignore_case: bool) -> Collection[int] | None:
        if literal.startswith(PROPERTY):
            escape = literal[len(PROPERTY) :]
            searcher = self._native_searcher()
            found = None if searcher is None else searcher.lines((escape, ignore_case), self.joined)
            if found is not None:
                return found
            flags = regex.IGNORECASE if ignore_case else 0
            return _lines_with(regex.compile(escape, flags), self.joined, self.starts)
        if _scanned(literal):
            return None  # not among the index's literals: no prefilter
        haystack, starts = self.folded() if ignore_case else (self.joined, self.starts)
        return _lines_holding(literal, haystack, starts)

    def _scan(self) -> dict[bool, _Found]:
        """Every known literal's lines, by case mode, found in one pass."""
        if self._found is None:
            automaton = self.literals.automaton()
            folded, starts = self.folded()
            holding = automaton.lines_holding(self.texts, folded, starts)
            self._found = {}
            for mode, none_found in automaton.none_found.items():
                # A literal the automaton looked for and did not find is in no line.
                lines = none_found.copy()
                lines.update(holding[mode])
                self._found[mode] = _Found(lines, set(holding[mode]))
        return self._found

    def folded(self) -> tuple[str, Sequence[int]]:
        """The text case-folded, and where each line starts in it."""
        if self._folded is None:
            folded = fold_case(self.joined)
            if len(folded) == len(self.joined):
                self._folded = folded, self.starts  # no character folded to more than one: lines start where they did
            else:
                lines = [fold_case(text) for text in self.texts]  # "ß" became "ss" somewhere
                self._folded = "\n".join(lines), _starts(lines)
        return self._folded


def _starts(texts: Sequence[str]) -> array[int]:
    """Where each of ``texts`` starts in their join with newlines (an array: a
    document may have millions of lines)."""
    starts = array("I")  # four bytes an entry, until a text is longer than that counts
    offset = 0
    for text in texts:
        if offset >= 2**32 and starts.typecode == "I":
            starts = array("q", starts)
        starts.append(offset)
        offset += len(text) + 1
    return starts
