"""Every test case embedded in the shipped rule files, collected as its own pytest case."""

from __future__ import annotations

import pytest

from cleanwire.rules.ruleset import RuleSet
from cleanwire.pipeline.selftest import iter_cases, run_case

RULES = RuleSet.load()
CASES = list(iter_cases(RULES))


def test_every_rule_has_cases() -> None:
    for rule_file in RULES.files:
        for rule in rule_file.rules:
            assert rule.cases, f"{rule.id} has no embedded tests"


def test_every_generic_rule_has_a_case_it_must_leave_alone() -> None:
    assert RULES.generic is not None
    for rule in RULES.generic.rules:
        assert any(case.expect is None for case in rule.cases), rule.id


@pytest.mark.parametrize(
    ("rule_file", "rule", "case"),
    CASES,
    ids=[f"{r.id if r else f.id + '-file'}@{c.source.line}" for f, r, c in CASES],
)
def test_embedded_case(rule_file, rule, case) -> None:  # type: ignore[no-untyped-def]
    result = run_case(RULES, rule_file, rule, case)
    assert result.error is None, result.error
    assert result.actual == result.expected
