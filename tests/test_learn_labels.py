"""`cleanwire learn` and lines known by their label: a photo credit or a caption
or a list of tags says what in words of its own on every page ("Image caption
Crowds filled the square"), after a label the pages share. The label is learned over the changing
text, so a new page's credit goes too; a title's first word is no label."""

from __future__ import annotations

from pathlib import Path

from tests.test_learn import MENU, _PLACES, _SUBJECTS, article
from tests.test_learn_tails import FOOTER, learn, strip, town


def credit(n: int) -> str:
    return f"Filed under {_SUBJECTS[n % 10]} , {town(n + 31)} , {_PLACES[(n + 1) % 10].lower()}"


def caption(n: int) -> str:
    return f"Image caption {town(n + 7)} crowds {['filled', 'left', 'circled'][n % 3]} the {_SUBJECTS[(n + 3) % 10]}"


def more_from(n: int) -> str:
    """Once a page, between two paragraphs, a label ending in a small word."""
    return f"Read on for {town(n + 60)} weather"


def teaser(n: int) -> str:
    """A title in a list of other stories: it starts with a capital word, as many do."""
    return f"* The {_SUBJECTS[(n + 5) % 10].title()} Of {town(n + 90)} Reopens"


def page_with_photo(n: int) -> str:
    first, *rest = article(n)
    headline = f"{_PLACES[n % 10]} {_SUBJECTS[n % 10].title()} Makes Headlines Again"
    body = [headline, "", first, "", credit(n), caption(n), "", rest[0], "", more_from(n), "", rest[1]]
    tail = ["More Stories", teaser(n), teaser(n + 100)]
    return "\n".join([*MENU, "", *body, "", *tail, "", *FOOTER]) + "\n"


def test_tags_and_a_caption_after_a_shared_label_go_on_a_new_page_and_the_article_stays(tmp_path: Path) -> None:
    rule_file = learn(tmp_path, {n: page_with_photo(n) for n in range(1, 9)})
    cleaned = strip(rule_file, page_with_photo(23), tmp_path)
    assert credit(23) not in cleaned and caption(23) not in cleaned
    for paragraph in article(23):
        assert paragraph in cleaned


def test_a_label_ending_in_a_small_word_said_once_a_page_goes_on_a_new_page(tmp_path: Path) -> None:
    rule_file = learn(tmp_path, {n: page_with_photo(n) for n in range(1, 9)})
    assert more_from(23) not in strip(rule_file, page_with_photo(23), tmp_path)


def test_a_titles_first_capital_word_is_no_label(tmp_path: Path) -> None:
    """Titles in a list start "* The" on every page; a new page's article
    subheading starting so stays."""
    rule_file = learn(tmp_path, {n: page_with_photo(n) for n in range(1, 9)})
    subheading = "* The Council Answers Its Critics"
    first, *rest = article(23)
    page = page_with_photo(23).replace(first, f"{first}\n\n{subheading}")
    assert subheading in strip(rule_file, page, tmp_path)


def test_a_dateline_running_into_the_first_paragraph_stays_though_its_label_repeats(tmp_path: Path) -> None:
    """ "Reporting from Lisbon --" starts the first paragraph on every page: it is
    said once a page after a label, but its dash runs on into the article."""
    dateline = lambda n: f"Reporting from {_PLACES[n % 10]} --"  # noqa: E731

    def page(n: int) -> str:
        return page_with_photo(n).replace(article(n)[0], f"{dateline(n)}\n{article(n)[0]}")

    rule_file = learn(tmp_path, {n: page(n) for n in range(1, 9)})
    cleaned = strip(rule_file, page(23), tmp_path)
    assert dateline(23) in cleaned
    for paragraph in article(23):
        assert paragraph in cleaned


def counted(n: int) -> list[str]:
    """Other stories with their readers' count after each title, under no label."""
    return [f"* {town(100 * n + k)} Wins Praise For Its {_SUBJECTS[(n + k) % 10].title()} {(37 * n + 11 * k) % 90 + 10},{(53 * n + k) % 900 + 100} views" for k in range(1, 4)]


def test_titles_ending_in_a_count_go_on_a_new_page_and_the_article_stays(tmp_path: Path) -> None:
    """A most-read list after the article: no label over it, and its titles and
    counts change, but every line ends in a count of views."""

    def page(n: int) -> str:
        return page_with_photo(n).replace("More Stories", "\n".join(counted(n)) + "\n\nMore Stories")

    rule_file = learn(tmp_path, {n: page(n) for n in range(1, 9)})
    cleaned = strip(rule_file, page(23), tmp_path)
    assert not set(counted(23)) & set(cleaned)
    for paragraph in article(23):
        assert paragraph in cleaned
