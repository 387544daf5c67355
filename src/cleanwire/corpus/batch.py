"""Cleaning many files: in parallel, atomically, with a cache, in a stable order."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import partial
from pathlib import Path

from cleanwire.corpus.accepted import judge
from cleanwire.corpus.cache import Cache, Stamp, content_hash
from cleanwire.corpus.cache import clean_stamp as _stamp
from cleanwire.corpus.walk import Job
from cleanwire.corpus.pool import Barrier
from cleanwire.corpus.workers import cleaner_pool
from cleanwire.files.atomic import (
    ChangedWhileProcessing,
    MetadataNotKept,
    atomic_copy,
    atomic_write,
    current_umask,
    make_folders_beneath,
    sync_directories,
)
from cleanwire.files.reading import (
    DocumentTooLarge,
    FileIdentity,
    check_regular,
    open_beneath,
    read_document,
    size_of,
)
from cleanwire.pipeline.cleaner import Cleaner, CleanResult
from cleanwire.pipeline.decode import BinaryInputError, InputError
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.report.outcome import Outcome, RecordDetail, UnwritableText, bytes_to_write
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
    """Clean one file as ``settings`` say; a refusal the configuration accepts no
    longer counts as one. Never raises: every problem is an outcome."""
    done = _process(settings, detail, cleaner, task)
    if done.outcome.status is DocumentStatus.REFUSED and settings.accepted:
        return replace(done, outcome=judge(done.outcome, task.job.source, dict(settings.accepted)))
    return done


def _process(settings: Settings, detail: RecordDetail, cleaner: Cleaner, task: BatchTask) -> FileResult:
    """Clean one file as ``settings`` say. Never raises: every problem is an outcome.

    With -o, a document that is refused, or failed after it was read, is copied to
    the mirror unchanged, as stdout mode passes it through."""
    job = task.job
    mode = Mode.of(settings)

    def without_cleaning(
        status: DocumentStatus, message: str, size: int = 0, stamp: Stamp | None = None
    ) -> FileResult:
        return FileResult(Outcome.without_cleaning(job.name, status, message, size, detail), clean_stamp=stamp)

    try:
        data, identity = read_document(job.source, settings.max_size, beneath=job.root)
    except DocumentTooLarge as exc:
        if mode is Mode.OUTPUT_DIR:
            try:
                _copy_to_mirror(job)
            except OSError as failure:
                return without_cleaning(DocumentStatus.FAILED, _cannot_write(failure), exc.size or 0)
        return without_cleaning(DocumentStatus.REFUSED, str(exc), exc.size or 0)
    except OSError as exc:
        return without_cleaning(DocumentStatus.FAILED, exc.strerror or str(exc))
    if task.known_clean_hash is not None and content_hash(data) == task.known_clean_hash:
        return without_cleaning(DocumentStatus.UNCHANGED, "", len(data), _stamp(job.source, data))
    outcome, written, result = _clean(cleaner, job, data, detail)
    if outcome.status is DocumentStatus.SKIPPED:
        # Found by walking: nothing to do with it, now or next time while it stays the same.
        stamp = _stamp(job.source, data)
    else:
        stamp = None
    changed = outcome.status is DocumentStatus.CHANGED
    if result is None or outcome.status is DocumentStatus.REFUSED:
        if mode is not Mode.OUTPUT_DIR or outcome.status is DocumentStatus.SKIPPED:
            return FileResult(outcome, clean_stamp=stamp)
        written = data  # the mirror gets it as it was
    if mode is Mode.IN_PLACE and changed and identity.links > 1:
        message = f"has {identity.links} names; its other names would keep the old text"
        return without_cleaning(DocumentStatus.REFUSED, message, len(data))
    try:
        _write(mode, job, written, changed, identity)
    except MetadataNotKept as exc:
        return without_cleaning(DocumentStatus.REFUSED, str(exc), len(data))
    except ChangedWhileProcessing as exc:
        return without_cleaning(DocumentStatus.FAILED, str(exc), len(data))
    except OSError as exc:
        return without_cleaning(DocumentStatus.FAILED, _cannot_write(exc), len(data))
    if result is None or outcome.status is DocumentStatus.REFUSED:
        return FileResult(outcome, clean_stamp=stamp)
    diff = ""
    if mode is Mode.DIFF and changed:
        from cleanwire.report.diffview import unified_diff

        diff = unified_diff(result.source, result.text, job.name, result.stats.describe())
    if not changed:
        stamp = _stamp(job.source, data)
    else:
        stamp = _stamp(job.source, written) if mode is Mode.IN_PLACE else None
    return FileResult(outcome, diff, stamp)


def _clean(
    cleaner: Cleaner, job: Job, data: bytes, detail: RecordDetail
) -> tuple[Outcome, bytes, CleanResult | None]:
    """The outcome of cleaning ``data``, the bytes that would replace it, and the
    result (none when the cleaner could not take it)."""

    def uncleaned(status: DocumentStatus, message: str) -> tuple[Outcome, bytes, None]:
        return Outcome.without_cleaning(job.name, status, message, len(data), detail), data, None

    try:
        result = cleaner.clean_bytes(data, url=cleaner.settings.url)
    except BinaryInputError as exc:
        return uncleaned(DocumentStatus.FAILED if job.explicit else DocumentStatus.SKIPPED, str(exc))
    except (InputError, RuleTimeoutError) as exc:
        return uncleaned(DocumentStatus.FAILED, str(exc))
    try:
        written = bytes_to_write(result, data, cleaner.settings.output_encoding)
    except UnwritableText as exc:
        return uncleaned(DocumentStatus.FAILED, str(exc))
    outcome = Outcome.of_cleaning(
        job.name, result, cleaner.rules, read=data, written=written, size=len(data), detail=detail
    )
    return outcome, written, result


def _write(mode: Mode, job: Job, output: bytes, changed: bool, identity: FileIdentity) -> None:
    if mode is Mode.IN_PLACE and changed:
        atomic_write(
            job.source, output, expect=identity, sync_directory=False, beneath=job.root, keep_metadata=True
        )
    elif mode is Mode.OUTPUT_DIR:
        assert job.target is not None and job.output_root is not None
        make_folders_beneath(job.output_root, job.target.parent)
        output_mode = _output_mode(identity.mode)
        atomic_write(job.target, output, mode=output_mode, sync_directory=False, beneath=job.output_root)


def _copy_to_mirror(job: Job) -> None:
    """Copy a file too large to hold into the -o mirror as it is, in bounded chunks."""
    assert job.target is not None and job.output_root is not None
    fd = open_beneath(job.source, job.root, os.O_RDONLY)
    try:
        info = os.fstat(fd)
        check_regular(info, job.source)
        make_folders_beneath(job.output_root, job.target.parent)
        output_mode = _output_mode(info.st_mode)
        atomic_copy(fd, job.target, output_mode, sync_directory=False, beneath=job.output_root)
    finally:
        os.close(fd)


def _output_mode(source_mode: int) -> int:
    """The source's read/write/execute bits under the umask. Never set-user-ID,
    set-group-ID or sticky: the copy may belong to someone else (root)."""
    return stat.S_IMODE(source_mode) & 0o777 & ~current_umask()


def _cannot_write(exc: OSError) -> str:
    return f"cannot write: {exc.strerror or exc} (left as it was)"


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
        if job.unread is not None:
            status, message = job.unread
            tasks.append(FileResult(Outcome.without_cleaning(job.name, status, message, 0, detail)))
        elif use_cache and cache.is_clean(job.source):
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
