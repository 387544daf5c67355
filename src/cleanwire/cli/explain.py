"""`cleanwire explain`: one document's decisions as a table a person reads at a terminal."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from cleanwire.pipeline.cleaner import CleanResult
from cleanwire.rules.kinds import CATEGORIES
from cleanwire.rules.model import Category, Decision

MAX_LINES_SHOWN = 6

# Each category in its HTML-report colour, from the table of categories.
CATEGORY_STYLES: dict[Category, str] = {spec.category: "rgb({},{},{})".format(*spec.colour) for spec in CATEGORIES}


def headline(label: str, result: CleanResult) -> str:
    """One paragraph: outlet and why, encoding, how much goes, the guard's verdict."""
    detection = result.detection
    outlet = f"{detection.outlet} by {detection.method}" if detection.outlet else "no outlet (generic rules only)"
    removed = sum(d.end - d.start for d in result.decisions)
    share = removed / len(result.normalized) if result.normalized else 0.0
    count = len(result.decisions)
    verdict = f"refused by a guard: {result.refused}; nothing would be removed" if result.refused else "guard passed"
    return (
        f"{label}: {outlet}; {result.encoding} (confidence {result.confidence:.2f}); "
        f"{count} removal{'s' if count != 1 else ''}, {share:.1%} of the normalized text; {verdict}"
    )


def normalization_line(result: CleanResult) -> str:
    """What normalization changed, kind by kind: changes no removal decision explains."""
    return f"normalization: {result.stats.describe() or 'nothing changed'}"


def decisions_table(result: CleanResult) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("category", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("text", overflow="fold")
    for decision in result.decisions:
        table.add_row(
            _lines(decision),
            Text(decision.category.value, style=CATEGORY_STYLES[decision.category]),
            decision.rule_id,
            Text(_excerpt(result.normalized[decision.start : decision.end])),
        )
    return table


def _lines(decision: Decision) -> str:
    first, last = decision.line_start + 1, decision.line_end
    return str(first) if first == last else f"{first}-{last}"


def _excerpt(text: str) -> str:
    """The removed text, blank lines dropped and long blocks cut to their first lines."""
    lines = [line for line in text.split("\n") if line]
    if len(lines) <= MAX_LINES_SHOWN:
        return "\n".join(lines)
    hidden = len(lines) - MAX_LINES_SHOWN + 1
    return "\n".join(lines[: MAX_LINES_SHOWN - 1] + [f"… and {hidden} more lines"])
