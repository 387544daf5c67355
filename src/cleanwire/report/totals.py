"""Totals over a run's document records: per status, category, rule and outlet.

Only counts are kept, never a document's text, so a run of any size costs the
same memory. Removals count only where they were made: a refused document's
decisions were not applied, but a rule that matched there did fire.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from cleanwire.report.record import DocumentRecord, DocumentStatus
from cleanwire.rules.model import CATEGORY_NAMES, Rule

NO_OUTLET = "none"


@dataclass
class Tally:
    documents: int = 0
    decisions: int = 0
    lines: int = 0
    chars: int = 0

    def to_json(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class OutletTally:
    documents: int = 0
    changed: int = 0
    refused: int = 0
    chars_before: int = 0
    chars_removed: int = 0

    def to_json(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class RunTotals:
    status: Counter[str] = field(default_factory=Counter)
    input_bytes: int = 0
    output_bytes: int = 0
    categories: dict[str, Tally] = field(default_factory=dict)
    rules: dict[str, Tally] = field(default_factory=dict)
    rule_categories: dict[str, str] = field(default_factory=dict)
    outlets: dict[str, OutletTally] = field(default_factory=dict)
    fired: set[str] = field(default_factory=set)

    def add(self, record: DocumentRecord) -> None:
        self.status[record.status.value] += 1
        self.input_bytes += record.input_bytes
        self.output_bytes += record.output_bytes if record.output_bytes is not None else record.input_bytes
        self.fired.update(r.rule for r in record.removals)
        if record.encoding is None:
            return  # never decoded: no outlet, no decisions
        outlet = self.outlets.setdefault(record.outlet or NO_OUTLET, OutletTally())
        outlet.documents += 1
        outlet.chars_before += record.normalized_chars or 0
        if record.status is DocumentStatus.REFUSED:
            outlet.refused += 1
            return
        if record.status is DocumentStatus.CHANGED:
            outlet.changed += 1
        seen_categories: set[str] = set()
        seen_rules: set[str] = set()
        for removal in record.removals:
            size = removal.end - removal.start
            lines = removal.lines_removed
            outlet.chars_removed += size
            for tallies, key, seen in (
                (self.categories, removal.category, seen_categories),
                (self.rules, removal.rule, seen_rules),
            ):
                tally = tallies.setdefault(key, Tally())
                tally.decisions += 1
                tally.lines += lines
                tally.chars += size
                if key not in seen:
                    seen.add(key)
                    tally.documents += 1
            self.rule_categories[removal.rule] = removal.category

    @property
    def documents(self) -> int:
        return sum(self.status.values())

    def to_json(self, rules: Iterable[Rule]) -> dict[str, Any]:
        """The run's summary; ``rules`` are every loaded rule, to name those that never fired."""
        all_rules = list(rules)
        return {
            "documents": self.documents,
            "status": {s.value: self.status.get(s.value, 0) for s in DocumentStatus},
            "input_bytes": self.input_bytes,
            "output_bytes": self.output_bytes,
            "categories": {
                name: self.categories[name].to_json() for name in CATEGORY_NAMES if name in self.categories
            },
            "rules": {
                rule_id: {"category": self.rule_categories[rule_id], **tally.to_json()}
                for rule_id, tally in sorted(self.rules.items(), key=lambda item: (-item[1].chars, item[0]))
            },
            "outlets": {name: tally.to_json() for name, tally in sorted(self.outlets.items())},
            "rules_never_fired": [
                {"rule": r.id, "category": r.category.value, "rule_file": str(r.source.path), "rule_line": r.source.line}
                for r in all_rules
                if r.id not in self.fired
            ],
        }
