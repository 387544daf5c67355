"""Start-up cost: one seed cleaned as a whole process, and the shipped rules compiled.

    python -m bench.startup [--runs 15]

Times, alternating and --runs times each (median reported):

1. the bare interpreter (`python -c pass`): the floor every command pays;
2. `cleanwire strip SEED > /dev/null` for the first seed, with a warm rule cache
   (what every run after the first one pays, as in a pre-commit hook);
3. the same with the rule cache emptied before each run (the first run after an
   install or a rule change);

then, in this process, compiling the shipped rules with an empty cache against
loading them from a warm one. The package's bytecode is written first, as an
install leaves it. Caches live in a temporary folder (XDG_CACHE_HOME
and the key folder), never the user's. Prints seconds, the ratio to the
interpreter's own start, and each figure against the project's targets (one seed
as a whole process 0.15 s; compiling the shipped rules with a cold cache 0.5 s).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import regex

import cleanwire
from cleanwire.rules.compiled import KEY_ENV, load_rules
from cleanwire.rules.loader import shipped_rules_dir

ROOT = Path(__file__).resolve().parent.parent
SEED_TARGET_S = 0.15
COMPILE_TARGET_S = 0.5


def command() -> list[str]:
    """The console script installed beside this interpreter, as a user runs it."""
    script = Path(sys.executable).parent / "cleanwire"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cleanwire"]


def timed_run(argv: list[str], env: dict[str, str], before: Callable[[], None] = lambda: None) -> float:
    before()
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    scratch = Path(tempfile.mkdtemp(prefix="cleanwire-startup-"))
    cache, keys = scratch / "cache", scratch / "keys"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), KEY_ENV: str(keys)}
    env.pop("CLEANWIRE_CACHE_DIR", None)

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    # As an install leaves it: every module's bytecode written (where
    # PYTHONDONTWRITEBYTECODE is set, a module changed since would otherwise be
    # compiled again on every run).
    compileall.compile_dir(Path(cleanwire.__file__).parent, quiet=1)
    strip = [*command(), "strip", str(seed)]
    subprocess.run(strip, env=env, stdout=subprocess.DEVNULL, check=True)  # fills the cache
    times: dict[str, list[float]] = {"interpreter": [], "seed, warm cache": [], "seed, cold cache": []}
    for _ in range(args.runs):
        times["interpreter"].append(timed_run([sys.executable, "-c", "pass"], env))
        times["seed, warm cache"].append(timed_run(strip, env))
        times["seed, cold cache"].append(timed_run(strip, env, empty_cache))
    shutil.rmtree(scratch, ignore_errors=True)

    rules = [shipped_rules_dir()]
    compile_dir = Path(tempfile.mkdtemp(prefix="cleanwire-startup-"))
    os.environ[KEY_ENV] = str(compile_dir / "keys")
    cold: list[float] = []
    warm: list[float] = []
    for run in range(args.runs):
        cache_dir = compile_dir / f"cache{run}"
        regex.purge()  # the regex module keeps what it compiled: a cold start has nothing
        re.purge()
        start = time.perf_counter()
        load_rules(rules, cache_dir)
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        load_rules(rules, cache_dir)
        warm.append(time.perf_counter() - start)
    shutil.rmtree(compile_dir, ignore_errors=True)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; {args.runs} runs each, median")
    floor = statistics.median(times["interpreter"])
    for name, values in times.items():
        median = statistics.median(values)
        target = f"  target {SEED_TARGET_S:.2f} s: {'met' if median <= SEED_TARGET_S else 'NOT met'}" if name.startswith("seed") else ""
        print(f"  {name:<18} {median:7.3f} s  {median / floor:5.1f}x the interpreter{target}")
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    verdict = "met" if cold_median <= COMPILE_TARGET_S else "NOT met"
    print(f"  shipped rules, compiled with a cold cache {cold_median:.3f} s  target {COMPILE_TARGET_S:.2f} s: {verdict}")
    print(f"  shipped rules, loaded from a warm cache   {warm_median:.3f} s  ({cold_median / warm_median:.1f}x faster)")


if __name__ == "__main__":
    main()
