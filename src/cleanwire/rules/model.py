"""The values the pipeline passes between its stages: rules, outlets and decisions."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union

import regex


class Category(str, enum.Enum):
    """What kind of junk a rule removes. Every rule names exactly one."""

    PAYWALL = "paywall"
    NEWSLETTER = "newsletter"
    COPYRIGHT = "copyright"
    NAVIGATION = "navigation"
    NOTICE = "notice"
    CAPTION = "caption"
    BYLINE = "byline"
    DATELINE = "dateline"
    TAGS = "tags"
    COMMENTS = "comments"
    SOCIAL = "social"
    PROMO = "promo"
    RELATED = "related"
    DUPLICATE = "duplicate"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


CATEGORY_NAMES: tuple[str, ...] = tuple(c.value for c in Category)


@dataclass(frozen=True)
class Source:
    """Where a rule was written: the file and the 1-based line of its entry."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class LineMatch:
    """Drop a line the pattern finds something in."""

    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class BlockMatch:
    """Drop from a start line through an end line, a line count, or the end of the text.

    When ``end`` is set and no end line comes within ``max_lines``, nothing is dropped:
    a block that never closes is more likely article text than junk.
    """

    start: regex.Pattern[str]
    end: regex.Pattern[str] | None
    max_lines: int
    to_end: bool


@dataclass(frozen=True)
class TruncateMatch:
    """Drop the marker line and everything after it (or before it)."""

    marker: regex.Pattern[str]
    direction: Literal["after", "before"]


@dataclass(frozen=True)
class InlineMatch:
    """Cut the matched span out of a line, keeping the rest of the line."""

    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class ContextMatch:
    """Drop a line matching ``pattern`` only when a neighbour is dropped by ``next_to``,
    and not when the line after it matches ``not_before`` (it heads that text). With
    ``same_marker``, a line next to one this rule took that opens with a list marker
    must open with one too: a list under a label ends where its markers end. With
    ``across_blank``, one blank line between a line and its neighbour does not part
    them (a label, a blank line, then its list, as whole-page text lays it out)."""

    pattern: regex.Pattern[str]
    next_to: tuple[str, ...]
    side: Literal["before", "after", "either"]
    not_before: regex.Pattern[str] | None = None
    same_marker: bool = False
    across_blank: bool = False


@dataclass(frozen=True)
class DedupeMatch:
    """Drop repeated lines (``verbatim``), repeats next to their copy or chrome-like
    (``nearby``), or teasers the body repeats (``teaser``)."""

    mode: Literal["verbatim", "teaser", "nearby"]
    min_words: int


@dataclass(frozen=True)
class RunLimits:
    """A run of at least ``min_lines`` consecutive short or bad lines is page chrome
    when its words have at most ``max_stopwords`` stop words and at most
    ``max_punctuated`` of its lines end like a sentence and ``max_digits`` hold a digit."""

    min_lines: int
    max_stopwords: float
    max_punctuated: float
    max_digits: float
    stopword_lists: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class PageShape:
    """Text shaped like a whole web page: at least ``min_lines`` non-blank lines, of
    which ``min_menu_lines`` are menu entries and ``min_page_share`` short or bad."""

    min_lines: int
    min_menu_lines: int
    min_page_share: float


Feature = Literal["link-like", "list-like", "no-punctuation"]
FEATURE_NAMES: tuple[str, ...] = ("link-like", "list-like", "no-punctuation")


@dataclass(frozen=True)
class ClassifyMatch:
    """Drop lines a statistical line classifier (in the spirit of jusText) calls boilerplate.

    Each line is classed on its own shape: ``bad`` (link-like, or unpunctuated with
    few stop words), ``good`` (long, with the stop-word density of running text),
    ``short`` (short or list-like) or ``near-good``. A good line is never dropped; a
    bad line is; a short or near-good line goes the way of the nearest good or bad
    lines around it (``edges`` says what the start and end of the text count as;
    ``mixed`` what a short line between good and bad text does). With ``runs``, a
    run of consecutive short or bad lines that reads like a menu goes whole. Nothing happens
    in a text that does not look like a whole page: fewer than ``min_lines`` lines,
    fewer than ``min_menu_lines`` menu entries, or less than ``min_page_share`` of its
    lines short or bad, unless it has the ``dense_page`` shape (a shorter page with
    fewer menu entries but more chrome). ``page_max_removal`` lets the over-removal guard allow up to
    that share on a text this rule found to be a whole page: menus are most of one.
    ``keep_between_good``: a block of at most that many lines between two good lines,
    with no menu bar or address in it, stays whole (an article's list, table or
    code among its paragraphs); ``keep_between_text``: the same for a block between
    two lines of text that end like a sentence, good or not; ``keep_code``: the same
    for a longer block between two such lines that reads like program code;
    ``keep_headings``: up to that many short lines right above a good line stay
    (its heading), as in jusText. 0 turns any of them off.
    """

    languages: tuple[str, ...]
    stopword_lists: tuple[frozenset[str], ...]
    short_chars: int
    good_chars: int
    stopwords_low: float
    stopwords_high: float
    features: frozenset[str]
    edges: Literal["bad", "neutral"]
    mixed: Literal["drop", "keep"]
    page_shapes: tuple[PageShape, ...]
    runs: RunLimits | None = None
    page_max_removal: float | None = None
    keep_between_good: int = 0
    keep_between_text: int = 0
    keep_headings: int = 0
    keep_code: int = 0


Match = Union[LineMatch, BlockMatch, TruncateMatch, InlineMatch, ContextMatch, DedupeMatch, ClassifyMatch]


@dataclass(frozen=True)
class RuleCase:
    """An embedded test: ``text`` must clean to ``expect`` (``None``: left as it is)."""

    text: str
    expect: str | None
    source: Source


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    match: Match
    source: Source
    description: str = ""
    max_chars: int | None = None
    cases: tuple[RuleCase, ...] = ()
    # A line rule that matches more lines of a text than this removes none: they
    # are the text's own structure (a timeline's dates), not a page's furniture.
    max_per_text: int | None = None

    @property
    def kind(self) -> str:
        from cleanwire.rules.kinds import kind_of  # the table of kinds is built on this module

        return kind_of(self.match).name


@dataclass(frozen=True)
class Protect:
    """Lines that no rule may remove."""

    id: str
    pattern: regex.Pattern[str]
    source: Source


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    domains: tuple[str, ...]
    signatures: tuple[regex.Pattern[str], ...]
    min_signatures: int
    # Fingerprints of every rule `cleanwire learn` wrote into the file: one listed
    # here whose rule is gone was deleted by a person, and is not learned again.
    learned: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleFile:
    """One YAML file: the generic set (``outlet`` is None) or one outlet's rules."""

    path: Path
    outlet: Outlet | None
    rules: tuple[Rule, ...]
    protect: tuple[Protect, ...]
    cases: tuple[RuleCase, ...] = ()

    @property
    def id(self) -> str:
        return self.outlet.id if self.outlet else "generic"


@dataclass(frozen=True)
class Decision:
    """One removal: which rule, which category, and the span it covers.

    ``start``/``end`` are character offsets into the normalized text; ``line_start``
    and ``line_end`` are 0-based line indexes, ``line_end`` exclusive. A whole-line
    removal covers the lines' characters without their final newline.
    """

    rule_id: str
    category: Category
    line_start: int
    line_end: int
    start: int
    end: int
    inline: bool = False

    def lines(self) -> range:
        return range(self.line_start, self.line_end)


@dataclass
class Detection:
    """Which outlet a text came from, and why we think so."""

    outlet: str | None
    method: Literal["signature", "domain", "forced", "none"]
    evidence: list[str] = field(default_factory=list)
