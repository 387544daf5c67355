"""The second pass: what the frequent shapes look like, and which of them open a
block, mark a tail of chrome or head a list. Every table here is keyed by shape
hashes the first pass found frequent, or pruned as the page counter is."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cleanwire.learn.pagelines import PageLine, chrome_tail_start
from cleanwire.learn.policy import Policy
from cleanwire.learn.sketch import PageCounter


@dataclass
class ShapeEvidence:
    shape: str
    prose: bool
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)  # line -> its slot values
    tail: int = -1  # for lines known by their first words: the longest rest seen
    head: int = -1  # for lines known by their last words: the longest start seen
    sample_line: str = ""  # a line of the shape as a page has it ...
    keep: str = ""  # ... and the article sentence nearest it there

    @property
    def sampled(self) -> bool:
        return bool(self.keep)

    def add(self, line: PageLine, limit: int) -> None:
        self.tail = max(self.tail, line.tail)
        self.head = max(self.head, line.head)
        if line.text in self.variants:
            return
        self.variants[line.text] = line.folded.values
        if len(self.variants) > limit:
            del self.variants[max(self.variants)]  # keep the smallest: the same whatever the order


@dataclass
class TailEvidence:
    clean: int = 0  # pages where nothing after the marker reads like article text
    dirty: int = 0
    gain: int = 0  # clean pages where the tail holds lines no line rule takes
    titles: int = 0  # pages where a sentence comes right after it: a teaser's title over its blurb


@dataclass
class Evidence:
    pages: int
    shapes: dict[int, ShapeEvidence] = field(default_factory=dict)
    blocks: PageCounter[tuple[int, int]] = field(default_factory=PageCounter)  # (start, end) pairs with rare lines between
    block_spans: dict[tuple[int, int], int] = field(default_factory=dict)  # longest span seen
    runs: PageCounter[tuple[int, int]] = field(default_factory=PageCounter)  # (first, last) of chrome runs
    run_spans: dict[tuple[int, int], int] = field(default_factory=dict)
    tails: dict[int, TailEvidence] = field(default_factory=dict)
    lists: Counter[int] = field(default_factory=Counter)  # label -> pages where it heads a list
    labels: Counter[int] = field(default_factory=Counter)  # label -> pages holding it
    in_article: Counter[int] = field(default_factory=Counter)  # label -> pages where its lines run into article text


MIN_RUN_LINES = 3
# Ends tried for a block from one start: the nearest few chrome lines after changing
# ones. A farther end spans more of the page, and on a page laid out otherwise (a
# menu item repeated in the footer) it may span the article.
MAX_BLOCK_ENDS = 4


class EvidenceCollector:
    def __init__(self, pages: int, policy: Policy) -> None:
        self.policy = policy
        self.evidence = Evidence(pages)

    def add_page(self, lines: list[PageLine | None], texts: list[str]) -> None:
        present = [line for line in lines if line is not None]
        gold = [line.index for line in present if line.gold_like]
        for line in present:
            if line.frequent:
                evidence = self.evidence.shapes.get(line.key)
                if evidence is None:
                    evidence = self.evidence.shapes[line.key] = ShapeEvidence(line.folded.shape, line.prose)
                evidence.add(line, self.policy.variants_kept)
                if not evidence.sampled and gold:
                    nearest = min(gold, key=lambda i: (abs(i - line.index), i))
                    evidence.sample_line, evidence.keep = texts[line.index], texts[nearest]
        self._blocks(present)
        self._runs(present)
        self._tails(lines)
        self._lists(lines)

    def _blocks(self, present: list[PageLine]) -> None:
        """Pairs of chrome lines with rarer lines between them and no prose: the
        start and end of a menu, a footer or a list whose items change."""
        pairs: set[tuple[int, int]] = set()
        spans = self.evidence.block_spans
        for i, start in enumerate(present):
            if not start.frequent or start.prose:
                continue
            rare = ends = 0
            for j in range(i + 1, min(len(present), i + self.policy.max_block_lines)):
                line = present[j]
                if line.guarded:
                    break
                if not line.frequent:
                    rare += 1
                    continue
                if line.key == start.key:
                    break
                if rare and not line.prose:
                    pair = (start.key, line.key)
                    pairs.add(pair)
                    spans[pair] = max(spans.get(pair, 0), j - i + 1)
                    ends += 1
                    if ends == MAX_BLOCK_ENDS:
                        break
        self.evidence.blocks.add_page(pairs)
        if self.evidence.blocks.pages % self.evidence.blocks.bucket == 0:
            for pair in [p for p in spans if p not in self.evidence.blocks]:
                del spans[pair]

    def _runs(self, present: list[PageLine]) -> None:
        """Runs of three or more chrome lines in a row (blank lines aside): a menu or
        a footer, to be taken whole from its first line to its last."""
        runs: set[tuple[int, int]] = set()
        spans = self.evidence.run_spans
        first = 0
        for n in range(len(present) + 1):
            if n < len(present) and present[n].frequent and not present[n].prose:
                continue
            if n - first >= MIN_RUN_LINES:
                start, end = present[first], present[n - 1]
                if start.key != end.key:
                    pair = (start.key, end.key)
                    runs.add(pair)
                    spans[pair] = max(spans.get(pair, 0), n - first)
            first = n + 1
        self.evidence.runs.add_page(runs)
        if self.evidence.runs.pages % self.evidence.runs.bucket == 0:
            for pair in [p for p in spans if p not in self.evidence.runs]:
                del spans[pair]

    def _tails(self, lines: list[PageLine | None]) -> None:
        """For the first place of each chrome line, whether all that follows it on
        this page is chrome (as a truncate rule cuts at the first marker)."""
        chrome_from = chrome_tail_start(lines, self.policy.tail_stray_share)
        if chrome_from is None:
            return  # a page without article text says nothing about where the article ends
        present = [line for line in lines if line is not None]
        rare_after = [0] * (len(present) + 1)
        for n in range(len(present) - 1, -1, -1):
            rare_after[n] = rare_after[n + 1] + (0 if present[n].frequent else 1)
        places = Counter(line.key for line in present)
        seen: set[int] = set()
        for n, line in enumerate(present):
            if not line.frequent or line.prose or line.key in seen:
                continue
            seen.add(line.key)
            tail = self.evidence.tails.setdefault(line.key, TailEvidence())
            if n + 1 < len(present) and present[n + 1].prose:
                tail.titles += 1
            if line.index >= chrome_from and places[line.key] == 1:
                tail.clean += 1
                tail.gain += 1 if rare_after[n + 1] else 0
            else:
                tail.dirty += 1

    def _lists(self, lines: list[PageLine | None]) -> None:
        """Chrome labels directly over two or more rare lines that are not prose.
        Where those lines run straight into the article's sentences (one, then
        another beside it, with no blank line between), they are the article's
        own (a pull quote, a list in the text): the label is then counted as one
        inside the article. A single sentence there is a list item that reads
        like one ("8. Did the senator know?")."""
        counted: set[int] = set()
        for i, label in enumerate(lines):
            if label is None or not label.frequent or label.prose or label.key in counted:
                continue
            counted.add(label.key)
            self.evidence.labels[label.key] += 1
            run = 0
            for line in lines[i + 1:]:
                if line is None or line.frequent or line.prose or line.guarded:
                    break
                run += 1
            if run >= 2 and _sentences_at(lines, i + 1 + run):
                self.evidence.in_article[label.key] += 1
            elif run >= 2:
                self.evidence.lists[label.key] += 1


def _sentences_at(lines: list[PageLine | None], start: int) -> bool:
    """Whether the article's sentences start at ``start``: it and the next line
    holding words both read like article text."""
    first = lines[start] if start < len(lines) else None
    after = next((line for line in lines[start + 1 :] if line is not None), None)
    return first is not None and after is not None and first.gold_like and after.gold_like
