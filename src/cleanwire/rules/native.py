"""The native core's line search, where it is built and not turned off.

``CLEANWIRE_NATIVE=0`` selects the pure-Python path, the reference the native
one is tested against; without the compiled module (a source checkout that was
never built) that path is taken too, with no error.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from cleanwire.rules.translate import Translation, translate

try:
    from cleanwire import _native
except ImportError:  # not built: the pure-Python path
    _native = None  # type: ignore[assignment]

ENVIRONMENT_VARIABLE = "CLEANWIRE_NATIVE"
# The most memory a pattern may take compiled, and its lazy DFA's cache: a
# pattern larger than this runs on the pure-Python path (the regex module,
# bounded by the match timeout) rather than failing a rule file the reference
# path accepts.
SIZE_LIMIT = 8 << 20
# A pattern with literals is translated and compiled for the native engine once
# they have given it this many candidate lines, all documents together (and then
# narrows them from the next document on). Translating and compiling one takes 1
# to 40 ms, the regex module's check of a line some microseconds: a run over a
# few small files compiles nothing, a run over many what is often a candidate.
COMPILE_AFTER_LINES = 500

Key = tuple[str, bool]  # a pattern's source and whether it ignores case


def enabled() -> bool:
    """Whether the native core is built and not turned off by ``CLEANWIRE_NATIVE=0``."""
    return _native is not None and os.environ.get(ENVIRONMENT_VARIABLE, "1").strip() not in ("0", "false", "no")


class LineFeatures:
    """The line classifier's per-line features, found by the native core for a
    whole document at once: each line's number of words and of stop words in each
    language of ``stopword_lists``, and whether it is link-like. What the core
    cannot work out exactly as ``cleanwire.pipeline.classify`` does (a line with a
    character outside the ranges tested for it, a line that may hold an address)
    it leaves to Python: None."""

    def __init__(self, stopword_lists: Sequence[Iterable[str]]) -> None:
        assert _native is not None
        self.width = 1 + len(stopword_lists)
        self.core = _native.LineFeatures([sorted(words) for words in stopword_lists])

    def of_lines(self, texts: Sequence[str]) -> Iterator[tuple[tuple[int, ...] | None, bool | None]]:
        """For each of ``texts`` (no line breaks or lone surrogates in them): its
        words and stop words in each language as one tuple, and whether it is
        link-like; either None where Python is to work it out."""
        assert _native is not None
        width, deferred = self.width, _native.DEFERRED
        unknown, link_like = _native.LINK_UNKNOWN, _native.LINK_LIKE
        # A batch of lines at a time: the core reads them joined, and a long
        # document's lines joined again would be another copy of it.
        for batch in _batches(texts):
            counts, flags = self.core.of_lines("\n".join(batch))
            numbers = memoryview(counts).cast("I")  # not a list: an int object per count
            for position, flag in enumerate(flags):
                if flag & deferred:
                    yield None, None
                else:
                    yield tuple(numbers[position * width : (position + 1) * width].tolist()), (
                        None if flag & unknown else bool(flag & link_like)
                    )


_BATCH_CHARS = 1 << 18


def _batches(texts: Sequence[str]) -> Iterator[Sequence[str]]:
    """``texts`` in order, in runs of about a quarter of a million characters."""
    begin = size = 0
    for end, text in enumerate(texts, 1):
        size += len(text) + 1
        if size >= _BATCH_CHARS:
            yield texts[begin:end]
            begin, size = end, 0
    if begin < len(texts):
        yield texts[begin:]


class NativeLines:
    """Patterns (by source and case mode) the native engine searches for.

    ``literals``: for some patterns, literals one of which each of their matches
    holds (case-folded where the pattern ignores case, none with a line break):
    those patterns are searched in one pass for all (``scan``), each on the lines
    holding one of its literals. A pattern is translated and compiled for the
    native engine only once it is worth it (see ``COMPILE_AFTER_LINES``); until
    then, and where it cannot be translated or is too large, its lines are those
    holding its literals, or, without literals, it keeps the pure-Python path."""

    def __init__(
        self,
        keys: Iterable[Key],
        literals: Mapping[Key, Sequence[str]] | None = None,
        compile_after_lines: int = COMPILE_AFTER_LINES,
    ) -> None:
        assert _native is not None
        literals = literals or {}
        self.keys = list(dict.fromkeys(keys))
        self.positions = {key: position for position, key in enumerate(self.keys)}
        try:
            self.filter = _native.LineFilter([(key[1], _listed(literals.get(key))) for key in self.keys], SIZE_LIMIT)
        except ValueError:  # too many literals for the automaton: each pattern searched on its own
            literals = {}
            self.filter = _native.LineFilter([(key[1], None) for key in self.keys], SIZE_LIMIT)
        self.prefiltered = frozenset(key for key in self.keys if literals.get(key))
        self.needs_folded = any(key[1] for key in self.prefiltered)
        self.compile_after_lines = compile_after_lines
        self._candidate_lines = [0] * len(self.keys)
        self._translations: dict[Key, Translation | None] = {}
        self._compiled: dict[Key, bool] = {}
        self._too_large: dict[Key, str] = {}

    def translation(self, key: Key) -> Translation | None:
        """The pattern in the native engine's syntax; None where it cannot be translated."""
        if key not in self._translations:
            self._translations[key] = translate(*key)
        return self._translations[key]

    def compiled(self, key: Key) -> bool:
        """Whether the pattern runs natively, compiling it now if it was not yet."""
        done = self._compiled.get(key)
        if done is None:
            if key not in self.positions:
                return False
            translation = self.translation(key)
            error = None if translation is None else self.filter.compile(self.positions[key], translation.pattern)
            if translation is not None and error is not None:
                self._too_large[key] = error
            done = self._compiled[key] = translation is not None and error is None
        return done

    def too_large(self) -> dict[Key, str]:
        """The patterns the native engine cannot compile, and why (compiling every pattern)."""
        for key in self.keys:
            self.compiled(key)
        return dict(self._too_large)

    def lines(self, key: Key, joined: str) -> list[int] | None:
        """The lines of ``joined`` (lines joined by newlines) the pattern of ``key``
        may match: exactly those it matches, or a superset; None: no native search.
        One pass over ``joined`` for this pattern alone."""
        if key not in self.positions or not self.compiled(key):
            return None
        return self.filter.lines(self.positions[key], joined)

    def scan(self, joined: str, folded: Callable[[], str]) -> NativeScan:
        """Every prefiltered pattern's lines of ``joined``, found in one pass;
        ``folded``: gives ``joined`` case-folded as the literals are."""
        for position, key in enumerate(self.keys):
            if self._candidate_lines[position] >= self.compile_after_lines and key not in self._compiled:
                self.compiled(key)
        found, ends = self.filter.scan(joined, folded() if self.needs_folded else None)
        narrowed = frozenset(key for key, done in self._compiled.items() if done)
        return NativeScan(self, joined, memoryview(found).cast("I"), memoryview(ends).cast("I"), narrowed)

    def counts(self) -> dict[str, int]:
        """How many patterns run natively exactly, natively as a superset the regex
        module confirms, and on the pure-Python path only (compiling every pattern)."""
        native = [self.translation(key) for key in self.keys if self.compiled(key)]
        exact = sum(translation is not None and translation.exact for translation in native)
        return {"exact": exact, "superset": len(native) - exact, "python": len(self.keys) - len(native)}

    def count_candidates(self, key: Key, lines: int) -> None:
        """Count ``lines`` more candidate lines of the pattern's literals, towards compiling it."""
        self._candidate_lines[self.positions[key]] += lines


def _listed(literals: Sequence[str] | None) -> list[str] | None:
    return list(literals) if literals else None


class NativeScan:
    """One document's lines, as ``NativeLines.scan`` found them for every pattern;
    ``narrowed``: the patterns that ran natively on their literals' lines."""

    def __init__(
        self, searcher: NativeLines, joined: str, found: memoryview, ends: memoryview, narrowed: frozenset[Key]
    ) -> None:
        self.searcher = searcher
        self.joined = joined
        self.found = found
        self.ends = ends
        self.narrowed = narrowed

    def lines(self, key: Key) -> list[int] | None:
        """The lines the pattern of ``key`` may match: a superset of those it
        matches; None where the native core does not search for it."""
        searcher = self.searcher
        if key not in searcher.prefiltered:
            return searcher.lines(key, self.joined)
        position = searcher.positions[key]
        lines = self.found[self.ends[position - 1] if position else 0 : self.ends[position]].tolist()
        if key not in self.narrowed:
            searcher.count_candidates(key, len(lines))
        return lines

    def searched_by_pattern(self, key: Key) -> bool:
        """Whether the lines of ``lines`` were narrowed by the pattern itself, not
        only by its literals (which also lie in a line without its wrappers)."""
        return key in self.narrowed if key in self.searcher.prefiltered else self.searcher.compiled(key)


# A lone surrogate (from a JSON Lines "\\ud800" escape) has no UTF-8 form, so a text
# holding one cannot be handed to the core; such a text keeps the pure-Python path.
_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> bool:
    """Whether ``text`` can be handed to the native core: it holds no lone surrogate."""
    return text.isascii() or _SURROGATE.search(text) is None


def wrapped_lines(joined: str, starts: Sequence[str], ends: Sequence[str]) -> list[int]:
    """The lines of ``joined`` that start with one of ``starts`` or end with one of ``ends``."""
    assert _native is not None
    return _native.lines_wrapped(joined, "".join(starts), "".join(ends))


def normalize_layout(text: str, mode: str) -> tuple[str, tuple[int, int, int, int, int, int, bool]]:
    """Normalization's layout of ``text`` (NFC must leave it as it is, and it holds
    no lone surrogate) in ``mode``: the text and its counts, as
    ``cleanwire.pipeline.normalize`` makes them (see ``_native.normalize_layout``)."""
    assert _native is not None
    return _native.normalize_layout(text, mode)


def repeated_lines(
    lines: Sequence[str], mode: str, min_words: int, within: tuple[str, array[int]] | None = None
) -> list[int] | None:
    """The positions of ``lines`` (non-blank, without line breaks) dedupe's
    ``mode`` search ("verbatim" or "nearby") finds; None where the core cannot
    take them (a lone surrogate). ``within``: a text whose lines at the positions
    given (ascending) are ``lines``, handed to the core instead of ``lines`` joined."""
    assert _native is not None
    if not lines:
        return []
    try:
        if within is None:
            return _native.repeated_lines("\n".join(lines), mode, min_words)
        text, positions = within
        return _native.repeated_lines(text, mode, min_words, positions.tobytes())
    except UnicodeEncodeError:
        return None
