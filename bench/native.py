"""The native core against the pure-Python path, in one process, phase by phase.

    python -m bench.native [--every 1]

Makes a cleaner on each path (``CLEANWIRE_NATIVE=1`` and ``=0``) and cleans every
seed and dev-set page (every --every-th) with both in turn, which one goes first
alternating from page to page, timing the phases of ``bench.phases`` per path: the
machine's load, which drifts over a run, weighs on both paths alike. Prints the
seconds of each phase on each path and the ratio pure Python / native (above 1:
the native path is faster). Exits 2 when the native core is not built.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from collections import defaultdict

from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.rules import native

from .corpus import source_texts
from .phases import PHASES, timed

PATHS = ("native", "python")


def _on_path(path: list[str], label: str) -> tuple[str, str]:
    """The phase ``label`` of the path ``path[0]`` names: the one running now."""
    return path[0], label


def _cleaners() -> dict[str, Cleaner]:
    """A cleaner on each path; the path is chosen when its rules first search."""
    made = {}
    for name, setting in zip(PATHS, ("1", "0")):
        os.environ[native.ENVIRONMENT_VARIABLE] = setting
        cleaner = Cleaner()
        cleaner.rules.literals.native()
        made[name] = cleaner
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every", type=int, default=1, help="clean every n-th page only")
    options = parser.parse_args()
    if not native.enabled():
        print("the native core is not built (or CLEANWIRE_NATIVE=0)", file=sys.stderr)
        sys.exit(2)
    cleaners = _cleaners()
    documents = source_texts()[:: options.every]
    spent: defaultdict[tuple[str, str], float] = defaultdict(float)
    path = [PATHS[0]]
    originals = [(owner, attribute, getattr(owner, attribute)) for _, owner, attribute, _ in PHASES]
    try:
        for label, owner, attribute, _ in PHASES:
            setattr(owner, attribute, timed(spent, functools.partial(_on_path, path, label), getattr(owner, attribute)))
        for turn, (_, data) in enumerate(documents):
            for name in PATHS if turn % 2 == 0 else PATHS[::-1]:
                path[0] = name
                started = time.perf_counter()
                cleaners[name].clean_bytes(data)
                spent[(name, "whole run")] += time.perf_counter() - started
    finally:
        for owner, attribute, function in originals:
            setattr(owner, attribute, function)
    size = sum(len(data) for _, data in documents) / 1e6
    print(f"{len(documents)} documents, {size:.1f} MB, each cleaned on both paths in turn; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'phase':<40}{'native s':>10}{'python s':>10}{'python/native':>15}")
    for label, depth in [("whole run", 0)] + [(label, depth) for label, _, _, depth in PHASES]:
        on_native, on_python = spent[("native", label)], spent[("python", label)]
        ratio = f"{on_python / on_native:.2f}x" if on_native else "-"
        print(f"{'  ' * depth + label:<40}{on_native:>10.2f}{on_python:>10.2f}{ratio:>15}")
    whole = {name: spent[(name, "whole run")] for name in PATHS}
    print(f"MB/s: native {size / whole['native']:.2f}, python {size / whole['python']:.2f}")


if __name__ == "__main__":
    main()
