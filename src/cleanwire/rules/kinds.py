"""The table of rule kinds and the table of categories: what the rest of the code
is built from or checked against.

A kind is the ``line:``, ``block:``, ... key of a rule entry. Adding one takes its
entry in ``KINDS``, its match dataclass in ``model``, its reader in ``loader`` and
its function in ``pipeline.engine``; those two register under the kind's name or
class, and the tests check that every kind here has both. Adding a category takes
its member in ``model.Category`` and its entry in ``CATEGORIES`` (checked against
each other on import); the report's schema lists both, and a test keeps it honest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import regex

from cleanwire.rules.model import (
    BlockMatch,
    Category,
    ClassifyMatch,
    ContextMatch,
    DedupeMatch,
    InlineMatch,
    LineMatch,
    Match,
    Rule,
    TruncateMatch,
)

M = TypeVar("M")
Patterns = tuple[regex.Pattern[str], ...]


@dataclass(frozen=True)
class KindSpec(Generic[M]):
    """One kind of rule: its key in a rule entry, its match class, what it removes,
    and the regexes a match of it holds (which lint probes and the prefilter reads)."""

    name: str
    match_type: type[M]
    description: str
    patterns: Callable[[M], Patterns]


KINDS: tuple[KindSpec[Any], ...] = (
    KindSpec("line", LineMatch, "each line the pattern finds a match in", lambda m: (m.pattern,)),
    KindSpec(
        "block",
        BlockMatch,
        "from a start line through an end line, a count of lines, or the end of the text",
        lambda m: (m.start,) if m.end is None else (m.start, m.end),
    ),
    KindSpec("truncate", TruncateMatch, "a marker line and everything after (or before) it", lambda m: (m.marker,)),
    KindSpec("inline", InlineMatch, "the matched span, keeping the rest of the line", lambda m: (m.pattern,)),
    KindSpec(
        "context", ContextMatch, "a line matching a pattern next to a line another rule removed", lambda m: (m.pattern,)
    ),
    KindSpec("dedupe", DedupeMatch, "repeated lines, and teasers the body repeats", lambda m: ()),
    KindSpec("classify", ClassifyMatch, "lines a statistical line classifier calls page chrome", lambda m: ()),
)

KIND_NAMES: tuple[str, ...] = tuple(spec.name for spec in KINDS)
_KIND_BY_TYPE: dict[type[Any], KindSpec[Any]] = {spec.match_type: spec for spec in KINDS}


def kind_of(match: Match) -> KindSpec[Any]:
    return _KIND_BY_TYPE[type(match)]


def patterns_of(rule: Rule) -> Patterns:
    """The regexes of ``rule``'s match, in the order its kind names them."""
    return kind_of(rule.match).patterns(rule.match)


RGB = tuple[int, int, int]


@dataclass(frozen=True)
class CategorySpec:
    """One category: what its rules remove, and its colour in the HTML report."""

    category: Category
    description: str
    colour: RGB

    @property
    def name(self) -> str:
        return self.category.value


CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec(Category.PAYWALL, "subscription and log-in walls", (198, 40, 40)),
    CategorySpec(Category.NEWSLETTER, "newsletter and e-mail sign-up prompts", (239, 108, 0)),
    CategorySpec(Category.COPYRIGHT, "copyright, licence and trademark lines", (93, 64, 55)),
    CategorySpec(Category.NAVIGATION, "menus, breadcrumbs, site links and page chrome", (21, 101, 192)),
    CategorySpec(Category.NOTICE, "browser, cookie and JavaScript notices", (158, 157, 36)),
    CategorySpec(Category.CAPTION, "photo captions and credits", (46, 125, 50)),
    CategorySpec(Category.BYLINE, "bylines and author notes", (106, 27, 154)),
    CategorySpec(Category.DATELINE, "datelines and date-only lines", (216, 27, 96)),
    CategorySpec(Category.TAGS, "tag and keyword lists", (0, 131, 143)),
    CategorySpec(Category.COMMENTS, "comment prompts, forms and policies", (120, 144, 156)),
    CategorySpec(Category.SOCIAL, "share prompts, follow links and view counters", (57, 73, 171)),
    CategorySpec(Category.PROMO, "promotions, appeals, disclosures and spam", (249, 168, 37)),
    CategorySpec(Category.RELATED, "related-article labels, titles and teasers", (0, 105, 92)),
    CategorySpec(Category.DUPLICATE, "lines and teasers that repeat the body", (55, 71, 79)),
    CategorySpec(Category.OTHER, "page chrome no word of it names (most often learned)", (117, 117, 117)),
)


def _check_categories() -> None:
    """The enum names the categories for the type checker; this table says the rest.
    They must list the same categories in the same order (the order of reports)."""
    listed = tuple(spec.category for spec in CATEGORIES)
    if listed != tuple(Category):
        raise AssertionError(f"rules.kinds.CATEGORIES {listed} does not follow model.Category {tuple(Category)}")


_check_categories()
