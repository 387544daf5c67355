"""`cleanwire learn` and the tail of a page: what follows an article's last
paragraph is chrome on every page (comments, teasers, lists of other stories, a
long footer), and one truncate rule at its first line takes it all, also on a
page whose teasers and lists the learn pages never held."""

from __future__ import annotations

from pathlib import Path

from cleanwire.rules.loader import load_rule_file
from tests.test_learn import MENU, _PLACES, _SUBJECTS, article, run

MARKER = "Around the Web Today"
FOOTER = [f"Our {section} desk" for section in ("city", "state", "world", "money", "sports", "arts", "food", "travel")] * 4


def town(n: int) -> str:
    """A place name of its own for each number, without digits (which shapes fold)."""
    return "".join("bcdfghjklm"[int(d)] for d in str(n)).title() + "ville"


def teaser(n: int) -> str:
    """A sentence about another story, as a blurb under a teaser: no other page has it."""
    return f"Readers in {town(n)} found the {_SUBJECTS[(n + 7) % 10]} had doubled its fees."


def other_stories(n: int) -> list[str]:
    return [f"Why the {_SUBJECTS[(n + k) % 10]} of {town(100 * k + n)} matters" for k in range(1, 4)]


def page_with_tail(n: int, tail: list[str]) -> str:
    body = [f"{_PLACES[n % 10]} {_SUBJECTS[n % 10].title()} Makes Headlines Again", "", *"\n\n".join(article(n)).split("\n")]
    return "\n".join([*MENU, "", *body, "", *tail, "", *FOOTER]) + "\n"


def learn(tmp_path: Path, pages: dict[int, str]) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n, text in pages.items():
        (folder / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    result = run("learn", str(folder), "--outlet", "example", "-o", str(rules / "example.yaml"))
    assert result.returncode == 0, result.stderr
    return rules / "example.yaml"


def strip(rule_file: Path, text: str, tmp_path: Path) -> list[str]:
    page = tmp_path / "new.txt"
    page.write_text(text, encoding="utf-8")
    result = run("strip", str(page), "--rules", str(rule_file.parent), "--outlet", "example", "--allow-large-removal")
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def truncate_markers(rule_file: Path) -> list[str]:
    return [rule.match.marker.pattern for rule in load_rule_file(rule_file).rules if rule.kind == "truncate"]  # type: ignore[union-attr]


def test_a_tail_with_a_lone_teaser_sentence_under_a_marker_early_in_the_page_is_truncated(tmp_path: Path) -> None:
    """The marker stands in the first half of each page (the footer is long) and
    a teaser's title and blurb follow it: neither keeps the tail from being learned."""
    tail = lambda n: [MARKER, *other_stories(n), teaser(n)]  # noqa: E731
    rule_file = learn(tmp_path, {n: page_with_tail(n, tail(n)) for n in range(1, 9)})
    assert f"^{MARKER}$" in truncate_markers(rule_file)
    cleaned = strip(rule_file, page_with_tail(23, tail(23)), tmp_path)
    assert teaser(23) not in cleaned and not set(other_stories(23)) & set(cleaned)
    for paragraph in article(23):
        assert paragraph in cleaned


def test_a_marker_whose_tail_other_rules_take_on_the_learn_pages_still_takes_a_new_pages_tail(tmp_path: Path) -> None:
    """On every learn page the marker heads a box whose changing titles a block
    rule takes, then a list too long for a block that line rules take; a new page
    has only new titles under the marker, and the marker takes them."""
    directory = [f"Browse the {town(n)} pages" for n in range(200, 250)]
    tail = lambda n: [MARKER, "Popular Now", *other_stories(n), "Most Shared", *directory]  # noqa: E731
    rule_file = learn(tmp_path, {n: page_with_tail(n, tail(n)) for n in range(1, 9)})
    assert f"^{MARKER}$" in truncate_markers(rule_file)
    cleaned = strip(rule_file, page_with_tail(23, [MARKER, *other_stories(23)]), tmp_path)
    assert not set(other_stories(23)) & set(cleaned)
    for paragraph in article(23):
        assert paragraph in cleaned


def test_a_sentence_after_the_marker_next_to_another_keeps_the_tail(tmp_path: Path) -> None:
    """Where the marker is followed by sentences next to sentences on a page (the
    article goes on after it), no truncate rule is learned on it."""
    pages = {n: page_with_tail(n, [MARKER, *other_stories(n), teaser(n)]) for n in range(1, 9)}
    pages[3] = page_with_tail(3, [MARKER, *other_stories(3), teaser(3), "", teaser(103)])
    rule_file = learn(tmp_path, pages)
    assert f"^{MARKER}$" not in truncate_markers(rule_file)


FEATURED = "Ferry Strike Leaves Harbour Town Stranded"


def story_page(n: int, headline: str) -> str:
    """The page of the story a teaser is about: its title is the page's headline."""
    return page_with_tail(n, [MARKER, *other_stories(n)]).replace(
        f"{_PLACES[n % 10]} {_SUBJECTS[n % 10].title()} Makes Headlines Again", headline
    )


def test_a_teaser_title_over_its_blurb_is_no_marker_and_its_story_keeps_its_article(tmp_path: Path) -> None:
    """The week's featured story stands after the article on every learn page, its
    title over a blurb; on that story's own page the title is the headline."""
    tail = lambda n: [FEATURED, teaser(n), "", MARKER, *other_stories(n)]  # noqa: E731
    rule_file = learn(tmp_path, {n: page_with_tail(n, tail(n)) for n in range(1, 9)})
    assert f"^{FEATURED}$" not in truncate_markers(rule_file)
    cleaned = strip(rule_file, story_page(23, FEATURED), tmp_path)
    for paragraph in article(23):
        assert paragraph in cleaned


def test_a_teaser_title_under_a_label_is_no_marker_and_its_story_keeps_its_article(tmp_path: Path) -> None:
    """The label ends the article on every learn page; the featured title under it
    (over a date line, not a blurb; a rule that runs before the label's, in the
    file's order) is credited with no page, so it is no marker."""
    featured = "Airport " + FEATURED
    tail = lambda n: [MARKER, featured, "12 Oct 05 | World", *other_stories(n)]  # noqa: E731
    # Links under the footer too, which no block reaches: the title's rule takes them.
    pages = {n: page_with_tail(n, tail(n)) + "\n".join(other_stories(n + 50)) + "\n" for n in range(1, 9)}
    rule_file = learn(tmp_path, pages)
    assert truncate_markers(rule_file) == [f"^{MARKER}$"]
    cleaned = strip(rule_file, story_page(23, featured), tmp_path)
    for paragraph in article(23):
        assert paragraph in cleaned


def test_a_long_title_after_the_article_on_a_few_pages_is_no_truncate_marker(tmp_path: Path) -> None:
    """A title of more than a label's few words, after the article on 3 pages of
    16 (a teaser of one week), is not learned as a marker: on the page of its
    story it is the headline, and a truncate rule there would take the article."""
    featured = "Airport " + FEATURED

    def own_page(n: int, tail: list[str]) -> str:
        """A page whose headline, paragraphs and links no other of the 16 has."""
        links = [f"Stories from {town(100 * k + n)}" for k in range(1, 4)]
        page = page_with_tail(n, [*tail, *links]).replace("residents of the", f"residents of {town(n)} and the")
        return page.replace(f"{_PLACES[n % 10]} {_SUBJECTS[n % 10].title()} Makes", f"{town(n)} Makes")

    tail = lambda n: [featured, "12 Oct 05 | World"] if n <= 3 else []  # noqa: E731
    # Links under the footer too, which no block reaches: the title's rule takes them.
    pages = {n: own_page(n, tail(n)) + f"Stories from {town(n + 500)}\n" for n in range(1, 17)}
    rule_file = learn(tmp_path, pages)
    assert f"^{featured}$" not in truncate_markers(rule_file)


def stamped(n: int) -> list[str]:
    """Other stories, each with a date and a time after its title: "p.m." ends them."""
    return [f"* Readers in {town(100 * k + n)} found the {_SUBJECTS[(n + k) % 10]} had doubled its fees 05/{k + 10}/2013, {k}:37 p.m." for k in range(1, 5)]


def test_a_list_of_titles_ending_in_a_date_and_time_is_no_article_text_and_goes(tmp_path: Path) -> None:
    """Stamped titles one under the other end like sentences ("p.m."), but they
    are a listing: no article text, so a new page's list goes."""
    rule_file = learn(tmp_path, {n: page_with_tail(n, ["Latest News", *stamped(n)]) for n in range(1, 9)})
    cleaned = strip(rule_file, page_with_tail(23, ["Latest News", *stamped(23)]), tmp_path)
    assert not set(stamped(23)) & set(cleaned)
    for paragraph in article(23):
        assert paragraph in cleaned
