"""A page's lines as learning sees them: each with its shape, how many pages hold
that shape, and whether it reads like prose."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cleanwire.learn.affixes import (
    ending_key,
    ending_of,
    ends_in_small_word,
    label_key,
    label_keys,
    labels_of,
    repeated_label_key,
    signature_key,
    signature_of,
)
from cleanwire.learn.policy import Policy
from cleanwire.learn.shapes import Folded, fold, is_prose, words
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
    tail: int = -1  # for a line known by its first words only: the length of the rest
    head: int = -1  # for a line known by its last words only: the length of what comes before
    lead: bool = False  # a rare line of some words just over the article: its headline, most likely
    comment: bool = False  # a sentence under a comment's signature: a reader's, not the article's

    @property
    def gold_like(self) -> bool:
        """A sentence too rare to be chrome: article text, or a quote two pages share."""
        return self.prose and not self.frequent and not self.comment

    @property
    def guarded(self) -> bool:
        """No learned rule may take this line on a page it learns from."""
        return self.gold_like or self.lead


# A long line that is no sentence (a menu on one line, a script) is also known by
# its first PREFIX_WORDS words: its end changes from page to page.
PREFIX_WORDS = 4
PREFIX_MIN_WORDS = 6
_PREFIX = "\ue00f"


def prefix_of(line: str) -> str | None:
    """The first words of a long line that is no sentence; None for other lines."""
    parts = line.split(" ")
    if len(parts) < PREFIX_MIN_WORDS or is_prose(line):
        return None
    return " ".join(parts[:PREFIX_WORDS])


def prefix_key(prefix: str) -> int:
    return shape_key(_PREFIX + fold(prefix).shape)


def shape_keys(text: str) -> list[int]:
    keys = []
    lines = [line for line in text.split("\n") if line]
    for line in lines:
        keys.append(shape_key(fold(line).shape))
        prefix = prefix_of(line)
        if prefix is not None:
            keys.append(prefix_key(prefix))
        signature = signature_of(line)
        if signature is not None:
            keys.append(signature_key(signature))
        ending = ending_of(line)
        if ending is not None:
            keys.append(ending_key(ending))
    return keys + label_keys(lines)


# Rare lines of LEAD_WORDS words or more among the LEAD_LINES lines over a page's
# first sentence are its headline, standfirst or the like, though they do not
# read like prose.
LEAD_LINES = 10
LEAD_WORDS = 4
# A line of words ending in a dash runs on into the sentence under it: a
# dateline ("Reporting from Washington --") is that paragraph's start.
_RUNS_ON = (" --", " —", " –", " -")


def _runs_on(line: str) -> bool:
    return line.endswith(_RUNS_ON) and bool(words(line))


def page_lines(
    text: str, counter: PageCounter[int], policy: Policy, chrome_prose: frozenset[int] = frozenset()
) -> list[PageLine | None]:
    """One entry per line of ``text``; None for a blank line. ``chrome_prose``:
    shapes of repeated sentences never seen among article text (``chrome_prose``
    in ``prose``), which count as chrome with the support of any line."""
    found = _with_comments(_lines(text, counter, policy, chrome_prose), counter, policy)
    present = [line for line in found if line is not None]
    texts = text.split("\n")
    for line, after in zip(present, present[1:]):
        if after.gold_like and _runs_on(texts[line.index]):
            found[line.index] = replace(line, lead=True)
    first = next((n for n, line in enumerate(present) if line.gold_like), None)
    if first is None:
        return found
    for line in present[max(0, first - LEAD_LINES):first]:
        if not line.frequent and len(words(line.text)) >= LEAD_WORDS:
            found[line.index] = replace(line, lead=True)
    return found


def _with_comments(found: list[PageLine | None], counter: PageCounter[int], policy: Policy) -> list[PageLine | None]:
    """The sentences under comments' signatures marked as comments. A signature is
    a rare line whose rest after its first word (a name) has a shape enough pages
    share, said two or more times on the page by different names: one line of
    that shape is a byline over the article, and the same first word each time
    ("Updated at 5:38 PM") is a live page's stamp over its own text."""
    signatures: dict[int, list[PageLine]] = {}
    for line in found:
        if line is None or line.frequent:
            continue
        rest = signature_of(line.text)
        if rest is not None and counter.count(signature_key(rest)) >= policy.label_support(counter.pages):
            signatures.setdefault(signature_key(rest), []).append(line)
    heads = {
        line.index
        for lines in signatures.values()
        if len({line.text.split(" ")[0] for line in lines}) >= 2
        for line in lines
    }
    marked = list(found)
    under = False
    for index, line in enumerate(found):
        if line is None:
            continue
        if index in heads:
            under = True
        elif under and line.gold_like:
            marked[index] = replace(line, comment=True)
        elif line.frequent:
            under = False  # the page's chrome again; a reader's short line is still the comment
    return marked


def _lines(text: str, counter: PageCounter[int], policy: Policy, chrome_prose: frozenset[int]) -> list[PageLine | None]:
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
        support = policy.support_for(prose and key not in chrome_prose, total)
        entry = PageLine(index, line, folded, key, pages, prose, pages >= support)
        # Known by its first words where they repeat on more pages than the whole line.
        prefix = prefix_of(line)
        if prefix is not None and counter.count(prefix_key(prefix)) >= max(pages + 1, policy.line_support(total)):
            pages = counter.count(prefix_key(prefix))
            entry = PageLine(index, prefix, fold(prefix), prefix_key(prefix), pages, False, True, len(line) - len(prefix))
        elif not entry.frequent:
            entry = _by_label(entry, counter, policy) or _by_ending(entry, counter, policy) or entry
        found.append(entry)
    return found


def _by_label(entry: PageLine, counter: PageCounter[int], policy: Policy) -> PageLine | None:
    """A rare line known by a label the lines of enough pages start with."""
    line = entry.text
    for label in labels_of(line):
        if ends_in_small_word(label) and counter.count(repeated_label_key(label)):
            continue
        key = label_key(label)
        pages = counter.count(key)
        if pages >= max(entry.pages + 1, policy.label_support(counter.pages)):
            return PageLine(entry.index, label, fold(label), key, pages, False, True, len(line) - len(label))
    return None


def _by_ending(entry: PageLine, counter: PageCounter[int], policy: Policy) -> PageLine | None:
    """A rare line known by a count or stamp the lines of enough pages end with."""
    line = entry.text
    ending = ending_of(line)
    if ending is None:
        return None
    key = ending_key(ending)
    pages = counter.count(key)
    if pages < max(entry.pages + 1, policy.label_support(counter.pages)):
        return None
    return PageLine(entry.index, ending, fold(ending), key, pages, False, True, head=len(line) - len(ending))


def chrome_tail_start(lines: list[PageLine | None], stray_share: float) -> int | None:
    """The index of the first line from which the rest of the page is chrome as a
    tail rule sees it; None for a page without article text, which says nothing
    about where its article ends.

    A sentence standing alone among chrome lines below the article (a teaser, a
    blurb, a sponsor's pitch) is no reason to keep a tail: article text comes as
    sentences next to sentences. So the tail starts after the last sentence that
    has another beside it, and once the lone sentences after it hold no more than
    ``stray_share`` of the page's sentence words.
    """
    present = [line for line in lines if line is not None]
    gold = [line.gold_like for line in present]
    if not any(gold):
        return None
    beside = [gold[n] and ((n > 0 and gold[n - 1]) or (n + 1 < len(gold) and gold[n + 1])) for n in range(len(gold))]
    start = max((n + 1 for n, paired in enumerate(beside) if paired), default=0)
    gold_words = [len(words(line.text)) if gold[n] else 0 for n, line in enumerate(present)]
    allowed = stray_share * sum(gold_words)
    after = sum(gold_words[start:])
    while after > allowed:
        after -= gold_words[start]
        start += 1
    return present[start].index if start < len(present) else len(lines)
