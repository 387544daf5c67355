"""Learned rules measured on the learnset: learn each outlet from its learn pages,
clean its test pages with the learned file and the generic set, and score them.

    python -m bench.learned [--flavor pages|extracted|both] [--keep DIR] [--outlet ID ...]

For each flavour (whole pages, and trafilatura's extractions) and each outlet of
../shared/learnset: `cleanwire learn` on pages 1-6 of each era writes
RULES/<outlet>.yaml; `cleanwire strip --rules RULES --outlet ID
--allow-large-removal` cleans pages 7-10 of each era into OUT/<outlet>/<n>.txt;
the learnset's score.py scores OUT against the gold text. Prints score.py's rows
for the input and for the cleaned pages, then per outlet the number of learned
rules of each kind and the time learning took. The guard is off (whole pages are
mostly chrome); everything runs through the command line, as a user would.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEARNSET = ROOT.parent / "shared" / "learnset"
FLAVORS = ("pages", "extracted")


def is_learn_page(path: Path) -> bool:
    return (int(path.stem) - 1) % 10 < 6


def cleanwire(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "cleanwire", *args], capture_output=True, text=True, env=env)


def rule_kinds(rule_file: Path) -> Counter[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from cleanwire.rules.loader import load_rule_file

    return Counter(rule.kind for rule in load_rule_file(rule_file).rules)


def run_flavor(flavor: str, outlets: list[str], work: Path) -> None:
    rules, out = work / flavor / "rules", work / flavor / "out"
    rules.mkdir(parents=True, exist_ok=True)
    print(f"== {flavor}")
    rows = []
    for outlet in outlets:
        pages = sorted((LEARNSET / flavor / outlet).glob("*.txt"), key=lambda p: int(p.stem))
        learn = [str(p) for p in pages if is_learn_page(p)]
        test = [str(p) for p in pages if not is_learn_page(p)]
        started = time.perf_counter()
        learned = cleanwire("learn", *learn, "--outlet", outlet, "-o", str(rules / f"{outlet}.yaml"))
        took = time.perf_counter() - started
        if learned.returncode != 0:
            raise SystemExit(f"learn {outlet} failed: {learned.stderr}")
        stripped = cleanwire(
            "strip", *test, "-o", str(out / outlet), "--rules", str(rules), "--outlet", outlet,
            "--allow-large-removal", "--no-cache", "-q",
        )  # fmt: skip
        if stripped.returncode not in (0, 1):
            raise SystemExit(f"strip {outlet} failed: {stripped.stderr}")
        kinds = rule_kinds(rules / f"{outlet}.yaml")
        rows.append(f"{outlet:12s} rules {sum(kinds.values()):4d}  " + " ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + f"  learn {took:.1f}s")
    score = LEARNSET / "score.py"
    print("input:")
    subprocess.run([sys.executable, str(score), str(LEARNSET / flavor), "--split", "test"], check=True)
    print("cleaned with the learned rules and the generic set:")
    subprocess.run([sys.executable, str(score), str(out), "--split", "test", "-v"], check=True)
    print("\n".join(rows))
    checked = cleanwire("rules", "lint", "--rules", str(rules))
    tested = cleanwire("rules", "test", "--rules", str(rules))
    print(f"{checked.stdout.strip().splitlines()[-1]}; {tested.stdout.strip().splitlines()[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flavor", choices=[*FLAVORS, "both"], default="both")
    parser.add_argument("--keep", type=Path, help="keep the rule files and cleaned pages here")
    parser.add_argument("--outlet", action="append", help="only this outlet (repeatable)")
    args = parser.parse_args()
    if not LEARNSET.is_dir():
        raise SystemExit(f"no learnset at {LEARNSET}")
    outlets = args.outlet or sorted(p.name for p in (LEARNSET / "pages").iterdir() if p.is_dir())
    flavors = FLAVORS if args.flavor == "both" else (args.flavor,)
    with tempfile.TemporaryDirectory(prefix="learnset-") as temp:
        work = args.keep or Path(temp)
        for flavor in flavors:
            run_flavor(flavor, outlets, work)


if __name__ == "__main__":
    main()
