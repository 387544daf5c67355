"""Run the tests embedded in rule files: each rule's own cases, and each file's cases."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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


def run_all(rules: RuleSet) -> list[CaseResult]:
    return [run_case(rules, f, r, c) for f, r, c in iter_cases(rules)]
