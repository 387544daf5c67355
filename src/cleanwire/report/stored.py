"""Outcomes kept on disk as JSON Lines, one per line, and read back as they were:
how a shard cleaned on another machine hands its report and its counts to the
run that merges them, and how a resumed run gets those of the shards it skips.

JSON, not pickle: the file sits in an output folder, and reading it back must
never run code.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from cleanwire.report.outcome import Outcome
from cleanwire.report.record import DocumentRecord, DocumentStatus, Removal


def outcome_line(outcome: Outcome) -> bytes:
    value: dict[str, Any] = {
        "name": outcome.name,
        "status": outcome.status.value,
        "message": outcome.message,
        "size": outcome.size,
        "removed": outcome.removed,
        "record": None if outcome.record is None else asdict(outcome.record),
    }
    if outcome.count != 1:
        value["count"] = outcome.count
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass") + b"\n"


def outcome_of_line(line: bytes) -> Outcome:
    """The outcome ``outcome_line`` wrote; ``ValueError`` if the line is not one."""
    try:
        value = json.loads(line.decode("utf-8", "surrogatepass"))
        record = value["record"]
        return Outcome(
            name=value["name"],
            status=DocumentStatus(value["status"]),
            message=value["message"],
            size=value["size"],
            removed={category: (lines, size) for category, (lines, size) in value["removed"].items()},
            record=None if record is None else _record(record),
            count=value.get("count", 1),
        )
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a stored outcome ({exc})") from None


def _record(value: dict[str, Any]) -> DocumentRecord:
    fields = dict(value)
    fields["status"] = DocumentStatus(fields["status"])
    fields["removals"] = [Removal(**removal) for removal in fields["removals"]]
    return DocumentRecord(**fields)
