"""The pages to learn from: text files, folders of them, and JSON Lines records."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanwire.pipeline.decode import InputError, decode
from cleanwire.pipeline.normalize import normalize_text

JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_PAGE_BYTES = 16 * 1024 * 1024


class SourceError(Exception):
    """A source that cannot be read at all: it names the path and why."""


@dataclass(frozen=True)
class Page:
    name: str  # a file's path, or "file:line" for a JSON Lines record
    url: str | None
    text: str  # normalized, as the engine sees it


@dataclass(frozen=True)
class Fields:
    text: str = "text"
    url: str = "url"


def read_pages(sources: Sequence[Path], fields: Fields = Fields()) -> Iterator[Page]:
    """Every page of ``sources``, in a fixed order: the sources as given, a
    folder's files sorted by path. Files that are not text are skipped."""
    for source in sources:
        if source.is_dir():
            for path in _files_under(source):
                yield from _pages_of_file(path, fields)
        elif source.is_file():
            yield from _pages_of_file(source, fields)
        else:
            raise SourceError(f"{source}: no such file or folder")


def _files_under(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    return sorted(found)


def _pages_of_file(path: Path, fields: Fields) -> Iterator[Page]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _records(path, fields)
        return
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            return
        text = decode(path.read_bytes()).text
    except InputError:
        return  # not text: a folder of pages may hold images and the like
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror or exc}") from None
    yield Page(str(path), None, normalize_text(text))


def _records(path: Path, fields: Fields) -> Iterator[Page]:
    """The records of a JSON Lines file, read a line at a time; a line that is not
    a JSON object with a string text field is skipped."""
    try:
        with path.open("rb") as stream:
            for number, raw in enumerate(stream, 1):
                record = _record(raw)
                if record is None:
                    continue
                text = record.get(fields.text)
                url = record.get(fields.url)
                if isinstance(text, str):
                    yield Page(f"{path}:{number}", url if isinstance(url, str) else None, normalize_text(text))
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror or exc}") from None


def _record(raw: bytes) -> dict[str, object] | None:
    if not raw.strip():
        return None
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None
