"""The tables of rule kinds and categories, and everything built from or checked
against them: the loader, the engine, lint, the rule set and the report's schema."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import regex

from cleanwire import Cleaner
from cleanwire.pipeline import engine
from cleanwire.report.htmlwriter import HtmlReportWriter
from cleanwire.report.record import record_from_result
from cleanwire.rules import lint
from cleanwire.rules.kinds import CATEGORIES, KIND_NAMES, KINDS, kind_of, patterns_of
from cleanwire.rules.loader import MATCH_READERS, load_rule_file
from cleanwire.rules.model import CATEGORY_NAMES, Category, Rule
from cleanwire.rules.ruleset import RuleSet

from .conftest import ROOT

SCHEMA = json.loads((ROOT / "src" / "cleanwire" / "report" / "schema.json").read_text(encoding="utf-8"))
DOCUMENT_VALIDATOR = jsonschema.Draft202012Validator(
    {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": "#/$defs/document"}
)

# For each kind: a rule of it (the lines under "rules:" of a rule file, with the
# rules it needs) and a text it removes something from.
EXAMPLES: dict[str, tuple[str, str]] = {
    "line": ("  - id: t.line\n    category: promo\n    line: '^Sponsored$'\n", "Head\nSponsored\nBody.\n"),
    "block": (
        "  - id: t.block\n    category: related\n    block: {start: '^Related$', end: '^End$'}\n",
        "Head\nRelated\nOne\nEnd\nBody.\n",
    ),
    "truncate": ("  - id: t.truncate\n    category: comments\n    truncate: {after: '^Comments$'}\n", "Body.\nComments\nNice.\n"),
    "inline": ("  - id: t.inline\n    category: social\n    inline: ' \\[share\\]'\n", "Body text. [share]\n"),
    "context": (
        "  - id: t.credit\n    category: caption\n    line: '^Photo: '\n"
        "  - id: t.context\n    category: caption\n    context: {pattern: '^Getty$', next_to: t.credit}\n",
        "Body.\nPhoto: a cat\nGetty\nMore body.\n",
    ),
    "dedupe": (
        "  - id: t.dedupe\n    category: duplicate\n    dedupe: verbatim\n",
        "The council met on Monday to agree the budget.\nMiddle.\nThe council met on Monday to agree the budget.\n",
    ),
    "classify": (
        "  - id: t.classify\n    category: navigation\n    classify: {languages: [en]}\n",
        "Home | News | Sport | Culture | Weather\n"
        "The council said on Monday that it would not raise the tax this year, because the budget had "
        "been balanced by the sale of two of the old buildings in the centre.\n",
    ),
}


def load_example(tmp_path: Path, kind: str) -> RuleSet:
    path = tmp_path / f"{kind}.yaml"
    path.write_text("format: 1\nrules:\n" + EXAMPLES[kind][0], encoding="utf-8")
    return RuleSet.from_files([load_rule_file(path)])


def test_the_report_schema_names_exactly_every_kind_and_category() -> None:
    defs = SCHEMA["$defs"]
    assert defs["decision"]["properties"]["kind"]["enum"] == list(KIND_NAMES)
    assert defs["category"]["enum"] == list(CATEGORY_NAMES) == [spec.name for spec in CATEGORIES]


def test_the_category_table_follows_the_enum() -> None:
    assert tuple(spec.category for spec in CATEGORIES) == tuple(Category)
    assert len({spec.colour for spec in CATEGORIES}) == len(CATEGORIES), "each category has a colour of its own"
    assert all(spec.description for spec in CATEGORIES)


def test_every_category_has_a_colour_in_the_html_report() -> None:
    out = io.BytesIO()
    HtmlReportWriter(out, {})
    [style] = re.findall(r"<style>\n(.*?)</style>", out.getvalue().decode("utf-8"), re.S)
    colours = dict(re.findall(r"\.cat-([a-z]+) \{ --c: (\d+ \d+ \d+); \}", style))
    assert list(colours) == list(CATEGORY_NAMES)
    assert colours == {spec.name: " ".join(map(str, spec.colour)) for spec in CATEGORIES}
    assert all(0 <= int(part) <= 255 for colour in colours.values() for part in colour.split())


def test_the_loader_the_engine_and_the_examples_cover_every_kind() -> None:
    assert list(MATCH_READERS) == list(KIND_NAMES)
    assert {match_type for phase in engine._phases() for match_type in phase} == {spec.match_type for spec in KINDS}
    assert set(EXAMPLES) == set(KIND_NAMES)


def test_a_kinds_patterns_are_every_regex_its_match_holds(tmp_path: Path) -> None:
    for kind in KIND_NAMES:
        for rule in load_example(tmp_path, kind).by_id.values():
            held = [getattr(rule.match, f.name) for f in dataclasses.fields(rule.match)]
            assert list(patterns_of(rule)) == [value for value in held if isinstance(value, regex.Pattern)], kind


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_a_rule_of_each_kind_loads_runs_and_reports_valid_json(tmp_path: Path, kind: str) -> None:
    rules = load_example(tmp_path, kind)
    rule = next(r for r in rules.by_id.values() if r.id == f"t.{kind}")
    assert rule.kind == kind and kind_of(rule.match).name == kind
    result = Cleaner(rules, outlet="none").clean(EXAMPLES[kind][1])  # a refusal still lists the decisions
    assert rule.id in {d.rule_id for d in result.decisions}, result.decisions
    record = record_from_result("example.txt", result, rules, len(EXAMPLES[kind][1]), result.changed)
    DOCUMENT_VALIDATOR.validate(record.to_json())


def test_lint_probes_every_pattern_of_every_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    probed: list[regex.Pattern[str]] = []

    def record(pattern: regex.Pattern[str]) -> None:
        probed.append(pattern)

    monkeypatch.setattr(lint, "_backtracks", record)
    for kind in KIND_NAMES:
        rules = load_example(tmp_path, kind)
        probed.clear()
        lint.lint(rules)
        expected: list[Any] = [p for rule in rules.by_id.values() for p in _regexes(rule)]
        assert probed == expected, kind


def _regexes(rule: Rule) -> list[regex.Pattern[str]]:
    return [v for v in vars(rule.match).values() if isinstance(v, regex.Pattern)]
