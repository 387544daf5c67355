"""`cleanwire rules lint`: problems a rule file can load with but should not ship with."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from cleanwire.rules.kinds import patterns_of
from cleanwire.rules.model import DedupeMatch, RuleFile
from cleanwire.rules.ruleset import RuleSet

PROBE_TIMEOUT = 0.25

# Inputs that make badly nested quantifiers backtrack without end.
_PROBES = (
    "a" * 4000 + "!",
    "a " * 2000 + "!",
    " " * 4000 + "x",
    "A" * 2000 + "1" * 2000 + "!",
    "-" * 4000,
    ", ".join(["word"] * 800) + ".",
    "Á" * 4000 + "\u0000",
)


def lint(rules: RuleSet) -> list[str]:
    return [finding for rule_file in rules.files for finding in _lint_file(rule_file)]


def _lint_file(rule_file: RuleFile) -> Iterator[str]:
    generic = rule_file.outlet is None
    for rule in rule_file.rules:
        where = f"{rule.source}: rule {rule.id}"
        if not rule.cases:
            yield f"{where}: has no tests"
        elif generic and all(case.expect is not None for case in rule.cases):
            yield f"{where}: a generic rule needs a test it must leave alone (a case without 'expect')"
        if generic and rule.max_chars is None and not isinstance(rule.match, DedupeMatch):
            yield f"{where}: a generic rule needs 'max_chars', so it can never take a long paragraph"
        yield from _slow_patterns(where, patterns_of(rule))
    for entry in rule_file.protect:
        yield from _slow_patterns(f"{entry.source}: protect entry {entry.id}", [entry.pattern])
    if rule_file.outlet is not None:
        yield from _slow_patterns(f"{rule_file.path}: outlet {rule_file.id} signature", rule_file.outlet.signatures)


def _slow_patterns(where: str, patterns: Iterable[regex.Pattern[str]]) -> Iterator[str]:
    """A finding for each of ``patterns`` that backtracks without end on a probe."""
    for pattern in patterns:
        slow = _backtracks(pattern)
        if slow is not None:
            yield f"{where}: pattern /{pattern.pattern}/ takes over {PROBE_TIMEOUT}s on a {len(slow)}-character probe"


def _backtracks(pattern: regex.Pattern[str]) -> str | None:
    for probe in _PROBES:
        try:
            pattern.search(probe, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            return probe
    return None
