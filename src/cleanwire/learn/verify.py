"""The third pass: candidate rules run over the pages as the engine runs them.

A rule that takes a line reading like article text (a sentence too rare to be
chrome) on any page is dropped, and the pass runs again without it, as another
rule may have hidden behind it. What is left is measured: on how many pages each
rule takes a line no rule before it took, and an example of what it takes with
an article sentence near it, for its embedded tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleanwire.learn.candidates import Candidate
from cleanwire.learn.learned import LearnedRule, learned_id
from cleanwire.learn.pagelines import PageLine, chrome_tail_start, page_lines
from cleanwire.learn.policy import Policy
from cleanwire.learn.render import OutletBlock, new_document, plain
from cleanwire.learn.sketch import PageCounter
from cleanwire.learn.sources import Page
from cleanwire.pipeline.engine import decide
from cleanwire.pipeline.segment import split_lines
from cleanwire.rules.loader import Compiled, rule_files_from
from cleanwire.rules.model import BlockMatch, Category, ContextMatch, Decision, Rule, TruncateMatch
from cleanwire.rules.ruleset import RuleSet

MAX_ROUNDS = 4
EXAMPLE_LINES = 8


@dataclass
class Example:
    removed: list[str]  # the lines the rule takes, in page order
    keep: str  # an article sentence of the same page


@dataclass
class Record:
    pages: int = 0
    unsafe: bool = False
    example: Example | None = None
    covered: int = 0  # a truncate rule's pages where the rules before it took its whole tail
    words: list[str] = field(default_factory=list)  # lines it took, for its category


def as_rules(
    outlet: str, candidates: Sequence[Candidate], compiled: Compiled | None = None
) -> tuple[RuleSet, dict[str, Candidate]]:
    """The candidates as the engine's rules, read from the document the file will
    hold (parsed YAML's shape, without writing it out and reading it back)."""
    learned = [LearnedRule(c, outlet, Category.OTHER, 0, 0) for c in candidates]
    block = OutletBlock(outlet, outlet, (), (), ())
    (rule_file,) = rule_files_from([(Path(f"<learning {outlet}>"), plain(new_document(block, learned)))], None, compiled)
    return RuleSet.from_files([rule_file]), {rule.id: rule.candidate for rule in learned}


def check(
    outlet: str,
    candidates: Sequence[Candidate],
    pages: Callable[[], Iterable[Page]],
    counter: PageCounter[int],
    policy: Policy,
    chrome_prose: frozenset[int] = frozenset(),
) -> tuple[list[Candidate], dict[str, Record]]:
    """The candidates that take no article text and still take lines on enough
    pages once the rules before them took theirs, with what each does there."""
    kept = sorted(candidates, key=lambda c: c.order)
    records: dict[str, Record] = {}
    compiled: Compiled = {}  # a pattern compiled in one round is compiled in the next
    for _ in range(MAX_ROUNDS):
        kept, records = _run_kept(outlet, kept, pages, counter, policy, chrome_prose, compiled)
        unsafe = {rule_id for rule_id, record in records.items() if record.unsafe}
        if not unsafe:
            break
        kept = [c for c in kept if _id(outlet, c) not in unsafe]
    else:
        kept = [c for c in kept if not records[_id(outlet, c)].unsafe]
    # Dropping a rule that takes too little only leaves more to the rules after
    # it, so one more run measures what is kept.
    support = policy.line_support(counter.pages)
    kept = [c for c in kept if c.kind == "line" or _enough(records[_id(outlet, c)], support, policy, counter.pages)]
    kept, records = _run_kept(outlet, kept, pages, counter, policy, chrome_prose, compiled)
    return [c for c in kept if not records[_id(outlet, c)].unsafe], records


def _enough(record: Record, support: int, policy: Policy, pages: int) -> bool:
    """Whether a rule takes lines on enough pages. A truncate rule whose marker ends
    a tail the other rules take anyway needs the support of a marker that may be a
    teaser's title (``truncate_candidates``)."""
    if record.pages - record.covered >= support:
        return True
    return record.pages >= policy.title_marker_support(pages)


def _run_kept(
    outlet: str,
    candidates: list[Candidate],
    pages: Callable[[], Iterable[Page]],
    counter: PageCounter[int],
    policy: Policy,
    chrome_prose: frozenset[int],
    compiled: Compiled,
) -> tuple[list[Candidate], dict[str, Record]]:
    kept = _with_labels(candidates)
    ruleset, _ = as_rules(outlet, kept, compiled)
    return kept, _run(ruleset, outlet, pages, counter, policy, chrome_prose)


def _id(outlet: str, candidate: Candidate) -> str:
    return learned_id(outlet, candidate.kind, candidate.fingerprint)


def _with_labels(candidates: list[Candidate]) -> list[Candidate]:
    """Context rules whose label's line rule is still there."""
    lines = {c.fingerprint for c in candidates if c.kind == "line"}
    return [c for c in candidates if c.kind != "context" or c.label in lines]


def _run(
    ruleset: RuleSet,
    outlet: str,
    pages: Callable[[], Iterable[Page]],
    counter: PageCounter[int],
    policy: Policy,
    chrome_prose: frozenset[int],
) -> dict[str, Record]:
    rule_file = ruleset.outlets[outlet]
    rules = rule_file.rules
    records = {rule.id: Record() for rule in rules}
    for number, page in enumerate(pages()):
        if number >= policy.verify_pages:
            break
        lines = split_lines(page.text)
        flags = page_lines(page.text, counter, policy, chrome_prose)
        texts = list(lines.texts())
        decisions = decide(lines, rules, literals=ruleset.literals)
        first = _first_truncate(rules, texts)
        covered = []
        if first is not None and not any(d.rule_id == first.rule_id for d in decisions):
            covered = [first]
            records[first.rule_id].covered += 1
        # Of the truncate rules, only the one whose marker comes first ends this
        # page's article: a later marker (a teaser's title in the list the first
        # heads) is not credited with the page, though its rule takes lines.
        later = {r.id for r in rules if isinstance(r.match, TruncateMatch)} - {first.rule_id if first else ""}
        chrome_from = chrome_tail_start(flags, policy.tail_stray_share)
        _record_page(decisions + covered, texts, flags, chrome_from, {r.id: r for r in rules}, records, later)
    return records


def _first_truncate(rules: Sequence[Rule], texts: list[str]) -> Decision | None:
    """A decision on the marker line of the truncate rule whose marker comes first
    on the page. Where the rules before it took the whole tail (line rules,
    blocks) it takes nothing on the pages it learns from, but it is the one rule
    that takes a new page's tail, whose teasers and lists no learn page had."""
    markers = []
    for order, rule in enumerate(rules):
        match = rule.match
        if isinstance(match, TruncateMatch) and match.direction == "after":
            found = next((n for n, text in enumerate(texts) if text and match.marker.search(text)), None)
            if found is not None:
                markers.append((found, order, rule))
    if not markers:
        return None
    position, _, rule = min(markers, key=lambda marker: marker[:2])
    return Decision(rule.id, rule.category, position, position + 1, 0, 0)


def _record_page(
    decisions: list[Decision],
    texts: list[str],
    flags: list[PageLine | None],
    chrome_from: int | None,
    rules: dict[str, Rule],
    records: dict[str, Record],
    uncounted: set[str],
) -> None:
    """``chrome_from``: where the page's chrome tail starts (``chrome_tail_start``);
    a truncate rule may take the lone sentences there, no other rule may. The
    rules in ``uncounted`` are checked on the page but not credited with it."""
    taken: set[int] = set()
    first: dict[str, Decision] = {}
    for decision in decisions:
        record = records[decision.rule_id]
        # Where a truncate rule may take lone sentences: nowhere for other rules.
        tail_from = chrome_from if chrome_from is not None and isinstance(rules[decision.rule_id].match, TruncateMatch) else len(flags)
        for index in decision.lines():
            taken.add(index)
            flag = flags[index]
            if flag is not None and flag.guarded and index < tail_from:
                record.unsafe = True
        first.setdefault(decision.rule_id, decision)
    gold = [i for i, flag in enumerate(flags) if flag is not None and flag.gold_like and i not in taken]
    for rule_id, decision in first.items():
        if rule_id in uncounted:
            continue
        record = records[rule_id]
        record.pages += 1
        if len(record.words) < EXAMPLE_LINES:
            record.words.extend(texts[decision.line_start:decision.line_end][: EXAMPLE_LINES - len(record.words)])
        if record.example is None and gold:
            removed = _instance(rules[rule_id], decision, texts)
            if removed:
                keep = min(gold, key=lambda i: (abs(i - decision.line_start), i))
                record.example = Example(removed, texts[keep])


def _instance(rule: Rule, decision: Decision, texts: list[str]) -> list[str]:
    """The lines one match of ``rule`` spans around ``decision``: for a block or a
    truncate rule that starts at its marker, though a line rule took the marker."""
    start, end = decision.line_start, decision.line_end
    match = rule.match
    if isinstance(match, BlockMatch) and match.end is not None:
        while start > 0 and not match.start.search(texts[start]):
            start -= 1
        while end < len(texts) and not match.end.search(texts[end - 1]):
            end += 1
    elif isinstance(match, TruncateMatch):
        while start > 0 and not match.marker.search(texts[start]):
            start -= 1
        end = min(len(texts), start + EXAMPLE_LINES)
    elif isinstance(match, ContextMatch):
        start = max(0, start - 1)  # the label
    return [text for text in texts[start:end] if text]
