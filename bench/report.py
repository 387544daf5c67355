"""What --report costs, and how big the reports are.

    python -m bench.report [--files 10000] [--runs 3] [--keep DIR] [--part all|end-to-end|writing]

1. End to end: `cleanwire strip DIR -o OUT` over a tree of files, without a report
   and with each format. Wall time, and the CPU time of the process and its
   workers: the CPU time is the steadier figure on a shared machine, and leaves
   out the wait for each cleaned file's fsync. Runs are alternated and the median
   is reported, so the ratios compare like with like.
2. The writing alone, in one process: each document is cleaned (not timed), then
   its record is built and handed to each report writer (timed), so the report's
   own cost is not lost in the noise of the whole run.

--keep DIR copies the end-to-end run's reports there.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import build_tree

FORMATS = ("json", "jsonl", "html")


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and everything it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 3):  # 3: some dev-set pages refused by the over-removal guard
        sys.exit(f"failed ({done.returncode}): {' '.join(args)}\n{done.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def end_to_end(root: Path, runs: int, jobs: int, keep: Path | None) -> None:
    cleanwire = [sys.executable, "-m", "cleanwire", "strip", "-q", "--jobs", str(jobs)]
    env = {**os.environ, "CLEANWIRE_CACHE_DIR": str(root / "cache")}
    walls: dict[str, list[float]] = {name: [] for name in ("none", *FORMATS)}
    cpus: dict[str, list[float]] = {name: [] for name in walls}
    for _ in range(runs):
        for name in walls:
            out = root / "out"
            shutil.rmtree(out, ignore_errors=True)
            report = [] if name == "none" else ["--report", str(root / f"report.{name}")]
            wall, cpu = timed([*cleanwire, "-o", str(out), str(root / "corpus"), *report], env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    wall_base, cpu_base = statistics.median(walls["none"]), statistics.median(cpus["none"])
    print(f"\nend to end: strip -o OUT --jobs {jobs}, median of {runs}")
    print(f"{'report':<8}{'wall s':>9}{'ratio':>8}{'CPU s':>9}{'ratio':>8}{'size':>10}")
    print(f"{'none':<8}{wall_base:>9.1f}{1:>7.2f}x{cpu_base:>9.1f}{1:>7.2f}x")
    for name in FORMATS:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        size = (root / f"report.{name}").stat().st_size
        print(f"{name:<8}{wall:>9.1f}{wall / wall_base:>7.2f}x{cpu:>9.1f}{cpu / cpu_base:>7.2f}x{size / 1e6:>7.1f} MB")
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        for name in FORMATS:
            shutil.copyfile(root / f"report.{name}", keep / f"report.{name}")


def writing_alone(root: Path) -> None:
    from cleanwire import Cleaner
    from cleanwire.pipeline.decode import InputError
    from cleanwire.report.record import DocumentStatus, record_from_result, record_of_failure
    from cleanwire.corpus.walk import walk
    from cleanwire.report.sink import ReportFormat, ReportSink

    cleaner = Cleaner()
    rules = list(cleaner.rules.by_id.values())
    sinks = {
        name: ReportSink(root / f"alone.{name}", ReportFormat(name), [str(root / "corpus")], {}) for name in FORMATS
    }
    spent = dict.fromkeys(FORMATS, 0.0)
    cleaning = 0.0
    documents = 0
    for found in walk(root / "corpus", ["*.txt"], []):
        path = found.path
        data = path.read_bytes()
        started = time.perf_counter()
        try:
            result = cleaner.clean_bytes(data)
        except InputError as exc:
            for sink in sinks.values():
                sink.add(record_of_failure(str(path), DocumentStatus.FAILED, str(exc), len(data)))
            continue
        finally:
            cleaning += time.perf_counter() - started
            documents += 1
        changed = result.text.encode("utf-8") != data
        # Whichever writer goes first after cleaning pays for a cold cache; take turns.
        turn = documents % len(FORMATS)
        for name in FORMATS[turn:] + FORMATS[:turn]:
            sink = sinks[name]
            started = time.perf_counter()
            sink.add(record_from_result(str(path), result, cleaner.rules, len(data), changed, sink.wants_text))
            spent[name] += time.perf_counter() - started
    for name, sink in sinks.items():
        started = time.perf_counter()
        sink.finish(rules)
        spent[name] += time.perf_counter() - started
    print(f"\nwriting alone, one process, {documents} documents: cleaning took {cleaning:.1f} s")
    print(f"{'report':<8}{'build + write s':>16}{'vs cleaning':>13}{'per document':>14}{'size':>10}")
    for name in FORMATS:
        size = (root / f"alone.{name}").stat().st_size
        print(f"{name:<8}{spent[name]:>16.2f}{spent[name] / cleaning:>12.1%}{spent[name] / documents * 1e3:>11.2f} ms{size / 1e6:>7.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--keep", type=Path, help="copy the end-to-end run's reports here")
    parser.add_argument("--part", choices=("all", "end-to-end", "writing"), default="all")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files, size = build_tree(root / "corpus", options.files)
        print(f"corpus: {files} files, {size / 1e6:.1f} MB; machine: {len(os.sched_getaffinity(0))} cores")
        if options.part in ("all", "end-to-end"):
            end_to_end(root, options.runs, options.jobs, options.keep)
        if options.part in ("all", "writing"):
            writing_alone(root)


if __name__ == "__main__":
    main()
