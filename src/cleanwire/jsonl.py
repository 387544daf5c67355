"""JSON Lines: clean one text field of each record, keep every other field as it is.

Records stream through one at a time, so memory stays flat on any size of input.
A line that is not a JSON object with a string text field is reported with its
line number and passed through unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, BinaryIO

from .batch import removed_by_category
from .cleaner import Cleaner
from .docrecord import DocumentStatus, record_from_result, record_of_failure
from .engine import RuleTimeoutError
from .reading import DEFAULT_MAX_BYTES, DocumentTooLarge
from .report import Report
from .reportfile import ReportSink


@dataclass(frozen=True)
class JsonlFields:
    text: str = "text"
    url: str = "url"


def clean_jsonl(
    cleaner: Cleaner,
    stream: BinaryIO,
    out: BinaryIO | None,
    name: str,
    fields: JsonlFields,
    report: Report,
    max_bytes: int = DEFAULT_MAX_BYTES,
    sink: ReportSink | None = None,
) -> None:
    """Clean each record of ``stream`` into ``out`` (``None``: check only, write nothing).
    With ``sink``, each record's report goes there, named ``name:line``."""
    number = 0
    while raw := stream.readline(max_bytes + 1):
        number += 1
        where = f"{name}:{number}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            message = f"record {DocumentTooLarge(None, max_bytes)}; passed through unchanged"
            report.refuse(where, message)
            if sink is not None:
                sink.add(record_of_failure(where, DocumentStatus.REFUSED, message, len(raw)))
            _pass_rest_of_line(raw, stream, out)
            continue
        body = raw.rstrip(b"\r\n")
        if not body.strip():
            _emit(out, raw)
            continue
        record, problem = _parse(body, fields.text)
        if record is None:
            _fail(where, f"{problem}; passed through unchanged", len(body), report, sink)
            _emit(out, raw)
            continue
        text = record[fields.text]
        size = len(text.encode("utf-8", "surrogatepass"))
        url = record.get(fields.url)
        try:
            result = cleaner.clean(text, url=url if isinstance(url, str) else None)
        except RuleTimeoutError as exc:
            _fail(where, f"{exc}; passed through unchanged", size, report, sink)
            _emit(out, raw)
            continue
        if sink is not None:
            sink.add(record_from_result(where, result, cleaner.rules, size, result.changed, sink.wants_text))
        if result.refused:
            report.refuse(where, result.refused)
            _emit(out, raw)
            continue
        report.done(where, result.changed, removed_by_category(result))
        if result.changed:
            record[fields.text] = result.text
            _emit(out, _dump(record))
        else:
            _emit(out, raw)


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


def _fail(where: str, message: str, size: int, report: Report, sink: ReportSink | None) -> None:
    report.fail(where, message)
    if sink is not None:
        sink.add(record_of_failure(where, DocumentStatus.FAILED, message, size))


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
