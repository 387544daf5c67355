"""The prefilter's literal tables belong to a rule set: none is shared between
rule sets, and a pickled rule set brings its own without the automaton."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex

from cleanwire import Cleaner
from cleanwire.rules import literals
from cleanwire.rules.compiled import load_rules
from cleanwire.rules.literals import LiteralIndex
from cleanwire.rules.loader import load_rule_file, shipped_rules_dir
from cleanwire.rules.model import LineMatch
from cleanwire.rules.ruleset import RuleSet

from .conftest import SEEDS

OWN_RULES = """\
format: 1
rules:
  - id: own.marker
    category: promo
    line: '^Zqxj marker$'
"""


def own_rule_set(tmp_path: Path) -> tuple[RuleSet, regex.Pattern[str]]:
    path = tmp_path / "own.yaml"
    path.write_text(OWN_RULES, encoding="utf-8")
    rules = RuleSet.from_files([load_rule_file(path)])
    match = rules.by_id["own.marker"].match
    assert isinstance(match, LineMatch)
    return rules, match.pattern


def test_the_prefilter_module_keeps_no_state() -> None:
    held = {
        name: type(value).__name__
        for name, value in vars(literals).items()
        if not name.startswith("__") and (isinstance(value, (dict, list, set, bytearray)) or hasattr(value, "cache_info"))
    }
    assert held == {}


def test_each_rule_set_has_literal_tables_of_its_own(tmp_path: Path) -> None:
    shipped = RuleSet.load()
    automaton = shipped.literals.automaton()
    own, marker = own_rule_set(tmp_path)
    texts = ["Zqxj marker", "All rights reserved.", "other"]
    assert own.literals.required(marker.pattern, False) == ("Zqxj marker",)
    assert own.literals.lines(texts).candidates_for(marker) == [0]
    # The first rule set neither sees the second's pattern nor rebuilt its automaton.
    assert shipped.literals.required(marker.pattern, False) == ()
    assert shipped.literals.lines(texts).candidates_for(marker) is None  # no prefilter: every line
    assert shipped.literals.automaton() is automaton
    # Nor does the second see the first's.
    copyright_line = shipped.by_id["generic.all-rights-reserved"]
    assert isinstance(copyright_line.match, LineMatch)
    assert shipped.literals.lines(texts).candidates_for(copyright_line.match.pattern) == [1]
    assert own.literals.lines(texts).candidates_for(copyright_line.match.pattern) is None


def test_a_pickled_rule_set_brings_its_literals_without_the_automaton() -> None:
    rules = RuleSet.load()
    rules.literals.automaton()
    data = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
    assert b"ahocorasick" not in data
    copy = pickle.loads(data)
    assert isinstance(copy.literals, LiteralIndex)
    assert pickle.dumps(copy.literals) == pickle.dumps(rules.literals)
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    assert Cleaner(copy).clean(text).decisions == Cleaner(rules).clean(text).decisions


def test_the_compiled_cache_gives_back_a_rule_set_that_cleans_the_same(tmp_path: Path) -> None:
    directories = [shipped_rules_dir()]
    built = load_rules(directories, tmp_path)
    [cached] = tmp_path.glob("rules.*.json")
    loaded = load_rules(directories, tmp_path)
    assert loaded is not built and cached.exists()
    assert pickle.dumps(loaded.literals) == pickle.dumps(built.literals)
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        assert Cleaner(loaded).clean(text).decisions == Cleaner(built).clean(text).decisions


def test_the_literal_scan_finds_the_same_lines_when_the_text_is_searched_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long text is searched a piece at a time (the automaton copies what it
    searches): a literal across two pieces is still found, in its own line."""
    automaton = RuleSet.load().literals.automaton()
    texts = [line for seed in sorted(SEEDS.glob("*.txt")) for line in seed.read_text(encoding="utf-8").splitlines()]
    texts += ["x" * 50 + " All rights reserved. " + "y" * 50]  # one long line holding a literal
    folded = literals.fold_case("\n".join(texts))
    index = RuleSet.load().literals.lines(texts)
    _, starts = index.folded()
    whole = automaton.lines_holding(texts, folded, starts)
    assert sum(len(lines) for mode in whole.values() for lines in mode.values()) > 20
    for size in (1, 7, 64):
        monkeypatch.setattr(literals, "_PIECE_CHARS", size)
        assert automaton.lines_holding(texts, folded, starts) == whole
