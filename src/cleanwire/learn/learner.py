"""One outlet's rules learned from its pages: the three passes, then the file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from cleanwire.learn.candidates import (
    Candidate,
    block_candidates,
    line_candidates,
    list_candidates,
    run_candidates,
    takes_words,
    truncate_candidates,
)
from cleanwire.learn.cases import cases_for, failing_cases
from cleanwire.learn.categories import category_for
from cleanwire.learn.domains import registered_domain
from cleanwire.learn.evidence import Evidence, EvidenceCollector
from cleanwire.learn.learned import LearnedRule
from cleanwire.learn.pagelines import page_lines, shape_keys
from cleanwire.learn.policy import Policy
from cleanwire.learn.prose import chrome_prose
from cleanwire.learn.render import OutletBlock, dump, new_document, plain
from cleanwire.learn.shapes import words
from cleanwire.learn.sketch import PageCounter
from cleanwire.learn.sources import Page
from cleanwire.learn.verify import Example, Record, check

Pages = Callable[[], Iterable[Page]]  # each call reads the pages again, from the start
MAX_DOMAINS = 5


class TooFewPages(Exception):
    def __init__(self, outlet: str, pages: int, needed: int) -> None:
        self.outlet = outlet
        self.pages = pages
        self.needed = needed
        super().__init__(f"outlet {outlet!r}: {pages} page{'s' if pages != 1 else ''}; learning needs at least {needed} (--min-docs)")


@dataclass(frozen=True)
class Learned:
    outlet: OutletBlock
    rules: tuple[LearnedRule, ...]
    pages: int

    def yaml(self) -> str:
        return dump(new_document(self.outlet, self.rules))


def learn_outlet(
    outlet: str,
    pages: Pages,
    policy: Policy = Policy(),
    domains: Sequence[str] = (),
    rejected: frozenset[str] = frozenset(),
) -> Learned:
    """``rejected``: fingerprints of rules a person deleted, never learned again."""
    counter, seen_domains = _count(pages)
    if counter.pages < policy.min_docs:
        raise TooFewPages(outlet, counter.pages, policy.min_docs)
    prose = chrome_prose(pages(), counter, policy)
    evidence = _gather(pages, counter, policy, prose)
    lines = line_candidates(evidence, counter)
    candidates = [
        *(candidate for key, candidate in lines.items() if takes_words(evidence, key)),
        *run_candidates(evidence, lines, policy),
        *block_candidates(evidence, lines, policy),
        *truncate_candidates(evidence, lines, policy),
        *list_candidates(evidence, lines, policy),
    ]
    wanted = [c for c in _distinct(candidates) if c.fingerprint not in rejected]
    kept, records = check(outlet, wanted, pages, counter, policy, prose)
    rules = _with_tests(outlet, _learned_rules(outlet, kept, records, counter.pages))
    block = OutletBlock(
        id=outlet,
        name=outlet,
        domains=tuple(sorted(set(domains) | set(_top_domains(seen_domains)))),
        signatures=_signatures(evidence, lines, {r.candidate.fingerprint for r in rules}, counter, policy),
        learned=tuple(sorted(r.candidate.fingerprint for r in rules)),
    )
    return Learned(block, rules, counter.pages)


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per fingerprint; of two blocks, the one allowing more lines."""
    by_fingerprint: dict[str, Candidate] = {}
    for candidate in candidates:
        other = by_fingerprint.get(candidate.fingerprint)
        if other is None or candidate.max_lines > other.max_lines:
            by_fingerprint[candidate.fingerprint] = candidate
    return list(by_fingerprint.values())


def _count(pages: Pages) -> tuple[PageCounter[int], Counter[str]]:
    counter: PageCounter[int] = PageCounter()
    domains: Counter[str] = Counter()
    for page in pages():
        counter.add_page(shape_keys(page.text))
        domain = registered_domain(page.url) if page.url else None
        if domain:
            domains[domain] += 1
    return counter, domains


def _gather(pages: Pages, counter: PageCounter[int], policy: Policy, prose: frozenset[int]) -> Evidence:
    collector = EvidenceCollector(counter.pages, policy)
    for page in pages():
        collector.add_page(page_lines(page.text, counter, policy, prose), page.text.split("\n"))
    return collector.evidence


def _learned_rules(
    outlet: str, kept: list[Candidate], records: dict[str, Record], pages: int
) -> list[LearnedRule]:
    rules = []
    for candidate in kept:
        rule = LearnedRule(candidate, outlet, category_for([]), 0, pages)
        record = records.get(rule.id) or Record()
        example = record.example
        if candidate.kind == "line" and candidate.sample is not None:
            example = example or Example([candidate.sample[0]], candidate.sample[1])
            record.pages = candidate.support
        if example is None:
            continue
        category = category_for(example.removed + record.words)
        rules.append(replace(rule, category=category, pages=record.pages, cases=cases_for(example)))
    return _with_labels(rules)


def _with_labels(rules: list[LearnedRule]) -> list[LearnedRule]:
    lines = {r.candidate.fingerprint for r in rules if r.candidate.kind == "line"}
    return [r for r in rules if r.candidate.kind != "context" or r.candidate.label in lines]


def _with_tests(outlet: str, rules: list[LearnedRule]) -> tuple[LearnedRule, ...]:
    """The rules whose tests from the pages pass; a test that fails (the example
    reads differently alone) takes its rule with it, as a rule ships with tests."""
    block = OutletBlock(outlet, outlet, (), (), ())
    while True:
        failing = failing_cases(plain(new_document(block, rules)), outlet)
        if not failing:
            return tuple(rules)
        bad = {rule_id for rule_id, _ in failing}
        rules = _with_labels([r for r in rules if r.id not in bad])


def _top_domains(domains: Counter[str]) -> list[str]:
    return [domain for domain, _ in sorted(domains.items(), key=lambda item: (-item[1], item[0]))[:MAX_DOMAINS]]


def _signatures(
    evidence: Evidence,
    lines: dict[int, Candidate],
    kept: set[str],
    counter: PageCounter[int],
    policy: Policy,
) -> tuple[str, ...]:
    """Patterns of the kept line rules most pages hold, long enough to be the
    outlet's own words rather than any site's ("Home", "Share")."""
    ranked = []
    for key, shape in evidence.shapes.items():
        candidate = lines.get(key)
        if candidate is None or candidate.fingerprint not in kept or shape.prose:
            continue
        sample = min(shape.variants)
        if len(words(sample)) < 3 or len(sample) < 15:
            continue
        pages = counter.count(key)
        if pages >= policy.signature_share * counter.pages:
            ranked.append((-pages, candidate.patterns[0]))
    return tuple(pattern for _, pattern in sorted(ranked)[: policy.max_signatures])
