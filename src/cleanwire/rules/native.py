"""The native core's line search, where it is built and not turned off.

``CLEANWIRE_NATIVE=0`` selects the pure-Python path, the reference the native
one is tested against; without the compiled module (a source checkout that was
never built) that path is taken too, with no error.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def enabled() -> bool:
    """Whether the native core is built and not turned off by ``CLEANWIRE_NATIVE=0``."""
    return _native is not None and os.environ.get(ENVIRONMENT_VARIABLE, "1").strip() not in ("0", "false", "no")


@dataclass(frozen=True)
class Slot:
    """Where a pattern is in the native filter, and whether it is translated exactly."""

    index: int
    exact: bool


class NativeLines:
    """Patterns (by source and case mode) compiled for the native engine, each
    finding its lines in one pass over a document. A pattern it has no slot for
    (not translatable, or too large) keeps the pure-Python path."""

    def __init__(self, keys: Iterable[tuple[str, bool]]) -> None:
        assert _native is not None
        translated: list[tuple[tuple[str, bool], Translation]] = []
        self.untranslated: list[tuple[str, bool]] = []
        for key in keys:
            found = translate(*key)
            if found is None:
                self.untranslated.append(key)
            else:
                translated.append((key, found))
        self.filter = _native.LineFilter([(t.pattern, key[1]) for key, t in translated], SIZE_LIMIT)
        self.slots: dict[tuple[str, bool], Slot] = {}
        self.too_large: dict[tuple[str, bool], str] = {}
        for index, ((key, translation), error) in enumerate(zip(translated, self.filter.errors())):
            if error is None:
                self.slots[key] = Slot(index, translation.exact)
            else:
                self.too_large[key] = error

    def lines(self, key: tuple[str, bool], joined: str) -> list[int] | None:
        """The lines of ``joined`` (lines joined by newlines) the pattern of ``key``
        may match: exactly those it matches, or a superset; None: no native search."""
        slot = self.slots.get(key)
        return None if slot is None else self.filter.lines(slot.index, joined)

    def counts(self) -> dict[str, int]:
        """How many patterns run natively exactly, natively as a superset the regex
        module confirms, and on the pure-Python path only."""
        exact = sum(slot.exact for slot in self.slots.values())
        return {
            "exact": exact,
            "superset": len(self.slots) - exact,
            "python": len(self.untranslated) + len(self.too_large),
        }


def wrapped_lines(joined: str, starts: Sequence[str], ends: Sequence[str]) -> list[int]:
    """The lines of ``joined`` that start with one of ``starts`` or end with one of ``ends``."""
    assert _native is not None
    return _native.lines_wrapped(joined, "".join(starts), "".join(ends))
