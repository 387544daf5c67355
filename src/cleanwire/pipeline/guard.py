"""Checks between deciding and writing: the output must be the input minus the decided
spans (deletion-only), and must not take too much of the document (over-removal)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cleanwire.rules.model import Decision

@dataclass(frozen=True)
class GuardVerdict:
    ok: bool
    reason: str = ""


def is_deletion_only(source: str, output: str) -> bool:
    """True when every output line is, in order, an input line or a character
    subsequence of one (what inline cuts leave)."""
    if output == source:
        return True
    remaining = lines_of(source)
    for line in lines_of(output):
        # Most lines are kept whole: equality is tried before the subsequence walk.
        if not any(line == candidate or _is_subsequence(line, candidate) for candidate in remaining):
            return False
    return True


def lines_of(text: str, chunk: int = 1 << 20) -> Iterator[str]:
    """``text.split("\n")``, one piece of about ``chunk`` characters at a time: a
    document of a million short lines is not a million strings at once."""
    start = 0
    while len(text) - start > chunk:
        end = text.rfind("\n", start, start + chunk)
        if end < 0:
            end = text.find("\n", start + chunk)
            if end < 0:
                break
        yield from text[start:end].split("\n")
        start = end + 1
    yield from text[start:].split("\n")


def _is_subsequence(short: str, long: str) -> bool:
    if short == long:
        return True
    if len(short) > len(long) or (not short) != (not long):
        return False
    remaining = iter(long)
    return all(char in remaining for char in short)


def check_removal_share(
    source: str, output: str, max_share: float | None, decisions: Sequence[Decision] = ()
) -> GuardVerdict:
    """Refuse when the rules would take more than ``max_share`` of the text, or all
    of it; the reason names the rules that would have taken the most."""
    if max_share is None or not source:
        return GuardVerdict(True)
    removed = 1 - len(output) / len(source)
    if output and removed <= max_share:
        return GuardVerdict(True)
    amount = "all" if not output else percent_above(removed, max_share) if removed < 0.995 else "over 99%"
    culprits = ", ".join(f"{rule} {share:.0%}" for rule, share in top_rules(decisions, len(source)))
    reason = f"the rules would remove {amount} of the text (limit {_percent(max_share, 4)})"
    return GuardVerdict(False, f"{reason}; most by {culprits}" if culprits else reason)


def percent_above(share: float, limit: float) -> str:
    """``share`` as a percentage with the fewest decimals that still show it above
    ``limit`` ("60.4%" beside a limit of 60%, never "60%")."""
    for places in range(4):
        shown = _percent(share, places)
        if shown != _percent(limit, places):
            return shown
    return _percent(share, 4)


def _percent(share: float, places: int) -> str:
    """``share`` as a percentage to at most ``places`` decimals, without trailing zeros."""
    text = f"{share * 100:.{places}f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def top_rules(decisions: Sequence[Decision], total: int, count: int = 3) -> list[tuple[str, float]]:
    """The rules that remove the most characters, with their share of ``total``."""
    removed: Counter[str] = Counter()
    for decision in decisions:
        removed[decision.rule_id] += decision.end - decision.start
    return [(rule, chars / total) for rule, chars in removed.most_common(count)]
