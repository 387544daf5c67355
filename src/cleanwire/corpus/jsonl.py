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
from dataclasses import dataclass
from functools import partial
from typing import Any, BinaryIO, NamedTuple

from cleanwire.corpus.pool import Barrier
from cleanwire.corpus.workers import cleaner_pool
from cleanwire.files.reading import DocumentTooLarge
from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.report.outcome import Outcome, RecordDetail
from cleanwire.report.record import DocumentStatus
from cleanwire.settings.options import Settings

# A chunk of records sent to a worker ends at whichever limit comes first: small
# enough that a worker answers within a fraction of a second, big enough that
# sending it costs little next to cleaning it.
CHUNK_RECORDS = 128
CHUNK_BYTES = 256 * 1024


class InputLine(NamedTuple):
    where: str  # "name:number", as the report names the record
    raw: bytes  # the line as read, end of line included


@dataclass(frozen=True)
class LineResult:
    """What cleaning one line came to; small and picklable, sent back from workers."""

    outcome: Outcome | None  # None: a blank line, passed through without a word
    output: bytes | None = None  # the cleaned record; None: the line as it came


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
    with ``settings.workers`` processes shared by every stream of the run. Each
    record's outcome is named ``name:line``, and carries its report record per ``detail``."""

    def __init__(
        self,
        cleaner: Cleaner,
        out: BinaryIO | None,
        settings: Settings,
        detail: RecordDetail = RecordDetail.NOTHING,
    ) -> None:
        self.out = out
        self.max_bytes = settings.max_size
        self.detail = detail
        workers = settings.workers
        step = partial(clean_lines, settings, detail, out is not None)
        self.pool = cleaner_pool(cleaner, step, partial(_worker_died, detail), workers)
        # One job keeps to one record at a time, as it is read.
        self.chunk_records = CHUNK_RECORDS if workers > 1 else 1

    def __enter__(self) -> JsonlCleaner:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> None:
        self.pool.close(cancel=kind is not None)

    def clean(self, stream: BinaryIO, name: str) -> Iterator[Outcome]:
        """Clean every record of ``stream``, each written before its outcome comes;
        an OSError reading it is raised after the records read before it."""
        for item in self.pool.map(_chunks(stream, name, self.max_bytes, self.chunk_records)):
            if isinstance(item, _TooLong):
                yield self._refusal(item)
                _pass_rest_of_line(item.head, item.stream, self.out)
            elif isinstance(item, _ReadError):
                raise item.error
            elif not isinstance(item, Barrier):
                line, result = item
                _emit(self.out, result.output or line.raw)
                if result.outcome is not None:
                    yield result.outcome

    def _refusal(self, item: _TooLong) -> Outcome:
        message = f"record {DocumentTooLarge(None, self.max_bytes)}; passed through unchanged"
        return Outcome.without_cleaning(item.where, DocumentStatus.REFUSED, message, len(item.head), self.detail)


def clean_lines(
    settings: Settings, detail: RecordDetail, write: bool, cleaner: Cleaner, lines: list[InputLine]
) -> list[LineResult]:
    """Each line's result; ``write`` False (``--check``) keeps no output."""
    return [clean_line(settings, detail, write, cleaner, line) for line in lines]


def clean_line(settings: Settings, detail: RecordDetail, write: bool, cleaner: Cleaner, line: InputLine) -> LineResult:
    body = line.raw.rstrip(b"\r\n")
    if not body.strip():
        return LineResult(None)
    text_field = settings.text_field
    record, problem = _parse(body, text_field)
    if record is None:
        return _failure(line.where, f"{problem}; passed through unchanged", len(body), detail)
    text = record[text_field]
    size = len(text.encode("utf-8", "surrogatepass"))
    url = record.get(settings.url_field)
    try:
        result = cleaner.clean(text, url=url if isinstance(url, str) else None)
    except RuleTimeoutError as exc:
        return _failure(line.where, f"{exc}; passed through unchanged", size, detail)
    # A record goes out as the line it came in unless cleaning gave it other text.
    output = None
    if result.changed:
        record[text_field] = result.text
        output = _dump(record)
    written = body if output is None else output.removesuffix(b"\n")
    outcome = Outcome.of_cleaning(
        line.where, result, cleaner.rules, read=body, written=written, size=size, detail=detail
    )
    return LineResult(outcome, output if write else None)


def _worker_died(detail: RecordDetail, line: InputLine) -> LineResult:
    message = "the worker process cleaning it died; passed through unchanged"
    return _failure(line.where, message, len(line.raw.rstrip(b"\r\n")), detail)


def _failure(where: str, message: str, size: int, detail: RecordDetail) -> LineResult:
    return LineResult(Outcome.without_cleaning(where, DocumentStatus.FAILED, message, size, detail))


def _chunks(stream: BinaryIO, name: str, max_bytes: int, records: int) -> Iterator[list[InputLine] | Barrier]:
    chunk: list[InputLine] = []
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
            chunk.append(InputLine(where, raw))
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
