"""Block rules search each line for the end pattern at most once and count only
non-blank lines: they must take exactly what a walk from every start line takes."""

from __future__ import annotations

from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.pipeline.engine import _apply_block, _Claims, _Matcher, _Pass
from cleanwire.pipeline.segment import Line
from cleanwire.rules.literals import LiteralIndex
from cleanwire.rules.model import BlockMatch, Category, Rule, Source

_SOURCE = Source(Path("test.yaml"), 1)


def _block_rule(end: bool, max_lines: int) -> Rule:
    match = BlockMatch(regex.compile("^S"), regex.compile("E$") if end else None, max_lines, to_end=False)
    return Rule("block", Category.NEWSLETTER, match, _SOURCE)


def _walk_from_every_start(match: BlockMatch, texts: list[str], protected: set[int], claims: _Claims, rule: Rule) -> None:
    """What the block rule takes: from each start line outside a block already
    taken, walk down counting non-blank lines to the end line or the count."""
    resume = 0
    for start, text in enumerate(texts):
        if start < resume or not match.start.search(text):
            continue
        seen, stop = 0, None
        for index in range(start, len(texts)):
            if not texts[index]:
                continue
            seen += 1
            if match.end is None:
                if seen == match.max_lines:
                    stop = index + 1
                    break
                continue
            if seen > match.max_lines:
                break
            if match.end.search(texts[index]):
                stop = index + 1
                break
        else:
            stop = len(texts) if match.end is None else None
        if stop is None:
            continue
        for covered in range(start, stop):
            if covered not in protected:
                claims.claim(covered, rule)
        resume = stop


@settings(max_examples=500)
@given(
    texts=st.lists(st.sampled_from(["S", "SE", "E", "x", "xE", ""]), max_size=30),
    protected=st.sets(st.integers(0, 29), max_size=4),
    end=st.booleans(),
    max_lines=st.integers(1, 5),
)
def test_a_block_rule_takes_what_a_walk_from_every_start_takes(
    texts: list[str], protected: set[int], end: bool, max_lines: int
) -> None:
    lines = [Line(index, index * 10, text) for index, text in enumerate(texts)]
    rule = _block_rule(end, max_lines)
    assert isinstance(rule.match, BlockMatch)
    found, expected = _Claims(), _Claims()
    _apply_block(rule, rule.match, _Pass(lines, protected, found, _Matcher(1.0, LiteralIndex().lines(texts))))
    _walk_from_every_start(rule.match, texts, protected, expected, rule)
    assert found.owner.keys() == expected.owner.keys()
