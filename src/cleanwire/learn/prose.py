"""Sentences that repeat as chrome does: a pass between counting and gathering.

A sentence on a few pages is either boilerplate written as prose ("Market data
is delayed by 15 minutes.") or a quote two articles share. The difference is
where it stands: a quote stands among the article's sentences, boilerplate among
chrome. A repeated sentence never seen next to a sentence too rare to be chrome
is chrome, with the support any line needs; one seen there at least once keeps
needing the overwhelming support of prose.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cleanwire.learn.pagelines import PageLine, page_lines
from cleanwire.learn.policy import Policy
from cleanwire.learn.sketch import PageCounter
from cleanwire.learn.sources import Page


def chrome_prose(pages: Iterable[Page], counter: PageCounter[int], policy: Policy) -> frozenset[int]:
    support = policy.line_support(counter.pages)
    in_article: Counter[int] = Counter()
    in_chrome: Counter[int] = Counter()
    for page in pages:
        present = [line for line in page_lines(page.text, counter, policy) if line is not None]
        for n, line in enumerate(present):
            if not line.prose or line.frequent or line.pages < support:
                continue
            if _beside_article(present, n, support):
                in_article[line.key] += 1
            else:
                in_chrome[line.key] += 1
    return frozenset(key for key, pages in in_chrome.items() if pages >= support and not in_article[key])


def _beside_article(present: list[PageLine], n: int, support: int) -> bool:
    """Whether the line before or after the ``n``th is a sentence of this page
    alone: one that repeats too (a list of teasers) is no article text."""
    return any(
        0 <= m < len(present) and present[m].gold_like and present[m].pages < support for m in (n - 1, n + 1)
    )
