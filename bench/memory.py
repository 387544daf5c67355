"""Peak memory of cleaning one document, as a multiple of its size, by line shape.

    python -m bench.memory [--size 4000000] [--document mixed ...]

Cleans synthetic documents of about --size bytes each, of several line-length
distributions, each in a fresh child process, and prints what cleaning took: the
child's peak resident size while cleaning over what it held just before, plus
the document's own bytes, divided by the document's size. On Linux the peak is
reset before cleaning (/proc/self/clear_refs), so loading the rules, however it
peaked, does not hide part of it; elsewhere the peak is compared with a child
that only loads the rules. The promise: every row at most 30x.
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

# Run in a child: prints the document's bytes and the memory (KiB) cleaning it took
# above what the process held just before, the document's own bytes included.
# Linux resets the peak (VmHWM) through /proc/self/clear_refs, so the rules'
# loading, however it peaked, is not mixed in; elsewhere the peak is compared
# with a child that only loads the rules (-1 says so).
_CHILD = """
import gc, resource, sys
from cleanwire.pipeline.cleaner import Cleaner
from bench.memory import DOCUMENTS, reset_peak, status_kib
cleaner = Cleaner(max_removal=None)
cleaner.clean("warm up the rules.\\n")
name, size = sys.argv[1], int(sys.argv[2])
data = DOCUMENTS[name](size).encode() if name else b""
gc.collect()
if reset_peak():
    before = status_kib("VmRSS") - len(data) // 1024
    cleaner.clean_bytes(data)
    print(len(data), status_kib("VmHWM") - before)
else:
    if data:
        cleaner.clean_bytes(data)
    print(len(data), -1, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def reset_peak() -> bool:
    """Start this process's peak resident size afresh (Linux), if it can be."""
    try:
        with open("/proc/self/clear_refs", "w") as control:
            control.write("5")
        return True
    except OSError:
        return False


def status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


def growth_kib(name: str, size: int, baseline_peak: int | None) -> tuple[int, int]:
    """(document bytes, KiB cleaning it took) in a fresh child."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, name, str(size)], capture_output=True, text=True, check=True
    )
    fields = list(map(int, done.stdout.split()))
    if fields[1] >= 0:
        return fields[0], fields[1]
    return fields[0], max(0, fields[2] - (baseline_peak or 0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=4_000_000, help="bytes per document (default 4 MB)")
    parser.add_argument(
        "--document", action="append", choices=list(DOCUMENTS), help="only these documents (default: all)"
    )
    args = parser.parse_args()
    # Where the peak cannot be reset, a child that loads the rules and cleans nothing is the baseline.
    baseline_peak = None if reset_peak() else growth_kib("", 0, None)[1]
    print(f"{'document':<16} {'bytes':>10} {'peak growth':>12} {'x input':>8}")
    worst = 0.0
    for name in args.document or DOCUMENTS:
        data_bytes, kib = growth_kib(name, args.size, baseline_peak)
        growth = kib * 1024
        ratio = growth / data_bytes
        worst = max(worst, ratio)
        print(f"{name:<16} {data_bytes:>10} {growth / 1e6:>10.1f}MB {ratio:>7.1f}x")
    print(f"worst {worst:.1f}x (limit {LIMIT:g}x)")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
