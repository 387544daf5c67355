"""JSON Lines: clean one text field of each record, keep every other field as it is.

With one job, records are cleaned one at a time in this process. With more,
chunks of records go to worker processes and come back in input order, a few
chunks per worker in flight; either way memory stays flat on any size of input,
and the output and the report are the same. A line that is not a JSON object
with a string text field is reported with its line number and passed through
unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any, BinaryIO, NamedTuple

from cleanwire.corpus.batch import ReportNeeds, removed_by_category
from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.report.record import DocumentRecord, DocumentStatus, record_from_result, record_of_failure
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.corpus.pool import Barrier, OrderedPool, Work
from cleanwire.files.reading import DEFAULT_MAX_BYTES, DocumentTooLarge
from cleanwire.cli.summary import Report
from cleanwire.report.sink import ReportSink
from cleanwire.corpus.workers import start_pool, worker_cleaner

# A chunk of records sent to a worker ends at whichever limit comes first: small
# enough that a worker answers within a fraction of a second, big enough that
# sending it costs little next to cleaning it.
CHUNK_RECORDS = 128
CHUNK_BYTES = 256 * 1024
CHUNKS_PER_WORKER = 3  # in flight: one being cleaned, the next ones queued


@dataclass(frozen=True)
class JsonlFields:
    text: str = "text"
    url: str = "url"


class Line(NamedTuple):
    where: str  # "name:number", as the report names the record
    raw: bytes  # the line as read, end of line included


@dataclass(frozen=True)
class LineOptions:
    fields: JsonlFields
    report: ReportNeeds
    write: bool  # False with --check: no output to build


@dataclass(frozen=True)
class LineResult:
    """What cleaning one line came to; small and picklable, sent back from workers."""

    status: DocumentStatus | None  # None: a blank line, passed through without a word
    message: str = ""
    removed: dict[str, tuple[int, int]] = field(default_factory=dict)
    output: bytes | None = None  # the cleaned record; None: the line as it came
    record: DocumentRecord | None = None  # for --report


@dataclass(frozen=True)
class _TooLong(Barrier):
    """A line longer than the size limit: passed through from the stream as it is read."""

    where: str
    head: bytes
    stream: BinaryIO


@dataclass(frozen=True)
class _ReadError(Barrier):
    """Reading failed after the lines before it, which are written first."""

    error: OSError


class JsonlCleaner:
    """Cleans JSON Lines streams into ``out`` (``None``: check only, write nothing),
    with ``workers`` processes shared by every stream of the run. With ``sink``,
    each record's report goes there, named ``name:line``."""

    def __init__(
        self,
        cleaner: Cleaner,
        out: BinaryIO | None,
        fields: JsonlFields,
        report: Report,
        max_bytes: int = DEFAULT_MAX_BYTES,
        sink: ReportSink | None = None,
        workers: int = 1,
    ) -> None:
        self.out = out
        self.report = report
        self.sink = sink
        self.max_bytes = max_bytes
        needs = ReportNeeds.of(sink)
        options = LineOptions(fields, needs, out is not None)
        work: Work[Line, LineResult] = Work(
            remote=partial(_clean_lines_in_worker, options),
            local=partial(clean_lines, cleaner, options),
            died=partial(_worker_died, needs),
            start=partial(start_pool, cleaner),
        )
        self.pool = OrderedPool(work, workers, CHUNKS_PER_WORKER * workers)
        # One job keeps to one record at a time, as it is read.
        self.chunk_records = CHUNK_RECORDS if workers > 1 else 1

    def __enter__(self) -> JsonlCleaner:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> None:
        self.pool.close(cancel=kind is not None)

    def clean(self, stream: BinaryIO, name: str) -> None:
        """Clean every record of ``stream``; an OSError reading it is raised after
        the records read before it are written."""
        for item in self.pool.map(_chunks(stream, name, self.max_bytes, self.chunk_records)):
            if isinstance(item, _TooLong):
                self._too_long(item)
            elif isinstance(item, _ReadError):
                raise item.error
            elif not isinstance(item, Barrier):
                self._apply(*item)

    def _apply(self, line: Line, result: LineResult) -> None:
        if result.status is DocumentStatus.FAILED:
            self.report.fail(line.where, result.message)
        elif result.status is DocumentStatus.REFUSED:
            self.report.refuse(line.where, result.message)
        elif result.status is not None:
            self.report.done(line.where, result.status is DocumentStatus.CHANGED, result.removed)
        if self.sink is not None and result.record is not None:
            self.sink.add(result.record)
        _emit(self.out, result.output or line.raw)

    def _too_long(self, item: _TooLong) -> None:
        message = f"record {DocumentTooLarge(None, self.max_bytes)}; passed through unchanged"
        self.report.refuse(item.where, message)
        if self.sink is not None:
            self.sink.add(record_of_failure(item.where, DocumentStatus.REFUSED, message, len(item.head)))
        _pass_rest_of_line(item.head, item.stream, self.out)


def clean_lines(cleaner: Cleaner, options: LineOptions, lines: list[Line]) -> list[LineResult]:
    return [clean_line(cleaner, options, line) for line in lines]


def clean_line(cleaner: Cleaner, options: LineOptions, line: Line) -> LineResult:
    body = line.raw.rstrip(b"\r\n")
    if not body.strip():
        return LineResult(None)
    text_field = options.fields.text
    record, problem = _parse(body, text_field)
    if record is None:
        return _failure(line.where, f"{problem}; passed through unchanged", len(body), options.report)
    text = record[text_field]
    size = len(text.encode("utf-8", "surrogatepass"))
    url = record.get(options.fields.url)
    try:
        result = cleaner.clean(text, url=url if isinstance(url, str) else None)
    except RuleTimeoutError as exc:
        return _failure(line.where, f"{exc}; passed through unchanged", size, options.report)
    report = None
    if options.report is not ReportNeeds.NOTHING:
        keep_text = options.report is ReportNeeds.RECORD_AND_TEXT
        report = record_from_result(line.where, result, cleaner.rules, size, result.changed, keep_text)
    if result.refused:
        return LineResult(DocumentStatus.REFUSED, result.refused, record=report)
    if not result.changed:
        return LineResult(DocumentStatus.UNCHANGED, record=report)
    record[text_field] = result.text
    output = _dump(record) if options.write else None
    return LineResult(DocumentStatus.CHANGED, removed=removed_by_category(result), output=output, record=report)


def _clean_lines_in_worker(options: LineOptions, lines: list[Line]) -> list[LineResult]:
    return clean_lines(worker_cleaner(), options, lines)


def _worker_died(needs: ReportNeeds, line: Line) -> LineResult:
    message = "the worker process cleaning it died; passed through unchanged"
    return _failure(line.where, message, len(line.raw.rstrip(b"\r\n")), needs)


def _failure(where: str, message: str, size: int, needs: ReportNeeds) -> LineResult:
    record = None if needs is ReportNeeds.NOTHING else record_of_failure(where, DocumentStatus.FAILED, message, size)
    return LineResult(DocumentStatus.FAILED, message, record=record)


def _chunks(stream: BinaryIO, name: str, max_bytes: int, records: int) -> Iterator[list[Line] | Barrier]:
    chunk: list[Line] = []
    size = 0
    number = 0
    try:
        while raw := stream.readline(max_bytes + 1):
            number += 1
            where = f"{name}:{number}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                if chunk:
                    yield chunk
                    chunk, size = [], 0
                yield _TooLong(where, raw, stream)  # the caller reads the rest of the line
                continue
            chunk.append(Line(where, raw))
            size += len(raw)
            if len(chunk) >= records or size >= CHUNK_BYTES:
                yield chunk
                chunk, size = [], 0
    except OSError as exc:
        if chunk:
            yield chunk
        yield _ReadError(exc)
        return
    if chunk:
        yield chunk


def _pass_rest_of_line(head: bytes, stream: BinaryIO, out: BinaryIO | None) -> None:
    chunk = head
    while True:
        if out is not None:
            out.write(chunk)
        if chunk.endswith(b"\n"):
            return
        chunk = stream.readline(1 << 20)
        if not chunk:
            if out is not None:
                out.write(b"\n")
            return


def _parse(body: bytes, text_field: str) -> tuple[dict[str, Any] | None, str]:
    try:
        record = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        return None, f"not valid JSON ({exc})"
    if not isinstance(record, dict):
        return None, "not a JSON object"
    if not isinstance(record.get(text_field), str):
        return None, f"no string field {text_field!r}"
    return record, ""


def _dump(record: dict[str, Any]) -> bytes:
    text = json.dumps(record, ensure_ascii=False)
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        # Lone surrogates (legal in JSON escapes, not in UTF-8) stay escaped.
        return json.dumps(record, ensure_ascii=True).encode("ascii") + b"\n"


def _emit(out: BinaryIO | None, data: bytes) -> None:
    if out is not None:
        out.write(data if data.endswith(b"\n") else data + b"\n")
