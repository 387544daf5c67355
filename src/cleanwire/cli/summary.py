"""What the terminal is told: a line per notable document on stderr, the run's
counts at the end, and the exit code they come to."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from cleanwire import exitcodes
from cleanwire.report.outcome import Outcome
from cleanwire.report.record import DocumentStatus
from cleanwire.settings.options import DEFAULTS, Settings

FEW = 10  # changed documents named one by one in the fix command; more are named by their inputs


@dataclass
class Summary:
    """Counts each document's outcome, says on stderr what is worth saying, and owns
    the exit code.

    When several outcomes apply, the exit code is the first of: 2 (a document
    failed), 3 (a guard refused a document), 1 (``--check`` found changes, or a fix
    was made with ``fail_on_change``), 0.
    """

    settings: Settings = DEFAULTS  # check, quiet, verbose and fail_on_change are read here
    changed_verb: str = "cleaned"  # the line for a changed document: "cleaned NAME"
    announce_changes: bool = True  # off when the clean text itself goes to stdout
    shown_as: Callable[[str], str] = str  # the name a changed document's line gives (with -o: the output's)
    noun: str = "file"  # what a document is called in the counts: "file" or "record"
    # None: sys.stderr as it is when a line is said, so a line said under the progress
    # bar goes through Rich's redirection and never lands glued to a stale frame.
    stream: TextIO | None = None
    changed: int = 0
    unchanged: int = 0
    refused: int = 0
    failed: int = 0
    skipped: int = 0
    removed: dict[str, list[int]] = field(default_factory=dict)  # category: [lines, bytes]
    changed_names: list[str] = field(default_factory=list)  # the first few, for the fix command

    @property
    def seen(self) -> int:
        return self.changed + self.unchanged + self.refused + self.failed + self.skipped

    def add(self, outcome: Outcome) -> None:
        name = outcome.name
        match outcome.status:
            case DocumentStatus.CHANGED:
                self.changed += outcome.count
                if len(self.changed_names) <= FEW:
                    self.changed_names.append(name)
                for category, (lines, size) in outcome.removed.items():
                    totals = self.removed.setdefault(category, [0, 0])
                    totals[0] += lines
                    totals[1] += size
                if self.settings.verbose or (self.announce_changes and not self.settings.quiet):
                    self._say(f"{'would clean' if self.settings.check else self.changed_verb} {self.shown_as(name)}")
            case DocumentStatus.UNCHANGED:
                self.unchanged += outcome.count
                if self.settings.verbose:
                    self._say(f"unchanged {name}")
            case DocumentStatus.SKIPPED:
                self.skipped += outcome.count
                if self.settings.verbose:
                    self._say(f"skipped {name}: {outcome.message}")
            case DocumentStatus.REFUSED:
                self.refused += outcome.count
                if not self.settings.quiet:
                    self._say(f"refused {name}: {outcome.message} (left as it was)")
            case DocumentStatus.FAILED:
                self.failed += outcome.count
                self._say(f"error: {name}: {outcome.message}")

    def _say(self, message: str) -> None:
        print(message, file=self.stream if self.stream is not None else sys.stderr)

    @property
    def writes_nothing(self) -> bool:
        return self.settings.check or self.settings.diff

    @property
    def exit_code(self) -> int:
        if self.failed:
            return exitcodes.INPUT_ERROR
        if self.refused:
            return exitcodes.REFUSED
        if (self.settings.check or self.settings.fail_on_change) and self.changed:
            return exitcodes.CHANGED
        return exitcodes.OK

    def totals(self, table: bool = False) -> str:
        """The closing lines: how many documents came to what, and what was removed:
        as a small ``table`` (for a terminal), or one line per category (for a log or
        a program)."""
        verb = "would be cleaned" if self.writes_nothing else "cleaned"
        counts = [f"{self.changed} {verb}", f"{self.unchanged} unchanged"]
        for count, word in ((self.refused, "refused"), (self.failed, "failed"), (self.skipped, "skipped")):
            if count:
                counts.append(f"{count} {word}")
        lines = [f"{self.seen} {self.noun}{'s' if self.seen != 1 else ''}: {', '.join(counts)}"]
        if self.removed and not self.settings.short_summary:
            ranked = sorted(self.removed.items(), key=lambda item: (-item[1][1], item[0]))
            label = "would remove" if self.writes_nothing else "removed"
            lines.extend(_removal_table(label, ranked) if table else _removal_lines(label, ranked))
        return "\n".join(lines)


def _removal_lines(label: str, ranked: list[tuple[str, list[int]]]) -> list[str]:
    """One line per category, each saying what it is (for grep and logs)."""
    return [f"{label}: {category} {count} line{'s' if count != 1 else ''} / {_size(size)}" for category, (count, size) in ranked]


def _removal_table(label: str, ranked: list[tuple[str, list[int]]]) -> list[str]:
    """The categories as aligned columns, largest first."""
    rows = [(category, str(count), _size(size)) for category, (count, size) in ranked]
    header = (label, "lines", "size")
    widths = [max(len(row[column]) for row in (header, *rows)) for column in range(3)]
    return [f"{a:<{widths[0]}}  {b:>{widths[1]}}  {c:>{widths[2]}}".rstrip() for a, b, c in (header, *rows)]


def _size(count: int) -> str:
    if count < 1000:
        return f"{count} B"
    if count < 1_000_000:
        return f"{count / 1000:.1f} kB"
    return f"{count / 1_000_000:.1f} MB"
