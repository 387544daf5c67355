"""Every decision and output byte on the seeds and the dev set, to compare two versions.

    python -m bench.identity --out before.jsonl          # on one version
    python -m bench.identity --out after.jsonl           # on another
    python -m bench.identity --compare before.jsonl after.jsonl

Writes one JSON line per document (seeds, then both dev-set flavors): the outlet
and how it was found, the encoding, the refusal, every decision (rule, category,
lines, span, inline) and a hash of the bytes `strip` writes. Only the public API
(`cleanwire.Cleaner`) is used, so the same script runs on any version. The
comparison prints the documents that differ and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from .corpus import source_texts


def fingerprints() -> list[dict[str, Any]]:
    from cleanwire import Cleaner

    cleaner = Cleaner()
    rows = []
    for name, data in source_texts():
        try:
            result = cleaner.clean_bytes(data)
        except Exception as exc:  # a failure is a decision too
            rows.append({"name": name, "error": f"{type(exc).__name__}: {exc}"})
            continue
        output = data if result.refused else result.text.encode("utf-8")
        rows.append(
            {
                "name": name,
                "outlet": result.detection.outlet,
                "method": result.detection.method,
                "encoding": result.encoding,
                "refused": result.refused,
                "decisions": [
                    [d.rule_id, d.category.value, d.line_start, d.line_end, d.start, d.end, d.inline]
                    for d in result.decisions
                ],
                "output_sha256": hashlib.sha256(output).hexdigest(),
            }
        )
    return rows


def compare(before: Path, after: Path) -> int:
    old = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines()]
    new = [json.loads(line) for line in after.read_text(encoding="utf-8").splitlines()]
    differ = [a["name"] for a, b in zip(old, new) if a != b]
    if len(old) != len(new):
        print(f"document counts differ: {len(old)} before, {len(new)} after")
    for name in differ:
        print(f"differs: {name}")
    same = len(old) - len(differ)
    print(f"identical on {same} of {len(old)} documents")
    return 1 if differ or len(old) != len(new) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="write the fingerprints here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give --out FILE or --compare BEFORE AFTER")
    with args.out.open("w", encoding="utf-8") as handle:
        for row in fingerprints():
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
