"""The generic set's precision: text that looks like junk but is article text stays.

Every file in fixtures/must_stay is an article (or a piece of one) with the
shapes generic rules are tempted by: lists of names, refrains, recipes and meal
plans, timelines, code, tables, numbered headings, German and Spanish
subheadings, quoted paywall and newsletter prompts, headlines ending in "read
more". The whole generic set runs over each (every generic rule sees it) and
must leave it exactly as it is. The must-go cases are the junk shapes the set
is expected to take, in the wrappers extractors put around them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanwire import Cleaner

MUST_STAY = sorted((Path(__file__).parent / "fixtures" / "must_stay").glob("*.txt"))

HEADER = """Home | News | Politics | Business | Sport | Culture
Login | Register | Search
* World
* Europe
* Americas
* Local news
* Weather
* Traffic
* Podcasts
* Opinion
"""
FOOTER = """Most read
* Markets
* Companies
* Science and health
* Football
* Books and film
* About us
* Contact
* Careers
* Privacy
* Terms of use
* Facebook
* Newsletters
* Events
* Shop
Archive | Sitemap | Help | Jobs
"""


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(outlet="none", max_removal=None)


def test_there_is_a_corpus() -> None:
    assert len(MUST_STAY) >= 10


@pytest.mark.parametrize("path", MUST_STAY, ids=lambda p: p.stem)
def test_article_text_stays(cleaner: Cleaner, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = cleaner.clean(text)
    taken = [(d.rule_id, result.normalized[d.start : d.end]) for d in result.decisions]
    assert not taken, f"generic rules took article text: {taken}"
    assert result.text == text


@pytest.mark.parametrize("name", ["names_list", "recipe_de", "table", "code_blocks", "long_code_block"])
def test_lists_among_paragraphs_stay_on_a_whole_page(cleaner: Cleaner, name: str) -> None:
    """On whole-page text the classifier takes the menus, and keeps the article's
    lists, tables and code that stand among its paragraphs."""
    article = (Path(__file__).parent / "fixtures" / "must_stay" / f"{name}.txt").read_text(encoding="utf-8")
    page = HEADER + article + FOOTER
    result = cleaner.clean(page)
    kept = result.text.splitlines()
    lost = [line for line in article.splitlines() if line.strip() and line not in kept]
    assert not lost, f"lost from the article: {lost}"
    assert "Archive | Sitemap | Help | Jobs" not in kept


MUST_GO = [
    "| ADVERTISEMENT |",
    "| Share | Tweet | Email |",
    "| Facebook | Twitter | WhatsApp | E-Mail |",
    "* Subscribe now",
    "- Jetzt abonnieren",
    "Subscribe to email updates",
    "Privacy & Cookies: This site uses cookies. By continuing to use this website, you agree to their use.",
    "We use cookies to improve your experience on our site. By continuing you agree.",
    "vBulletin v3.5.0, Copyright ©2000-2006, Jelsoft Enterprises Ltd.",
    "Powered by vBulletin Version 3.5.0",
    "Proudly powered by WordPress",
    "Use of this Web site constitutes acceptance of our Terms and Conditions of Use and Privacy Policy.",
    "| Kommentare insgesamt: 0 | |",
    "* Related Articles:",
    "© 2023 Example Media. All rights reserved. |",
]


@pytest.mark.parametrize("junk", MUST_GO)
def test_junk_goes_in_its_wrappers(cleaner: Cleaner, junk: str) -> None:
    text = f"The council met on Monday and agreed the budget.\n\n{junk}\n\nThe vote was unanimous.\n"
    result = cleaner.clean(text).text
    assert junk not in result
    assert "The council met on Monday and agreed the budget." in result
    assert "The vote was unanimous." in result


def test_a_label_goes_and_the_headline_under_it_stays(cleaner: Cleaner) -> None:
    text = (
        "Latest news\n"
        "Council keeps the tax where it is\n"
        "The council said on Monday that it would not raise the tax this year, because the sale of two old"
        " buildings in the centre of town had balanced the budget.\n"
    )
    assert cleaner.clean(text).text == text.removeprefix("Latest news\n")


def test_a_bulleted_list_under_a_label_ends_with_its_bullets(cleaner: Cleaner) -> None:
    """The related list goes; the line after it has no bullet, so it is the text's own."""
    text = (
        "The council met on Monday and agreed the budget.\n"
        "Related\n"
        "- Ten tips for the garden\n"
        "- Why the river flooded again\n"
        "Further link\n"
        "City archive\n"
    )
    result = cleaner.clean(text).text
    assert "Ten tips for the garden" not in result
    assert "Further link\nCity archive\n" in result


@pytest.mark.parametrize(
    "item_lines",
    [
        ["Updated 6 Hours Ago"],  # a date line between items
        ["by Vera Miller", "Gardening, Spring, Tools"],  # an item of several lines
    ],
)
def test_lines_under_a_bulleted_item_go_with_the_list(cleaner: Cleaner, item_lines: list[str]) -> None:
    body = "The council met on Monday and agreed the budget.\n"
    items = ["* Ten tips for the garden", *item_lines, "* Why the river flooded again", *item_lines, "* Three bridges to close in May"]
    text = body + "Related\n" + "".join(f"{line}\n" for line in items)
    assert cleaner.clean(text).text == body


def test_a_nested_list_marker_ends_a_list_too(cleaner: Cleaner) -> None:
    text = "Body.\nRelated\n+ Ten tips for the garden\n+ Why the river flooded again\nFurther link\nCity archive\n"
    assert cleaner.clean(text).text == "Body.\nFurther link\nCity archive\n"


def test_a_list_under_a_label_goes_across_a_blank_line_and_a_headline_above_its_text_stays(cleaner: Cleaner) -> None:
    related = "The council met on Monday and agreed the budget.\n\nRelated\n\n* Ten tips for the garden\n* Why the river flooded again\n"
    assert cleaner.clean(related).text == "The council met on Monday and agreed the budget.\n"
    headline = (
        "Latest news\n\n"
        "Council keeps the tax where it is\n\n"
        "The council said on Monday that it would not raise the tax this year, because the sale of two old"
        " buildings in the centre of town had balanced the budget.\n"
    )
    assert cleaner.clean(headline).text == headline.removeprefix("Latest news\n\n")
