"""The removal report as JSON (one document) or JSON Lines (one record a line).

Both stream: each document's record is written as it arrives and then forgotten,
and the run's summary comes last, so a batch of any size costs the memory of one
document. The schema is ``schema.json`` beside this module.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from cleanwire.report.record import DocumentRecord

FORMAT_NAME = "cleanwire-report"
SCHEMA_VERSION = 1


def _dumps(value: Any, indent: int | None = None) -> bytes:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (from a JSON Lines input's escapes) cannot be UTF-8; keep them escaped.
        return json.dumps(value, ensure_ascii=True, indent=indent).encode("ascii")


class JsonReportWriter:
    """``{"format", "version", ..., "documents": [...], "summary": {...}}``."""

    wants_text = False

    def __init__(self, out: BinaryIO, header: dict[str, Any]) -> None:
        self.out = out
        self.count = 0
        head = _dumps({"format": FORMAT_NAME, "version": SCHEMA_VERSION, **header}, indent=1)
        # Reopen the object to stream the documents into it.
        self.out.write(head[: head.rindex(b"}")].rstrip() + b',\n "documents": [')

    def add(self, record: DocumentRecord) -> None:
        self.out.write(b"\n  " if self.count == 0 else b",\n  ")
        self.out.write(_dumps(record.to_json()))
        self.count += 1

    def finish(self, summary: dict[str, Any]) -> None:
        self.out.write(b"\n ],\n \"summary\": " + _dumps(summary, indent=1).replace(b"\n", b"\n ") + b"\n}\n")


class JsonlReportWriter:
    """A header line, one line per document, and a summary line; each has ``record``."""

    wants_text = False

    def __init__(self, out: BinaryIO, header: dict[str, Any]) -> None:
        self.out = out
        self._line({"record": "header", "format": FORMAT_NAME, "version": SCHEMA_VERSION, **header})

    def add(self, record: DocumentRecord) -> None:
        self._line({"record": "document", **record.to_json()})

    def finish(self, summary: dict[str, Any]) -> None:
        self._line({"record": "summary", **summary})

    def _line(self, value: dict[str, Any]) -> None:
        self.out.write(_dumps(value) + b"\n")
