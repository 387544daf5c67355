"""One JSON Lines shard cleaned into its own output: the unit of work of a sharded
run, wherever it runs (this process, or a task on a Dask worker).

The shard is read (decompressed by its suffix, from a path or a URL) and its
records are cleaned by the same JSON Lines cleaner as ``--jsonl`` to stdout, so
its output bytes are those of a one-process run. The output keeps the shard's
name and so its compression, and appears whole or not at all; so does the
shard's list of outcomes (its share of the summary and the report). Last comes
its manifest entry: the sizes and hashes of both, with the run's key (rules and
options), so a later run can tell a finished shard from one a crash cut short.

A shard that cannot be read to its end (missing, corrupt, truncated) leaves no
output and no entry, and its result says why: the run reports it as failed and
goes on with the others.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, BinaryIO, cast

from cleanwire.corpus.jsonl import JsonlCleaner
from cleanwire.files.compression import by_name, writing
from cleanwire.files.names import display_input
from cleanwire.files.remote import (
    AtomicObject, Stored, base_name, join, make_folder, open_shard, shard_size, stamp, stored,
)
from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.report.outcome import Outcome, RecordDetail
from cleanwire.report.record import DocumentStatus
from cleanwire.report.stored import outcome_line
from cleanwire.settings.options import Settings

STATE_FOLDER = ".cleanwire"  # beside the outputs; hidden, so a glob of the outputs leaves it out


@dataclass(frozen=True)
class Shard:
    """A shard to clean: where it is read from and where its files go."""

    source: str
    output_dir: str

    @property
    def name(self) -> str:
        return base_name(self.source)

    @property
    def target(self) -> str:
        return join(self.output_dir, self.name)

    @property
    def outcomes(self) -> str:
        return join(join(self.output_dir, STATE_FOLDER), self.name + ".outcomes.jsonl")

    @property
    def entry(self) -> str:
        return join(join(self.output_dir, STATE_FOLDER), self.name + ".manifest.json")


@dataclass(frozen=True)
class ShardResult:
    """What cleaning a shard came to; small, sent back from a worker."""

    source: str
    read_bytes: int  # the shard as stored (compressed)
    records: int
    error: str = ""  # why the shard failed; empty when it was written


@dataclass(frozen=True)
class ManifestEntry:
    source: str
    source_stamp: str  # the shard as it was read
    key: str
    output: Stored
    outcomes: Stored
    records: int

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True).encode("utf-8") + b"\n"

    @classmethod
    def of_json(cls, data: bytes) -> ManifestEntry:
        value: dict[str, Any] = json.loads(data)
        return cls(
            source=value["source"],
            source_stamp=value["source_stamp"],
            key=value["key"],
            output=Stored(**value["output"]),
            outcomes=Stored(**value["outcomes"]),
            records=value["records"],
        )


def prepare(output_dir: str) -> None:
    """Make the output folder and the one for the shards' outcomes and manifest."""
    make_folder(output_dir)
    make_folder(join(output_dir, STATE_FOLDER))


def clean_shard(cleaner: Cleaner, settings: Settings, detail: RecordDetail, shard: Shard, key: str) -> ShardResult:
    """Clean ``shard`` into its output, its outcomes and its manifest entry;
    ``settings.jobs`` processes clean its records."""
    size = shard_size(shard.source)
    source_stamp = stamp(shard.source)
    output = AtomicObject(shard.target)
    outcomes = AtomicObject(shard.outcomes)
    records = 0
    totals = _Totals(display_input(shard.source))
    try:
        compressed = writing(cast(BinaryIO, output), by_name(shard.target))
        with open_shard(shard.source) as stream, JsonlCleaner(cleaner, compressed, settings, detail) as cleaning:
            for outcome in cleaning.clean(stream, display_input(shard.source)):
                records += 1
                if keeps_every_outcome(settings, detail) or not totals.add(outcome):
                    outcomes.write(outcome_line(outcome))
        for total in totals.outcomes():
            outcomes.write(outcome_line(total))
        compressed.close()
        output.commit()
        outcomes.commit()
    except OSError as exc:
        output.discard()
        outcomes.discard()
        return ShardResult(shard.source, size, records, exc.strerror or str(exc))
    except BaseException:
        output.discard()
        outcomes.discard()
        raise
    entry = ManifestEntry(shard.source, source_stamp, key, output.stored, outcomes.stored, records)
    written = AtomicObject(shard.entry)
    written.write(entry.to_json())
    written.commit()
    return ShardResult(shard.source, size, records)


def keeps_every_outcome(settings: Settings, detail: RecordDetail) -> bool:
    """Whether a shard keeps each record's outcome: for the report, or for -v's
    line per record. Otherwise it keeps those the summary names (refused, failed)
    and, for the rest, one total per status, so that merging a billion records'
    worth of shards reads thousands of lines, not a billion."""
    return detail is not RecordDetail.NOTHING or settings.verbose


class _Totals:
    """Changed and unchanged records of a shard, counted, with what was removed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.counts = {DocumentStatus.CHANGED: 0, DocumentStatus.UNCHANGED: 0}
        self.removed: dict[str, tuple[int, int]] = {}

    def add(self, outcome: Outcome) -> bool:
        """Count ``outcome`` if it is one of the counted; False if it is not."""
        if outcome.status not in self.counts:
            return False
        self.counts[outcome.status] += 1
        for category, (lines, size) in outcome.removed.items():
            before = self.removed.get(category, (0, 0))
            self.removed[category] = (before[0] + lines, before[1] + size)
        return True

    def outcomes(self) -> list[Outcome]:
        removed = {DocumentStatus.CHANGED: dict(sorted(self.removed.items())), DocumentStatus.UNCHANGED: {}}
        return [
            Outcome(self.name, status, removed=removed[status], count=count)
            for status, count in self.counts.items()
            if count
        ]


def finished(shard: Shard, key: str) -> ManifestEntry | None:
    """The shard's manifest entry if a run with the same rules and options wrote
    it, the shard has not changed since (see ``stamp``), and its output and
    outcomes are still exactly what the entry says; otherwise None, and the shard
    is cleaned again."""
    try:
        with open_shard(shard.entry) as handle:
            entry = ManifestEntry.of_json(handle.read())
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if entry.key != key or entry.source != shard.source or entry.source_stamp != stamp(shard.source):
        return None
    if stored(shard.target) != entry.output or stored(shard.outcomes) != entry.outcomes:
        return None
    return entry
