"""The native core's line search, where it is built and not turned off.

``CLEANWIRE_NATIVE=0`` selects the pure-Python path, the reference the native
one is tested against; without the compiled module (a source checkout that was
never built) that path is taken too, with no error.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

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

Key = tuple[str, bool]  # a pattern's source and whether it ignores case


def enabled() -> bool:
    """Whether the native core is built and not turned off by ``CLEANWIRE_NATIVE=0``."""
    return _native is not None and os.environ.get(ENVIRONMENT_VARIABLE, "1").strip() not in ("0", "false", "no")


@dataclass(frozen=True)
class Slot:
    """Where a pattern is in the native filter, whether it is translated exactly,
    and whether its literals narrow its lines before it runs (``NativeLines.scan``)."""

    index: int
    exact: bool
    prefiltered: bool


class NativeLines:
    """Patterns (by source and case mode) translated for the native engine, each
    compiled when a document first needs it. A pattern it has no slot for (not
    translatable) keeps the pure-Python path, and so does one too large to compile.

    ``literals``: for some patterns, literals one of which each of their matches
    holds (case-folded where the pattern ignores case, none with a line break):
    those patterns are searched in one pass for all (``scan``), on the lines
    holding one of their literals only."""

    def __init__(self, keys: Iterable[Key], literals: Mapping[Key, Sequence[str]] | None = None) -> None:
        assert _native is not None
        literals = literals or {}
        translated: list[tuple[Key, Translation]] = []
        self.untranslated: list[Key] = []
        for key in keys:
            found = translate(*key)
            if found is None:
                self.untranslated.append(key)
            else:
                translated.append((key, found))
        try:
            self.filter = _native.LineFilter(
                [(t.pattern, key[1], list(literals[key]) if literals.get(key) else None) for key, t in translated],
                SIZE_LIMIT,
            )
        except ValueError:  # too many literals for the automaton: each pattern searched on its own
            literals = {}
            self.filter = _native.LineFilter([(t.pattern, key[1], None) for key, t in translated], SIZE_LIMIT)
        self.slots: dict[Key, Slot] = {
            key: Slot(index, translation.exact, bool(literals.get(key)))
            for index, (key, translation) in enumerate(translated)
        }
        self.needs_folded = any(slot.prefiltered and key[1] for key, slot in self.slots.items())

    @cached_property
    def too_large(self) -> dict[Key, str]:
        """The translated patterns the native engine cannot compile, and why (compiling every pattern)."""
        errors = self.filter.errors()
        return {key: error for key, slot in self.slots.items() if (error := errors[slot.index]) is not None}

    def lines(self, key: Key, joined: str) -> list[int] | None:
        """The lines of ``joined`` (lines joined by newlines) the pattern of ``key``
        may match: exactly those it matches, or a superset; None: no native search.
        One pass over ``joined`` for this pattern alone."""
        slot = self.slots.get(key)
        return None if slot is None else self.filter.lines(slot.index, joined)

    def scan(self, joined: str, folded: Callable[[], str]) -> NativeScan:
        """Every prefiltered pattern's lines of ``joined``, found in one pass;
        ``folded``: gives ``joined`` case-folded as the literals are."""
        found, ends = self.filter.scan(joined, folded() if self.needs_folded else None)
        return NativeScan(self, joined, memoryview(found).cast("I"), memoryview(ends).cast("I"))

    def counts(self) -> dict[str, int]:
        """How many patterns run natively exactly, natively as a superset the regex
        module confirms, and on the pure-Python path only."""
        native = [slot for key, slot in self.slots.items() if key not in self.too_large]
        exact = sum(slot.exact for slot in native)
        return {
            "exact": exact,
            "superset": len(native) - exact,
            "python": len(self.untranslated) + len(self.too_large),
        }


class NativeScan:
    """One document's lines, as ``NativeLines.scan`` found them for every pattern."""

    def __init__(self, searcher: NativeLines, joined: str, found: memoryview, ends: memoryview) -> None:
        self.searcher = searcher
        self.joined = joined
        self.found = found
        self.ends = ends

    def lines(self, key: Key) -> list[int] | None:
        """The lines the pattern of ``key`` may match, as ``NativeLines.lines``
        gives them; a pattern without literals is searched for now, on its own."""
        slot = self.searcher.slots.get(key)
        if slot is None:
            return None
        if not slot.prefiltered:
            return self.searcher.filter.lines(slot.index, self.joined)
        start = self.ends[slot.index - 1] if slot.index else 0
        return self.found[start : self.ends[slot.index]].tolist()


def wrapped_lines(joined: str, starts: Sequence[str], ends: Sequence[str]) -> list[int]:
    """The lines of ``joined`` that start with one of ``starts`` or end with one of ``ends``."""
    assert _native is not None
    return _native.lines_wrapped(joined, "".join(starts), "".join(ends))
