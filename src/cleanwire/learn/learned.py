"""A learned rule as it goes into the file: the candidate, what it was named and
filed under, its support and its embedded tests."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cleanwire.learn.candidates import Candidate
from cleanwire.rules.model import Category
from cleanwire.rules.support import Support

_LEARNED_ID = regex.compile(r"\.learned-(?:line|block|truncate|context)-([0-9a-f]{10})$")


@dataclass(frozen=True)
class Case:
    text: str
    expect: str | None  # None: the text must stay as it is


@dataclass(frozen=True)
class LearnedRule:
    candidate: Candidate
    outlet: str
    category: Category
    pages: int  # learn pages it matched ...
    seen: int  # ... out of the pages seen
    cases: tuple[Case, ...] = ()

    @property
    def id(self) -> str:
        return learned_id(self.outlet, self.candidate.kind, self.candidate.fingerprint)

    @property
    def description(self) -> str:
        what = {
            "line": "A line",
            "block": "A block of lines",
            "truncate": "A marker line and everything after it",
            "context": "The list of lines under a label",
        }[self.candidate.kind]
        return f"{what} learned from the outlet's pages; {Support(self.pages, self.seen)}."


def learned_id(outlet: str, kind: str, fingerprint: str) -> str:
    return f"{outlet}.learned-{kind}-{fingerprint}"


def fingerprint_in(rule_id: str) -> str | None:
    """The fingerprint a learned rule's id ends with; None for a rule a person named."""
    found = _LEARNED_ID.search(rule_id)
    return found.group(1) if found else None
