"""Sharded JSON Lines into a folder, one shard per task: here, one shard after
another, or on a Dask cluster (a scheduler's address, or a ``LocalCluster``).

Each shard's output, outcomes and manifest entry are written by the task that
cleans it (see ``corpus.shard``), so a worker that dies loses only the shard in
hand, which Dask runs again elsewhere, and a run that dies loses only the shards
that were not finished: the next run with the same rules and options skips every
shard whose manifest entry still matches its files. When every shard is done,
their outcomes are read back in the order of the shards and handed on, so the
summary and the report are those of one process reading the shards in turn.

On Dask, the Cleaner goes to each worker once, in a worker plugin (Dask's way
of setting up per-worker state, which a worker the nanny restarts gets again),
and each task takes it from there: no task loads rules.
"""

from __future__ import annotations

import logging
import signal
import threading
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cleanwire import stopping
from cleanwire.corpus.shard import Shard, ShardResult, clean_shard, finished, prepare
from cleanwire.files.names import display_input
from cleanwire.files.remote import base_name, open_shard
from cleanwire.report.outcome import Outcome, RecordDetail
from cleanwire.report.record import DocumentStatus
from cleanwire.report.stored import outcome_of_line

if TYPE_CHECKING:
    from cleanwire.pipeline.cleaner import Cleaner
    from cleanwire.settings.options import Settings

PLUGIN_NAME = "cleanwire-cleaner"


class EngineUnavailable(Exception):
    """Dask is not installed (the message names the extra that brings it), or the
    scheduler given cannot be reached."""


class ShardConflict(ValueError):
    """Two shards would share an output, or an output would land on its shard."""


@dataclass(frozen=True)
class Engine:
    """Where shards are cleaned: ``address`` of a Dask scheduler, or a ``LocalCluster``
    of ``workers`` processes when ``local_cluster``; neither, this process."""

    address: str | None = None
    local_cluster: bool = False
    workers: int = 1

    @property
    def dask(self) -> bool:
        return self.address is not None or self.local_cluster


@dataclass
class Plan:
    """The shards of a run, and those a run before it already finished."""

    shards: list[Shard]
    done: set[str]  # sources

    @property
    def todo(self) -> list[Shard]:
        return [shard for shard in self.shards if shard.source not in self.done]


def plan(sources: list[str], output_dir: str, key: str) -> Plan:
    """One shard per source, each written to ``output_dir`` (made here) under its own name."""
    shards = [Shard(source, output_dir) for source in sources]
    seen: dict[str, str] = {}
    for shard in shards:
        if shard.name in seen:
            raise ShardConflict(f"{seen[shard.name]} and {shard.source} would both be written to {shard.target}")
        if _same_place(shard.target, shard.source):
            raise ShardConflict(f"-o: {shard.source} would be written over itself; pick another folder")
        seen[shard.name] = shard.source
    prepare(output_dir)
    return Plan(shards, {shard.source for shard in shards if finished(shard, key) is not None})


def run_shards(
    make_cleaner: Callable[[], Cleaner],
    settings: Settings,
    detail: RecordDetail,
    key: str,
    work: Plan,
    engine: Engine,
    on_shard: Callable[[ShardResult], None],
) -> Iterator[Outcome]:
    """Clean the shards ``work`` has still to do, calling ``on_shard`` as each is
    done (in any order), then the outcomes of every shard, in the order of the shards."""
    failed: dict[str, ShardResult] = {}
    results: Iterator[ShardResult] = iter(())  # every shard done already: no cluster to start
    if work.todo:
        clean = _on_dask if engine.dask else _here
        results = clean(make_cleaner(), settings, detail, key, work.todo, engine)
    for result in results:
        if result.error:
            failed[result.source] = result
        on_shard(result)
        stopping.check()
    for shard in work.shards:
        if shard.source in failed:
            result = failed[shard.source]
            name = display_input(shard.source)
            yield Outcome.without_cleaning(name, DocumentStatus.FAILED, result.error, result.read_bytes, detail)
        else:
            yield from stored_outcomes(shard)


def stored_outcomes(shard: Shard) -> Iterator[Outcome]:
    with open_shard(shard.outcomes) as handle:
        for line in handle:
            yield outcome_of_line(line)


def _here(
    cleaner: Cleaner, settings: Settings, detail: RecordDetail, key: str, shards: list[Shard], engine: Engine
) -> Iterator[ShardResult]:
    for shard in shards:
        yield clean_shard(cleaner, settings, detail, shard, key)


def _on_dask(
    cleaner: Cleaner, settings: Settings, detail: RecordDetail, key: str, shards: list[Shard], engine: Engine
) -> Iterator[ShardResult]:
    distributed = _distributed()
    task_settings = settings.with_changes(jobs=1)  # Dask runs the shards side by side
    cluster = None
    if engine.address is None:
        from dask import config as dask_config

        # One single-threaded process per worker: cleaning holds the GIL. Dask's
        # statistical profiler takes the GIL every 10 ms to walk the stack: off.
        # Its log lines are not ours to print: errors come back with the shards. Its
        # scheduler's HTTP server (metrics; the dashboard is off) takes another port
        # when 8787 is taken, by a warning the user can do nothing about.
        with dask_config.set({"distributed.worker.profile.enabled": False}), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
            cluster = distributed.LocalCluster(
                n_workers=engine.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.CRITICAL,
            )
    try:
        try:
            client = distributed.Client(engine.address or cluster)
        except OSError as exc:
            raise EngineUnavailable(f"--scheduler {engine.address}: cannot reach the Dask scheduler ({exc})") from None
        with client:
            client.register_plugin(cleaner_plugin(cleaner, own_cluster=cluster is not None), name=PLUGIN_NAME)
            run = uuid.uuid4().hex[:8]
            futures = [
                client.submit(
                    clean_on_worker, task_settings, detail, shard, key,
                    key=f"cleanwire-{run}-{index}-{base_name(shard.source)}",  # names the shard on the dashboard
                )
                for index, shard in enumerate(shards)
            ]
            for future in distributed.as_completed(futures):
                yield future.result()
    finally:
        if cluster is not None:
            cluster.close()


def cleaner_plugin(cleaner: Cleaner, own_cluster: bool) -> Any:
    """A Dask worker plugin holding ``cleaner`` on each worker (defined here, as
    Dask is imported only when it is used). On a cluster this run started
    (``own_cluster``), a worker also ignores Ctrl-C and a hang-up: they reach the
    whole process group, this process stops the cluster, and a worker must not
    die of them with a traceback of its own."""

    class CleanerPlugin(_distributed().WorkerPlugin):  # type: ignore[misc]
        def __init__(self, cleaner: Cleaner, own_cluster: bool) -> None:
            self.cleaner = cleaner
            self.own_cluster = own_cluster

        def setup(self, worker: Any) -> None:
            if self.own_cluster and threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGHUP, signal.SIG_IGN)

    return CleanerPlugin(cleaner, own_cluster)


def clean_on_worker(settings: Settings, detail: RecordDetail, shard: Shard, key: str) -> ShardResult:
    """A Dask task: one shard, with the Cleaner this worker's plugin holds."""
    cleaner: Cleaner = _distributed().get_worker().plugins[PLUGIN_NAME].cleaner
    return clean_shard(cleaner, settings, detail, shard, key)


def _distributed() -> Any:
    """Dask's distributed package (untyped, so used through ``Any``), or the extra to install."""
    try:
        import distributed
    except ImportError:
        raise EngineUnavailable("--dask and --scheduler need Dask: pip install 'cleanwire[dask]'") from None
    return distributed


def _same_place(target: str, source: str) -> bool:
    if "://" in target or "://" in source:
        return target == source
    from pathlib import Path

    return Path(target).resolve() == Path(source).resolve()
