"""A progress bar on a terminal, and nothing at all anywhere else."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cleanwire.report.outcome import Outcome


class Progress(Protocol):
    def advance(self, size: int) -> None: ...


class _Silent:
    def advance(self, size: int) -> None:
        pass


def counted(outcomes: Iterable[Outcome], bar: Progress) -> Iterator[Outcome]:
    """The outcomes, each moving the bar on by its size as it passes."""
    for outcome in outcomes:
        bar.advance(outcome.size)
        yield outcome


def wanted(quiet: bool) -> bool:
    """A bar only for a person watching: stderr is a terminal, not CI, not quiet."""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_bar(total_files: int, total_bytes: int, enabled: bool, unit: str = "files") -> Iterator[Progress]:
    if not enabled or total_files < 2:
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)  # honours NO_COLOR
    columns = (
        TextColumn("cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TextColumn("{task.fields[mb]:.1f}/{task.fields[total_mb]:.1f} MB"),
        TimeRemainingColumn(),
    )
    with RichProgress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(unit, total=total_files, mb=0.0, total_mb=total_bytes / 1e6)
        done_bytes = 0

        class _Bar:
            def advance(self, size: int) -> None:
                nonlocal done_bytes
                done_bytes += size
                bar.update(task, advance=1, mb=done_bytes / 1e6)

        yield _Bar()
