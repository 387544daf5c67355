"""The Python API: load rules once, clean many texts, get decisions back."""

from __future__ import annotations

from cleanwire import Category, Cleaner

from .conftest import SEEDS


def test_clean_returns_text_and_decisions_with_spans() -> None:
    cleaner = Cleaner()
    text = (SEEDS / "004_9ba5b53548aa3b6e.txt").read_text(encoding="utf-8")
    result = cleaner.clean(text)
    assert result.changed and result.detection.outlet == "nbcnews"
    by_rule = {d.rule_id: d for d in result.decisions}
    notice = by_rule["generic.browser-notice"]
    assert notice.category is Category.NOTICE
    assert result.normalized[notice.start : notice.end].startswith("IE 11 is not supported")
    caption = by_rule["nbcnews.caption"]
    assert result.normalized[caption.start : caption.end].endswith("Getty Images")


def test_inline_rule_cuts_a_span_and_reports_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "demo.yaml").write_text(
        "format: 1\noutlet: {id: demo}\nrules:\n"
        "  - id: demo.credit\n    category: caption\n    inline: ' ?\\(Photo: [^)]+\\)'\n"
    )
    cleaner = Cleaner(rule_dirs=[tmp_path], outlet="demo")
    result = cleaner.clean("Headline\n\nThe mayor spoke (Photo: Jane Doe) to the crowd.\n")
    assert result.text == "Headline\n\nThe mayor spoke to the crowd.\n"
    [decision] = result.decisions
    assert decision.inline and decision.rule_id == "demo.credit"
    assert result.normalized[decision.start : decision.end] == " (Photo: Jane Doe)"


def test_protect_wins_over_every_rule(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "demo.yaml").write_text(
        "format: 1\noutlet: {id: demo}\n"
        "protect:\n  - id: demo.keep-quotes\n    pattern: '^Quote:'\n"
        "rules:\n  - id: demo.tail\n    category: promo\n    truncate: {after: '^More from us$'}\n"
    )
    cleaner = Cleaner(rule_dirs=[tmp_path], outlet="demo", max_removal=None)
    result = cleaner.clean("Body.\n\nMore from us\n\nQuote: stays.\n\nGoes.\n")
    assert result.text == "Body.\n\nQuote: stays.\n"


def test_block_that_never_closes_removes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "demo.yaml").write_text(
        "format: 1\noutlet: {id: demo}\nrules:\n"
        "  - id: demo.wall\n    category: paywall\n    block: {start: '^Members only$', end: '^Thanks$', max_lines: 3}\n"
    )
    cleaner = Cleaner(rule_dirs=[tmp_path], outlet="demo", max_removal=None)
    open_block = "Body.\nMembers only\nOne.\nTwo.\nThree.\nThanks\n"
    assert cleaner.clean(open_block).text == open_block
    closed = "Body.\nMembers only\nOne.\nThanks\nAfter.\n"
    assert cleaner.clean(closed).text == "Body.\nAfter.\n"


def test_keep_categories() -> None:
    cleaner = Cleaner(outlet="none", keep=[Category.DATELINE])
    text = "Headline\n\nThursday, 14 September 2023 07:18 AM EDT\n\nBody text of the article.\n"
    assert cleaner.clean(text).text == text
