"""Throughput against GNU sed and a plain Python loop, on the same rules.

    python -m bench.throughput [--mb 200] [--runs 3]

Builds a corpus of at least --mb MB from the seeds and ../shared/devset (both
flavors, repeated), as one stream and as a folder of files, then runs, alternating
and --runs times each, median reported:

1. `cleanwire strip` with the shipped rules, one job;
2. `cleanwire strip` with --jobs = all cores (files only: a stream is one document);
3. GNU sed -E with a script generated from the same rule files: one /pattern/Id per
   line rule that sed can express (the others are left out, so sed does less work
   than cleanwire, which also normalizes, detects outlets, runs block, context and
   dedupe rules and checks its guards);
4. a plain Python loop testing every line against every line rule with `re`.

It prints MB/s for each and the ratio to sed, and the machine it ran on. The
corpus lives in --scratch (default: the system's temporary folder); where that
folder's pages get evicted, a RAM-backed one such as /dev/shm keeps the
benchmark from measuring the disk.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cleanwire.rules.model import LineMatch
from cleanwire.rules.ruleset import RuleSet

from .corpus import cycle


def line_rules(rules: RuleSet) -> list[tuple[str, bool]]:
    """(pattern, ignore_case) of every line rule in every shipped file."""
    found = []
    for rule_file in rules.files:
        for rule in rule_file.rules:
            if isinstance(rule.match, LineMatch):
                found.append((rule.match.pattern.pattern, bool(rule.match.pattern.flags & re.IGNORECASE)))
    return found


_ERE_SUBSTITUTES = [(r"(?:", "("), (r"\d", "[0-9]"), (r"\s", "[[:space:]]"), (r"\S", "[^[:space:]]")]
_ERE_UNSUPPORTED = re.compile(r"\\p\{|\(\?[=!<x]|\\b|\\w|\\W|\\A|\\Z|\(\?i")


def to_ere(pattern: str) -> str | None:
    """The pattern in POSIX ERE, or None when sed cannot express it."""
    if _ERE_UNSUPPORTED.search(pattern):
        return None
    for python, posix in _ERE_SUBSTITUTES:
        pattern = pattern.replace(python, posix)
    return pattern.replace("/", r"\/")


def sed_script(rules: list[tuple[str, bool]]) -> tuple[str, int]:
    lines = []
    for pattern, ignore_case in rules:
        ere = to_ere(pattern)
        if ere is not None:
            lines.append(f"/{ere}/{'I' if ignore_case else ''}d")
    return "\n".join(lines) + "\n", len(lines)


def python_patterns(rules: list[tuple[str, bool]]) -> list[re.Pattern[str]]:
    compiled = []
    for pattern, ignore_case in rules:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE if ignore_case else 0))
        except re.error:
            continue  # regex-module syntax (\p{L}) that `re` lacks
    return compiled


def python_loop(stream: Path, patterns: list[re.Pattern[str]]) -> None:
    kept = 0
    with stream.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not any(p.search(line) for p in patterns):
                kept += 1


def build(root: Path, megabytes: int) -> tuple[Path, Path, int, int]:
    files_dir = root / "files"
    stream = root / "stream.txt"
    total = count = 0
    with stream.open("wb") as out:
        for name, data in cycle(10**9):
            folder = files_dir / f"part{count // 1000:03d}"
            if count % 1000 == 0:
                folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
            out.write(data.rstrip(b"\n") + b"\n\n")
            total += len(data)
            count += 1
            if total >= megabytes * 1_000_000:
                break
    return files_dir, stream, count, total


def machine() -> str:
    """The CPU model, its cores and the load average, for the report."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{model}, {len(os.sched_getaffinity(0))} cores, load average {load}"


def measure(run: Callable[[], None]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scratch", type=Path, default=None, help="folder for the corpus (default: the system's temporary folder)")
    options = parser.parse_args()
    sed = shutil.which("sed")
    if sed is None:
        sys.exit("GNU sed is needed")
    cores = len(os.sched_getaffinity(0))
    rules = line_rules(RuleSet.load())
    script, sed_rules = sed_script(rules)
    patterns = python_patterns(rules)
    cleanwire = [sys.executable, "-m", "cleanwire", "strip", "-q", "--no-cache", "--allow-large-removal"]
    print(f"machine at the start: {machine()}", flush=True)
    with tempfile.TemporaryDirectory(dir=options.scratch) as scratch:
        root = Path(scratch)
        files_dir, stream, count, size = build(root, options.mb)
        (root / "rules.sed").write_text(script)
        env = {**os.environ, "CLEANWIRE_CACHE_DIR": str(root / "cache")}
        devnull = subprocess.DEVNULL

        def shell(args: list[str], stdin: Path | None = None) -> Callable[[], None]:
            def run() -> None:
                with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as source:
                    done = subprocess.run(args, stdin=source, stdout=devnull, stderr=subprocess.PIPE, env=env)
                if done.returncode not in (0, 3):
                    sys.exit(f"failed ({done.returncode}): {' '.join(args)}\n{done.stderr.decode()[-2000:]}")
            return run

        def to_dir(jobs: int) -> Callable[[], None]:
            out = root / f"out{jobs}"

            def run() -> None:
                shutil.rmtree(out, ignore_errors=True)
                shell([*cleanwire, "--jobs", str(jobs), "-o", str(out), str(files_dir)])()
            return run

        contenders: dict[str, Callable[[], None]] = {
            "sed -E, stream": shell([sed, "-E", "-f", str(root / "rules.sed")], stream),
            "python re loop, stream": lambda: python_loop(stream, patterns),
            "cleanwire, stream, 1 job": shell([*cleanwire, "-"], stream),
            "cleanwire, files, 1 job": to_dir(1),
            f"cleanwire, files, {cores} jobs": to_dir(cores),
        }
        times: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(options.runs):
            for name, run in contenders.items():
                times[name].append(measure(run))
        print(f"corpus: {size / 1e6:.0f} MB, {count} files (and the same as one stream); {cores} cores; "
              f"{len(rules)} line rules, {sed_rules} in sed, {len(patterns)} in re; median of {options.runs} runs")
        sed_speed = size / 1e6 / statistics.median(times["sed -E, stream"])
        print(f"{'contender':<30}{'seconds':>9}{'MB/s':>9}{'x sed':>8}")
        for name, samples in times.items():
            seconds = statistics.median(samples)
            speed = size / 1e6 / seconds
            print(f"{name:<30}{seconds:>9.2f}{speed:>9.1f}{speed / sed_speed:>8.2f}")
        one = statistics.median(times["cleanwire, files, 1 job"])
        many = statistics.median(times[f"cleanwire, files, {cores} jobs"])
        print(f"files: {cores} jobs / 1 job = {one / many:.2f}x")
        print(f"machine at the end: {machine()}")


if __name__ == "__main__":
    main()
