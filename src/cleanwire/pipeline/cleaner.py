"""The pipeline in one place: decode, normalize, segment, detect, decide, guard, render."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from cleanwire.pipeline.decode import DecodedText, decode
from cleanwire.pipeline.detect import detect_outlet
from cleanwire.pipeline.engine import DocumentMemo, decide, joined_text
from cleanwire.pipeline.guard import check_removal_share, is_deletion_only
from cleanwire.rules.model import Category, ClassifyMatch, Decision, Detection, Protect
from cleanwire.pipeline.normalize import NormalizeStats, normalize
from cleanwire.pipeline.render import render, surviving_lines
from cleanwire.pipeline.ruleview import carry_back, rule_text
from cleanwire.rules.ruleset import RuleSet
from cleanwire.rules.selection import disabled_rules
from cleanwire.pipeline.segment import Line, Lines, split_lines
from cleanwire.settings.options import DEFAULTS, NORMALIZE_MODES, Settings



class UnknownOutletError(ValueError):
    pass


@dataclass
class CleanResult:
    """What ``Cleaner.clean`` found. ``text`` is what to write: the clean text, or the
    input unchanged when a guard refused (``refused`` says why).

    ``source`` is the text as given, ``normalized`` the text the rules saw, and each
    of ``decisions`` one removal: ``rule_id``, ``category`` and its span, so that
    ``normalized[d.start:d.end]`` is the removed text. ``detection`` says which
    outlet was used and why, ``stats`` what normalization changed.
    """

    text: str
    source: str
    normalized: str
    decisions: list[Decision]
    detection: Detection
    stats: NormalizeStats
    encoding: str = "utf-8"
    confidence: float = 1.0
    bom: bytes = b""  # the byte-order mark the input began with
    refused: str | None = None

    @property
    def changed(self) -> bool:
        return self.text != self.source


class Cleaner:
    """Load rules once, clean many texts (``clean`` for text, ``clean_bytes`` for
    bytes in any encoding cleanwire reads). A cleaner can be pickled to worker
    processes (``multiprocessing``, ``datasets.map(num_proc=...)``).

    Options come as one ``Settings`` value; keyword arguments are a shorthand that
    change fields of it (``Cleaner(outlet="none")`` is
    ``Cleaner(settings=Settings(outlet="none"))``). Without ``rules``, the shipped
    rules and ``settings.rule_dirs`` are loaded.

    >>> cleaner = Cleaner(outlet="none")
    >>> cleaner.clean("Headline\\n\\nBody text.\\n\\nAll rights reserved.\\n").text
    'Headline\\n\\nBody text.\\n'
    """

    def __init__(self, rules: RuleSet | None = None, settings: Settings = DEFAULTS, **changes: Any) -> None:
        settings = settings.with_changes(**changes) if changes else settings
        self.settings = settings
        self.rules = rules if rules is not None else RuleSet.load(settings.rule_dirs)
        outlet = settings.outlet
        if outlet not in (None, "auto", "none") and outlet not in self.rules.outlets:
            known = ", ".join(sorted(self.rules.outlets)) or "none loaded"
            raise UnknownOutletError(f"unknown outlet {outlet!r} (known: {known}, or 'none')")
        self.outlet = None if outlet == "auto" else outlet
        if settings.normalize not in NORMALIZE_MODES:
            raise ValueError(f"unknown normalization mode {settings.normalize!r} (known: {', '.join(NORMALIZE_MODES)})")
        self.keep = frozenset(Category(k) for k in settings.keep)
        self.disabled = disabled_rules(self.rules.by_id, settings.enable, settings.disable)
        self.removal_limits = settings.removal_limits

    def clean_bytes(self, data: bytes, encoding: str | None = None, url: str | None = None) -> CleanResult:
        decoded: DecodedText = decode(data, encoding or self.settings.encoding)
        result = self.clean(decoded.text, url=url)
        result.encoding = decoded.encoding
        result.confidence = decoded.confidence
        result.bom = decoded.bom
        return result

    def clean(self, text: str, url: str | None = None) -> CleanResult:
        """Clean one text. ``url``, the page's address, picks the outlet whose rule
        file claims its domain (otherwise the outlet is told from the text)."""
        # The native core lays the text out where it searches for these rules.
        on_native = self.rules.literals.native() is not None
        normalized, stats = normalize(text, self.settings.fix_mojibake, self.settings.normalize, on_native)
        lines = split_lines(normalized)
        # Fully normalized text is already laid out as the rules see it.
        seen = None if self.settings.normalize == "full" else rule_text(normalized)
        view_lines = lines if seen is None else split_lines(seen)
        detection, decisions, view = self._decide_until_stable(view_lines, url)
        seen_output = joined_text(view) + "\n" if view else ""
        output = seen_output
        verdict_decisions = decisions
        if seen is not None:
            decisions = carry_back(decisions, view_lines, lines)
            output = render(lines, decisions)
        result = CleanResult(output, text, normalized, decisions, detection, stats)
        if not is_deletion_only(normalized, output):
            result.refused = "internal error: the output is not the input minus the decided spans"
        else:
            # The share is judged on the text as the rules see it: layout kept or
            # not, the same document is refused or not.
            share = self.removal_limit(detection.outlet, decisions)
            verdict = check_removal_share(seen or normalized, seen_output, share, verdict_decisions)
            if not verdict.ok:
                result.refused = verdict.reason
        if result.refused:
            result.text = text
        return result

    def removal_limit(self, outlet: str | None, decisions: Sequence[Decision]) -> float | None:
        """The over-removal limit for one document: the outlet's or the default, raised
        to a classify rule's ``page_max_removal`` when that rule found a whole page."""
        share = self.settings.max_removal
        if share is None:
            return None
        share = self.removal_limits.get(outlet, share) if outlet else share
        for rule_id in {d.rule_id for d in decisions}:
            rule = self.rules.rule(rule_id)
            if rule is not None and isinstance(rule.match, ClassifyMatch) and rule.match.page_max_removal is not None:
                share = max(share, rule.match.page_max_removal)
        return share

    def _decide_until_stable(
        self, lines: Lines, url: str | None
    ) -> tuple[Detection, list[Decision], Sequence[Line]]:
        """Run the rules again on what they left until they find nothing more.

        One pass is not always a fixed point: removing lines can close a block, put
        a caption next to a credit, or leave another outlet's signatures the most
        telling. Repeating until nothing changes makes cleaning idempotent: the
        output cleaned again is the output. There is no pass limit to run into: a
        pass that finds something removes at least one character, so the passes
        end, and realistic text takes two or three (an inline rule that matches
        again once cut, such as twenty trailing "Read more", is settled within its
        own pass).

        Protection does not depend on the outlet: every loaded protect entry holds
        in every pass. The outlet is found again on each pass's text, and its
        rules may have removed the very signatures it was recognised by; a line
        protected only while they were there would be lost in a later pass, or
        in the next run over the output.
        """
        view: Sequence[Line] = lines
        decisions: list[Decision] = []
        first: Detection | None = None
        memo = DocumentMemo()
        protect = self._protect
        settled: frozenset[str] = frozenset()  # rules that have seen every line but the fresh ones
        seen_cut_texts: dict[int, str] = {}  # what the last pass saw of each line inline cuts changed
        for _ in range(_pass_bound(lines)):
            text = joined_text(view)
            detection = detect_outlet(text, self.rules.outlets, self.outlet, url)
            if first is None:
                first = detection
            elif detection.outlet != first.outlet and detection.outlet is not None:
                first.evidence.append(f"after cleaning, {detection.outlet}'s signatures lead; its rules applied too")
            rules, _ = self.rules.active(detection.outlet)
            if self.keep or self.disabled:
                rules = [r for r in rules if r.category not in self.keep and r.id not in self.disabled]
            fresh = _fresh_positions(view, seen_cut_texts) if settled else frozenset()
            seen_cut_texts = {line.index: line.text for line in _cut_lines(view)}
            found = decide(view, rules, protect, self.settings.match_timeout, settled, fresh, memo, self.rules.literals, text)
            settled = frozenset(rule.id for rule in rules)
            if not found:
                return first, decisions, view
            decisions = _merge(decisions, found)
            view = surviving_lines(lines, decisions)
        raise RuntimeError("the rules kept finding something to remove in what they left")

    @cached_property
    def _protect(self) -> list[Protect]:
        return [entry for rule_file in self.rules.files for entry in rule_file.protect]


def _pass_bound(lines: Lines) -> int:
    """More passes than can find something: each that does removes a character."""
    return len(lines.text) + 2


def _fresh_positions(view: Sequence[Line], seen_cut_texts: dict[int, str]) -> frozenset[int]:
    """Positions of lines whose text the last pass did not see: lines an inline cut
    changed since. Every other line is as the last pass left it, and the same line
    rules found nothing in it then."""
    fresh = {line.index for line in _cut_lines(view) if seen_cut_texts.get(line.index) != line.text}
    if isinstance(view, Lines):
        return frozenset(bisect_left(view.indexes, index) for index in fresh)
    return frozenset(position for position, line in enumerate(view) if line.index in fresh)


def _cut_lines(view: Sequence[Line]) -> Iterable[Line]:
    """The lines of ``view`` inline cuts changed: few, and known without a look at every line."""
    if isinstance(view, Lines):
        return view.cut.values()
    return [line for line in view if line.char_map is not None]


def _merge(earlier: list[Decision], later: list[Decision]) -> list[Decision]:
    """All decisions in document order; a later whole-line removal absorbs earlier cuts in its lines."""
    # By the removals' line ranges, not a set of every line they hold (a page may drop most of a million).
    ranges = sorted((d.line_start, d.line_end) for d in later if not d.inline)
    starts = [start for start, _ in ranges]
    reach = list(accumulate((end for _, end in ranges), max))  # the furthest end of the ranges so far

    def absorbed(line: int) -> bool:
        at = bisect_right(starts, line) - 1
        return at >= 0 and line < reach[at]

    kept = [d for d in earlier if not (d.inline and absorbed(d.line_start))]
    return sorted(kept + later, key=lambda d: (d.start, d.end))


@lru_cache(maxsize=8)
def _cleaner_for(settings: Settings) -> Cleaner:
    return Cleaner(settings=settings)


def clean(text: str, url: str | None = None, **options: Any) -> CleanResult:
    """Clean one text with the shipped rules: ``clean(text).text``.

    ``options`` are fields of ``Settings`` (``outlet="none"``, ``keep=["byline"]``,
    ``disable=["generic.page-*"]``, ...). The rules are loaded once per set of
    options and kept, so calling ``clean`` in a loop costs what ``Cleaner.clean``
    does; hold a ``Cleaner`` yourself to choose when they load.

    >>> clean("Headline\\n\\nBody text.\\n\\nAll rights reserved.\\n", outlet="none").text
    'Headline\\n\\nBody text.\\n'
    """
    settings = DEFAULTS.with_changes(**options) if options else DEFAULTS
    return _cleaner_for(settings).clean(text, url=url)
