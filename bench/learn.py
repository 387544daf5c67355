"""Time and peak memory of `cleanwire learn` on a synthetic outlet.

    python -m bench.learn [--pages 1000] [--seed 1]

Writes PAGES pages of one made-up outlet to a temporary JSON Lines file (a menu,
a newsletter box, a related-links list whose titles change, a footer whose year
changes, and an article of random sentences on each page), learns its rule file
in this process, and prints the pages, the rules learned by kind, the time taken
and the peak resident memory (``ru_maxrss``) before and after.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

WORDS = (
    "the a of to and in that it was for on are as with his they at be this from have or by one had not but what all "
    "were when we there can an your which their said if do will each about how up out them then she many some so "
    "these would other into has more her two like him see time could no make than first been its who now people my "
    "made over did down only way find use may water long little very after words called just where most know get "
    "through back much before go good new write our used me man too any day same right look think also around another "
    "came come work three word must because does part even place well such here take why things help put years different"
).split()
MENU = ["Home", "News", "Politics", "Business", "Technology", "Science", "Health", "Sports", "Opinion", "Contact Us"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
    return " ".join(words).capitalize() + "."


def make_page(rng: random.Random, n: int) -> str:
    related = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 8))).title() for _ in range(4)]
    article = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(5, 15))]
    lines = [
        *MENU, "",
        " ".join(rng.choice(WORDS) for _ in range(7)).title(), f"By Staff Writer {n % 17}", "",
        *(p + "\n" for p in article),
        "Related Stories", *related, "",
        "Sign up for our daily newsletter", "Enter your email", "Subscribe", "",
        f"© {2000 + n % 20} Synthetic News Company. All rights reserved.", "Privacy Policy | Terms of Service",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from cleanwire.learn.learner import learn_outlet
    from cleanwire.learn.sources import read_pages

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-learn-") as temp:
        crawl = Path(temp) / "crawl.jsonl"
        with crawl.open("w", encoding="utf-8") as out:
            for n in range(args.pages):
                out.write(json.dumps({"url": f"https://synthetic.example/{n}", "text": make_page(rng, n)}) + "\n")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        learned = learn_outlet("synthetic", lambda: read_pages([crawl]))
        took = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kinds = Counter(rule.candidate.kind for rule in learned.rules)
    print(f"pages {learned.pages}  rules {len(learned.rules)} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
    print(f"learn time {took:.2f}s  ({took / max(1, learned.pages) * 1000:.1f} ms a page)")
    print(f"peak memory {after / 1024:.0f} MiB (before learning {before / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
