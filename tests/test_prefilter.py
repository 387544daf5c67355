"""The literal prefilter may only skip lines a pattern cannot match."""

from __future__ import annotations

import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.rules.literals import PROPERTY, LineIndex, LiteralIndex, fold_case, ignores_case, required_literals
from cleanwire.pipeline.detect import may_match
from cleanwire.rules.ruleset import RuleSet


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
SHIPPED = LiteralIndex.of(PATTERNS)


def literals_of(pattern: regex.Pattern[str]) -> tuple[str, ...]:
    return SHIPPED.required(pattern.pattern, bool(pattern.flags & regex.IGNORECASE))


def lines_of(texts: list[str], *patterns: regex.Pattern[str]) -> LineIndex:
    """``texts`` searchable for the literals of ``patterns``."""
    return LiteralIndex.of(patterns).lines(texts)


def test_extraction_examples() -> None:
    assert required_literals(r"\.(?:com|net)/?$", False) == (".com", ".net")  # literal text times a literal group
    assert required_literals(r"(?:Tags|Keywords):", False) == ("Keywords:", "Tags:")
    assert required_literals(r"a(?:b|c)(?:d|e)", True) == ("abd", "abe", "acd", "ace")
    assert required_literals(r"(?:ab|cd)+x", False) in (("ab", "cd"), ("x",))  # repeated: no longer one text
    assert required_literals(r"\([cC]\)", False) == ("(C)", "(c)")  # a class of a few characters
    assert required_literals(r"\((?:l|r|far (?:left|right)\.?)\)", False) == (
        "(far left)", "(far left.)", "(far right)", "(far right.)", "(l)", "(r)",
    )  # nested and optional inside a group
    assert required_literals(r"[a-z]ing", False) == ("ing",)  # a range is no short list of characters
    assert required_literals(r"^Tags: \S.*$", False) == ("Tags: ",)
    assert required_literals(r"^(?:Tags|Keywords)\s*:", False) == ("Keywords", "Tags")
    assert required_literals(r"^All rights reserved\.?$", True) == ("all rights reserved",)
    assert required_literals(r"colou?r", False) == ("colo",)
    assert required_literals(r"ab{0,2}c", False) in (("a",), ("c",))
    assert required_literals(r"(?x) Tags : \  # comment", False) == ("Tags: ",)  # verbose mode
    assert required_literals(r"(\w+) \1", False) == ()  # backreference
    assert required_literals(r"^\d{4}-\d{2}$", False) == ("-",)
    assert required_literals(r"[A-Z]+", False) == ()


def test_case_insensitive_literals_are_case_folded_beyond_ascii() -> None:
    assert required_literals(r"(?i)^(?:Über uns|Contact)$", False) == ("contact", "über uns")
    assert required_literals(r"^(?:ſome|xyz)", True) == ("some", "xyz")  # "ſ" matches "s"
    assert required_literals(r"(?if)straße", False) == ()  # full case folding: left to the regex
    patterns = regex.compile(r"(?i)^(?:Über uns|Contact)$"), regex.compile(r"^(?:ſome|xyz)", regex.IGNORECASE)
    index = lines_of(["contact", "über uns", "ÜBER UNS", "uber uns", "x", "ſOME text"], *patterns)
    assert index.candidates(("contact", "über uns"), True) == [0, 1, 2]
    assert index.candidates(("some", "xyz"), True) == [5]


def cased_characters() -> list[str]:
    return [
        char
        for char in map(chr, range(sys.maxunicode + 1))
        if not 0xD800 <= ord(char) <= 0xDFFF and (char.lower() != char or char.upper() != char or char.casefold() != char)
    ]


def test_every_character_a_case_insensitive_one_matches_folds_to_hold_it() -> None:
    # The prefilter folds both sides; a line the regex would match must keep the
    # literal after folding, for every pair the regex module treats as one letter.
    cased = cased_characters()
    for char in cased:
        pattern = regex.compile(regex.escape(char), regex.IGNORECASE)
        for other in cased:
            if pattern.fullmatch(other):
                assert fold_case(char) in fold_case(other), (hex(ord(char)), hex(ord(other)))


def test_a_pattern_needing_a_script_beyond_ascii_runs_only_on_lines_holding_that_script() -> None:
    mixed = r"^(?:.*?(?=\p{L}*\p{Latin})(?=\p{L}*\p{Cyrillic})\p{L}+){3}.*$"
    assert required_literals(mixed, False) == (PROPERTY + r"\p{Cyrillic}",)
    assert required_literals(mixed, True) == (PROPERTY + r"\p{Cyrillic}",)  # not case-folded
    assert required_literals(r"\p{Han}?", False) == ()  # optional
    assert required_literals(r"\p{Latin}+", False) == ()  # ASCII letters are Latin
    assert required_literals(r"(?=.*\bfoo)bar", False) in (("bar",), ("foo",))
    index = lines_of(["plain", "Аdvеrtіѕе", "ünïcode", "", "ÄÖ and д"], regex.compile(mixed), regex.compile(mixed, regex.I))
    assert index.candidates(required_literals(mixed, False), False) == [1, 4]
    assert index.candidates(required_literals(mixed, True), True) == [1, 4]


def test_a_literal_never_asked_for_means_every_line() -> None:
    # The automaton holds the literals of the index's patterns; anything else gets
    # no prefilter rather than a wrong one.
    index = lines_of(["a line with an unheard-of literal"], *PATTERNS)
    assert index.candidates(("unheard-of literal zq",), False) is None
    assert index.candidates_for(regex.compile("unheard-of literal zq")) is None


# Text made of the patterns' own literals and the characters around them, so that
# matches are frequent enough to test something.
PIECES = sorted({piece for p in PATTERNS for piece in literals_of(p)} | set("aA1 .,:;-/()|©\u00e9\u212a\u017f\u00dc\u00fc"))
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_a_line_the_prefilter_skips_never_matches(text: str) -> None:
    line = text.replace("\n", " ")
    index = SHIPPED.lines(["first line", line, "last line"])
    for pattern in PATTERNS:
        literals = literals_of(pattern)
        candidates = index.candidates(literals, bool(pattern.flags & regex.IGNORECASE))
        if candidates is not None and 1 not in candidates:
            assert pattern.search(line) is None, (pattern.pattern, line)


def test_line_index_finds_every_line_with_a_literal() -> None:
    texts = ["alpha Tags: x", "", "no", "Tags: y Tags: z", "tags: lower", "Ünïcode TAGS: here"]
    index = lines_of(texts, regex.compile(r"^Tags: \S"), regex.compile(r"^Tags: \S", regex.IGNORECASE))
    assert index.candidates(("Tags: ",), False) == [0, 3]
    assert index.candidates(("tags: ",), True) == [0, 3, 4, 5]
    assert index.candidates((), False) is None


def test_lines_after_one_that_folds_longer_are_still_found() -> None:
    # "ß" folds to "ss": the folded text is longer than the text, and the lines
    # after it must still be told apart by where they start in the folded one.
    index = lines_of(["Straße und Weg", "Tags: x", "plain", "TAGS: y"], regex.compile(r"^Tags: \S", regex.IGNORECASE))
    assert index.candidates(("tags: ",), True) == [1, 3]


SIGNATURES = [s for f in RuleSet.load().files if f.outlet for s in f.outlet.signatures]
SIGNATURE_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(PIECES + [lit for s in SIGNATURES for lit in required_literals(s.pattern, ignores_case(s))]),
        st.text(max_size=4),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=SIGNATURE_TEXTS)
def test_a_signature_skipped_for_want_of_its_literals_never_matches(text: str) -> None:
    for signature in SIGNATURES:
        if not may_match(signature, text):
            assert signature.search(text) is None, (signature.pattern, text)


def test_outlet_signatures_skip_texts_without_their_literals() -> None:
    signature = regex.compile(r"^IE 11 is not supported\.")
    assert not may_match(signature, "An article about browsers.\n")
    assert may_match(signature, "IE 11 is not supported.\n")
    assert may_match(regex.compile(r"(?i)^ie 11"), "no literal here")  # case folding: always searched
