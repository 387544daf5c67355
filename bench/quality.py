"""Quality of the generic set on the dev set: content kept, boilerplate gone.

    python -m bench.quality [--flavor extracted|fullpage|both] [--split all|dev|holdout]
                            [--sample N] [--keep DIR] [--top 10] [--jobs N]
                            [--learnset DIR] [--learnset-split learn|test|all] [--no-devset]

Cleans every dev-set page of ../shared/devset with the generic set only (no
outlet rule files), writes the cleaned copies to a temporary folder (or to
``--keep DIR``) and prints the figures of ../shared/devset/score.py for the
input and for the cleaned copies, on the same cases.

The over-removal guard refuses pages the rules would strip of more than 60%
(85% on a page the classifier recognizes as a whole web page), and a refused
page is passed through unchanged. The cleaned figures are printed twice, with
the default guard (what `cleanwire strip` gives) and with it off (what
`--allow-large-removal` gives), with the number of pages refused.

Then, when ../shared/learnset is there, it cleans the learnset's pages in both
flavors the same way, prints their bag-of-words figures against the gold text
per split, and a table of every generic rule's precision there: the characters
it removed that are in the gold text versus not (see bench/learnset.py).

``--split holdout`` scores only the pages held out while the rules were written
(every page whose number ends in 0 or 5), ``--split dev`` the others.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
FLAVORS = ("extracted", "fullpage")


def load_script(path: Path, name: str) -> ModuleType:
    """A data set's own script (its score.py), imported from where it lies."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_scorer(devset: Path = DEVSET) -> ModuleType:
    """The dev set's own score.py."""
    return load_script(devset / "score.py", "devset_score")


def load_cases(devset: Path = DEVSET) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((devset / "cases.json").read_text(encoding="utf-8"))
    return cases


def in_split(page_id: str, split: str) -> bool:
    held_out = page_id[-1] in "05"
    return split == "all" or (split == "holdout") == held_out


def pick_cases(cases: Sequence[dict[str, Any]], split: str, sample: int | None) -> list[dict[str, Any]]:
    """The split's cases; with ``sample``, that many spread evenly over the set."""
    chosen = [c for c in cases if in_split(c["id"], split)]
    if sample is not None and sample < len(chosen):
        step = len(chosen) / sample
        chosen = [chosen[int(i * step)] for i in range(sample)]
    return chosen


def score_cases(scorer: ModuleType, cases: Iterable[dict[str, Any]], directory: Path) -> tuple[float, float]:
    """score.py's two figures, on the given cases only (score.py itself scores all)."""
    kept = kept_n = gone = gone_n = 0
    for case in cases:
        path = directory / f"{case['id']}.txt"
        text = scorer.fold(path.read_text(encoding="utf-8")) if path.exists() else ""
        for snippet in case["with"]:
            kept_n += 1
            kept += scorer.fold(snippet) in text
        for snippet in case["without"]:
            gone_n += 1
            gone += scorer.fold(snippet) not in text
    return kept / max(kept_n, 1), gone / max(gone_n, 1)


@dataclass
class PageResult:
    page_id: str
    guarded: str
    unguarded: str
    refused: bool
    removed_by_rule: Counter[str] = field(default_factory=Counter)
    # (rule id, removed text) of each decision, for per-rule precision against gold
    removed_texts: list[tuple[str, str]] = field(default_factory=list)


_CLEANER: Any = None
_GUARDED: Any = None  # the same rules with the default guard: what `cleanwire strip` would refuse


def _start_worker() -> None:
    global _CLEANER, _GUARDED
    from cleanwire import Cleaner

    _CLEANER = Cleaner(outlet="none", max_removal=None)
    _GUARDED = Cleaner(_CLEANER.rules, outlet="none")


def clean_page(path: Path) -> PageResult:
    """Clean one page with the guard off, and with the default guard, as `strip` would."""
    if _CLEANER is None:
        _start_worker()
    data = path.read_bytes()
    result = _CLEANER.clean_bytes(data)
    removed: Counter[str] = Counter()
    texts: list[tuple[str, str]] = []
    for decision in result.decisions:
        removed[decision.rule_id] += decision.end - decision.start
        texts.append((decision.rule_id, result.normalized[decision.start : decision.end]))
    # The guard judges the text as the rules see it, which only the cleaner knows.
    guarded = _GUARDED.clean_bytes(data)
    return PageResult(path.stem, guarded.text, result.text, guarded.refused is not None, removed, texts)


def clean_pages(paths: Sequence[Path], jobs: int) -> list[PageResult]:
    if jobs <= 1:
        return [clean_page(p) for p in paths]
    with ProcessPoolExecutor(jobs, initializer=_start_worker) as pool:
        return list(pool.map(clean_page, paths, chunksize=8))


@dataclass
class FlavorFigures:
    flavor: str
    pages: int
    input: tuple[float, float]
    guarded: tuple[float, float]
    unguarded: tuple[float, float]
    refused: int
    removed_by_rule: Counter[str]


def measure_flavor(
    flavor: str, cases: Sequence[dict[str, Any]], out: Path, jobs: int, devset: Path = DEVSET
) -> FlavorFigures:
    scorer = load_scorer(devset)
    source = devset / flavor
    paths = [source / f"{c['id']}.txt" for c in cases]
    results = clean_pages(paths, jobs)
    guarded_dir, unguarded_dir = out / flavor / "guard-on", out / flavor / "guard-off"
    for folder in (guarded_dir, unguarded_dir):
        folder.mkdir(parents=True, exist_ok=True)
    removed: Counter[str] = Counter()
    for page in results:
        (guarded_dir / f"{page.page_id}.txt").write_text(page.guarded, encoding="utf-8")
        (unguarded_dir / f"{page.page_id}.txt").write_text(page.unguarded, encoding="utf-8")
        removed.update(page.removed_by_rule)
    return FlavorFigures(
        flavor=flavor,
        pages=len(results),
        input=score_cases(scorer, cases, source),
        guarded=score_cases(scorer, cases, guarded_dir),
        unguarded=score_cases(scorer, cases, unguarded_dir),
        refused=sum(page.refused for page in results),
        removed_by_rule=removed,
    )


def print_figures(figures: FlavorFigures, split: str, out: Path) -> None:
    print(f"{figures.flavor} ({figures.pages} pages, split {split}; generic set only)")
    print(f"  {'':34}{'content kept':>14}{'boilerplate gone':>18}")
    rows = [
        ("input", figures.input),
        (f"cleaned, default guard ({figures.refused} refused)", figures.guarded),
        ("cleaned, guard off", figures.unguarded),
    ]
    for label, (kept, gone) in rows:
        print(f"  {label:<34}{kept:>14.4f}{gone:>18.4f}")
    print(f"  cleaned copies: {out / figures.flavor}/guard-on and guard-off")


def print_top_rules(removed: Counter[str], top: int) -> None:
    total = sum(removed.values()) or 1
    print("rules that removed the most text (guard off, characters, share of all removed):")
    for rule_id, chars in removed.most_common(top):
        print(f"  {rule_id:<40}{chars:>12,}{chars / total:>8.1%}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flavor", choices=[*FLAVORS, "both"], default="both")
    parser.add_argument("--split", choices=["all", "dev", "holdout"], default="all")
    parser.add_argument("--sample", type=int, default=None, help="score this many pages, spread over the set")
    parser.add_argument("--keep", type=Path, default=None, help="write the cleaned copies here and keep them")
    parser.add_argument("--top", type=int, default=10, help="list the rules that removed the most text")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--learnset", type=Path, default=None, help="the learnset (default ../shared/learnset)")
    parser.add_argument(
        "--learnset-split", choices=["learn", "test", "all"], default="learn", help="the split of the per-rule table"
    )
    parser.add_argument("--no-devset", action="store_true", help="measure on the learnset only")
    options = parser.parse_args(argv)
    from bench.learnset import LEARN_FLAVORS, LEARNSET, measure_learnset, print_learnset

    learnset: Path = options.learnset or LEARNSET
    if not options.no_devset and not (options.devset / "cases.json").is_file():
        print(f"bench.quality: no dev set at {options.devset}", file=sys.stderr)
        return 2
    flavors = FLAVORS if options.flavor == "both" else (options.flavor,)
    with tempfile.TemporaryDirectory(prefix="cleanwire-quality-") as scratch:
        out = options.keep or Path(scratch)
        if not options.no_devset:
            cases = pick_cases(load_cases(options.devset), options.split, options.sample)
            removed: Counter[str] = Counter()
            for flavor in flavors:
                figures = measure_flavor(flavor, cases, out, options.jobs, options.devset)
                print_figures(figures, options.split, out)
                removed.update(figures.removed_by_rule)
            if options.top:
                print_top_rules(removed, options.top)
        if (learnset / "score.py").is_file():
            learned = [measure_learnset(flavor, out, options.jobs, learnset) for flavor in LEARN_FLAVORS]
            print_learnset(learned, options.learnset_split, out)
        else:
            print(f"(no learnset at {learnset}: per-rule precision skipped)")
        if options.keep is None:
            print("(the cleaned copies are deleted; --keep DIR keeps them for score.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
