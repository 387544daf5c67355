"""Counts what happened to each document and owns the exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from . import exitcodes


@dataclass
class Report:
    """One line per notable document on stderr; the counts decide the exit code."""

    check: bool = False
    quiet: bool = False
    verbose: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    changed: int = 0
    unchanged: int = 0
    refused: int = 0
    failed: int = 0

    def done(self, name: str, changed: bool) -> None:
        if changed:
            self.changed += 1
            if self.verbose or (self.check and not self.quiet):
                self._say(f"{'would clean' if self.check else 'cleaned'} {name}")
        else:
            self.unchanged += 1
            if self.verbose:
                self._say(f"unchanged {name}")

    def refuse(self, name: str, reason: str) -> None:
        self.refused += 1
        if not self.quiet:
            self._say(f"refused {name}: {reason} (left as it was)")

    def fail(self, name: str, message: str) -> None:
        self.failed += 1
        self._say(f"error: {name}: {message}")

    def _say(self, message: str) -> None:
        print(message, file=self.stream)

    @property
    def exit_code(self) -> int:
        if self.failed:
            return exitcodes.INPUT_ERROR
        if self.refused:
            return exitcodes.REFUSED
        if self.check and self.changed:
            return exitcodes.CHANGED
        return exitcodes.OK

    def summary(self) -> str:
        verb = "would be cleaned" if self.check else "cleaned"
        parts = [f"{self.changed} {verb}", f"{self.unchanged} unchanged"]
        if self.refused:
            parts.append(f"{self.refused} refused")
        if self.failed:
            parts.append(f"{self.failed} failed")
        return ", ".join(parts)
