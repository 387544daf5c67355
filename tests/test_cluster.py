"""Sharded JSON Lines on a real Dask cluster: the same bytes as one process, a
worker killed mid-run loses and duplicates nothing, a resumed run skips the
shards already done, and without Dask the error names the extra to install."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_cli import run
from .test_jsonl_shards import COMPRESS, records

distributed = pytest.importorskip("distributed")

SHARDS = 4


def make_shards(folder: Path, count: int = SHARDS, size: int = 30) -> Path:
    folder.mkdir()
    for n in range(count):
        suffix = (".gz", ".zst")[n % 2]
        (folder / f"part-{n:02d}.jsonl{suffix}").write_bytes(COMPRESS[suffix](records(size, salt=n)))
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, the run's state included."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[object, object]]:
    """Two single-threaded worker processes under nannies, as `--dask -j 2` starts."""
    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(local)
    yield local, client
    client.close()
    local.close()


def one_process_run(tmp_path: Path, source: Path, *options: str) -> Path:
    out = tmp_path / "one-process"
    done = run("strip", "--jsonl", str(source / "*"), "-o", str(out), *options)
    assert done.returncode == 0, done.stderr
    return out


def test_two_workers_write_the_bytes_of_a_one_process_run(tmp_path: Path) -> None:
    source = make_shards(tmp_path / "src")
    expected = one_process_run(tmp_path, source, "--report", str(tmp_path / "one.json"))
    out = tmp_path / "dask"
    done = run("strip", "--jsonl", str(source / "*"), "-o", str(out), "--dask", "-j", "2",
               "--report", str(tmp_path / "dask.json"))
    assert done.returncode == 0, done.stderr
    assert tree(out) == tree(expected)
    assert len(tree(out)) == 3 * SHARDS  # each shard: its output, its outcomes, its manifest entry
    assert report_of(tmp_path / "dask.json") == report_of(tmp_path / "one.json")


def report_of(path: Path) -> dict[str, object]:
    """A --report file, all but the time it was made."""
    report = json.loads(path.read_bytes())
    del report["created"]
    return report  # type: ignore[no-any-return]


def test_a_worker_killed_mid_run_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, cluster: tuple[object, object]
) -> None:
    local, client = cluster
    source = make_shards(tmp_path / "src", count=6, size=60)
    expected = one_process_run(tmp_path, source)
    out = tmp_path / "dask"
    env = {**os.environ, "CI": "1"}
    command = [sys.executable, "-m", "cleanwire", "strip", "--jsonl", str(source / "*"), "-o", str(out),
               "--scheduler", local.scheduler_address]  # type: ignore[attr-defined]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as cleaning:
        victim = _worker_in_the_middle_of_a_shard(client, out)
        os.kill(victim, signal.SIGKILL)
        _, stderr = cleaning.communicate(timeout=240)
    assert cleaning.returncode == 0, stderr
    assert tree(out) == tree(expected), "every shard written once, whole, as one process writes it"
    assert f"{6 * 60} records: {6 * 60} cleaned".encode() in stderr, "the summary counts every record once"
    held = client.run(_holds_the_cleaner)  # type: ignore[attr-defined]
    assert len(held) == 2 and all(held.values()), "the restarted worker was given the Cleaner again, once"


def _holds_the_cleaner(dask_worker: object) -> bool:
    from cleanwire.corpus.cluster import PLUGIN_NAME

    return PLUGIN_NAME in dask_worker.plugins  # type: ignore[attr-defined]


def _worker_in_the_middle_of_a_shard(client: object, out: Path) -> int:
    """The pid of a worker holding a shard task, once a first shard is finished."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        written = list(out.glob("part-*")) if out.exists() else []
        busy = [worker for worker, keys in client.processing().items() if keys]  # type: ignore[attr-defined]
        if written and busy:
            return int(client.run(os.getpid, workers=busy[:1])[busy[0]])  # type: ignore[attr-defined]
        time.sleep(0.05)
    raise AssertionError("no shard was being cleaned")


def test_a_resumed_run_skips_the_shards_already_done_and_redoes_the_rest(tmp_path: Path) -> None:
    source = make_shards(tmp_path / "src")
    out = one_process_run(tmp_path, source)
    complete = tree(out)
    kept = out / "part-00.jsonl.gz"
    kept_stat = kept.stat()
    (out / "part-01.jsonl.zst").unlink()  # as if the run died before writing it
    damaged = out / "part-02.jsonl.gz"
    damaged.write_bytes(damaged.read_bytes()[:-10])  # or wrote it and something cut it short
    os.utime(source / "part-03.jsonl.zst", ns=(1, 1))  # and this shard changed since it was cleaned
    done = run("strip", "--jsonl", str(source / "*"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert b"1 of 4 shards already done" in done.stderr
    assert {k: v for k, v in tree(out).items() if "manifest" not in k} == {
        k: v for k, v in complete.items() if "manifest" not in k
    }
    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) == (kept_stat.st_ino, kept_stat.st_mtime_ns), "not rewritten"
    assert f"{SHARDS * 30} records: {SHARDS * 30} cleaned".encode() in done.stderr, "skipped shards still count"


def test_changing_the_options_cleans_every_shard_again(tmp_path: Path) -> None:
    source = make_shards(tmp_path / "src", count=2)
    out = one_process_run(tmp_path, source)
    done = run("strip", "--jsonl", str(source / "*"), "-o", str(out), "--keep", "caption")
    assert done.returncode == 0, done.stderr
    assert b"already done" not in done.stderr
    assert b"caption" not in done.stderr.split(b"removed:")[-1]


def test_without_dask_the_error_names_the_extra_to_install(tmp_path: Path) -> None:
    source = make_shards(tmp_path / "src", count=1)
    code = "import sys; sys.modules['distributed'] = None; from cleanwire.cli.app import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", code, "strip", "--jsonl", str(source / "*"), "-o", str(tmp_path / "out"), "--dask"],
        capture_output=True, timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines() == [
        "cleanwire: error: --dask and --scheduler need Dask: pip install 'cleanwire[dask]'"
    ]


def test_dask_without_an_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    shard = tmp_path / "a.jsonl.gz"
    shard.write_bytes(gzip.compress(records(1)))
    done = run("strip", "--jsonl", str(shard), "--dask")
    assert done.returncode == 2
    assert b"give --jsonl and -o DIR" in done.stderr


def test_a_scheduler_that_cannot_be_reached_is_one_line_and_exit_2(tmp_path: Path) -> None:
    source = make_shards(tmp_path / "src", count=1)
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    done = subprocess.run(
        [sys.executable, "-m", "cleanwire", "strip", "--jsonl", str(source / "*"), "-o", str(tmp_path / "out"),
         "--scheduler", "tcp://127.0.0.1:9"],
        capture_output=True, timeout=60, env=env,
    )
    assert done.returncode == 2
    [line] = done.stderr.decode().strip().splitlines()
    assert line.startswith("cleanwire: error: --scheduler tcp://127.0.0.1:9: cannot reach the Dask scheduler")


def test_ctrl_c_stops_a_dask_run_with_one_line_and_the_next_run_resumes(tmp_path: Path) -> None:
    source = make_shards(tmp_path / "src", count=6, size=60)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cleanwire", "strip", "--jsonl", str(source / "*"), "-o", str(out),
               "--dask", "-j", "2"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True) as cleaning:
        deadline = time.monotonic() + 120
        while not list(out.glob("part-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(cleaning.pid, signal.SIGINT)  # as Ctrl-C reaches the whole foreground group
        _, stderr = cleaning.communicate(timeout=120)
    assert cleaning.returncode == 130
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleanwire: interrupted (SIGINT)"), stderr.decode()
    again = run("strip", "--jsonl", str(source / "*"), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert b"shards already done" in again.stderr


def test_without_a_report_a_shard_keeps_totals_and_the_records_it_names_and_the_summary_is_the_same(
    tmp_path: Path,
) -> None:
    source = make_shards(tmp_path / "src", count=2)
    (source / "part-02.jsonl").write_bytes(records(5, salt=2) + b"not json\n" + records(5, salt=3))
    with_report = run("strip", "--jsonl", str(source / "*"), "-o", str(tmp_path / "a"), "--report",
                      str(tmp_path / "r.json"))
    without = run("strip", "--jsonl", str(source / "*"), "-o", str(tmp_path / "b"))
    assert with_report.returncode == without.returncode == 2
    assert without.stderr == with_report.stderr
    assert b"part-02.jsonl:6: not valid JSON" in without.stderr
    kept = [len(path.read_bytes().splitlines()) for path in sorted((tmp_path / "b" / ".cleanwire").glob("*.outcomes.jsonl"))]
    assert kept == [1, 1, 2], "one total per status, and the record that failed"
    assert {p.name: p.read_bytes() for p in (tmp_path / "a").glob("part-*")} == {
        p.name: p.read_bytes() for p in (tmp_path / "b").glob("part-*")
    }
