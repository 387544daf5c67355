"""Learned rules measured on the learnset: learn each outlet from its learn pages,
clean its test pages with the learned file and the generic set, and score them.

    python -m bench.learned [--flavor pages|extracted|both] [--split test|dev] [--keep DIR] [--outlet ID ...]

For each flavour (whole pages, and trafilatura's extractions) and each outlet of
../shared/learnset: `cleanwire learn` on pages 1-6 of each era writes
RULES/<outlet>.yaml; `cleanwire strip --rules RULES --outlet ID
--allow-large-removal` cleans pages 7-10 of each era into OUT/<outlet>/<n>.txt;
the learnset's score.py scores OUT against the gold text. Prints score.py's rows
for the input and for the cleaned pages, then per outlet the number of learned
rules of each kind and the time learning took. The guard is off (whole pages are
mostly chrome); everything runs through the command line, as a user would.

`--split dev` never reads the test pages: it learns from pages 1-4 of each era
and cleans and scores pages 5-6, with score.py's own bag of words. Tune the
learner against this split; the test split is for the figures reported.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
LEARNSET = ROOT.parent / "shared" / "learnset"
FLAVORS = ("pages", "extracted")


@dataclass(frozen=True)
class Split:
    """Which places in each era of ten pages are learned from, and which scored."""

    learn: range
    score: range

    def learns(self, path: Path) -> bool:
        return (int(path.stem) - 1) % 10 in self.learn

    def scores(self, path: Path) -> bool:
        return (int(path.stem) - 1) % 10 in self.score


SPLITS = {"test": Split(range(0, 6), range(6, 10)), "dev": Split(range(0, 4), range(4, 6))}


def score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("learnset_score", LEARNSET / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_rows(folder: Path, outlets: list[str], split: Split) -> None:
    """score.py's rows (P, R, F1 summed over pages, mean page F1) for the pages
    ``split`` scores, per outlet and for all: score.py's own split is fixed."""
    score = score_module()
    totals: dict[str, list[int]] = {}
    page_f1: dict[str, list[float]] = {}
    for outlet in outlets:
        for gold_file in sorted((LEARNSET / "gold" / outlet).glob("*.txt"), key=lambda p: int(p.stem)):
            if not split.scores(gold_file):
                continue
            out_file = folder / outlet / gold_file.name
            out = score.bag(out_file.read_text(encoding="utf-8")) if out_file.exists() else Counter()
            gold = score.bag(gold_file.read_text(encoding="utf-8"))
            tp = sum((out & gold).values())
            counts = (tp, sum(out.values()) - tp, sum(gold.values()) - tp)
            for key in (outlet, "ALL"):
                totals[key] = [a + b for a, b in zip(totals.get(key, [0, 0, 0]), counts)]
                page_f1.setdefault(key, []).append(score.prf(*counts)[2])
    for key in [*outlets, "ALL"]:
        p, r, f = score.prf(*totals[key])
        print(f"{key:12s} pages {len(page_f1[key]):4d}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  mean page F1 {sum(page_f1[key]) / len(page_f1[key]):.3f}")


def cleanwire(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "cleanwire", *args], capture_output=True, text=True, env=env)


def rule_kinds(rule_file: Path) -> Counter[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from cleanwire.rules.loader import load_rule_file

    return Counter(rule.kind for rule in load_rule_file(rule_file).rules)


def run_flavor(flavor: str, outlets: list[str], work: Path, split: Split) -> None:
    rules, out = work / flavor / "rules", work / flavor / "out"
    rules.mkdir(parents=True, exist_ok=True)
    print(f"== {flavor}")
    rows = []
    for outlet in outlets:
        pages = sorted((LEARNSET / flavor / outlet).glob("*.txt"), key=lambda p: int(p.stem))
        learn = [str(p) for p in pages if split.learns(p)]
        test = [str(p) for p in pages if split.scores(p)]
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
    print("input:")
    score_rows(LEARNSET / flavor, outlets, split)
    print("cleaned with the learned rules and the generic set:")
    score_rows(out, outlets, split)
    print("\n".join(rows))
    checked = cleanwire("rules", "lint", "--rules", str(rules))
    tested = cleanwire("rules", "test", "--rules", str(rules))
    print(f"{checked.stdout.strip().splitlines()[-1]}; {tested.stdout.strip().splitlines()[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flavor", choices=[*FLAVORS, "both"], default="both")
    parser.add_argument("--split", choices=sorted(SPLITS), default="test", help="dev: learn pages 1-4, score 5-6 of each era")
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
            run_flavor(flavor, outlets, work, SPLITS[args.split])


if __name__ == "__main__":
    main()
