"""Dev-set documents that cleaning changes with no removal decision.

    python -m bench.silent [--normalize safe|full|none]

For each dev-set flavor (../shared/devset/extracted and fullpage): how many
documents come out with bytes other than they came in although no rule removed
anything, and how many of those the report gives no normalization count for (a
silent change). Refused documents are passed through unchanged and do not count.
Only the public API is used, so the same script measures any version; a version
without ``--normalize`` is measured as it is.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from .corpus import DEVSET

FLAVORS = ("extracted", "fullpage")


def measure(mode: str | None) -> dict[str, dict[str, Any]]:
    from cleanwire import Cleaner

    cleaner = Cleaner() if mode is None else Cleaner(normalize=mode)
    figures: dict[str, dict[str, Any]] = {}
    for flavor in FLAVORS:
        changed = silent = 0
        kinds: dict[str, int] = {}
        paths = sorted((DEVSET / flavor).glob("*.txt"))
        for path in paths:
            data = path.read_bytes()
            result = cleaner.clean_bytes(data)
            if result.refused or result.decisions or result.text.encode("utf-8") == data:
                continue
            changed += 1
            counted = {key: value for key, value in asdict(result.stats).items() if value}
            silent += not counted
            for key in counted:
                kinds[key] = kinds.get(key, 0) + 1
        figures[flavor] = {
            "documents": len(paths), "changed_without_decision": changed, "silent": silent, "kinds": kinds
        }
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--normalize", choices=("safe", "full", "none"), help="the mode (default: the version's own)")
    args = parser.parse_args()
    for flavor, row in measure(args.normalize).items():
        kinds = ", ".join(f"{key} {count}" for key, count in sorted(row["kinds"].items(), key=lambda kv: -kv[1]))
        print(
            f"{flavor}: {row['changed_without_decision']} of {row['documents']} changed with no removal decision, "
            f"{row['silent']} of them with no normalization count; documents per kind of change: {kinds or 'none'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
