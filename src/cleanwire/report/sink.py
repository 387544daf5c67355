"""`--report FILE`: pick the format, stream document records into the file, and
finish it with the run's totals. The file appears whole when the run ends, or
not at all."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from cleanwire import __version__
from cleanwire.report.record import DocumentRecord
from cleanwire.rules.model import Rule
from cleanwire.report.totals import RunTotals
from cleanwire.files.atomic import AtomicStream


class ReportFormat(str, Enum):
    JSON = "json"
    JSONL = "jsonl"
    HTML = "html"


_BY_SUFFIX = {".json": ReportFormat.JSON, ".jsonl": ReportFormat.JSONL, ".html": ReportFormat.HTML, ".htm": ReportFormat.HTML}


class ReportError(Exception):
    """The report cannot be written. The message names the file."""


class RecordWriter(Protocol):
    wants_text: bool

    def add(self, record: DocumentRecord) -> None: ...

    def finish(self, summary: dict[str, Any]) -> None: ...


# Report names that stand for a standard stream, written as the run goes.
STREAM_NAMES = {"-": "stdout", "/dev/stdout": "stdout", "/dev/stderr": "stderr"}


def stream_of(path: Path) -> str | None:
    """``"stdout"`` or ``"stderr"`` when ``--report`` names a standard stream."""
    return STREAM_NAMES.get(str(path))


def choose_format(path: Path, requested: str | None) -> ReportFormat:
    """``--report-format`` when given, else the file's suffix; JSON on a stream."""
    if requested:
        try:
            return ReportFormat(requested.lower())
        except ValueError:
            raise ReportError(f"unknown report format {requested!r} (json, jsonl or html)") from None
    if stream_of(path):
        return ReportFormat.JSON
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise ReportError(f"{path}: cannot tell the report format from the name; end it in .json, .jsonl or .html, or pass --report-format")
    return found


def _writer(fmt: ReportFormat, out: BinaryIO, header: dict[str, Any]) -> RecordWriter:
    if fmt is ReportFormat.HTML:
        from cleanwire.report.htmlwriter import HtmlReportWriter

        return HtmlReportWriter(out, header)
    from cleanwire.report.jsonwriter import JsonlReportWriter, JsonReportWriter

    return JsonlReportWriter(out, header) if fmt is ReportFormat.JSONL else JsonReportWriter(out, header)


class ReportSink:
    """Takes each document's record as it comes; ``finish`` writes the totals and
    puts the file in place, ``discard`` leaves no trace of it."""

    def __init__(self, path: Path, fmt: ReportFormat, inputs: Iterable[str], options: dict[str, Any]) -> None:
        self.path = path
        self.totals = RunTotals()
        header = {
            "cleanwire": __version__,
            "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "inputs": list(inputs),
            "options": options,
        }
        try:
            stream = stream_of(path)
            self.stream: AtomicStream | _StandardStream = (
                _StandardStream(sys.stdout.buffer if stream == "stdout" else sys.stderr.buffer)
                if stream
                else AtomicStream(path)
            )
            self.writer = _writer(fmt, self.stream.handle, header)
        except OSError as exc:
            raise ReportError(f"{path}: cannot write the report: {exc.strerror or exc}") from None

    @property
    def wants_text(self) -> bool:
        return self.writer.wants_text

    def add(self, record: DocumentRecord) -> None:
        self.totals.add(record)
        try:
            self.writer.add(record)
        except OSError as exc:
            self.discard()
            if isinstance(exc, BrokenPipeError) and isinstance(self.stream, _StandardStream):
                raise  # `--report - | head`: the reader has all it wanted, as with the clean text
            raise ReportError(f"{self.path}: cannot write the report: {exc.strerror or exc}") from None

    def finish(self, rules: Iterable[Rule]) -> None:
        try:
            self.writer.finish(self.totals.to_json(rules))
            self.stream.commit()
        except OSError as exc:
            self.discard()
            if isinstance(exc, BrokenPipeError) and isinstance(self.stream, _StandardStream):
                raise  # `--report - | head`: the reader has all it wanted, as with the clean text
            raise ReportError(f"{self.path}: cannot write the report: {exc.strerror or exc}") from None

    def discard(self) -> None:
        self.stream.discard()


class _StandardStream:
    """Stdout or stderr as a report's destination: written as the run goes; what
    was written stays written, so a run that fails leaves the report unfinished."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle

    def commit(self) -> None:
        self.handle.flush()

    def discard(self) -> None:
        pass
