"""Invalid rule files are errors that name the file, the line and the rule id."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleanwire import Cleaner
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.rules.loader import RuleFileError, load_rule_file, load_rule_files
from cleanwire.rules.ruleset import RuleSet

VALID_RULE = """\
  - id: demo.tags
    category: tags
    line: '^Tags: '
"""


def write(tmp_path: Path, body: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def error_for(tmp_path: Path, body: str) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_rule_file(write(tmp_path, body))
    return info.value


def test_valid_file_loads(tmp_path: Path) -> None:
    rule_file = load_rule_file(write(tmp_path, "format: 1\nrules:\n" + VALID_RULE))
    assert [r.id for r in rule_file.rules] == ["demo.tags"]
    assert rule_file.rules[0].source.line == 3


def test_unknown_key(tmp_path: Path) -> None:
    error = error_for(tmp_path, "format: 1\nrules:\n" + VALID_RULE + "    colour: red\n")
    assert (error.line, error.rule_id) == (6, "demo.tags")
    assert "unknown key 'colour'" in str(error)
    assert str(error).startswith(f"{tmp_path / 'demo.yaml'}:6: rule demo.tags:")


def test_missing_category(tmp_path: Path) -> None:
    error = error_for(tmp_path, "format: 1\nrules:\n  - id: demo.x\n    line: 'x'\n")
    assert (error.line, error.rule_id) == (3, "demo.x")
    assert "category" in error.message


def test_unknown_category(tmp_path: Path) -> None:
    error = error_for(tmp_path, "format: 1\nrules:\n  - id: demo.x\n    category: junk\n    line: 'x'\n")
    assert (error.line, error.rule_id) == (4, "demo.x")
    assert "unknown category 'junk'" in error.message


def test_bad_regex(tmp_path: Path) -> None:
    error = error_for(tmp_path, "format: 1\nrules:\n  - id: demo.x\n    category: tags\n    line: '(unclosed'\n")
    assert (error.line, error.rule_id) == (5, "demo.x")
    assert "bad regex" in error.message


def test_duplicate_rule_id_in_one_file(tmp_path: Path) -> None:
    error = error_for(tmp_path, "format: 1\nrules:\n" + VALID_RULE + VALID_RULE)
    assert (error.line, error.rule_id) == (6, "demo.tags")
    assert "duplicate rule id" in error.message


def test_duplicate_rule_id_across_files(tmp_path: Path) -> None:
    write(tmp_path, "format: 1\noutlet: {id: one}\nrules:\n" + VALID_RULE, "one.yaml")
    write(tmp_path, "format: 1\noutlet: {id: two}\nrules:\n" + VALID_RULE, "two.yaml")
    with pytest.raises(RuleFileError, match="two.yaml:4: rule demo.tags: duplicate rule id") as info:
        load_rule_files([tmp_path])
    assert "one.yaml:4" in str(info.value)


def test_two_match_kinds(tmp_path: Path) -> None:
    error = error_for(tmp_path, "format: 1\nrules:\n  - id: demo.x\n    category: tags\n    line: a\n    inline: b\n")
    assert error.rule_id == "demo.x" and "exactly one of" in error.message


def test_context_must_name_a_rule_in_the_file(tmp_path: Path) -> None:
    body = "format: 1\nrules:\n  - id: demo.x\n    category: caption\n    context: {pattern: x, next_to: demo.nope}\n"
    error = error_for(tmp_path, body)
    assert error.rule_id == "demo.x" and "demo.nope" in error.message


def test_context_naming_only_itself_is_refused(tmp_path: Path) -> None:
    body = "format: 1\nrules:\n  - id: demo.x\n    category: caption\n    context: {pattern: x, next_to: demo.x}\n"
    error = error_for(tmp_path, body)
    assert error.rule_id == "demo.x" and "nothing can start it" in error.message


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    error = error_for(tmp_path, "format: 1\nrules:\n  - id: demo.x\n    category: [tags\n")
    assert error.line >= 4 and "invalid YAML" in error.message


def test_format_version_required(tmp_path: Path) -> None:
    error = error_for(tmp_path, "rules: []\n")
    assert "format: 1" in error.message


def test_yaml_aliases_are_refused(tmp_path: Path) -> None:
    bomb = 'format: 1\na: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n'
    error = error_for(tmp_path, bomb)
    assert error.line == 3 and "aliases" in error.message


@pytest.mark.parametrize("key", ["? {a: 1}\n    : x", "[b]: x", "? - a\n    : x"])
def test_a_list_or_mapping_as_a_key_is_refused_with_its_line(tmp_path: Path, key: str) -> None:
    error = error_for(tmp_path, f"format: 1\nrules:\n  - id: demo.x\n    {key}\n    category: caption\n")
    assert error.line == 4 and "as a key is not allowed" in error.message


def test_empty_inline_pattern_refused(tmp_path: Path) -> None:
    error = error_for(tmp_path, "format: 1\nrules:\n  - id: demo.x\n    category: caption\n    inline: 'x*'\n")
    assert "empty string" in error.message


def test_outlet_rules_override_shipped_file_of_same_id(tmp_path: Path) -> None:
    write(
        tmp_path,
        "format: 1\noutlet: {id: newsmax, signatures: ['^Mine$']}\nrules:\n"
        "  - id: mine.only\n    category: promo\n    line: '^Mine$'\n",
        "newsmax.yaml",
    )
    rules = RuleSet.load([tmp_path])
    assert [r.id for r in rules.outlets["newsmax"].rules] == ["mine.only"]


def test_pathological_regex_is_reported_quickly(tmp_path: Path) -> None:
    write(tmp_path, "format: 1\nrules:\n  - id: demo.slow\n    category: promo\n    line: '^(a|aa)+$'\n", "generic.yaml")
    rules = RuleSet.load([tmp_path], include_shipped=False)
    cleaner = Cleaner(rules, match_timeout=0.5)
    started = time.monotonic()
    with pytest.raises(RuleTimeoutError) as info:
        cleaner.clean("a" * 200 + "!\n")
    assert time.monotonic() - started < 5
    assert info.value.rule_id == "demo.slow" and info.value.line_number == 1


def test_same_marker_and_across_blank_must_be_true_or_false(tmp_path: Path) -> None:
    body = (
        "format: 1\nrules:\n  - id: demo.label\n    category: related\n    line: '^Related$'\n"
        "  - id: demo.items\n    category: related\n    context:\n      pattern: '.'\n"
        "      next_to: [demo.label, demo.items]\n      same_marker: sometimes\n"
    )
    error = error_for(tmp_path, body)
    assert (error.line, error.rule_id) == (11, "demo.items")
    assert "'same_marker' must be true or false" in error.message
    error = error_for(tmp_path, body.replace("same_marker: sometimes", "across_blank: 1"))
    assert (error.line, error.rule_id) == (11, "demo.items")
    assert "'across_blank' must be true or false" in error.message
