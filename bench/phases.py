"""Where cleaning spends its time: seconds per pipeline phase, in one process.

    python -m bench.phases [--runs 3]

Cleans every seed and dev-set page (both flavors) with the shipped rules, as
`Cleaner.clean_bytes` does for each file of a batch, with a wall-clock timer
around each phase's function. Phases nest (the rule phases run inside "decide",
the prefilter and the line search inside "structure rules"), so the indented
figures are parts of the one above them, not additions to the total. Prints the
median of --runs runs.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any, Hashable, TypeVar

from cleanwire.pipeline import cleaner
from cleanwire.pipeline import engine
from cleanwire.pipeline.cleaner import Cleaner

from .corpus import source_texts

K = TypeVar("K", bound=Hashable)

# (label, owner, attribute, depth): the function timed for each phase.
PHASES: list[tuple[str, Any, str, int]] = [
    ("decode", cleaner, "decode", 0),
    ("normalize", cleaner, "normalize", 0),
    ("split into lines", cleaner, "split_lines", 0),
    ("detect outlet", cleaner, "detect_outlet", 0),
    ("decide (all rule phases)", cleaner, "decide", 0),
    ("structure rules", engine, "_apply_structure_rule", 1),
    ("prefilter: candidate lines", engine._Matcher, "candidates", 2),
    ("line rules' regex searches", engine._Matcher, "lines_matching", 2),
    ("context rules", engine, "_apply_context_rule", 1),
    ("line classifier", engine, "_apply_classify_rule", 1),
    ("repeats and teasers", engine, "_apply_dedupe_rule", 1),
    ("deletion-only check", cleaner, "is_deletion_only", 0),
    ("over-removal guard", cleaner, "check_removal_share", 0),
]


def timed(spent: defaultdict[K, float], key: Callable[[], K], function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, its seconds added to ``spent[key()]`` (asked for after each call)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key()] += time.perf_counter() - started

    return wrapper


def run_once(documents: list[tuple[str, bytes]]) -> tuple[float, defaultdict[str, float]]:
    """Total seconds and seconds per phase for cleaning ``documents`` once."""
    spent: defaultdict[str, float] = defaultdict(float)
    originals = [(owner, attribute, getattr(owner, attribute)) for _, owner, attribute, _ in PHASES]
    try:
        for label, owner, attribute, _ in PHASES:
            setattr(owner, attribute, timed(spent, functools.partial(str, label), getattr(owner, attribute)))
        clean = Cleaner()
        started = time.perf_counter()
        for _, data in documents:
            clean.clean_bytes(data)
        return time.perf_counter() - started, spent
    finally:
        for owner, attribute, function in originals:
            setattr(owner, attribute, function)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    documents = source_texts()
    size = sum(len(data) for _, data in documents)
    runs = [run_once(documents) for _ in range(options.runs)]
    total = statistics.median(seconds for seconds, _ in runs)
    print(f"{len(documents)} documents, {size / 1e6:.1f} MB; median of {options.runs} runs: "
          f"{total:.2f} s, {size / 1e6 / total:.2f} MB/s")
    print(f"{'phase':<40}{'seconds':>9}{'share':>8}")
    for label, _, _, depth in PHASES:
        seconds = statistics.median(spent[label] for _, spent in runs)
        print(f"{'  ' * depth + label:<40}{seconds:>9.2f}{seconds / total:>8.0%}")


if __name__ == "__main__":
    main()
