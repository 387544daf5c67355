"""Batch throughput: `cleanwire strip` over a tree of files, one job against all cores,
then a no-change re-run served by the cache.

    python -m bench.batch [--files 10000] [--runs 3]

Runs are alternated in one session and the median is reported, so the ratio
compares like with like on this machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import build_tree


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 3):  # 3: some dev-set pages refused by the over-removal guard
        sys.exit(f"failed ({done.returncode}): {' '.join(args)}\n{done.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    cleanwire = [sys.executable, "-m", "cleanwire", "strip", "-q"]
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files, size = build_tree(root / "corpus", options.files)
        env = {**os.environ, "CLEANWIRE_CACHE_DIR": str(root / "cache")}
        print(f"corpus: {files} files, {size / 1e6:.1f} MB; machine: {cores} cores; {options.runs} runs each, median")
        times: dict[int, list[float]] = {1: [], cores: []}
        for _ in range(options.runs):
            for jobs in (1, cores):
                out = root / f"out{jobs}"
                shutil.rmtree(out, ignore_errors=True)
                times[jobs].append(timed([*cleanwire, "--jobs", str(jobs), "-o", str(out), str(root / "corpus")], env))
        print(f"{'mode':<28}{'seconds':>10}{'files/s':>10}{'MB/s':>8}")
        medians = {jobs: statistics.median(t) for jobs, t in times.items()}
        for jobs, seconds in medians.items():
            print(f"{f'-o, --jobs {jobs}':<28}{seconds:>10.2f}{files / seconds:>10.0f}{size / 1e6 / seconds:>8.2f}")
        print(f"all cores / one job: {medians[1] / medians[cores]:.2f}x")
        first = timed([*cleanwire, "--in-place", str(root / "corpus")], env)
        reruns = [timed([*cleanwire, "--in-place", str(root / "corpus")], env) for _ in range(options.runs)]
        rerun = statistics.median(reruns)
        print(f"{'--in-place, first run':<28}{first:>10.2f}{files / first:>10.0f}{size / 1e6 / first:>8.2f}")
        print(f"{'--in-place, no change (cache)':<28}{rerun:>10.2f}{files / rerun:>10.0f}{size / 1e6 / rerun:>8.2f}")


if __name__ == "__main__":
    main()
