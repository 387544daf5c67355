"""The pipeline in one place: decode, normalize, segment, detect, decide, guard, render."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanwire.pipeline.decode import DecodedText, decode
from cleanwire.pipeline.detect import detect_outlet
from cleanwire.pipeline.engine import DEFAULT_MATCH_TIMEOUT, DocumentMemo, decide
from cleanwire.pipeline.guard import DEFAULT_MAX_REMOVAL_SHARE, check_removal_share, is_deletion_only
from cleanwire.rules.model import Category, ClassifyMatch, Decision, Detection
from cleanwire.pipeline.normalize import NormalizeOptions, NormalizeStats, normalize
from cleanwire.pipeline.render import surviving_lines
from cleanwire.rules.ruleset import RuleSet
from cleanwire.pipeline.segment import Line, split_lines

MAX_PASSES = 8


class UnknownOutletError(ValueError):
    pass


@dataclass
class CleanResult:
    """What ``Cleaner.clean`` found. ``text`` is what to write: the clean text, or the
    input unchanged when a guard refused (``refused`` says why)."""

    text: str
    source: str
    normalized: str
    decisions: list[Decision]
    detection: Detection
    stats: NormalizeStats
    encoding: str = "utf-8"
    confidence: float = 1.0
    refused: str | None = None

    @property
    def changed(self) -> bool:
        return self.text != self.source


class Cleaner:
    """Load rules once, clean many texts.

    >>> cleaner = Cleaner(outlet="none")
    >>> cleaner.clean("Headline\\n\\nBody text.\\n\\nAll rights reserved.\\n").text
    'Headline\\n\\nBody text.\\n'
    """

    def __init__(
        self,
        rules: RuleSet | None = None,
        *,
        rule_dirs: Iterable[Path] = (),
        outlet: str | None = None,
        keep: Iterable[Category | str] = (),
        normalize_options: NormalizeOptions = NormalizeOptions(),
        match_timeout: float = DEFAULT_MATCH_TIMEOUT,
        max_removal_share: float | None = DEFAULT_MAX_REMOVAL_SHARE,
        max_removal_per_outlet: dict[str, float] | None = None,
    ) -> None:
        self.rules = rules if rules is not None else RuleSet.load(rule_dirs)
        if outlet not in (None, "auto", "none") and outlet not in self.rules.outlets:
            known = ", ".join(sorted(self.rules.outlets)) or "none loaded"
            raise UnknownOutletError(f"unknown outlet {outlet!r} (known: {known}, or 'none')")
        self.outlet = None if outlet == "auto" else outlet
        self.keep = frozenset(Category(k) for k in keep)
        self.normalize_options = normalize_options
        self.match_timeout = match_timeout
        self.max_removal_share = max_removal_share
        self.max_removal_per_outlet = dict(max_removal_per_outlet or {})

    def clean_bytes(self, data: bytes, encoding: str | None = None, url: str | None = None) -> CleanResult:
        decoded: DecodedText = decode(data, encoding)
        result = self.clean(decoded.text, url=url)
        result.encoding = decoded.encoding
        result.confidence = decoded.confidence
        return result

    def clean(self, text: str, url: str | None = None) -> CleanResult:
        normalized, stats = normalize(text, self.normalize_options)
        lines = split_lines(normalized)
        detection, decisions, view = self._decide_until_stable(lines, url)
        output = "\n".join(line.text for line in view) + "\n" if view else ""
        result = CleanResult(output, text, normalized, decisions, detection, stats)
        if not is_deletion_only(normalized, output):
            result.refused = "internal error: the output is not the input minus the decided spans"
        else:
            share = self.removal_limit(detection.outlet, decisions)
            verdict = check_removal_share(normalized, output, share, decisions)
            if not verdict.ok:
                result.refused = verdict.reason
        if result.refused:
            result.text = text
        return result

    def removal_limit(self, outlet: str | None, decisions: Sequence[Decision]) -> float | None:
        """The over-removal limit for one document: the outlet's or the default, raised
        to a classify rule's ``page_max_removal`` when that rule found a whole page."""
        share = self.max_removal_share
        if share is None:
            return None
        share = self.max_removal_per_outlet.get(outlet, share) if outlet else share
        for rule_id in {d.rule_id for d in decisions}:
            rule = self.rules.rule(rule_id)
            if rule is not None and isinstance(rule.match, ClassifyMatch) and rule.match.page_max_removal is not None:
                share = max(share, rule.match.page_max_removal)
        return share

    def _decide_until_stable(
        self, lines: list[Line], url: str | None
    ) -> tuple[Detection, list[Decision], list[Line]]:
        """Run the rules again on what they left until they find nothing more.

        One pass is not always a fixed point: removing lines can close a block, put
        a caption next to a credit, or leave another outlet's signatures the most
        telling. Repeating until nothing changes makes cleaning idempotent: the
        output cleaned again is the output. Each pass only removes, so it ends.
        """
        view = lines
        decisions: list[Decision] = []
        first: Detection | None = None
        memo = DocumentMemo()
        settled: frozenset[str] = frozenset()  # rules that have seen every line but the fresh ones
        seen_cut_texts: dict[int, str] = {}  # what the last pass saw of each line inline cuts changed
        for _ in range(MAX_PASSES):
            text = "\n".join(line.text for line in view)
            detection = detect_outlet(text, self.rules.outlets, self.outlet, url)
            if first is None:
                first = detection
            elif detection.outlet != first.outlet and detection.outlet is not None:
                first.evidence.append(f"after cleaning, {detection.outlet}'s signatures lead; its rules applied too")
            rules, protect = self.rules.active(detection.outlet)
            if self.keep:
                rules = [r for r in rules if r.category not in self.keep]
            fresh = _fresh_positions(view, seen_cut_texts) if settled else frozenset()
            seen_cut_texts = {line.index: line.text for line in view if line.char_map is not None}
            found = decide(view, rules, protect, self.match_timeout, settled, fresh, memo, self.rules.literals)
            settled = frozenset(rule.id for rule in rules)
            if not found:
                break
            decisions = _merge(decisions, found)
            view = surviving_lines(lines, decisions)
        assert first is not None  # MAX_PASSES >= 1
        return first, decisions, view


def _fresh_positions(view: list[Line], seen_cut_texts: dict[int, str]) -> frozenset[int]:
    """Positions of lines whose text the last pass did not see: lines an inline cut
    changed since. Every other line is as the last pass left it, and the same line
    rules found nothing in it then."""
    return frozenset(
        position
        for position, line in enumerate(view)
        if line.char_map is not None and seen_cut_texts.get(line.index) != line.text
    )


def _merge(earlier: list[Decision], later: list[Decision]) -> list[Decision]:
    """All decisions in document order; a later whole-line removal absorbs earlier cuts in its lines."""
    whole = {i for d in later if not d.inline for i in d.lines()}
    kept = [d for d in earlier if not (d.inline and d.line_start in whole)]
    return sorted(kept + later, key=lambda d: (d.start, d.end))
