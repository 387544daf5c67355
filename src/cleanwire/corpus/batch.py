"""Cleaning many files: in parallel, atomically, with a cache, in a stable order."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from cleanwire.corpus.cache import Cache, content_hash
from cleanwire.pipeline.cleaner import Cleaner, CleanResult
from cleanwire.pipeline.decode import BinaryInputError, InputError
from cleanwire.report.record import DocumentRecord, DocumentStatus, record_from_result, record_of_failure
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.corpus.walk import Job
from cleanwire.files.reading import DEFAULT_MAX_BYTES, DocumentTooLarge, FileIdentity, read_document
from cleanwire.corpus.workers import start_pool, worker_cleaner
from cleanwire.files.atomic import ChangedWhileProcessing, atomic_write, sync_directories

if TYPE_CHECKING:
    from cleanwire.report.sink import ReportSink


class Mode(str, Enum):
    CHECK = "check"  # write nothing
    DIFF = "diff"  # write nothing, collect a diff
    IN_PLACE = "in-place"  # replace changed files
    OUTPUT_DIR = "output-dir"  # write every cleaned file under another folder


Status = DocumentStatus  # what happened to a file is what its report record says


class ReportNeeds(str, Enum):
    """What each file's outcome must bring back for ``--report``."""

    NOTHING = "nothing"
    RECORD = "record"  # decisions with their removed text
    RECORD_AND_TEXT = "record-and-text"  # and the normalized text (the HTML report shows it)

    @classmethod
    def of(cls, sink: ReportSink | None) -> ReportNeeds:
        if sink is None:
            return cls.NOTHING
        return cls.RECORD_AND_TEXT if sink.wants_text else cls.RECORD


@dataclass
class Outcome:
    """What happened to one file; small and picklable, sent back from workers."""

    name: str
    status: Status
    message: str = ""
    size: int = 0
    removed: dict[str, tuple[int, int]] = field(default_factory=dict)  # category: (lines, bytes)
    diff: str = ""
    clean_stamp: tuple[int, int, str] | None = None  # (size, mtime_ns, hash) of a file now clean
    record: DocumentRecord | None = None  # for --report


@dataclass(frozen=True)
class BatchTask:
    job: Job
    mode: Mode
    known_clean_hash: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    report: ReportNeeds = ReportNeeds.NOTHING


def removed_by_category(result: CleanResult) -> dict[str, tuple[int, int]]:
    """Lines and UTF-8 bytes each category took out of the normalized text."""
    totals: dict[str, tuple[int, int]] = {}
    for decision in result.decisions:
        span = result.normalized[decision.start : decision.end]
        lines = 0 if decision.inline else sum(1 for line in span.split("\n") if line)
        previous = totals.get(decision.category.value, (0, 0))
        totals[decision.category.value] = (previous[0] + lines, previous[1] + len(span.encode("utf-8")))
    return totals


def process(cleaner: Cleaner, task: BatchTask) -> Outcome:
    """Clean one file per ``task.mode``. Never raises: every problem is an Outcome."""
    outcome, result = _clean_file(cleaner, task)
    if task.report is not ReportNeeds.NOTHING:
        if result is None:
            outcome.record = record_of_failure(task.job.name, outcome.status, outcome.message, outcome.size)
        else:
            outcome.record = record_from_result(
                task.job.name,
                result,
                cleaner.rules,
                outcome.size,
                changed=outcome.status is Status.CHANGED,
                keep_text=task.report is ReportNeeds.RECORD_AND_TEXT,
            )
    return outcome


def _clean_file(cleaner: Cleaner, task: BatchTask) -> tuple[Outcome, CleanResult | None]:
    """The file's outcome, and the cleaning result when it was decoded and cleaned."""
    job = task.job
    try:
        data, identity = read_document(job.source, task.max_bytes)
    except DocumentTooLarge as exc:
        return Outcome(job.name, Status.REFUSED, str(exc), size=exc.size or 0), None
    except OSError as exc:
        return Outcome(job.name, Status.FAILED, exc.strerror or str(exc)), None
    if task.known_clean_hash is not None and content_hash(data) == task.known_clean_hash:
        return Outcome(job.name, Status.UNCHANGED, size=len(data), clean_stamp=_stamp(job.source, data)), None
    try:
        result = cleaner.clean_bytes(data)
    except BinaryInputError as exc:
        if job.explicit:
            return Outcome(job.name, Status.FAILED, str(exc), size=len(data)), None
        # Found by walking: nothing to do with it, now or next time while it stays the same.
        return Outcome(job.name, Status.SKIPPED, str(exc), size=len(data), clean_stamp=_stamp(job.source, data)), None
    except (InputError, RuleTimeoutError) as exc:
        return Outcome(job.name, Status.FAILED, str(exc), size=len(data)), None
    if result.refused:
        return Outcome(job.name, Status.REFUSED, result.refused, size=len(data)), result
    output = result.text.encode("utf-8")
    changed = output != data
    outcome = Outcome(
        job.name,
        Status.CHANGED if changed else Status.UNCHANGED,
        size=len(data),
        removed=removed_by_category(result) if changed else {},
    )
    try:
        _write(task, output, changed, identity)
    except ChangedWhileProcessing as exc:
        return Outcome(job.name, Status.FAILED, str(exc), len(data)), None
    except OSError as exc:
        failed = Outcome(job.name, Status.FAILED, f"cannot write: {exc.strerror or exc} (left as it was)", len(data))
        return failed, None
    if task.mode is Mode.DIFF and changed:
        from cleanwire.report.diffview import unified_diff

        outcome.diff = unified_diff(result.source, result.text, job.name)
    if not changed:
        outcome.clean_stamp = _stamp(job.source, data)
    elif task.mode is Mode.IN_PLACE:
        outcome.clean_stamp = _stamp(job.source, output)
    return outcome, result


def _write(task: BatchTask, output: bytes, changed: bool, identity: FileIdentity) -> None:
    if task.mode is Mode.IN_PLACE and changed:
        atomic_write(task.job.source, output, expect=identity, sync_directory=False)
    elif task.mode is Mode.OUTPUT_DIR:
        assert task.job.target is not None
        task.job.target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(task.job.target, output, mode=0o644, sync_directory=False)


def _stamp(path: Path, data: bytes) -> tuple[int, int, str] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, content_hash(data)) if info.st_size == len(data) else None


def _process_in_worker(task: BatchTask) -> Outcome:
    return process(worker_cleaner(), task)


def run_batch(
    cleaner_factory: Callable[[], Cleaner],
    jobs: Sequence[Job],
    mode: Mode,
    workers: int,
    cache: Cache,
    max_bytes: int = DEFAULT_MAX_BYTES,
    report: ReportNeeds = ReportNeeds.NOTHING,
) -> Iterator[Outcome]:
    """Outcomes in the order of ``jobs``, whatever the number of workers.

    Files the cache knows to be clean are answered without reading them, and the
    rules are not even loaded when every file is such a file. A report needs every
    file's decisions, so with one the cache is not consulted.
    """
    use_cache = mode in (Mode.CHECK, Mode.IN_PLACE) and report is ReportNeeds.NOTHING
    tasks: list[BatchTask | Outcome] = []
    for job in jobs:
        if use_cache and cache.is_clean(job.source):
            tasks.append(Outcome(job.name, Status.UNCHANGED, "cached", size=_size(job.source)))
        else:
            known = cache.known_hash(job.source) if use_cache else None
            tasks.append(BatchTask(job, mode, known, max_bytes, report))
    pending = [t for t in tasks if isinstance(t, BatchTask)]
    results = iter(_run(cleaner_factory, pending, workers)) if pending else iter(())
    written: set[Path] = set()
    for item in tasks:
        outcome = item if isinstance(item, Outcome) else next(results)
        if isinstance(item, BatchTask):
            if use_cache and outcome.clean_stamp:
                cache.record(item.job.source, outcome.clean_stamp)
            if mode is Mode.OUTPUT_DIR and item.job.target is not None:
                written.add(item.job.target.parent)
            elif mode is Mode.IN_PLACE and outcome.status is Status.CHANGED:
                written.add(item.job.source.parent)
        yield outcome
    sync_directories(written)  # the renames above, made durable once per folder


def _run(cleaner_factory: Callable[[], Cleaner], tasks: list[BatchTask], workers: int) -> Iterator[Outcome]:
    cleaner = cleaner_factory()
    if workers <= 1 or len(tasks) < 2:
        for task in tasks:
            yield process(cleaner, task)
        return
    chunk = max(1, min(64, len(tasks) // (workers * 8)))
    with start_pool(cleaner, workers) as pool:
        yield from pool.map(_process_in_worker, tasks, chunksize=chunk)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
