"""Peak memory of cleaning one document, as a multiple of its size, by line shape.

    python -m bench.memory [--size 4000000]

Cleans synthetic documents of about --size bytes each, of several line-length
distributions, each in a fresh child process, and prints the child's peak RSS
growth over a baseline child that only imports cleanwire and loads the rules,
divided by the document's size. The promise: every row at most 30x.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections.abc import Callable

LIMIT = 30.0
WORDS = "the council met on monday to discuss budget for next year and said it was".split()


def one_letter_lines(size: int) -> str:
    return "a\n" * (size // 2)


def short_lines(size: int) -> str:
    """Ten characters a line."""
    return "abcde fghi\n" * (size // 11)


def sentence_lines(size: int) -> str:
    """Eighty characters a line, one paragraph each."""
    line = ("The council met on Monday to discuss the budget for the next year, it said. " * 2)[:79]
    return (line + "\n\n") * (size // 81)


def one_long_line(size: int) -> str:
    return ("word " * (size // 5)).rstrip() + "\n"


def mixed_lines(size: int) -> str:
    """Lengths from 1 to 2000, blank lines between some, and some junk to remove."""
    rng = random.Random(7)
    parts: list[str] = []
    total = 0
    while total < size:
        length = rng.choice((1, 3, 10, 40, 80, 200, 2000))
        line = " ".join(rng.choice(WORDS) for _ in range(max(1, length // 5)))[:length] or "x"
        if rng.random() < 0.05:
            line += " Read more"
        parts.append(line)
        if rng.random() < 0.3:
            parts.append("")
        total += len(line) + 1
    return "\n".join(parts) + "\n"


DOCUMENTS: dict[str, Callable[[int], str]] = {
    "1-char lines": one_letter_lines,
    "10-char lines": short_lines,
    "80-char lines": sentence_lines,
    "one long line": one_long_line,
    "mixed": mixed_lines,
}

# Run in a child: prints its peak RSS in KiB after loading the rules, and after cleaning.
_CHILD = """
import resource, sys
from cleanwire.pipeline.cleaner import Cleaner
from bench.memory import DOCUMENTS
cleaner = Cleaner(max_removal=None)
cleaner.clean("warm up the rules.\\n")
name, size = sys.argv[1], int(sys.argv[2])
data = DOCUMENTS[name](size).encode() if name else b""
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if data:
    cleaner.clean_bytes(data)
print(len(data), baseline, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_kib(name: str, size: int) -> tuple[int, int, int]:
    """(document bytes, baseline peak KiB, peak KiB after cleaning) in a fresh child."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, name, str(size)], capture_output=True, text=True, check=True
    )
    data_bytes, baseline, peak = map(int, done.stdout.split())
    return data_bytes, baseline, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=4_000_000, help="bytes per document (default 4 MB)")
    args = parser.parse_args()
    # The baseline child loads the rules and cleans nothing: the growth over it is the document's cost.
    _, _, baseline = peak_kib("", 0)
    print(f"{'document':<16} {'bytes':>10} {'peak growth':>12} {'x input':>8}")
    worst = 0.0
    for name in DOCUMENTS:
        data_bytes, _, peak = peak_kib(name, args.size)
        growth = max(0, peak - baseline) * 1024
        ratio = growth / data_bytes
        worst = max(worst, ratio)
        print(f"{name:<16} {data_bytes:>10} {growth / 1e6:>10.1f}MB {ratio:>7.1f}x")
    print(f"worst {worst:.1f}x (limit {LIMIT:g}x)")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
