"""Rules the evidence suggests, before they are checked on the pages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from cleanwire.learn.evidence import Evidence, ShapeEvidence
from cleanwire.learn.policy import Policy
from cleanwire.learn.shapes import shape_pattern, words
from cleanwire.learn.sketch import PageCounter

Kind = Literal["line", "block", "truncate", "context"]
# The order rules run in, which is the order they are written in: line rules
# first, each with the support of its own line; a block is then kept where it
# takes lines no line rule takes (the changing links between a label and the next
# chrome line), and a truncate rule where it takes what is left of a tail.
KIND_ORDER: tuple[Kind, ...] = ("line", "block", "truncate", "context")

# A list item under a label: one line, not a sentence (those end in a stop).
LIST_ITEM_PATTERN = r"^.{2,160}(?<![.!?;:])$"


@dataclass(frozen=True)
class Candidate:
    kind: Kind
    patterns: tuple[str, ...]  # line: the line; block: start, end; truncate: marker; context: item
    max_lines: int = 0  # a block's
    label: str = ""  # a context rule's: the fingerprint of the line rule of its label
    prose: bool = False  # a line rule for a line that reads like prose
    # A line rule's own evidence: the pages holding its line, and one of them with
    # an article sentence of its page, for its tests where blocks took its lines.
    support: int = 0
    sample: tuple[str, str] | None = None

    @property
    def fingerprint(self) -> str:
        """Ten hex digits of what the rule matches: the same rule learned again has
        the same fingerprint, and its rejection (see ``merge``) stays."""
        text = "\n".join((self.kind, *self.patterns, self.label))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]

    @property
    def order(self) -> tuple[int, tuple[str, ...]]:
        return KIND_ORDER.index(self.kind), self.patterns


def pattern_of(shape: ShapeEvidence) -> str:
    pattern = shape_pattern(shape.shape, [shape.variants[line] for line in sorted(shape.variants)])
    if shape.head >= 0:
        # A line known by its last words: what comes before, of about the length seen.
        return rf"^(?:.{{1,{max(200, 2 * shape.head)}}} )?" + pattern[1:]
    if shape.tail < 0:
        return pattern
    # A line known by its first words: the rest, of about the length seen.
    return pattern[:-1] + rf"(?: .{{1,{max(200, 2 * shape.tail)}}})?$"


def line_candidates(evidence: Evidence, counter: PageCounter[int]) -> dict[int, Candidate]:
    """One line rule per frequent shape, by the shape's hash."""
    return {
        key: Candidate(
            "line",
            (pattern_of(shape),),
            prose=shape.prose,
            support=counter.count(key),
            sample=(shape.sample_line, shape.keep) if shape.keep else None,
        )
        for key, shape in sorted(evidence.shapes.items())
    }


def takes_words(evidence: Evidence, key: int) -> bool:
    """Whether the lines of a shape hold a word: one that does not ("___", "*")
    anchors blocks, but a line rule of its own would take nothing."""
    return bool(words(min(evidence.shapes[key].variants)))


def _anchors(evidence: Evidence, lines: dict[int, Candidate], start: int, end: int) -> bool:
    """Whether a block may start and end at these shapes: lines with words in them.
    A line of symbols ("| |", "*") stands anywhere, in a page laid out otherwise
    even right before its article, so it cannot say where a block is."""
    return start in lines and end in lines and takes_words(evidence, start) and takes_words(evidence, end)


def block_candidates(evidence: Evidence, lines: dict[int, Candidate], policy: Policy) -> list[Candidate]:
    """A block from a chrome line to the next with rarer lines between, where that
    pair is seen on enough pages."""
    return _blocks(evidence, lines, policy, evidence.blocks, evidence.block_spans)


def run_candidates(evidence: Evidence, lines: dict[int, Candidate], policy: Policy) -> list[Candidate]:
    """A block from the first to the last line of a run of chrome lines that
    repeat together, where that run is seen on enough pages."""
    return _blocks(evidence, lines, policy, evidence.runs, evidence.run_spans)


def _blocks(
    evidence: Evidence,
    lines: dict[int, Candidate],
    policy: Policy,
    pairs: PageCounter[tuple[int, int]],
    spans: dict[tuple[int, int], int],
) -> list[Candidate]:
    """Block candidates for the (start, end) ``pairs`` seen on enough pages, each
    allowed a little more than the longest ``spans`` seen between its ends."""
    support = policy.line_support(evidence.pages)
    found = []
    for (start, end), pages in pairs.items():
        if pages < support or not _anchors(evidence, lines, start, end):
            continue
        span = spans.get((start, end), policy.max_block_lines)
        max_lines = min(policy.max_block_lines, span + max(2, span // 4))
        found.append(Candidate("block", (lines[start].patterns[0], lines[end].patterns[0]), max_lines))
    return found


def truncate_candidates(evidence: Evidence, lines: dict[int, Candidate], policy: Policy) -> list[Candidate]:
    """A marker after which every page holding it has only chrome, on enough pages
    to matter and with a tail line rules alone would not take. The marker is said
    once a page, in a few words of its own: a one-word marker ("Search") may stand
    in a page's menu too, and cut the article away. A marker longer than a label
    needs a larger share of the pages: a teaser's title in a list of the week's
    stories stands after the article on a few pages, and over it on its own. A
    line with a sentence right under it on a page is such a title, over its blurb."""
    support = policy.line_support(evidence.pages)
    found = []
    for key, tail in evidence.tails.items():
        seen = tail.clean + tail.dirty
        enough = max(support, policy.tail_pages)
        if key not in lines or tail.clean < enough or tail.gain < support or tail.titles:
            continue
        marker = min(evidence.shapes[key].variants)
        if len(words(marker)) < policy.marker_words or len(marker) < policy.marker_chars:
            continue
        if len(words(marker)) > policy.label_words and tail.clean < policy.title_marker_support(evidence.pages):
            continue  # a title in the same teaser list on a few pages; on that story's page, its headline
        if tail.clean < policy.tail_agreement * seen:
            continue
        found.append(Candidate("truncate", lines[key].patterns))
    return found


def list_candidates(evidence: Evidence, lines: dict[int, Candidate], policy: Policy) -> list[Candidate]:
    """A label line that heads a list of rare short lines on most pages holding it:
    the list goes with it, line by line, until a blank line or a sentence. Not a
    label whose lines ran into the article's sentences on any page: on a new page
    the rule would take them up to the first full stop, a quote with them."""
    support = policy.line_support(evidence.pages)
    found = []
    for key, pages in evidence.lists.items():
        if evidence.in_article[key]:
            continue
        if key in lines and pages >= support and pages >= policy.list_agreement * evidence.labels[key]:
            found.append(Candidate("context", (LIST_ITEM_PATTERN,), label=lines[key].fingerprint))
    return found
