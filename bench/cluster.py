"""Sharded JSON Lines on a Dask LocalCluster against one process, and the plain
`--jsonl` path against another tree.

    python -m bench.cluster [--mb 24] [--shards 8] [--runs 1] [--against /work/main/src]

Builds --shards gzip JSON Lines shards of about --mb MB in all (uncompressed),
from the seeds and ../shared/devset, then times, each as a fresh command with
its start-up, --runs times, median reported:

1. `strip --jsonl SHARDS -j 1 > /dev/null`: one process, the baseline;
2. `strip --jsonl SHARDS -o DIR --dask -j 1`: a LocalCluster of one worker;
3. `strip --jsonl SHARDS -o DIR --dask -j 2`: two workers.

It prints MB/s (uncompressed records) for each, and MB per CPU-second (the
command's and every process it waited for: on a shared machine, the speed of
one core whatever else runs), two workers against one, and the cluster's
overhead: one worker's time against one process's. With
--against SRC it also times `strip --jsonl` on one plain (uncompressed) file
with this tree and with the package in SRC (say, main's), alternating, and
prints the ratio of CPU seconds: the plain path must not get slower.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from .corpus import cycle

THIS_TREE = Path(__file__).resolve().parent.parent / "src"
ACCEPTED = (0, 3)  # clean, or a guard refused a few of the dev set's pages (passed through)


def build_shards(folder: Path, megabytes: float, shards: int) -> tuple[int, Path]:
    """--shards gzip shards of records, and one plain file of the same records."""
    records: list[bytes] = []
    total = 0
    for index, (name, data) in enumerate(cycle(10**9)):
        line = json.dumps({"id": name, "text": data.decode("utf-8", "replace")}).encode() + b"\n"
        records.append(line)
        total += len(line)
        if total >= megabytes * 1e6 and index + 1 >= shards:
            break
    folder.mkdir(parents=True)
    per_shard = -(-len(records) // shards)
    for shard in range(shards):
        part = b"".join(records[shard * per_shard : (shard + 1) * per_shard])
        (folder / f"part-{shard:03d}.jsonl.gz").write_bytes(gzip.compress(part, compresslevel=6, mtime=0))
    plain = folder.parent / "plain.jsonl"
    plain.write_bytes(b"".join(records))
    return total, plain


class Timing(NamedTuple):
    wall: float
    cpu: float  # user and system seconds of the command and every process it waited for


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], src: Path = THIS_TREE, before: Callable[[], None] | None = None) -> Timing:
    if before is not None:
        before()
    env = {**os.environ, "PYTHONPATH": str(src), "CI": "1"}
    cpu = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    if done.returncode not in ACCEPTED:
        raise SystemExit(f"{' '.join(command[:8])} ...: exit {done.returncode}\n{done.stderr.decode()[-2000:]}")
    return Timing(time.perf_counter() - start, children_cpu() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=24.0)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--against", type=Path, help="another tree's src/ to time plain --jsonl against")
    args = parser.parse_args()
    strip = [sys.executable, "-m", "cleanwire", "strip", "--jsonl", "--no-cache"]
    with tempfile.TemporaryDirectory(prefix="cleanwire-cluster-") as scratch:
        root = Path(scratch)
        source = root / "shards"
        size, plain = build_shards(source, args.mb, args.shards)
        shards = [str(p) for p in sorted(source.glob("*.jsonl.gz"))]
        out = root / "out"

        def fresh_output() -> None:
            shutil.rmtree(out, ignore_errors=True)  # else the run would skip every finished shard

        runs: dict[str, list[Timing]] = {"one process": [], "dask, 1 worker": [], "dask, 2 workers": []}
        for _ in range(args.runs):
            runs["one process"].append(timed([*strip, *shards, "-j", "1"]))
            for workers in (1, 2):
                name = f"dask, {workers} worker{'s' if workers > 1 else ''}"
                command = [*strip, *shards, "-o", str(out), "--dask", "-j", str(workers)]
                runs[name].append(timed(command, before=fresh_output))
        median = {name: statistics.median(t.wall for t in times) for name, times in runs.items()}
        cpu = {name: statistics.median(t.cpu for t in times) for name, times in runs.items()}
        print(f"{len(shards)} gzip shards, {size / 1e6:.1f} MB of JSON Lines (uncompressed), {os.cpu_count()} cores,"
              f" load average {os.getloadavg()[0]:.1f}, {args.runs} run(s), median")
        for name, seconds in median.items():
            print(f"  {name:18} {seconds:7.2f} s  {size / 1e6 / seconds:6.2f} MB/s"
                  f"   CPU {cpu[name]:7.2f} s  {size / 1e6 / cpu[name]:6.2f} MB per CPU-second")
        print(f"  2 workers against 1: {median['dask, 1 worker'] / median['dask, 2 workers']:.2f}x")
        overhead = median["dask, 1 worker"] / median["one process"]
        print(f"  cluster overhead (1 worker against one process): {overhead:.2f}x")
        if args.against is not None:
            ours: list[float] = []
            theirs: list[float] = []
            plain_command = [*strip, str(plain), "-j", "1"]
            for _ in range(max(args.runs, 3)):
                ours.append(timed(plain_command).cpu)
                theirs.append(timed(plain_command, src=args.against).cpu)
            print(f"plain --jsonl, one process, {size / 1e6:.1f} MB, CPU seconds: this tree {statistics.median(ours):.2f},"
                  f" {args.against} {statistics.median(theirs):.2f},"
                  f" ratio {statistics.median(ours) / statistics.median(theirs):.3f}")


if __name__ == "__main__":
    main()
