"""Whether the normalization mode changes anything but layout, on the seeds and the dev set.

    python -m bench.layout_only [--mode safe|none]

Cleans every document twice, with ``--normalize full`` (the old behaviour) and
with MODE, and checks that the two agree on everything but whitespace inside
lines: the outlet, the refusal, every decision's rule, category and lines, and
the output once each of its lines is laid out as full normalization would (no
indentation, one space between words, NFC). Prints each document that differs
otherwise, and counts; exits 1 if any does.
"""

from __future__ import annotations

import argparse
import unicodedata
from typing import TYPE_CHECKING

from .corpus import source_texts

if TYPE_CHECKING:
    from cleanwire import CleanResult


def _laid_out(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in unicodedata.normalize("NFC", text).split("\n"))


def _facts(result: CleanResult) -> tuple[object, ...]:
    decisions = [(d.rule_id, d.category, d.line_start, d.line_end, d.inline) for d in result.decisions]
    return result.detection.outlet, bool(result.refused), decisions


def main() -> int:
    from cleanwire import Cleaner

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=("safe", "none"), default="safe")
    args = parser.parse_args()
    full = Cleaner(normalize="full")
    other = Cleaner(full.rules, normalize=args.mode)
    same = layout_only = differ = 0
    for name, data in source_texts():
        a, b = full.clean_bytes(data), other.clean_bytes(data)
        facts_a, facts_b = _facts(a), _facts(b)
        if facts_a == facts_b and a.text == b.text:
            same += 1
        elif facts_a == facts_b and _laid_out(a.text) == _laid_out(b.text):
            layout_only += 1
        else:
            differ += 1
            print(f"differs beyond layout: {name}")
    print(f"{same} identical, {layout_only} differ in layout only, {differ} differ otherwise")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
