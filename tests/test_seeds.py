"""The five seed articles strip byte-for-byte to their gold files."""

from __future__ import annotations

import pytest

from cleanwire import Cleaner

from .conftest import GOLD, SEEDS, seed_names

EXPECTED_OUTLETS = {
    "000_f0b6f554ee90a507.txt": "newsmax",
    "001_4e12145062bb74ca.txt": "evening-standard",
    "002_ee7681ee4ce6f542.txt": "devdiscourse",
    "003_06fa92be880e0ef0.txt": "presstv",
    "004_9ba5b53548aa3b6e.txt": "nbcnews",
}


@pytest.mark.parametrize("name", seed_names())
def test_seed_strips_to_gold(cleaner: Cleaner, name: str) -> None:
    result = cleaner.clean_bytes((SEEDS / name).read_bytes())
    assert result.refused is None
    assert result.text.encode("utf-8") == (GOLD / name).read_bytes()


@pytest.mark.parametrize("name", seed_names())
def test_seed_outlet_is_detected(cleaner: Cleaner, name: str) -> None:
    result = cleaner.clean_bytes((SEEDS / name).read_bytes())
    assert result.detection.outlet == EXPECTED_OUTLETS[name]
    assert result.detection.evidence


@pytest.mark.parametrize("name", seed_names())
def test_every_removed_seed_line_has_a_rule_and_category(cleaner: Cleaner, name: str) -> None:
    result = cleaner.clean_bytes((SEEDS / name).read_bytes())
    gold_lines = set((GOLD / name).read_text(encoding="utf-8").splitlines())
    covered: set[int] = set()
    for decision in result.decisions:
        assert decision.rule_id and decision.category
        covered.update(decision.lines())
    for index, line in enumerate(result.normalized.splitlines()):
        if line and line not in gold_lines:
            assert index in covered, f"line {index + 1} removed without a decision: {line!r}"


def test_seed_copy_matches_shared_seeds() -> None:
    for name in seed_names():
        assert (SEEDS / name).exists(), f"seeds/{name} missing"


@pytest.mark.parametrize("name", seed_names())
def test_generic_rules_alone_never_remove_gold_text(name: str) -> None:
    generic_only = Cleaner(outlet="none", max_removal=None)
    result = generic_only.clean_bytes((SEEDS / name).read_bytes())
    kept = set(result.text.splitlines())
    for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
        assert line in kept, f"generic rules removed gold text: {line!r}"


def test_keep_category_leaves_that_category() -> None:
    keeping = Cleaner(keep=["copyright"])
    result = keeping.clean_bytes((SEEDS / "000_f0b6f554ee90a507.txt").read_bytes())
    assert "© 2024 Thomson/Reuters. All rights reserved." in result.text
    assert "Tags:" not in result.text
    assert all(d.category.value != "copyright" for d in result.decisions)
