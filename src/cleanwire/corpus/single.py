"""One document, from stdin or a file, cleaned to stdout.

It is cleaned through the same ordered pool as a batch of files and JSON Lines
(``cleaner_pool``), as a chunk of one: with no second chunk to share the work,
the pool cleans it in this process and starts no worker. A refused document
passes through as it was read; one over the size limit passes through as it is
read, never held whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import BinaryIO

from cleanwire.corpus.pool import Barrier
from cleanwire.corpus.workers import cleaner_pool
from cleanwire.files.names import STDIN, display, display_input
from cleanwire.files.reading import DocumentTooLarge, pass_through, read_document, read_stream
from cleanwire.pipeline.cleaner import Cleaner, CleanResult
from cleanwire.pipeline.decode import InputError
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.report.diffview import colour_diff, unified_diff
from cleanwire.report.outcome import Outcome, RecordDetail, UnwritableText, bytes_to_write
from cleanwire.report.record import DocumentStatus
from cleanwire.settings.options import Settings


class Show(str, Enum):
    """What goes to stdout."""

    TEXT = "text"  # the clean text; a refused document as it was read
    DIFF = "diff"  # a unified diff (nothing for a refused document)
    NOTHING = "nothing"  # --check

    @classmethod
    def of(cls, settings: Settings) -> Show:
        return cls.DIFF if settings.diff else cls.NOTHING if settings.check else cls.TEXT


@dataclass(frozen=True)
class Document:
    name: str  # as the terminal and the report show it
    data: bytes


@dataclass(frozen=True)
class Cleaned:
    """What cleaning one document came to; small and picklable."""

    outcome: Outcome
    output: bytes = b""  # what goes to stdout


def clean_to_stdout(
    cleaner: Cleaner,
    names: Sequence[str],
    out: BinaryIO,
    stdin: BinaryIO,
    settings: Settings,
    detail: RecordDetail = RecordDetail.NOTHING,
    colour: bool = False,
) -> Iterator[Outcome]:
    """Clean each of ``names`` (``-`` is ``stdin``) into ``out``, and tell its outcome;
    ``colour`` colours a diff."""
    show = Show.of(settings)
    limit = settings.max_size
    step = partial(clean_documents, show, detail, colour)
    with cleaner_pool(cleaner, step, partial(_worker_died, detail), workers=1) as pool:
        for name in names:
            label = display(settings.stdin_filename) if name == STDIN and settings.stdin_filename else display_input(name)
            try:
                if name == STDIN:
                    data, complete = read_stream(stdin, limit)
                    if not complete:
                        yield _too_large(label, DocumentTooLarge(None, limit), 0, detail)
                        if show is Show.TEXT:
                            pass_through(data, stdin, out)
                        continue
                else:
                    data, _ = read_document(Path(name), limit)
            except DocumentTooLarge as exc:
                yield _too_large(label, exc, exc.size or 0, detail)
                if show is Show.TEXT:
                    with open(name, "rb") as handle:
                        pass_through(b"", handle, out)
                continue
            except OSError as exc:
                yield _failure(label, exc.strerror or str(exc), 0, detail).outcome
                continue
            for item in pool.map([[Document(label, data)]]):
                if not isinstance(item, Barrier):
                    _, cleaned = item
                    if cleaned.output:
                        out.write(cleaned.output)
                    yield cleaned.outcome


def clean_documents(
    show: Show, detail: RecordDetail, colour: bool, cleaner: Cleaner, documents: list[Document]
) -> list[Cleaned]:
    return [clean_document(show, detail, colour, cleaner, document) for document in documents]


def clean_document(show: Show, detail: RecordDetail, colour: bool, cleaner: Cleaner, document: Document) -> Cleaned:
    name, data = document.name, document.data
    try:
        result = cleaner.clean_bytes(data, url=cleaner.settings.url)
    except InputError as exc:
        return _failure(name, str(exc), len(data), detail)
    except RuleTimeoutError as exc:
        return _failure(name, f"{exc} (the file is left as it was)", len(data), detail)
    try:
        written = bytes_to_write(result, data, cleaner.settings.output_encoding)
    except UnwritableText as exc:
        return _failure(name, str(exc), len(data), detail)
    outcome = Outcome.of_cleaning(name, result, cleaner.rules, read=data, written=written, size=len(data), detail=detail)
    return Cleaned(outcome, _shown(name, result, written, show, colour))


def _shown(name: str, result: CleanResult, written: bytes, show: Show, colour: bool) -> bytes:
    if show is Show.TEXT:
        return written
    if show is Show.DIFF and not result.refused:
        diff = unified_diff(result.source, result.text, name, result.stats.describe())
        return (colour_diff(diff) if colour else diff).encode("utf-8")
    return b""


def _too_large(name: str, exc: DocumentTooLarge, size: int, detail: RecordDetail) -> Outcome:
    return Outcome.without_cleaning(name, DocumentStatus.REFUSED, str(exc), size, detail)


def _worker_died(detail: RecordDetail, document: Document) -> Cleaned:
    return _failure(document.name, "the worker process cleaning it died", len(document.data), detail)


def _failure(name: str, message: str, size: int, detail: RecordDetail) -> Cleaned:
    return Cleaned(Outcome.without_cleaning(name, DocumentStatus.FAILED, message, size, detail))
