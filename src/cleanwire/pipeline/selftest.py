"""Run the tests embedded in rule files: each rule's own cases, and each file's cases."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.pipeline.engine import decide
from cleanwire.rules.model import ContextMatch, Rule, RuleCase, RuleFile
from cleanwire.pipeline.normalize import normalize_text
from cleanwire.pipeline.render import render
from cleanwire.rules.ruleset import RuleSet
from cleanwire.pipeline.segment import split_lines


@dataclass(frozen=True)
class CaseResult:
    rule_file: RuleFile
    rule: Rule | None
    case: RuleCase
    expected: str
    actual: str
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and self.expected == self.actual

    @property
    def name(self) -> str:
        owner = self.rule.id if self.rule else f"{self.rule_file.id} (file)"
        return f"{owner} @ {self.case.source}"


def iter_cases(rules: RuleSet) -> Iterator[tuple[RuleFile, Rule | None, RuleCase]]:
    for rule_file in rules.files:
        for rule in rule_file.rules:
            for case in rule.cases:
                yield rule_file, rule, case
        for case in rule_file.cases:
            yield rule_file, None, case


def run_case(rules: RuleSet, rule_file: RuleFile, rule: Rule | None, case: RuleCase) -> CaseResult:
    expected = normalize_text(case.expect if case.expect is not None else case.text)
    try:
        actual = _run_rule(rules, rule_file, rule, case.text) if rule else _run_file(rules, rule_file, case.text)
    except Exception as exc:  # a failing rule is a test result, not a crash of the runner
        return CaseResult(rule_file, rule, case, expected, "", f"{type(exc).__name__}: {exc}")
    return CaseResult(rule_file, rule, case, expected, actual)


def _run_rule(rules: RuleSet, rule_file: RuleFile, rule: Rule, text: str) -> str:
    """The rule alone, with the rules its context names and its file's protect list."""
    wanted = set(rule.match.next_to) if isinstance(rule.match, ContextMatch) else set()
    active = [r for r in rule_file.rules if r.id in wanted] + [rule]
    lines = split_lines(normalize_text(text))
    return render(lines, decide(lines, active, rule_file.protect, literals=rules.literals))


def _run_file(rules: RuleSet, rule_file: RuleFile, text: str) -> str:
    """The whole file as a user gets it: with the generic set, its outlet forced."""
    scoped = RuleSet(rules.generic, {rule_file.id: rule_file} if rule_file.outlet else {})
    cleaner = Cleaner(scoped, outlet=rule_file.id if rule_file.outlet else "none", max_removal=None)
    return cleaner.clean(text).text


def run_all(rules: RuleSet, only: Sequence[str] = ()) -> list[CaseResult]:
    """Every case, or those of the rule files, outlets and rules ``only`` names."""
    wanted = select(rules, only) if only else None
    return [
        run_case(rules, f, r, c)
        for f, r, c in iter_cases(rules)
        if wanted is None or f.path.resolve() in wanted or (r is not None and r.id in wanted)
    ]


class UnknownSelection(ValueError):
    """A name that is no loaded rule file, outlet or rule."""


def select(rules: RuleSet, names: Sequence[str]) -> set[object]:
    """What ``names`` pick: rule files (by path, or all of an outlet's by id) and
    rule ids (a glob picks every rule it matches)."""
    wanted: set[object] = set()
    paths = {f.path.resolve(): f for f in rules.files}
    for name in names:
        path = Path(name).resolve()
        picked: set[object] = {path} if path in paths else set()
        picked |= {f.path.resolve() for f in rules.files if f.id == name}
        picked |= {r.id for f in rules.files for r in f.rules if fnmatch.fnmatchcase(r.id, name)}
        if not picked:
            raise UnknownSelection(f"no rule file, outlet or rule named {name!r} (see 'cleanwire rules list')")
        wanted |= picked
    return wanted
