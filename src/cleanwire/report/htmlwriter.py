"""The removal report as one self-contained HTML page for a person to review a batch.

No network: styles and script are inlined, and a Content-Security-Policy forbids
every fetch. The page streams like the JSON report: each document's text and
spans go into an inert ``<script type="application/json">`` block as the document
arrives (the page parses one only when it is opened), and the summary, the
document index and the script come last. The summary is plain HTML, readable
without the script; the script adds the sortable, filterable, paginated list
and the document view.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any, BinaryIO

from cleanwire.report.record import DocumentRecord, Removal
from cleanwire.report.totals import NO_OUTLET
from cleanwire.report.jsonwriter import FORMAT_NAME, SCHEMA_VERSION
from cleanwire.rules.kinds import CATEGORIES
from cleanwire.rules.model import CATEGORY_NAMES

ASSETS = Path(__file__).parent / "assets"
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def category_colours_css() -> str:
    """A rule per category setting ``--c``, its colour as "R G B", which the
    stylesheet tints chips, filters and struck-through spans with."""
    return "".join(f".cat-{spec.name} {{ --c: {' '.join(map(str, spec.colour))}; }}\n" for spec in CATEGORIES)


def _script_json(value: Any) -> bytes:
    """JSON that cannot end its ``<script>`` element early: every ``<`` is escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (from a JSON Lines input's escapes) stay escaped.
        return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c").encode("ascii")


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _utf16_offsets(text: str) -> Callable[[int], int] | None:
    """Maps a code point offset to UTF-16 units (what the page's script counts in),
    or None when the two agree (no character beyond the Basic Multilingual Plane)."""
    astral = [found.start() for found in _ASTRAL.finditer(text)]
    if not astral:
        return None
    return lambda offset: offset + bisect_left(astral, offset)


class HtmlReportWriter:
    wants_text = True

    def __init__(self, out: BinaryIO, header: dict[str, Any]) -> None:
        self.out = out
        self.header = header
        self.rows: list[list[Any]] = []
        self.rule_index: dict[str, int] = {}
        self.rules: list[list[Any]] = []
        css = (ASSETS / "report.css").read_text(encoding="utf-8") + category_colours_css()
        self._write(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<link rel=\"icon\" href=\"data:,\">\n"
            "<title>cleanwire report</title>\n"
            f"<style>\n{css}</style>\n</head>\n<body>\n"
            f"{_page_header(header)}"
            "<section id=\"documents\" aria-label=\"Documents\">"
            "<noscript><p>The document list and view need JavaScript; the summary is below.</p></noscript>"
            "</section>\n"
        )

    def add(self, record: DocumentRecord) -> None:
        number = len(self.rows)
        mask = 0
        by_rule: dict[int, int] = {}
        for removal in record.removals:
            mask |= 1 << CATEGORY_NAMES.index(removal.category)
            number_of_rule = self._rule_number(removal)
            by_rule[number_of_rule] = by_rule.get(number_of_rule, 0) + 1
        self.rows.append(
            [
                record.source,
                record.status.value,
                record.outlet,
                round(record.removed_share, 4),
                len(record.removals),
                record.input_bytes,
                record.output_bytes,
                mask,
                record.message,
                sorted(by_rule.items()),
            ]
        )
        body = record.to_json()
        del body["decisions"]
        text = record.normalized or ""
        units = _utf16_offsets(text)
        body["spans"] = [
            [
                units(r.start) if units else r.start,
                units(r.end) if units else r.end,
                self._rule_number(r),
                r.first_line,
                r.last_line,
            ]
            for r in record.removals
        ]
        body["text"] = record.normalized
        self.out.write(f"<script type=\"application/json\" id=\"doc-{number}\">".encode())
        self.out.write(_script_json(body))
        self.out.write(b"</script>\n")

    def finish(self, summary: dict[str, Any]) -> None:
        index = {
            "format": FORMAT_NAME,
            "version": SCHEMA_VERSION,
            "report": {key: self.header.get(key) for key in ("cleanwire", "created")},
            "categories": list(CATEGORY_NAMES),
            "rules": self.rules,
            "columns": [
                "source", "status", "outlet", "share", "removals", "input_bytes", "output_bytes", "categories", "message", "rules",
            ],
            "documents": self.rows,
        }
        script = (ASSETS / "report.js").read_text(encoding="utf-8")
        self._write(
            _summary_html(summary)
            + "<script type=\"application/json\" id=\"report-index\">"
        )
        self.out.write(_script_json(index))
        self._write(f"</script>\n<script>\n{script}</script>\n</body>\n</html>\n")

    def _rule_number(self, removal: Removal) -> int:
        """The rule's place in the page's table of rules: [id, category, kind, file,
        line, support as [pages matched, pages seen] or null]."""
        number = self.rule_index.get(removal.rule)
        if number is None:
            number = self.rule_index[removal.rule] = len(self.rules)
            support = list(removal.support) if removal.support else None
            self.rules.append([removal.rule, removal.category, removal.kind, removal.rule_file, removal.rule_line, support])
        return number

    def _write(self, text: str) -> None:
        self.out.write(text.encode("utf-8", "backslashreplace"))


def _page_header(header: dict[str, Any]) -> str:
    inputs = ", ".join(header.get("inputs") or ["<stdin>"])
    options = header.get("options") or {}
    shown = "; ".join(f"{key} {value}" for key, value in options.items() if value not in (None, [], {}, False))
    return (
        "<header>\n<h1>cleanwire report</h1>\n"
        f"<p class=\"meta\">cleanwire {escape(str(header.get('cleanwire', '')))} · "
        f"{escape(str(header.get('created', '')))} · input: {escape(inputs)}"
        + (f" · options: {escape(shown)}" if shown else "")
        + "</p>\n</header>\n"
    )


def _summary_html(summary: dict[str, Any]) -> str:
    status = summary["status"]
    counts = " · ".join(f"<span data-status=\"{s}\">{n:,} {s}</span>" for s, n in status.items() if n)
    parts = [
        "<section id=\"summary\" aria-label=\"Summary\">\n<h2>Summary</h2>\n",
        f"<p class=\"totals\"><strong data-total=\"documents\">{summary['documents']:,}</strong> "
        f"document{'s' if summary['documents'] != 1 else ''}: {counts}. "
        f"{_bytes(summary['input_bytes'])} in, {_bytes(summary['output_bytes'])} out.</p>\n",
        "<div class=\"tables\">\n",
        _table(
            "categories",
            "Removed, by category",
            ["category", "documents", "removals", "lines", "characters"],
            [
                [_category_chip(name), tally["documents"], tally["decisions"], tally["lines"], tally["chars"]]
                for name, tally in summary["categories"].items()
            ],
            [f"data-category=\"{name}\"" for name in summary["categories"]],
        ),
        _table(
            "outlets",
            "By outlet",
            ["outlet", "documents", "changed", "refused", "share removed"],
            [
                [_outlet_name(name), t["documents"], t["changed"], t["refused"], _share(t["chars_removed"], t["chars_before"])]
                for name, t in summary["outlets"].items()
            ],
            [f"data-outlet=\"{escape(name)}\"" for name in summary["outlets"]],
        ),
        "</div>\n",
    ]
    rules = summary["rules"]
    never = summary["rules_never_fired"]
    parts.append(
        f"<details id=\"rules-detail\"><summary>By rule: {len(rules)} rule{'s' if len(rules) != 1 else ''} removed something"
        f"{f', {len(never)} never fired' if never else ''}</summary>\n"
    )
    parts.append(
        _table(
            "rules",
            "By rule",
            ["rule", "category", "documents", "removals", "lines", "characters"],
            [
                [f"<code>{escape(rule)}</code>", _category_chip(t["category"]), t["documents"], t["decisions"], t["lines"], t["chars"]]
                for rule, t in rules.items()
            ],
            [f"data-rule=\"{escape(rule)}\" data-category=\"{t['category']}\"" for rule, t in rules.items()],
        )
    )
    if never:
        items = "".join(
            f"<li><code>{escape(r['rule'])}</code> {_category_chip(r['category'])} "
            f"<span class=\"where\">{escape(Path(r['rule_file']).name)}:{r['rule_line']}</span></li>"
            for r in never
        )
        parts.append(f"<h3 id=\"never-fired\">Never fired</h3><ul class=\"never\">{items}</ul>\n")
    parts.append("</details>\n</section>\n")
    parts.append(
        "<nav id=\"filters\" class=\"filters\" aria-label=\"Filter by category\">"
        "<span>Filter by category:</span> <button type=\"button\" class=\"all\" data-category=\"\">all</button></nav>\n"
    )
    return "".join(parts)


def _table(key: str, caption: str, columns: list[str], rows: list[list[Any]], attributes: list[str]) -> str:
    head = "".join(f"<th scope=\"col\">{escape(c)}</th>" for c in columns)
    body = "".join(
        f"<tr {attrs}>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row, attrs in zip(rows, attributes)
    )
    if not rows:
        body = f"<tr><td colspan=\"{len(columns)}\">nothing removed</td></tr>"
    return f"<table id=\"by-{key}\"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n"


def _outlet_name(name: str) -> str:
    return "<em>generic rules only</em>" if name == NO_OUTLET else escape(name)


def _cell(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _category_chip(name: str) -> str:
    return f"<span class=\"chip cat-{name}\">{name}</span>"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def _bytes(count: int) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} B"
