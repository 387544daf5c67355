"""Context rules look only at the neighbours of lines a target owns: they must take
exactly what a sweep testing every line in order takes."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.pipeline.engine import _apply_context_rule, _Claims, _Matcher, _Pass
from cleanwire.rules.model import Category, ContextMatch, LineMatch, Rule, Source
from cleanwire.rules.literals import LiteralIndex
from cleanwire.pipeline.segment import Line

_SOURCE = Source(Path("test.yaml"), 1)
_TARGET = Rule("target", Category.NAVIGATION, LineMatch(regex.compile("^T")), _SOURCE)
Side = Literal["before", "after", "either"]


def _context_rule(side: Side, chains: bool, across_blank: bool = False) -> Rule:
    next_to = ("target", "context") if chains else ("target",)
    match = ContextMatch(regex.compile("^[TC]"), next_to, side, across_blank=across_blank)
    return Rule("context", Category.NAVIGATION, match, _SOURCE, max_chars=3)


def _every_line_sweep(rule: Rule, match: ContextMatch, lines: list[Line], protected: set[int], claims: _Claims) -> None:
    """What the context rule takes, found by testing every line in order."""
    offsets = {"before": (1,), "after": (-1,), "either": (1, -1)}[match.side]

    def beside(position: int, offset: int) -> int:
        skip = match.across_blank and 0 <= position + offset < len(lines) and lines[position + offset].blank
        return position + offset * (2 if skip else 1)

    def takes(position: int) -> bool:
        line = lines[position]
        near = [claims.owner.get(beside(position, o)) for o in offsets if 0 <= beside(position, o) < len(lines)]
        return (
            position not in claims.owner
            and position not in protected
            and not line.blank
            and len(line.text) <= 3
            and any(owner is not None and owner.id in match.next_to for owner in near)
            and match.pattern.search(line.text) is not None
        )

    forward, backward = range(len(lines)), range(len(lines) - 1, -1, -1)
    if rule.id not in match.next_to:
        for position in [position for position in forward if takes(position)]:
            claims.claim(position, rule)
        return
    for sweep in {"after": [forward], "before": [backward]}.get(match.side, [forward, backward]):
        for position in sweep:
            if takes(position):
                claims.claim(position, rule)


@settings(max_examples=500)
@given(
    texts=st.lists(st.sampled_from(["T", "C", "CCCC", "x", ""]), max_size=30),
    protected=st.sets(st.integers(0, 29), max_size=4),
    side=st.sampled_from(["before", "after", "either"]),
    chains=st.booleans(),
    across_blank=st.booleans(),
)
def test_a_context_rule_takes_what_a_sweep_over_every_line_takes(
    texts: list[str], protected: set[int], side: Side, chains: bool, across_blank: bool
) -> None:
    lines = [Line(index, index * 10, text) for index, text in enumerate(texts)]
    rule = _context_rule(side, chains, across_blank)
    assert isinstance(rule.match, ContextMatch)
    found, expected = _Claims(), _Claims()
    for claims in (found, expected):
        for position, text in enumerate(texts):
            if text == "T" and position not in protected:
                claims.claim(position, _TARGET)
    _apply_context_rule(rule, rule.match, _Pass(lines, protected, found, _Matcher(1.0, LiteralIndex().lines(texts))))
    _every_line_sweep(rule, rule.match, lines, protected, expected)
    assert found.owner == expected.owner
