"""One document's entry in the removal report: what came in, what the rules decided,
with each decision's provenance, and what went out.

A record is a plain value, built where the document was cleaned (a worker process
in a batch) and sent back to be written; it carries the removed text of every
decision, and the normalized text only when the HTML report needs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from cleanwire.pipeline.cleaner import CleanResult
from cleanwire.rules.model import Decision
from cleanwire.rules.ruleset import RuleSet


class DocumentStatus(str, Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REFUSED = "refused"  # a guard refused: nothing was removed
    FAILED = "failed"  # unreadable, undecodable, a rule timed out
    SKIPPED = "skipped"  # found by walking a folder and not text


@dataclass(frozen=True)
class Removal:
    """A decision with its provenance. Lines are 1-based and inclusive; ``start`` and
    ``end`` are 0-based character offsets into the normalized input, end exclusive."""

    rule: str
    category: str
    kind: str
    rule_file: str
    rule_line: int
    first_line: int
    last_line: int
    start: int
    end: int
    inline: bool
    text: str
    # A learned rule's support (pages matched, pages seen); the HTML report shows it.
    support: tuple[int, int] | None = None

    @property
    def lines_removed(self) -> int:
        """Non-blank lines this removal took out whole (an inline cut takes none)."""
        return 0 if self.inline else sum(1 for line in self.text.split("\n") if line)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "kind": self.kind,
            "rule_file": self.rule_file,
            "rule_line": self.rule_line,
            "first_line": self.first_line,
            "last_line": self.last_line,
            "start": self.start,
            "end": self.end,
            "inline": self.inline,
            "text": self.text,
        }


@dataclass
class DocumentRecord:
    source: str
    status: DocumentStatus
    message: str = ""
    input_bytes: int = 0
    encoding: str | None = None
    confidence: float | None = None
    outlet: str | None = None
    detection_method: str | None = None
    evidence: list[str] = field(default_factory=list)
    normalization: dict[str, int | bool] | None = None
    normalized_chars: int | None = None
    output_chars: int | None = None
    output_bytes: int | None = None
    removals: list[Removal] = field(default_factory=list)
    normalized: str | None = None  # only for the HTML report

    @property
    def removed_share(self) -> float:
        """The share of the normalized text the rules took (or would take, if refused)."""
        if not self.normalized_chars:
            return 0.0
        removed = sum(r.end - r.start for r in self.removals)
        return min(1.0, removed / self.normalized_chars)

    @property
    def applied(self) -> bool:
        """True when the removals were made (the document was not refused)."""
        return self.status in (DocumentStatus.CHANGED, DocumentStatus.UNCHANGED)

    def to_json(self) -> dict[str, Any]:
        decoded = self.encoding is not None
        return {
            "source": self.source,
            "status": self.status.value,
            "message": self.message,
            "encoding": {"name": self.encoding, "confidence": self.confidence} if decoded else None,
            "outlet": {"id": self.outlet, "method": self.detection_method, "evidence": self.evidence} if decoded else None,
            "normalization": self.normalization,
            "size": {
                "input_bytes": self.input_bytes,
                "normalized_chars": self.normalized_chars,
                "output_chars": self.output_chars,
                "output_bytes": self.output_bytes,
            },
            "removed_share": round(self.removed_share, 4),
            "guard": _guard(self),
            "decisions": [r.to_json() for r in self.removals],
        }


def _guard(record: DocumentRecord) -> dict[str, Any] | None:
    if record.status is DocumentStatus.REFUSED:
        return {"outcome": "refused", "reason": record.message}
    if record.applied:
        return {"outcome": "passed", "reason": ""}
    return None


def record_from_result(
    source: str,
    result: CleanResult,
    rules: RuleSet,
    input_bytes: int,
    changed: bool,
    keep_text: bool = False,
    output_bytes: int | None = None,
) -> DocumentRecord:
    """The record of a document ``Cleaner`` cleaned (or refused); ``output_bytes``:
    the size of what was written, when not its UTF-8 size."""
    if result.refused:
        status = DocumentStatus.REFUSED
    else:
        status = DocumentStatus.CHANGED if changed else DocumentStatus.UNCHANGED
    stats = result.stats
    if output_bytes is None:
        output_bytes = len(result.text.encode("utf-8", "surrogatepass"))
    return DocumentRecord(
        source=source,
        status=status,
        message=result.refused or "",
        input_bytes=input_bytes,
        encoding=result.encoding,
        confidence=round(result.confidence, 4),
        outlet=result.detection.outlet,
        detection_method=result.detection.method,
        evidence=list(result.detection.evidence),
        normalization=result.stats.counts(),
        normalized_chars=len(result.normalized),
        output_chars=len(result.text),
        output_bytes=input_bytes if result.refused else output_bytes,
        removals=[_removal(d, result.normalized, rules) for d in result.decisions],
        normalized=result.normalized if keep_text else None,
    )


def record_of_failure(source: str, status: DocumentStatus, message: str, input_bytes: int = 0) -> DocumentRecord:
    """The record of a document that was never cleaned (failed or skipped)."""
    return DocumentRecord(source=source, status=status, message=message, input_bytes=input_bytes)


def _removal(decision: Decision, normalized: str, rules: RuleSet) -> Removal:
    rule = rules.by_id[decision.rule_id]  # every decision comes from a loaded rule
    support = rules.supports.get(rule.id)
    return Removal(
        rule=decision.rule_id,
        category=decision.category.value,
        kind=rule.kind,
        rule_file=str(rule.source.path),
        rule_line=rule.source.line,
        first_line=decision.line_start + 1,
        last_line=decision.line_end,
        start=decision.start,
        end=decision.end,
        inline=decision.inline,
        text=normalized[decision.start : decision.end],
        support=(support.pages, support.seen) if support else None,
    )
