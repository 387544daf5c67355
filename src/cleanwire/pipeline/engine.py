"""Rules decide, the engine applies: run rules over lines and emit removal decisions.

No rule edits text. Each rule marks lines (or, for inline rules, spans of a line);
the first rule to claim a line owns it in the report. Four phases, in order:

1. structure: line, block, truncate and inline rules on the normalized lines;
2. context: lines dropped only next to a line that phase 1 dropped;
3. classify: the statistical line classifier, on what survived phases 1 and 2;
4. dedupe: repeated lines and teasers, judged on what survived phases 1 to 3,
   so junk that repeats the body (and is already gone) cannot make the body a
   "duplicate".

Protected lines are never claimed by any phase.

``lines`` may be a view with gaps (what survived an earlier pass): rules see
neighbours by position in the view, and decisions name the original lines.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from cleanwire.pipeline.classify import LineVerdicts, lines_to_drop
from cleanwire.pipeline.dedupe import RepeatSearch
from cleanwire.rules.kinds import patterns_of
from cleanwire.rules import native
from cleanwire.rules.literals import LineIndex, LiteralIndex, ignores_case
from cleanwire.rules.model import (
    BlockMatch,
    ClassifyMatch,
    ContextMatch,
    Decision,
    DedupeMatch,
    InlineMatch,
    LineMatch,
    Match,
    Protect,
    Rule,
    TruncateMatch,
)
from cleanwire.pipeline.render import attaches_to_what_precedes, cut_line
from cleanwire.pipeline.segment import Line, Lines, Picked
from cleanwire.pipeline.wrappers import WRAP_ENDS, WRAP_STARTS, unwrap
from cleanwire.settings.options import DEFAULTS

DEFAULT_MATCH_TIMEOUT = DEFAULTS.match_timeout


class RuleTimeoutError(Exception):
    """A regex of the rules (a rule's, a protect entry's, a signature's) took longer
    than its time limit. ``where``: the rule file, for what the id alone does not name."""

    def __init__(
        self, rule_id: str, line_number: int | None, timeout: float, what: str = "rule", where: str | None = None
    ) -> None:
        self.rule_id = rule_id
        self.line_number = line_number
        place = f" in {where}" if where else ""
        on_line = f" on line {line_number}" if line_number is not None else ""
        super().__init__(f"{what} {rule_id}{place}: regex took more than {timeout:g}s{on_line}")


@dataclass
class _Claims:
    """Which rule owns each dropped line, and the inline cuts per line (by position;
    each cut as offsets in the normalized text)."""

    owner: dict[int, Rule] = field(default_factory=dict)
    cuts: dict[int, list[tuple[int, int, Rule]]] = field(default_factory=dict)

    def claim(self, index: int, rule: Rule) -> None:
        self.owner.setdefault(index, rule)


class _Matcher:
    """Regex search bounded by a time limit, attributing a timeout to its rule; and
    the prefilter that says which lines a pattern could match at all."""

    def __init__(self, timeout: float, index: LineIndex, fresh: frozenset[int] = frozenset()) -> None:
        self.timeout = timeout
        self.index = index
        self.fresh = fresh
        self._fresh_sorted: list[int] | None = None
        self._unwrapped: tuple[set[int], LineIndex] | None = None

    def candidates(self, pattern: regex.Pattern[str], unwrapped: bool = False) -> Iterable[int]:
        """The lines ``pattern`` could match; with ``unwrapped``, also those it could
        match without their wrappers (see ``lines_matching``)."""
        found = self.index.candidates_for(pattern)
        if found is None:
            return range(len(self.index.texts))
        if unwrapped and self.index.searched_natively(pattern):
            wrapped, inner_lines = self.unwrapped()
            inner = inner_lines.native_candidates(pattern.pattern, ignores_case(pattern)) if wrapped else None
            if inner:
                return sorted(set(found).union(wrapped.intersection(inner)))
        return found

    def unwrapped(self) -> tuple[set[int], LineIndex]:
        """The positions of wrapped lines (see ``wrappers``), and every line with
        wrapped lines unwrapped and all others empty: the native search finds
        there what matches a line only without its wrappers."""
        if self._unwrapped is None:
            texts = self.index.texts
            wrapped = native.wrapped_lines(self.index.joined, sorted(WRAP_STARTS), sorted(WRAP_ENDS))
            found = {position: unwrap(texts[position]) for position in wrapped}
            inner = Picked(lambda position: found.get(position, ""), range(len(texts)))
            self._unwrapped = set(wrapped), self.index.literals.lines(inner, _joined_with_blanks(len(texts), found))
        return self._unwrapped

    def fresh_positions(self) -> list[int]:
        """The fresh lines (see ``decide``), in order: few, so each is a candidate."""
        if self._fresh_sorted is None:
            self._fresh_sorted = sorted(self.fresh)
        return self._fresh_sorted

    def lines_matching(
        self,
        rule: Rule,
        pattern: regex.Pattern[str],
        lines: Sequence[Line],
        positions: Iterable[int],
        skip: set[int],
        unwrapped: bool = False,
    ) -> list[int]:
        """Positions among ``positions``, but for ``skip``, of the lines ``rule`` fits
        (non-blank, within ``max_chars``) in which ``pattern`` finds a match; with
        ``unwrapped``, a match in the line without its table pipes, bullets or
        trailing separators counts too (see ``wrappers``).

        The loop every line rule runs over most lines, so it is written for speed:
        no call per line but the regex search itself.
        """
        search = pattern.search
        texts = self.index.texts
        timeout = self.timeout
        limit = rule.max_chars if rule.max_chars is not None else -1
        found: list[int] = []
        position = -1
        try:
            for position in positions:
                text = texts[position]
                if not text or (limit >= 0 and len(text) > limit) or position in skip:
                    continue
                if search(text, timeout=timeout) is not None:
                    found.append(position)
                elif unwrapped and (text[0] in WRAP_STARTS or text[-1] in WRAP_ENDS):
                    inner = unwrap(text)
                    if inner and inner != text and search(inner, timeout=timeout) is not None:
                        found.append(position)
        except TimeoutError:
            raise RuleTimeoutError(rule.id, lines[position].index + 1, timeout) from None
        return found

    def search(self, pattern: regex.Pattern[str], line: Line, rule_id: str, protect: Protect | None = None) -> bool:
        """Whether ``pattern`` (of the rule ``rule_id``, or of ``protect``) matches ``line``."""
        try:
            return pattern.search(line.text, timeout=self.timeout) is not None
        except TimeoutError:
            if protect is not None:  # protect ids need not be unique: name the file
                raise RuleTimeoutError(
                    protect.id, line.index + 1, self.timeout, "protect entry", str(protect.source)
                ) from None
            raise RuleTimeoutError(rule_id, line.index + 1, self.timeout) from None

    def finditer(self, pattern: regex.Pattern[str], line: Line, rule_id: str) -> list[tuple[int, int]]:
        try:
            return [m.span() for m in pattern.finditer(line.text, timeout=self.timeout) if m.end() > m.start()]
        except TimeoutError:
            raise RuleTimeoutError(rule_id, line.index + 1, self.timeout) from None


@dataclass
class DocumentMemo:
    """What earlier passes over one document found that a later pass would redo:
    the classifier's verdicts on each distinct line, per classify rule, and what
    each dedupe rule last searched."""

    verdicts: dict[str, LineVerdicts] = field(default_factory=dict)
    repeat_searches: dict[str, RepeatSearch] = field(default_factory=dict)

    def verdicts_for(self, rule: Rule, match: ClassifyMatch, on_native: bool) -> LineVerdicts:
        found = self.verdicts.get(rule.id)
        if found is None:
            found = self.verdicts[rule.id] = LineVerdicts(match, on_native)
        return found

    def repeat_search_for(self, rule: Rule, match: DedupeMatch, on_native: bool) -> RepeatSearch:
        found = self.repeat_searches.get(rule.id)
        if found is None:
            found = self.repeat_searches[rule.id] = RepeatSearch(match.mode, match.min_words, on_native)
        return found


def _joined_with_blanks(length: int, texts: dict[int, str]) -> str:
    """``length`` lines, empty but for ``texts`` (by position), joined by newlines
    without a string per line: the few wrapped lines of maybe millions."""
    if not length:
        return ""
    parts: list[str] = []
    last = 0
    for position in sorted(texts):
        parts += "\n" * (position - last), texts[position]
        last = position
    parts.append("\n" * (length - 1 - last))
    return "".join(parts)


def decide(
    lines: Sequence[Line],
    rules: Sequence[Rule],
    protect: Sequence[Protect] = (),
    timeout: float = DEFAULT_MATCH_TIMEOUT,
    settled: Collection[str] = (),
    fresh: frozenset[int] = frozenset(),
    memo: DocumentMemo | None = None,
    literals: LiteralIndex | None = None,
    joined: str | None = None,
) -> list[Decision]:
    """Decisions for ``lines``, in document order.

    ``settled``: ids of rules that already looked at every line but those at the
    positions ``fresh`` (a later pass over what an earlier one left). Line and
    inline rules look at one line at a time, so settled ones only look at these.

    ``literals``: the prefilter's literals of these rules' patterns, as their rule
    set holds them; without it they are worked out here.

    ``joined``: the lines' texts joined by newlines (``joined_text(lines)``), where
    the caller has made it already.
    """
    if literals is None:
        literals = LiteralIndex.of([entry.pattern for entry in protect] + [p for r in rules for p in patterns_of(r)])
    texts = lines.texts() if isinstance(lines, Lines) else [line.text for line in lines]
    matcher = _Matcher(timeout, literals.lines(texts, joined_text(lines) if joined is None else joined), fresh)
    protected = _protected_lines(lines, protect, matcher)
    document = _Pass(lines, protected, _Claims(), matcher, memo if memo is not None else DocumentMemo(), settled)
    for phase in _phases():
        for rule in rules:
            apply = phase.get(type(rule.match))
            if apply is not None:
                apply(rule, rule.match, document)
    return _to_decisions(lines, document.claims)


@dataclass
class _Pass:
    """One pass of the rules over a document's lines: what each kind's function
    reads (the lines, the protected ones, what earlier passes found) and claims."""

    lines: Sequence[Line]
    protected: set[int]
    claims: _Claims
    matcher: _Matcher
    memo: DocumentMemo = field(default_factory=DocumentMemo)
    settled: Collection[str] = frozenset()  # see ``decide``
    _filled: list[int] | None = None

    def filled(self) -> list[int]:
        """The positions of the lines that are not blank, in order."""
        if self._filled is None:
            self._filled = [position for position, text in enumerate(self.matcher.index.texts) if text]
        return self._filled


# Applies one rule of one kind (its match, as the kind's class) in a pass.
KindFunction = Callable[[Rule, Any, _Pass], None]


def _phases() -> tuple[dict[type[Match], KindFunction], ...]:
    """Each kind's function, by the phase that runs it, phases in the order they
    run (see the module docstring). Made at each call, so that each is the function
    this module names when it runs: bench.phases times a phase by replacing it."""
    return (
        dict.fromkeys(_STRUCTURE_KINDS, _apply_structure_rule),
        {ContextMatch: _apply_context_rule},
        {ClassifyMatch: _apply_classify_rule},
        {DedupeMatch: _apply_dedupe_rule},
    )


def joined_text(lines: Sequence[Line]) -> str:
    """The lines' texts joined by newlines; of ``Lines``, made from slices of their
    text (see ``Lines.joined``), not from a string per line."""
    if isinstance(lines, Lines):
        return lines.joined()
    return "\n".join(line.text for line in lines)


def _protected_lines(lines: Sequence[Line], protect: Sequence[Protect], matcher: _Matcher) -> set[int]:
    protected: set[int] = set()
    for entry in protect:
        for position in matcher.candidates(entry.pattern):
            line = lines[position]
            if not line.blank and matcher.search(entry.pattern, line, entry.id, entry):
                protected.add(position)
    return protected


def _fits(rule: Rule, line: Line) -> bool:
    return not line.blank and (rule.max_chars is None or len(line.text) <= rule.max_chars)


def _apply_structure_rule(rule: Rule, match: Match, document: _Pass) -> None:
    """The structure phase: each kind of it looks at the normalized lines by itself."""
    _STRUCTURE_KINDS[type(match)](rule, match, document)


def _apply_line(rule: Rule, match: LineMatch, document: _Pass) -> None:
    if rule.max_per_text is not None:
        # Counted over every line, not only the fresh ones of a settled rule.
        matcher = document.matcher
        positions = matcher.candidates(match.pattern, unwrapped=True)
        found = matcher.lines_matching(rule, match.pattern, document.lines, positions, document.protected, True)
        if len(found) > rule.max_per_text:
            return
    else:
        found = _lines_found(rule, match.pattern, document, unwrapped=True)
    for position in found:
        document.claims.claim(position, rule)


def _apply_inline(rule: Rule, match: InlineMatch, document: _Pass) -> None:
    # A search first: it is cheaper than collecting every match of a line that has none.
    for position in _lines_found(rule, match.pattern, document):
        cuts = _inline_cuts(rule, match.pattern, document.lines[position], document.matcher)
        document.claims.cuts.setdefault(position, []).extend((start, end, rule) for start, end in cuts)


def _inline_cuts(rule: Rule, pattern: regex.Pattern[str], line: Line, matcher: _Matcher) -> list[tuple[int, int]]:
    """Offsets of what ``pattern`` cuts from ``line``, applied again to what each
    round leaves until it finds nothing: an anchored pattern (``read more$``) takes
    one of twenty trailing repetitions a round, and the line must leave clean.
    Each round removes at least a character, so the rounds end."""
    cuts: list[tuple[int, int]] = []
    remaining = line
    while remaining.text:
        found = matcher.finditer(pattern, remaining, rule.id)
        if not found:
            break
        for start, end in found:
            end = _past_attached_marks(remaining.text, start, end)
            cuts.append((remaining.offset(start), remaining.offset(end - 1) + 1))
        remaining = cut_line(line, cuts)
    return cuts


def _past_attached_marks(text: str, start: int, end: int) -> int:
    """``end`` moved past the combining characters that belong to the cut's last
    one: the cut takes them too (see ``cut_line``), and says so."""
    before = text[start - 1] if start else ""
    while end < len(text) and attaches_to_what_precedes(text[end], before):
        end += 1
    return end


def _lines_found(rule: Rule, pattern: regex.Pattern[str], document: _Pass, unwrapped: bool = False) -> list[int]:
    """The lines a line or inline rule finds ``pattern`` in; a settled rule looks at the fresh lines only.
    ``unwrapped``: as for ``lines_matching``."""
    matcher = document.matcher
    positions = matcher.fresh_positions() if rule.id in document.settled else matcher.candidates(pattern, unwrapped)
    return matcher.lines_matching(rule, pattern, document.lines, positions, document.protected, unwrapped)


def _apply_block(rule: Rule, match: BlockMatch, document: _Pass) -> None:
    lines, protected, claims, matcher = document.lines, document.protected, document.claims, document.matcher
    ends = None if match.end is None else _EndLines(match.end, lines, rule.id, matcher)
    resume = 0  # blocks do not overlap: a start inside a block already taken is skipped
    for index in matcher.candidates(match.start):
        if index < resume:
            continue
        line = lines[index]
        if not (_fits(rule, line) and matcher.search(match.start, line, rule.id)):
            continue
        stop = _block_stop(match, document.filled(), len(lines), index, ends)
        if stop is None:
            continue
        for covered in range(index, stop):
            if covered not in protected:
                claims.claim(covered, rule)
        resume = stop


class _EndLines:
    """Which lines a block rule's end pattern matches, each line searched at most
    once and only where the prefilter lets it: the blocks of one rule that start
    close together look at the same lines."""

    def __init__(self, pattern: regex.Pattern[str], lines: Sequence[Line], rule_id: str, matcher: _Matcher) -> None:
        self.pattern, self.lines, self.rule_id, self.matcher = pattern, lines, rule_id, matcher
        self._possible: Collection[int] | None = None
        self._found: dict[int, bool] = {}

    def match(self, index: int) -> bool:
        found = self._found.get(index)
        if found is None:
            if self._possible is None:
                candidates = self.matcher.candidates(self.pattern)
                self._possible = candidates if isinstance(candidates, range) else set(candidates)
            found = index in self._possible and self.matcher.search(self.pattern, self.lines[index], self.rule_id)
            self._found[index] = found
        return found


def _block_stop(match: BlockMatch, filled: list[int], count: int, start: int, ends: _EndLines | None) -> int | None:
    """Exclusive end of a block starting at ``start``, or None when it never closes;
    ``filled``: the positions of the non-blank lines, of ``count`` lines in all;
    ``ends``: where the end pattern matches. A block's length counts non-blank
    lines, so layout does not change what is dropped."""
    if match.to_end:
        return count
    first = bisect_left(filled, start)
    within = filled[first : first + match.max_lines]
    if ends is None:
        return within[-1] + 1 if len(within) == match.max_lines else count
    for index in within:
        if ends.match(index):
            return index + 1
    return None


def _apply_truncate(rule: Rule, match: TruncateMatch, document: _Pass) -> None:
    lines, protected, claims, matcher = document.lines, document.protected, document.claims, document.matcher
    candidates = list(matcher.candidates(match.marker))
    positions = candidates if match.direction == "after" else reversed(candidates)
    for position in positions:
        line = lines[position]
        if position in protected or not _fits(rule, line):
            continue
        if matcher.search(match.marker, line, rule.id):
            span = range(position, len(lines)) if match.direction == "after" else range(0, position + 1)
            for covered in span:
                if covered not in protected:
                    claims.claim(covered, rule)
            return


# A list item's marker as text lays lists out: bullets of every kind (``+`` and
# ``o`` for nested lists), dashes, or a number or letter with a stop or bracket.
_ITEM_MARKER = regex.compile(r"^\s*(?:[*+•·▪►▸◦‣●○■□➤→–—-]|o(?=\s)|\d{1,3}[.)]|[a-z][.)])\s")
# How many lines an item may run to after its marked first line (author, date, tags).
_MAX_ITEM_LINES = 3


def _apply_context_rule(rule: Rule, match: ContextMatch, document: _Pass) -> None:
    """Claim lines next to a line a target rule dropped. A rule that names itself
    among its targets chains: each line it drops makes the next one a neighbour,
    so a label takes the whole list of link titles under it.

    Only the neighbours of lines a target owns are looked at: few, where every
    line is tested against a neighbour that is almost never a target's."""
    lines, protected, claims, matcher = document.lines, document.protected, document.claims, document.matcher
    targets = set(match.next_to)
    offsets = {"before": (1,), "after": (-1,), "either": (1, -1)}[match.side]

    def beside(position: int, offset: int) -> int:
        """The neighbour at ``offset``; with ``across_blank``, past one blank line."""
        neighbour = position + offset
        if match.across_blank and 0 <= neighbour < len(lines) and lines[neighbour].blank:
            neighbour += offset
        return neighbour

    def next_to_target(index: int) -> bool:
        for offset in offsets:
            neighbour = beside(index, offset)
            owner = claims.owner.get(neighbour)
            if 0 <= neighbour < len(lines) and owner is not None and owner.id in targets:
                return True
        return False

    def takes(position: int) -> bool:
        return (
            position not in claims.owner
            and position not in protected
            and _fits(rule, lines[position])
            and next_to_target(position)
            and matcher.search(match.pattern, lines[position], rule.id)
            and not heads_text(position)
            and keeps_marker(position)
        )

    def marked(position: int) -> bool:
        return 0 <= position < len(lines) and _ITEM_MARKER.match(lines[position].text) is not None

    def item_follows(position: int, step: int) -> bool:
        """A marked line within the next few lines, before a blank one."""
        for ahead in range(position + step, position + step * (_MAX_ITEM_LINES + 1), step):
            if not 0 <= ahead < len(lines) or lines[ahead].blank:
                return False
            if marked(ahead):
                return True
        return False

    def keeps_marker(position: int) -> bool:
        """With ``same_marker``: an unmarked line right after a marked one this rule
        took only when another marked line follows within a few lines (an item's
        author, date or tag line)."""
        if not match.same_marker or marked(position):
            return True
        for offset in offsets:
            neighbour = beside(position, offset)
            owner = claims.owner.get(neighbour)
            if owner is not None and owner.id == rule.id and marked(neighbour):
                return item_follows(position, -offset)
        return True

    def heads_text(position: int) -> bool:
        after = beside(position, 1)
        return (
            match.not_before is not None
            and after < len(lines)
            and matcher.search(match.not_before, lines[after], rule.id)
        )

    if rule.id in targets:
        for step in {"after": (1,), "before": (-1,)}.get(match.side, (1, -1)):
            starts = _neighbours_of_targets(claims, targets, offsets, len(lines), beside)
            _chain(rule, claims, starts, step, len(lines), takes, beside)
        return
    candidates = sorted(_neighbours_of_targets(claims, targets, offsets, len(lines), beside))
    hits = [position for position in candidates if takes(position)]
    for index in hits:
        claims.claim(index, rule)


def _neighbours_of_targets(
    claims: _Claims,
    targets: set[str],
    offsets: tuple[int, ...],
    count: int,
    beside: Callable[[int, int], int] = lambda position, offset: position + offset,
) -> set[int]:
    """Positions whose neighbour at one of ``offsets`` a rule in ``targets`` owns:
    the only lines a context rule can take. ``beside(position, offset)``: the
    neighbour of a position at an offset, as the rule counts it."""
    return {
        neighbour
        for position, owner in claims.owner.items()
        if owner.id in targets
        for offset in offsets
        if 0 <= (neighbour := beside(position, -offset)) < count
    }


def _chain(
    rule: Rule,
    claims: _Claims,
    starts: set[int],
    step: int,
    count: int,
    takes: Callable[[int], bool],
    beside: Callable[[int, int], int] = lambda position, offset: position + offset,
) -> None:
    """Claim what a sweep over every position in the direction of ``step`` would:
    a line it claims makes the next one in that direction a neighbour, so from
    each start the sweep goes on while it takes lines. A line no start leads to
    has no target's line beside it when the sweep's turn comes."""
    for start in sorted(starts, reverse=step < 0):
        position = start
        while 0 <= position < count and takes(position):
            claims.claim(position, rule)
            position = beside(position, step)


def _apply_classify_rule(rule: Rule, match: ClassifyMatch, document: _Pass) -> None:
    """Lines longer than ``max_chars`` and protected lines are never dropped, but they
    still count as the neighbours the classifier judges short lines by."""
    lines, protected, claims = document.lines, document.protected, document.claims
    index = document.matcher.index
    verdicts = document.memo.verdicts_for(rule, match, index.native_allowed())
    surviving = _unclaimed_lines(document)
    texts = index.texts
    for which in lines_to_drop(Picked(texts.__getitem__, surviving), match, verdicts):
        position = surviving[which]
        if position not in protected and _fits(rule, lines[position]):
            claims.claim(position, rule)


def _apply_dedupe_rule(rule: Rule, match: DedupeMatch, document: _Pass) -> None:
    lines, protected, claims = document.lines, document.protected, document.claims
    index = document.matcher.index
    search = document.memo.repeat_search_for(rule, match, index.native_allowed())
    surviving = _unclaimed_lines(document)
    texts = index.texts
    for which in search(Picked(texts.__getitem__, surviving), (index.joined, surviving)):
        position = surviving[which]
        if position not in protected:
            claims.claim(position, rule)


def _unclaimed_lines(document: _Pass) -> array[int]:
    """Positions of the non-blank lines no rule has claimed (an array: there may be millions)."""
    owner = document.claims.owner
    return array("I", (p for p, text in enumerate(document.matcher.index.texts) if text and p not in owner))


# The kinds the structure phase runs, each with its function.
_STRUCTURE_KINDS: dict[type[Match], KindFunction] = {
    LineMatch: _apply_line,
    InlineMatch: _apply_inline,
    BlockMatch: _apply_block,
    TruncateMatch: _apply_truncate,
}


def _to_decisions(lines: Sequence[Line], claims: _Claims) -> list[Decision]:
    """Group consecutive lines dropped by the same rule into one decision each.

    Blank lines between two lines dropped by the same rule belong to that decision;
    a gap in the original lines (removed by an earlier pass) ends a decision. Inline
    cuts on lines that are dropped whole are not reported. Only claimed lines are
    visited, so a document with little junk costs little here.
    """
    decisions: list[Decision] = []
    for position in sorted(claims.cuts):
        if position in claims.owner:
            continue
        line = lines[position]
        for start, end, cut_rule in sorted(claims.cuts[position], key=lambda c: c[0]):
            decisions.append(Decision(cut_rule.id, cut_rule.category, line.index, line.index + 1, start, end, True))
    claimed = sorted(claims.owner)
    i = 0
    while i < len(claimed):
        first = claimed[i]
        rule = claims.owner[first]
        last = first
        probe = first + 1
        i += 1
        while probe < len(lines) and lines[probe].index == lines[probe - 1].index + 1:
            owner = claims.owner.get(probe)
            if owner is rule:
                last = probe
                i += 1
            elif not (lines[probe].blank and owner is None):
                break
            probe += 1
        decisions.append(
            Decision(rule.id, rule.category, lines[first].index, lines[last].index + 1, lines[first].start, lines[last].end)
        )
    decisions.sort(key=lambda d: (d.start, d.end))
    return _merge_overlapping_cuts(decisions)


def _merge_overlapping_cuts(decisions: list[Decision]) -> list[Decision]:
    """Two inline rules can match overlapping spans of one line; the first keeps the overlap."""
    merged: list[Decision] = []
    for decision in decisions:
        previous = merged[-1] if merged else None
        if previous and decision.inline and previous.inline and previous.line_start == decision.line_start:
            if decision.start < previous.end:
                if decision.end <= previous.end:
                    continue
                decision = Decision(
                    decision.rule_id, decision.category, decision.line_start, decision.line_end,
                    previous.end, decision.end, True,
                )
        merged.append(decision)
    return merged
