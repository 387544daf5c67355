"""Per-rule precision of the generic set on the learnset (../shared/learnset).

The learnset holds news pages of nine outlets with a person's gold article text.
Every page is cleaned with the generic set only, in both flavors (``pages``:
whole-page text, ``extracted``: trafilatura's text). For each rule, the
characters it removed are split into lines that stand in the gold text (article
text lost) and lines that do not (junk gone); precision is the second share. A
line counts as in gold when its words, in order, stand in the gold's words (for the
rules that remove repeats: more often than in the cleaned text), so a short label that happens to match a phrase of the article counts against the rule:
the figure errs on the side of the article.

The cleaned copies are scored with the learnset's own metric (a bag of words
against gold, summed over pages), on the learn and the test split.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from bench.quality import ROOT, clean_pages, load_script
from cleanwire.rules.model import Category
from cleanwire.rules.ruleset import RuleSet

LEARNSET = ROOT.parent / "shared" / "learnset"
LEARN_FLAVORS = ("extracted", "pages")
SPLITS = ("learn", "test")
_TOKEN = re.compile(r"\w+")
_MIN_PHRASE_WORDS = 3


def load_learnset_scorer(learnset: Path = LEARNSET) -> ModuleType:
    """The learnset's own score.py."""
    return load_script(learnset / "score.py", "learnset_score")


def token_text(text: str) -> str:
    """The text's words, lowercased, one space apart and one at each end."""
    return " " + " ".join(t.lower() for t in _TOKEN.findall(text)) + " "


@dataclass
class RuleTally:
    in_gold: int = 0
    not_in_gold: int = 0

    @property
    def precision(self) -> float:
        total = self.in_gold + self.not_in_gold
        return self.not_in_gold / total if total else 1.0


@dataclass
class SplitScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class LearnFigures:
    flavor: str
    pages: int
    tallies: dict[str, dict[str, RuleTally]] = field(default_factory=dict)  # split -> rule -> tally
    cleaned: dict[str, SplitScore] = field(default_factory=dict)
    input: dict[str, SplitScore] = field(default_factory=dict)


def tally_removals(
    removed: Iterable[tuple[str, str]],
    gold_tokens: str,
    output_tokens: str,
    into: dict[str, RuleTally],
    repeat_rules: frozenset[str] = frozenset(),
    gold_lines: frozenset[str] = frozenset(),
) -> None:
    """Count each removed line's characters as in gold or not, by rule. For the
    rules that remove repeats (``repeat_rules``) a removed line counts as in gold
    only when the gold text holds it more often than the output still does: a
    repeat removed while its first copy stays costs nothing. A line of one or two
    words ("Home", "Share") counts as in gold only when a gold line is just that:
    as a phrase it stands in most articles."""
    for rule_id, text in removed:
        tally = into.setdefault(rule_id, RuleTally())
        for line in text.split("\n"):
            chars = len(line.strip())
            tokens = token_text(line)
            kept = output_tokens.count(tokens) if rule_id in repeat_rules else 0
            if len(tokens.split()) < _MIN_PHRASE_WORDS:
                in_gold = tokens.strip() != "" and tokens in gold_lines
            else:
                in_gold = gold_tokens.count(tokens) > kept
            if in_gold:
                tally.in_gold += chars
            else:
                tally.not_in_gold += chars


def measure_learnset(flavor: str, out: Path, jobs: int, learnset: Path = LEARNSET) -> LearnFigures:
    scorer = load_learnset_scorer(learnset)
    paths = sorted((learnset / flavor).glob("*/*.txt"))
    results = clean_pages(paths, jobs)
    repeat_rules = frozenset(rule.id for f in RuleSet.load().files for rule in f.rules if rule.category is Category.DUPLICATE)
    figures = LearnFigures(flavor, len(paths))
    for split in SPLITS:
        figures.tallies[split] = {}
        figures.cleaned[split] = SplitScore()
        figures.input[split] = SplitScore()
    for path, page in zip(paths, results):
        outlet = path.parent.name
        split = "test" if scorer.is_test(int(path.stem)) else "learn"
        target = out / f"learnset-{flavor}" / outlet / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.guarded, encoding="utf-8")
        gold_text = (learnset / "gold" / outlet / path.name).read_text(encoding="utf-8")
        tally_removals(
            page.removed_texts,
            token_text(gold_text), token_text(page.unguarded), figures.tallies[split], repeat_rules,
            frozenset(map(token_text, gold_text.splitlines())),
        )
        gold = scorer.bag(gold_text)
        for text, score in ((page.guarded, figures.cleaned[split]), (path.read_text(encoding="utf-8"), figures.input[split])):
            bag = scorer.bag(text)
            tp = sum((bag & gold).values())
            score.tp += tp
            score.fp += sum(bag.values()) - tp
            score.fn += sum(gold.values()) - tp
    return figures


def print_learnset(figures: Sequence[LearnFigures], split: str, out: Path) -> None:
    for f in figures:
        print(f"learnset {f.flavor} ({f.pages} pages; generic set only, default guard)")
        for name in SPLITS:
            for label, score in (("input", f.input[name]), ("cleaned", f.cleaned[name])):
                p, r, f1 = score.prf()
                print(f"  {name:<6}{label:<9} P {p:.5f}  R {r:.5f}  F1 {f1:.5f}")
        print(f"  cleaned copies: {out / ('learnset-' + f.flavor)}")
    splits = SPLITS if split == "all" else (split,)
    print(f"per-rule precision on the learnset ({'+'.join(splits)} split; guard off; characters in gold / not):")
    header = "".join(f"{fl.flavor + ' gold/junk':>26}{'prec':>7}" for fl in figures)
    print(f"  {'rule':<36}{header}")
    rules: dict[str, list[RuleTally]] = defaultdict(lambda: [RuleTally() for _ in figures])
    for position, f in enumerate(figures):
        for name in splits:
            for rule_id, tally in f.tallies[name].items():
                summed = rules[rule_id][position]
                summed.in_gold += tally.in_gold
                summed.not_in_gold += tally.not_in_gold
    for rule_id in sorted(rules, key=lambda r: -sum(t.in_gold + t.not_in_gold for t in rules[r])):
        cells = "".join(f"{f'{t.in_gold:,} / {t.not_in_gold:,}':>26}{t.precision:>7.1%}" for t in rules[rule_id])
        flag = "  < 95%" if any(t.precision < 0.95 and t.in_gold for t in rules[rule_id]) else ""
        print(f"  {rule_id:<36}{cells}{flag}")
