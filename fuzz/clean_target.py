"""Coverage-guided fuzzing of decode + normalize + clean (atheris / libFuzzer).

    python -m fuzz.clean_target -max_total_time=600      # ten minutes
    python -m fuzz.clean_target -runs=5000               # a quick run, as CI does

Each input is raw bytes; the first byte picks the cleaner (auto-detect, generic
only, or one outlet forced, with or without mojibake repair). The target checks
the invariants: only InputError may escape, the output is deletion-only, and
cleaning the output again changes nothing. A violation raises, and libFuzzer
saves the input as crash-*.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from cleanwire.pipeline.cleaner import Cleaner
    from cleanwire.pipeline.decode import InputError
    from cleanwire.pipeline.guard import is_deletion_only
    from cleanwire.rules.ruleset import RuleSet

RULES = RuleSet.load()
CLEANERS = [Cleaner(RULES, max_removal=None), Cleaner(RULES, outlet="none", max_removal=None)]
CLEANERS += [Cleaner(RULES, outlet=outlet, max_removal=None) for outlet in sorted(RULES.outlets)]
CLEANERS += [Cleaner(RULES, fix_mojibake=True, max_removal=None)]


def test_one_input(data: bytes) -> None:
    if not data:
        return
    cleaner = CLEANERS[data[0] % len(CLEANERS)]
    try:
        result = cleaner.clean_bytes(data[1:])
    except InputError:
        return
    if not is_deletion_only(result.normalized, result.text):
        raise AssertionError(f"not deletion-only: {data!r}")
    again = cleaner.clean(result.text).text
    if again != result.text:
        raise AssertionError(f"not idempotent: {data!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
