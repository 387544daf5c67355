"""The review file the HTML report's page downloads: a person's marks on removals
and kept lines, for `cleanwire rules review` to turn into rule changes.

    {"format": "cleanwire-review", "version": 1,
     "report": {"cleanwire": "0.1.0", "created": "..."},
     "marks": [{"verdict": "keep" | "remove", "source": ..., "outlet": id or null,
                "lines": [first, last], "text": the whole lines, "before": ..., "after": ...,
                "rule": id (keep), "removed": the removed span (keep), "category": (remove)}]}

``keep``: the rule ``rule`` removed these lines and should not have. ``remove``: a
line the rules kept is junk. Lines are 1-based, inclusive, in the normalized text;
``before`` and ``after`` are up to two lines of context. Every error names the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cleanwire.files.reading import DocumentTooLarge, NotARegularFile, read_document
from cleanwire.rules.model import CATEGORY_NAMES

REVIEW_FORMAT = "cleanwire-review"
REVIEW_VERSION = 1
MAX_REVIEW_FILE_BYTES = 16 * 1024 * 1024

Verdict = Literal["keep", "remove"]


class ReviewFileError(Exception):
    """A review file that cannot be used; ``str()`` reads ``file: message``."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class Mark:
    number: int  # 1-based, in the file
    verdict: Verdict
    source: str
    outlet: str | None
    first_line: int
    last_line: int
    text: str
    before: str
    after: str
    rule: str | None  # the rule that removed the lines (keep)
    category: str  # what the lines are (remove)

    @property
    def where(self) -> str:
        lines = f"line {self.first_line}" if self.first_line == self.last_line else f"lines {self.first_line}-{self.last_line}"
        return f"mark {self.number} ({self.source}, {lines})"


@dataclass(frozen=True)
class ReviewFile:
    path: Path
    marks: tuple[Mark, ...]


def read_review_file(path: Path) -> ReviewFile:
    try:
        data, _ = read_document(path, MAX_REVIEW_FILE_BYTES)
        document = json.loads(data.decode("utf-8"))
    except DocumentTooLarge:
        raise ReviewFileError(path, f"larger than {MAX_REVIEW_FILE_BYTES} bytes; not a review file") from None
    except NotARegularFile as exc:
        raise ReviewFileError(path, f"not a review file: it {exc.strerror}") from None
    except OSError as exc:
        raise ReviewFileError(path, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ReviewFileError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except ValueError as exc:
        raise ReviewFileError(path, f"not JSON: {exc}") from None
    return ReviewFile(path, tuple(_marks(path, document)))


def _marks(path: Path, document: Any) -> list[Mark]:
    if not isinstance(document, dict) or document.get("format") != REVIEW_FORMAT:
        raise ReviewFileError(path, f"not a review file (it needs \"format\": \"{REVIEW_FORMAT}\"; the HTML report's page writes one)")
    version = document.get("version")
    if version != REVIEW_VERSION:
        raise ReviewFileError(
            path, f"review file version {version!r} is not one this cleanwire reads (it reads version {REVIEW_VERSION})"
        )
    marks = document.get("marks")
    if not isinstance(marks, list):
        raise ReviewFileError(path, "\"marks\" must be a list")
    return [_mark(path, number, entry) for number, entry in enumerate(marks, 1)]


def _mark(path: Path, number: int, entry: Any) -> Mark:
    def fail(message: str) -> ReviewFileError:
        return ReviewFileError(path, f"mark {number}: {message}")

    if not isinstance(entry, dict):
        raise fail("must be an object")
    verdict = entry.get("verdict")
    if verdict not in ("keep", "remove"):
        raise fail(f"\"verdict\" must be \"keep\" or \"remove\" (found {verdict!r})")

    def text(key: str, required: bool = True) -> str:
        value = entry.get(key, None if required else "")
        if not isinstance(value, str):
            raise fail(f"\"{key}\" must be a string")
        return value

    lines = entry.get("lines")
    if (
        not isinstance(lines, list)
        or len(lines) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in lines)
        or lines[0] > lines[1]
    ):
        raise fail("\"lines\" must be [first, last], 1-based line numbers")
    outlet = entry.get("outlet")
    if outlet is not None and (not isinstance(outlet, str) or not outlet):
        raise fail("\"outlet\" must be an outlet id or null")
    body = text("text")
    if not body.strip():
        raise fail("\"text\" has nothing but blanks")
    rule = text("rule") if verdict == "keep" else None
    category = text("category", required=False) or "other" if verdict == "remove" else "other"
    if category not in CATEGORY_NAMES:
        raise fail(f"unknown category {category!r} (known: {', '.join(CATEGORY_NAMES)})")
    return Mark(
        number, verdict, text("source"), outlet, lines[0], lines[1], body, text("before", False), text("after", False), rule, category
    )
