"""A page's lines as learning sees them: each with its shape, how many pages hold
that shape, and whether it reads like prose."""

from __future__ import annotations

from dataclasses import dataclass

from cleanwire.learn.policy import Policy
from cleanwire.learn.shapes import Folded, fold, is_prose
from cleanwire.learn.sketch import PageCounter, shape_key


@dataclass(frozen=True)
class PageLine:
    index: int  # in the page's lines, blank ones included
    text: str
    folded: Folded
    key: int
    pages: int  # how many pages hold this shape
    prose: bool
    frequent: bool  # repeats on enough pages to be chrome

    @property
    def gold_like(self) -> bool:
        """A sentence too rare to be chrome: article text, or a quote two pages share."""
        return self.prose and not self.frequent


def shape_keys(text: str) -> list[int]:
    return [shape_key(fold(line).shape) for line in text.split("\n") if line]


def page_lines(text: str, counter: PageCounter[int], policy: Policy) -> list[PageLine | None]:
    """One entry per line of ``text``; None for a blank line."""
    found: list[PageLine | None] = []
    total = counter.pages
    for index, line in enumerate(text.split("\n")):
        if not line:
            found.append(None)
            continue
        folded = fold(line)
        key = shape_key(folded.shape)
        pages = counter.count(key)
        prose = is_prose(line)
        found.append(PageLine(index, line, folded, key, pages, prose, pages >= policy.support_for(prose, total)))
    return found
