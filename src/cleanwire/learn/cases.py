"""A learned rule's embedded tests, from the pages themselves: what it took from
a page must go, and an article sentence of that page must stay."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cleanwire.learn.learned import Case
from cleanwire.learn.verify import Example
from cleanwire.pipeline.selftest import run_all
from cleanwire.rules.loader import rule_files_from
from cleanwire.rules.ruleset import RuleSet


def cases_for(example: Example) -> tuple[Case, ...]:
    removed = "\n".join(example.removed) + "\n"
    keep = example.keep + "\n"
    return (Case(f"{keep}\n{removed}", keep), Case(keep, None))


def failing_cases(document: Any, outlet: str) -> set[tuple[str, str]]:
    """(rule id, case text) of each embedded test of the file's document that fails."""
    (rule_file,) = rule_files_from([(Path(f"<learned {outlet}>"), document)])
    results = run_all(RuleSet.from_files([rule_file]))
    return {(result.rule.id, result.case.text) for result in results if not result.passed and result.rule is not None}
