"""The support a learned rule was written with: how many of the outlet's pages it
matched, out of the pages `cleanwire learn` saw. It lives in the rule's
description (a person reads it there); the report shows it beside the rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from cleanwire.rules.model import Rule, RuleFile

_SUPPORT = regex.compile(r"\bmatched (\d+) of (\d+) pages\b")


@dataclass(frozen=True)
class Support:
    pages: int  # pages the rule matched ...
    seen: int  # ... out of the pages seen

    def __str__(self) -> str:
        return f"matched {self.pages} of {self.seen} pages"


def learned_support(rule: Rule, rule_file: RuleFile) -> Support | None:
    """The support of ``rule`` when ``rule_file``'s outlet lists it as learned
    (its id ends with a fingerprint of the outlet's ``learned:`` list); None for a
    rule a person wrote."""
    outlet = rule_file.outlet
    if outlet is None or not any(rule.id.endswith(f"-{fingerprint}") for fingerprint in outlet.learned):
        return None
    found = _SUPPORT.search(rule.description)
    return Support(int(found.group(1)), int(found.group(2))) if found else None


def learned_supports(files: Iterable[RuleFile]) -> dict[str, Support]:
    """The support of every learned rule of ``files``, by rule id."""
    found = {}
    for rule_file in files:
        for rule in rule_file.rules:
            support = learned_support(rule, rule_file)
            if support is not None:
                found[rule.id] = support
    return found
