"""Rule files read by libyaml must read exactly as the round-trip reader reads them:
the same values, the same line for every mapping, key and item, and, where the
quick reader cannot be sure, the round-trip reader's own result or error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.rules import fastyaml
from cleanwire.rules.loader import MAX_YAML_DEPTH, RuleFileError, _parse_yaml_round_trip, parse_rule_file, shipped_rules_dir

SHIPPED = sorted(shipped_rules_dir().glob("*.yaml"))


def differences(quick: Any, slow: Any, where: str = "") -> list[str]:
    """Where two parsed documents differ in a value, a type or a line."""
    if isinstance(slow, dict):
        if not isinstance(quick, dict) or list(quick) != list(slow):
            return [f"{where}: keys differ"]
        found = [] if quick.lc.line == slow.lc.line else [f"{where}: mapping line"]
        for key in slow:
            if quick.lc.key(key)[0] != slow.lc.key(key)[0]:
                found.append(f"{where}.{key}: key line")
            found += differences(quick[key], slow[key], f"{where}.{key}")
        return found
    if isinstance(slow, list):
        if not isinstance(quick, list) or len(quick) != len(slow):
            return [f"{where}: lists differ"]
        found = [] if quick.lc.line == slow.lc.line else [f"{where}: list line"]
        for index, (one, other) in enumerate(zip(quick, slow)):
            if quick.lc.item(index)[0] != slow.lc.item(index)[0]:
                found.append(f"{where}[{index}]: item line")
            found += differences(one, other, f"{where}[{index}]")
        return found
    # ruamel's str, int and float subclasses keep their source's style; the values are plain.
    plain_type = next((kind for kind in (bool, str, int, float) if isinstance(slow, kind)), type(slow))
    if not isinstance(quick, plain_type) or quick != slow:
        return [f"{where}: {quick!r} != {slow!r}"]
    return []


def assert_reads_the_same(text: str) -> None:
    quick = fastyaml.parse(text, MAX_YAML_DEPTH)
    try:
        slow = _parse_yaml_round_trip(text, Path("rules.yaml"))
    except RuleFileError:
        assert quick is None, "the quick reader accepted a file the round-trip reader refuses"
        return
    if quick is not None:
        assert differences(quick, slow) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_reads_quickly_and_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    quick = fastyaml.parse(text, MAX_YAML_DEPTH)
    assert quick is not None
    assert differences(quick, _parse_yaml_round_trip(text, path)) == []


_EDITS = [":", "-", "'", '"', "#", "[", "]", "{", "}", ",", "|", ">", "&a", "*a", "!", "!!str ", "%", " ", "\t",
          "yes", "1.5", "1e3", "0x1f", "017", "2020-01-01", "~", "null", "True", "- ", "? ", "<<: ", ".inf"]


# Each example reads a shipped file with ruamel too (a quarter of a second for generic.yaml).
@settings(max_examples=80, deadline=None)
@given(
    file_index=st.integers(0, len(SHIPPED) - 1),
    line_share=st.floats(0, 1, exclude_max=True),
    column_share=st.floats(0, 1),
    edit=st.one_of(st.sampled_from(_EDITS), st.just("")),
    duplicate=st.booleans(),
)
def test_an_edited_file_reads_the_same_or_is_left_to_the_round_trip_reader(
    file_index: int, line_share: float, column_share: float, edit: str, duplicate: bool
) -> None:
    lines = SHIPPED[file_index].read_text(encoding="utf-8").split("\n")
    at = int(line_share * len(lines))
    line = lines[at]
    column = int(column_share * len(line))
    if duplicate:
        lines.insert(at, line)
    else:
        # An empty edit deletes the character there; any other is inserted.
        lines[at] = line[:column] + edit + line[column + (0 if edit else 1) :]
    assert_reads_the_same("\n".join(lines))


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a duplicate key is an error there
        "a: &x [1]\nb: *x\n",  # aliases are refused there, with their line
        "a:\n\tb: 1\n",  # tabs: the readers disagree, so the round-trip one decides
        "a: 1e3\nb: 0o17\nc: 2020-01-01\n",  # numbers and dates as ruamel builds them
        "a: !!str 5\n",
        "%YAML 1.1\n---\na: yes\n",
        "a: 1\n---\nb: 2\n",
        "? [a, b]\n: c\n",
        "<<: {a: 1}\n",
    ],
)
def test_what_the_quick_reader_cannot_vouch_for_is_left_to_the_round_trip_reader(text: str) -> None:
    assert fastyaml.parse(text, MAX_YAML_DEPTH) is None


def test_plain_values_read_as_yaml_1_2_reads_them() -> None:
    text = "a: yes\nb: 0.25\nc: -3\nd: true\ne:\nf: ~\ng: '7'\nh: No\n"
    quick = fastyaml.parse(text, MAX_YAML_DEPTH)
    assert quick == {"a": "yes", "b": 0.25, "c": -3, "d": True, "e": None, "f": None, "g": "7", "h": "No"}
    assert_reads_the_same(text)


def test_nesting_over_the_limit_is_refused_with_its_line() -> None:
    text = "format: 1\nrules:\n  - " + "[" * 70 + "]" * 70 + "\n"
    assert fastyaml.parse(text, MAX_YAML_DEPTH) is None
    with pytest.raises(RuleFileError, match="nested more than") as refused:
        parse_rule_file(text, Path("deep.yaml"))
    assert refused.value.line == 3


def test_a_rule_error_names_the_same_line_on_either_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "format: 1\nrules:\n  - id: demo.one\n    category: navigation\n    line: '('\n"
    with pytest.raises(RuleFileError) as quick:
        parse_rule_file(text, Path("demo.yaml"))
    monkeypatch.setattr(fastyaml, "parse", lambda text, max_depth: None)
    with pytest.raises(RuleFileError) as slow:
        parse_rule_file(text, Path("demo.yaml"))
    assert str(quick.value) == str(slow.value)
    assert quick.value.line == 5


def test_tabs_inside_quoted_and_block_text_still_read_quickly() -> None:
    text = 'a: "one\\ttwo"\nb: |\n  three\tfour\nc: \'five\tsix\'\n'
    quick = fastyaml.parse(text, MAX_YAML_DEPTH)
    assert quick == {"a": "one\ttwo", "b": "three\tfour\n", "c": "five\tsix"}
    assert_reads_the_same(text)
