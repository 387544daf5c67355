"""Cleaning many files: in parallel, atomically, with a cache, in a stable order."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path

from cleanwire.corpus.cache import Cache, Stamp, content_hash
from cleanwire.corpus.cache import clean_stamp as _stamp
from cleanwire.corpus.walk import Job
from cleanwire.corpus.pool import Barrier
from cleanwire.corpus.workers import cleaner_pool
from cleanwire.files.atomic import ChangedWhileProcessing, atomic_write, sync_directories
from cleanwire.files.reading import DocumentTooLarge, FileIdentity, read_document, size_of
from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.pipeline.decode import BinaryInputError, InputError
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.report.outcome import Outcome, RecordDetail, bytes_to_write
from cleanwire.report.record import DocumentStatus
from cleanwire.settings.options import Settings

CACHE_SAVE_SECONDS = 5.0


class Mode(str, Enum):
    CHECK = "check"  # write nothing
    DIFF = "diff"  # write nothing, collect a diff
    IN_PLACE = "in-place"  # replace changed files
    OUTPUT_DIR = "output-dir"  # write every cleaned file under another folder

    @classmethod
    def of(cls, settings: Settings) -> Mode:
        if settings.check:
            return cls.CHECK
        if settings.diff:
            return cls.DIFF
        return cls.IN_PLACE if settings.in_place else cls.OUTPUT_DIR


@dataclass(frozen=True)
class BatchTask:
    job: Job
    known_clean_hash: str | None = None  # the hash it had when last seen clean


@dataclass(frozen=True)
class FileResult:
    """A file's outcome, with what only the batch needs of it; small and picklable,
    sent back from workers."""

    outcome: Outcome
    diff: str = ""  # with --diff, of a changed file
    clean_stamp: Stamp | None = None  # of a file now clean


def process(settings: Settings, detail: RecordDetail, cleaner: Cleaner, task: BatchTask) -> FileResult:
    """Clean one file as ``settings`` say. Never raises: every problem is an outcome."""
    job = task.job
    mode = Mode.of(settings)

    def without_cleaning(
        status: DocumentStatus, message: str, size: int = 0, stamp: Stamp | None = None
    ) -> FileResult:
        return FileResult(Outcome.without_cleaning(job.name, status, message, size, detail), clean_stamp=stamp)

    try:
        data, identity = read_document(job.source, settings.max_size)
    except DocumentTooLarge as exc:
        return without_cleaning(DocumentStatus.REFUSED, str(exc), exc.size or 0)
    except OSError as exc:
        return without_cleaning(DocumentStatus.FAILED, exc.strerror or str(exc))
    if task.known_clean_hash is not None and content_hash(data) == task.known_clean_hash:
        return without_cleaning(DocumentStatus.UNCHANGED, "", len(data), _stamp(job.source, data))
    try:
        result = cleaner.clean_bytes(data)
    except BinaryInputError as exc:
        if job.explicit:
            return without_cleaning(DocumentStatus.FAILED, str(exc), len(data))
        # Found by walking: nothing to do with it, now or next time while it stays the same.
        return without_cleaning(DocumentStatus.SKIPPED, str(exc), len(data), _stamp(job.source, data))
    except (InputError, RuleTimeoutError) as exc:
        return without_cleaning(DocumentStatus.FAILED, str(exc), len(data))
    written = bytes_to_write(result, data)
    outcome = Outcome.of_cleaning(
        job.name, result, cleaner.rules, read=data, written=written, size=len(data), detail=detail
    )
    if outcome.status is DocumentStatus.REFUSED:
        return FileResult(outcome)
    changed = outcome.status is DocumentStatus.CHANGED
    try:
        _write(mode, job, written, changed, identity)
    except ChangedWhileProcessing as exc:
        return without_cleaning(DocumentStatus.FAILED, str(exc), len(data))
    except OSError as exc:
        message = f"cannot write: {exc.strerror or exc} (left as it was)"
        return without_cleaning(DocumentStatus.FAILED, message, len(data))
    diff = ""
    if mode is Mode.DIFF and changed:
        from cleanwire.report.diffview import unified_diff

        diff = unified_diff(result.source, result.text, job.name)
    if not changed:
        stamp = _stamp(job.source, data)
    else:
        stamp = _stamp(job.source, written) if mode is Mode.IN_PLACE else None
    return FileResult(outcome, diff, stamp)


def _write(mode: Mode, job: Job, output: bytes, changed: bool, identity: FileIdentity) -> None:
    if mode is Mode.IN_PLACE and changed:
        atomic_write(job.source, output, expect=identity, sync_directory=False)
    elif mode is Mode.OUTPUT_DIR:
        assert job.target is not None
        job.target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(job.target, output, mode=0o644, sync_directory=False)


def run_batch(
    cleaner_factory: Callable[[], Cleaner],
    jobs: Sequence[Job],
    settings: Settings,
    cache: Cache,
    detail: RecordDetail = RecordDetail.NOTHING,
    show_diff: Callable[[str], object] | None = None,
) -> Generator[Outcome, None, None]:
    """Outcomes in the order of ``jobs``, whatever the number of workers; with
    ``--diff``, each changed file's diff goes to ``show_diff`` before its outcome.

    Files the cache knows to be clean are answered without reading them, and the
    rules are not even loaded when every file is such a file. A report needs every
    file's decisions, so with one the cache is not consulted.
    """
    mode = Mode.of(settings)
    use_cache = mode in (Mode.CHECK, Mode.IN_PLACE) and detail is RecordDetail.NOTHING
    tasks: list[BatchTask | FileResult] = []
    for job in jobs:
        if use_cache and cache.is_clean(job.source):
            cached = Outcome.without_cleaning(job.name, DocumentStatus.UNCHANGED, "cached", size_of(job.source), detail)
            tasks.append(FileResult(cached))
        else:
            known = cache.known_hash(job.source) if use_cache else None
            tasks.append(BatchTask(job, known))
    pending = [t for t in tasks if isinstance(t, BatchTask)]
    results = _run(cleaner_factory, pending, settings, detail)  # the rules load on the first result asked for
    written: set[Path] = set()
    last_save = time.monotonic()
    try:
        for item in tasks:
            done = item if isinstance(item, FileResult) else next(results)
            if isinstance(item, BatchTask):
                if use_cache and done.clean_stamp:
                    cache.record(item.job.source, done.clean_stamp)
                if mode is Mode.OUTPUT_DIR and item.job.target is not None:
                    written.add(item.job.target.parent)
                elif mode is Mode.IN_PLACE and done.outcome.status is DocumentStatus.CHANGED:
                    written.add(item.job.source.parent)
            if time.monotonic() - last_save > CACHE_SAVE_SECONDS:
                cache.save()  # a long run that is killed keeps most of what it learned
                last_save = time.monotonic()
            if done.diff and show_diff is not None:
                show_diff(done.diff)
            yield done.outcome
    finally:
        # Also on the way out of a stopped run: the workers go first, then what
        # was done is made durable and remembered.
        results.close()
        sync_directories(written)  # the renames above, made durable once per folder
        cache.save()

def _run(
    cleaner_factory: Callable[[], Cleaner], tasks: list[BatchTask], settings: Settings, detail: RecordDetail
) -> Generator[FileResult, None, None]:
    """Each task's result, in order; a worker process that dies fails only its file."""
    workers = settings.workers
    size = max(1, min(64, len(tasks) // (workers * 8)))
    chunks = (tasks[start : start + size] for start in range(0, len(tasks), size))
    step = partial(process_all, settings, detail)
    with cleaner_pool(cleaner_factory(), step, partial(_worker_died, detail), workers) as pool:
        for item in pool.map(chunks):
            if not isinstance(item, Barrier):
                yield item[1]


def process_all(settings: Settings, detail: RecordDetail, cleaner: Cleaner, tasks: list[BatchTask]) -> list[FileResult]:
    return [process(settings, detail, cleaner, task) for task in tasks]


def _worker_died(detail: RecordDetail, task: BatchTask) -> FileResult:
    message = "the worker process cleaning it died"
    size = size_of(task.job.source)
    return FileResult(Outcome.without_cleaning(task.job.name, DocumentStatus.FAILED, message, size, detail))
