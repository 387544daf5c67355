"""JSON Lines: clean one text field of each record, keep every other field as it is.

With one job, records are cleaned one at a time in this process. With more,
chunks of records go to worker processes and come back in input order, a few
chunks per worker in flight; either way memory stays flat on any size of input,
and the output and the report are the same. A line that is not a JSON object
with a string text field is reported with its line number and passed through
unchanged.

A record whose text changed goes out as the line it came in, with only the
bytes of the text field's value replaced: every other field, the spacing, the
key order, the escapes, the numbers, a byte order mark and the end of line stay
as they were. With the text field given twice, the last one is the one cleaned,
as it is the one a JSON reader sees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
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

# Deeper records fail alone, and at the same depth in this process and in a
# worker, rather than at whatever depth the reader's recursion gives out.
MAX_DEPTH = 500

UTF8_BOM = b"\xef\xbb\xbf"
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_NOT_BRACKET_OR_QUOTE = re.compile(r'[^\[\]{}"]+')
_QUOTED = re.compile(r'"[^"]*"')
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _ignore(number: str) -> None:
    return None


# Numbers are not needed, only checked: as text they can be of any size.
_JSON = json.JSONDecoder(parse_int=_ignore, parse_float=_ignore)


class InputLine(NamedTuple):
    where: str  # "name:number", as the report names the record
    raw: bytes  # the line as read, end of line included


class Record(NamedTuple):
    """What a line holds that cleaning needs: its text, its URL, and where the text is."""

    text: str
    url: str | None
    source: str  # the line, decoded
    span: tuple[int, int]  # the text field's value, quotes included, in ``source``


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
    bom = UTF8_BOM if body.startswith(UTF8_BOM) else b""
    record, problem = _parse(body[len(bom) :], settings.text_field, settings.url_field)
    if record is None:
        return _failure(line.where, f"{problem}; passed through unchanged", len(body), detail)
    size = len(record.text.encode("utf-8", "surrogatepass"))
    try:
        result = cleaner.clean(record.text, url=record.url)
    except RuleTimeoutError as exc:
        return _failure(line.where, f"{exc}; passed through unchanged", size, detail)
    # A record goes out as the line it came in unless cleaning gave it other text.
    written = bom + _splice(record, result.text) if result.changed else body
    outcome = Outcome.of_cleaning(
        line.where, result, cleaner.rules, read=body, written=written, size=size, detail=detail, whole_text=False
    )
    output = written + line.raw[len(body) :] if result.changed and write else None
    return LineResult(outcome, output)


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


def _parse(body: bytes, text_field: str, url_field: str) -> tuple[Record | None, str]:
    try:
        source = body.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as exc:
        return None, f"not valid JSON ({exc})"
    if _deeper_than(source, MAX_DEPTH):
        return None, f"nested more than {MAX_DEPTH} levels deep"
    try:
        record = _JSON.decode(source)
    except (ValueError, RecursionError) as exc:
        return None, f"not valid JSON ({exc})"
    if not isinstance(record, dict):
        return None, "not a JSON object"
    text = record.get(text_field)
    if not isinstance(text, str):
        return None, f"no string field {text_field!r}"
    url = record.get(url_field)
    span = _value_span(source, text_field)
    return Record(text, url if isinstance(url, str) else None, source, span), ""


def _deeper_than(source: str, limit: int) -> bool:
    """Whether brackets outside strings nest more than ``limit`` deep in ``source``;
    those after a string that never ends are left for the JSON reader to name."""
    if source.count("[") + source.count("{") <= limit:
        return False  # as nearly every line: no need to look closer
    # Regular expressions and iterators in C: a line of a million brackets takes
    # a fraction of a second, whatever its strings hold.
    structure = _QUOTED.sub("", _NOT_BRACKET_OR_QUOTE.sub("", _ESCAPE.sub("", source)))
    brackets = structure.split('"', 1)[0]
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > limit


def _value_span(source: str, key: str) -> tuple[int, int]:
    """Where the value of the last top-level member named ``key`` is in ``source``,
    a JSON object that has one, nested no deeper than the reader can go."""
    span = (0, 0)
    at = _skip_space(source, 0) + 1  # past "{"
    while True:
        name, at = _JSON.raw_decode(source, _skip_space(source, at))
        start = _skip_space(source, _skip_space(source, at) + 1)  # past ":"
        at = _JSON.raw_decode(source, start)[1]
        if name == key:
            span = (start, at)
        at = _skip_space(source, at)
        if source[at] == "}":
            return span
        at += 1  # past ","


def _skip_space(source: str, at: int) -> int:
    return _JSON_SPACE.match(source, at).end()  # type: ignore[union-attr]


def _splice(record: Record, text: str) -> bytes:
    """The line ``record`` was read from, with ``text`` in place of its text."""
    start, end = record.span
    old_value = record.source[start:end]
    # Non-ASCII text written as \uXXXX escapes stays so.
    value = _json_string(text, ascii_only=old_value.isascii() and not record.text.isascii())
    return (
        record.source[:start].encode("utf-8", "surrogatepass")
        + value
        + record.source[end:].encode("utf-8", "surrogatepass")
    )


def _json_string(text: str, ascii_only: bool) -> bytes:
    try:
        return json.dumps(text, ensure_ascii=ascii_only).encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (legal in JSON escapes, not in UTF-8) stay escaped.
        return json.dumps(text, ensure_ascii=True).encode("ascii")


def _emit(out: BinaryIO | None, data: bytes) -> None:
    if out is not None:
        out.write(data if data.endswith(b"\n") else data + b"\n")
