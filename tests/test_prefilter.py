"""The literal prefilter may only skip lines a pattern cannot match."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.prefilter import LineIndex, required_literals
from cleanwire.ruleset import RuleSet


def shipped_patterns() -> list[regex.Pattern[str]]:
    patterns = []
    for rule_file in RuleSet.load().files:
        for rule in rule_file.rules:
            for name in ("pattern", "start", "end", "marker"):
                value = getattr(rule.match, name, None)
                if isinstance(value, regex.Pattern):
                    patterns.append(value)
        if rule_file.outlet:
            patterns.extend(rule_file.outlet.signatures)
    return patterns


PATTERNS = shipped_patterns()


def literals_of(pattern: regex.Pattern[str]) -> tuple[str, ...]:
    return required_literals(pattern.pattern, bool(pattern.flags & regex.IGNORECASE))


def test_extraction_examples() -> None:
    assert required_literals(r"^Tags: \S.*$", False) == ("Tags: ",)
    assert required_literals(r"^(?:Tags|Keywords)\s*:", False) == ("Keywords", "Tags")
    assert required_literals(r"^All rights reserved\.?$", True) == ("all rights reserved",)
    assert required_literals(r"colou?r", False) == ("colo",)
    assert required_literals(r"ab{0,2}c", False) in (("a",), ("c",))
    assert required_literals(r"(?x) Tags : \  # comment", False) == ("Tags: ",)  # verbose mode
    assert required_literals(r"(\w+) \1", False) == ()  # backreference
    assert required_literals(r"^\d{4}-\d{2}$", False) == ("-",)
    assert required_literals(r"[A-Z]+", False) == ()


def test_non_ascii_literals_when_ignoring_case() -> None:
    # "über" can only match text with a non-ASCII letter, and such lines are always
    # candidates; "ſ" matches an ASCII "s", so a pattern needing it gets no prefilter.
    assert required_literals(r"(?i)^(?:Über uns|Contact)$", False) == ("contact", "Über uns")
    assert required_literals(r"^(?:ſome|x)", True) == ()
    assert required_literals(r"(?if)straße", False) == ()  # full case folding: "ß" matches "ss"
    index = LineIndex(["contact", "über uns", "ÜBER UNS", "uber uns", "x"])
    assert index.candidates(("contact", "Über uns"), True) == [0, 1, 2]


def test_many_literals_in_a_text_of_few_lines_mean_no_prefilter() -> None:
    # Finding each literal in the text would cost more than the regex on every line.
    texts = ["a long line " * 100] * 2
    many = tuple(f"literal {n}" for n in range(20))
    assert LineIndex(texts).candidates(many, False) is None
    assert LineIndex(texts).candidates(many[:1], False) == []


# Text made of the patterns' own literals and the characters around them, so that
# matches are frequent enough to test something.
PIECES = sorted({piece for p in PATTERNS for piece in literals_of(p)} | set("aA1 .,:;-/()|©\u00e9\u212a\u017f\u00dc\u00fc"))
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_a_line_the_prefilter_skips_never_matches(text: str) -> None:
    line = text.replace("\n", " ")
    index = LineIndex(["first line", line, "last line"])
    for pattern in PATTERNS:
        literals = literals_of(pattern)
        candidates = index.candidates(literals, bool(pattern.flags & regex.IGNORECASE))
        if candidates is not None and 1 not in candidates:
            assert pattern.search(line) is None, (pattern.pattern, line)


def test_line_index_finds_every_line_with_a_literal() -> None:
    texts = ["alpha Tags: x", "", "no", "Tags: y Tags: z", "tags: lower", "Ünïcode TAGS: here"]
    index = LineIndex(texts)
    assert index.candidates(("Tags: ",), False) == [0, 3]
    assert index.candidates(("tags: ",), True) == [0, 3, 4, 5]  # the non-ASCII line is left to the regex
    assert index.candidates((), False) is None
