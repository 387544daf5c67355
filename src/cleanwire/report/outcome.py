"""What happened to one document: the value every way of running `strip` (stdout,
a batch of files, JSON Lines) hands to the terminal summary and to the report.

Its status is one of ``DocumentStatus``: changed, unchanged, refused, failed,
skipped. Whether a document is *changed* is decided once, here, by one rule: the
bytes cleaning would write against the bytes that were read. For a file, that is
its clean text in UTF-8 (``bytes_to_write``) against the file as read; for a JSON
Lines record, the line that goes out against the line that came in, line ends
aside. The same holds when nothing is written (``--check``, ``--diff``), so the
stderr line, the summary, the exit code and the report's status always agree. A
cp1252 file with nothing to remove is therefore changed: it would be written as
UTF-8. A JSON Lines record whose text comes back as it was goes out as the line
it came in, so it is unchanged. A document a guard refused is refused, whatever
its bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from cleanwire.report.record import DocumentRecord, DocumentStatus, record_from_result, record_of_failure

if TYPE_CHECKING:
    from cleanwire.pipeline.cleaner import CleanResult
    from cleanwire.report.sink import ReportSink
    from cleanwire.rules.ruleset import RuleSet


class RecordDetail(str, Enum):
    """How much of its report record an outcome brings back (from a worker process)."""

    NOTHING = "nothing"  # no --report
    RECORD = "record"  # decisions with their removed text
    RECORD_AND_TEXT = "record-and-text"  # and the normalized text (the HTML report shows it)

    @classmethod
    def of(cls, sink: ReportSink | None) -> RecordDetail:
        if sink is None:
            return cls.NOTHING
        return cls.RECORD_AND_TEXT if sink.wants_text else cls.RECORD


@dataclass(frozen=True)
class Outcome:
    """What happened to one document; small and picklable, so a worker can send it back."""

    name: str  # as the terminal and the report show it
    status: DocumentStatus
    message: str = ""  # why it was refused, failed or skipped
    size: int = 0  # bytes read
    removed: dict[str, tuple[int, int]] = field(default_factory=dict)  # when changed: category: (lines, bytes)
    record: DocumentRecord | None = None  # its report record, when a report was asked for
    count: int = 1  # documents it stands for: more for a shard's totals of one status (``removed`` summed)

    @classmethod
    def of_cleaning(
        cls,
        name: str,
        result: CleanResult,
        rules: RuleSet,
        *,
        read: bytes,
        written: bytes,
        size: int,
        detail: RecordDetail,
        whole_text: bool = True,
    ) -> Outcome:
        """A document the cleaner cleaned, that goes out as ``written``; refused
        (whatever ``written`` is) when a guard refused it. ``whole_text``: ``written``
        is the text and nothing else (not a JSON line holding it)."""
        if result.refused:
            status = DocumentStatus.REFUSED
        else:
            status = DocumentStatus.CHANGED if written != read else DocumentStatus.UNCHANGED
        changed = status is DocumentStatus.CHANGED
        record = None
        if detail is not RecordDetail.NOTHING:
            keep_text = detail is RecordDetail.RECORD_AND_TEXT
            output_bytes = len(written) if whole_text else None
            record = record_from_result(name, result, rules, size, changed, keep_text, output_bytes)
        removed = removed_by_category(result) if changed else {}
        return cls(name, status, result.refused or "", size, removed, record)

    @classmethod
    def without_cleaning(
        cls, name: str, status: DocumentStatus, message: str, size: int, detail: RecordDetail
    ) -> Outcome:
        """A document that never reached the cleaner, or whose cleaning came to nothing."""
        record = None if detail is RecordDetail.NOTHING else record_of_failure(name, status, message, size)
        return cls(name, status, message, size, record=record)


class UnwritableText(Exception):
    """The clean text has a character the encoding it was read in cannot hold (a
    normalization composed it, or ``--fix-mojibake`` repaired it). The message names
    it and the way out."""


def bytes_to_write(result: CleanResult, read: bytes, output_encoding: str = "input") -> bytes:
    """What a document read as ``read`` is written as: its clean text in the encoding
    (and with the byte-order mark) it was read in, or in UTF-8 when
    ``output_encoding`` is ``"utf-8"``; when a guard refused it, the bytes it was
    read as."""
    if result.refused:
        return read
    if output_encoding == "utf-8":
        return result.text.encode("utf-8")
    try:
        return result.bom + result.text.encode(result.encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise UnwritableText(
            f"cannot write the clean text back in {result.encoding}, the encoding it was read in: "
            f"{char!r} (U+{ord(char):04X}, character {exc.start}) has no {result.encoding} bytes; "
            "give --output-encoding utf-8 (left as it was)"
        ) from None


def removed_by_category(result: CleanResult) -> dict[str, tuple[int, int]]:
    """Lines and UTF-8 bytes each category took out of the normalized text."""
    totals: dict[str, tuple[int, int]] = {}
    for decision in result.decisions:
        span = result.normalized[decision.start : decision.end]
        lines = 0 if decision.inline else sum(1 for line in span.split("\n") if line)
        previous = totals.get(decision.category.value, (0, 0))
        totals[decision.category.value] = (previous[0] + lines, previous[1] + len(span.encode("utf-8")))
    return totals
