"""Refusals a person has reviewed and accepted.

The configuration's ``accepted`` table names each such file with the sha256 of
its content when it was accepted. While the file holds that content, its refusal
no longer fails the run: it is left as it was and counted as skipped. Once the
content changes the acceptance is stale: the file is refused again, and the
message says so.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from cleanwire.report.outcome import Outcome
from cleanwire.report.record import DocumentStatus

ACCEPTED = "refused, and the refusal is accepted in the configuration; left as it was"
STALE = (
    "its acceptance in the configuration is stale: the file changed since it was accepted "
    "(review it, then run 'cleanwire accept' on it again)"
)


def digest(data: bytes) -> str:
    """How the configuration records a file's content."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def key(path: Path) -> str:
    """How the configuration's paths and a job's path are compared."""
    return os.path.normpath(path.absolute())


def judge(outcome: Outcome, path: Path, accepted: Mapping[str, str]) -> Outcome:
    """A refused file's outcome, once its acceptance (if any) is taken into account."""
    wanted = accepted.get(key(path))
    if outcome.status is not DocumentStatus.REFUSED or wanted is None:
        return outcome
    try:
        current = digest(path.read_bytes())
    except OSError:
        current = None
    if current == wanted:
        return _restated(outcome, DocumentStatus.SKIPPED, f"{ACCEPTED} ({outcome.message})")
    return _restated(outcome, DocumentStatus.REFUSED, f"{outcome.message}; {STALE}")


def _restated(outcome: Outcome, status: DocumentStatus, message: str) -> Outcome:
    record = replace(outcome.record, status=status, message=message) if outcome.record is not None else None
    return replace(outcome, status=status, message=message, record=record)
