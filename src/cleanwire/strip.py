"""`cleanwire strip`: read each input, clean it, and write, check or diff the result."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .cleaner import Cleaner, CleanResult
from .decode import InputError
from .engine import RuleTimeoutError
from .report import Report

STDIN = "-"


@dataclass(frozen=True)
class StripOptions:
    check: bool = False
    diff: bool = False
    encoding: str | None = None


def strip_inputs(cleaner: Cleaner, inputs: list[str], options: StripOptions, report: Report) -> None:
    """Clean each input (a path, or ``-`` for stdin) to stdout, or check or diff it."""
    out = sys.stdout.buffer
    for name in inputs or [STDIN]:
        label = "<stdin>" if name == STDIN else name
        try:
            data = sys.stdin.buffer.read() if name == STDIN else _read(Path(name))
        except OSError as exc:
            report.fail(label, exc.strerror or str(exc))
            continue
        try:
            result = cleaner.clean_bytes(data, options.encoding)
        except InputError as exc:
            report.fail(label, str(exc))
            continue
        except RuleTimeoutError as exc:
            report.fail(label, f"{exc} (the file is left as it was)")
            continue
        _emit(out, label, data, result, options, report)


def _read(path: Path) -> bytes:
    if path.is_dir():
        raise IsADirectoryError(21, "is a directory", str(path))
    return path.read_bytes()


def _emit(out: BinaryIO, label: str, data: bytes, result: CleanResult, options: StripOptions, report: Report) -> None:
    if result.refused:
        report.refuse(label, result.refused)
        if not (options.check or options.diff):
            out.write(data)
        return
    report.done(label, result.changed)
    if options.diff:
        out.write(unified_diff(result.source, result.text, label).encode("utf-8"))
    elif not options.check:
        out.write(result.text.encode("utf-8"))


def unified_diff(before: str, after: str, label: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=label,
        tofile=f"{label} (cleaned)",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
