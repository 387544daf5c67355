"""The statistical line classifier: line classes, the page gate, the rule kind in
YAML, and the promise that repeating the rules cannot erode the article."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanwire import Cleaner
from cleanwire.pipeline.classify import (
    _BEYOND_LATIN,
    _LATIN_LETTERS,
    _MENU_MARKS,
    _MENU_SEPARATOR,
    _UNSPACED_SCRIPT,
    _UNSPACED_SCRIPT_BLOCKS,
    _URL,
    _WORD,
    LineClass,
    density,
    ends_like_sentence,
    has_unspaced_script,
    is_link_like,
    is_menu_entry,
    line_class,
    lines_to_drop,
    may_hold_menu_separator,
    may_hold_url,
    word_counts,
    words,
)
from cleanwire.rules.loader import RuleFileError, load_rule_file
from cleanwire.rules.model import ClassifyMatch
from cleanwire.rules.ruleset import RuleSet
from cleanwire.rules.stopwords import stopword_list

from .test_properties import assert_deletion_only

UNGATED = """\
format: 1
rules:
  - id: demo.chrome
    category: navigation
    max_chars: 200
    classify:
      languages: [en, de]
"""


def load(tmp_path: Path, body: str = UNGATED) -> ClassifyMatch:
    path = tmp_path / "demo.yaml"
    path.write_text(body, encoding="utf-8")
    match = load_rule_file(path).rules[0].match
    assert isinstance(match, ClassifyMatch)
    return match


PARAGRAPH_EN = (
    "The council said on Monday that it would not raise the tax this year, because the "
    "budget had been balanced by the sale of two of the old buildings in the centre."
)
PARAGRAPH_DE = (
    "Der Rat hat am Montag beschlossen, die Steuer in diesem Jahr nicht zu erhöhen, weil der "
    "Haushalt durch den Verkauf von zwei alten Gebäuden in der Innenstadt ausgeglichen ist."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PARAGRAPH_EN, LineClass.GOOD),
        (PARAGRAPH_DE, LineClass.GOOD),
        ("Home | News | Sport | Culture | Weather", LineClass.BAD),
        ("Startseite » Politik » Inland", LineClass.BAD),
        ("https://www.example.org/news/2020/some-article-slug", LineClass.BAD),
        ("Impressum", LineClass.SHORT),
        ("* Liste aller Seiten", LineClass.SHORT),
        ("Preheat the oven to 180 degrees.", LineClass.NEAR_GOOD),
        ("Benutzerkonto erstellen Anmelden Versionsgeschichte Quelltext anzeigen", LineClass.BAD),
        ("北京时间昨天晚上，中国队在比赛中以三比一战胜了对手", LineClass.NEAR_GOOD),
    ],
)
def test_line_class(tmp_path: Path, text: str, expected: LineClass) -> None:
    assert line_class(text, load(tmp_path)) is expected


def test_a_table_row_is_not_a_menu_bar() -> None:
    assert not is_link_like("| 65 g | Margarine oder Butter | Zucker | Mehl |")
    assert is_link_like("Home | News | Sport | Culture")


# Text close to addresses: pieces of schemes and domains, dots, slashes, at-signs.
_URL_PIECES = ["http", "https", "s", ":", "//", "/", "www", "w", ".", "@", "+", "-", "_", " ", "x", "é", "1", "Info"]
_URL_PIECES += ["com", "org", "net", "de", "at", "ch", "fr", "uk", "eu", "info", "io", "co", "in"]
_URLISH = st.lists(st.sampled_from(_URL_PIECES), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.from_regex(_URL.pattern), _URLISH, st.text(max_size=40)))
def test_the_url_pre_check_never_misses_a_url(text: str) -> None:
    if not may_hold_url(text):
        assert _URL.search(text) is None


@pytest.mark.parametrize(
    "text", ["see https://x.y/z", "www.example", "mail me: a@b.c", "example.info", "wetter.de/berlin", "cnn.com"]
)
def test_the_url_pre_check_lets_addresses_through(text: str) -> None:
    assert may_hold_url(text) and _URL.search(text)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.from_regex(_MENU_SEPARATOR.pattern), st.text(max_size=40)))
def test_the_menu_separator_pre_check_never_misses_a_separator(text: str) -> None:
    if not may_hold_menu_separator(text):
        assert _MENU_SEPARATOR.search(text) is None


_MENUISH = st.lists(st.sampled_from(list("|·•»›>/\\:") + ["::", "a", " ", "é", "<"]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(_MENUISH, st.text(max_size=40)))
def test_the_menu_separator_pre_check_looks_for_the_menu_marks(text: str) -> None:
    assert may_hold_menu_separator(text) is (regex.search(_MENU_MARKS, text) is not None)


_EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_every_letter_of_an_unspaced_script_lies_in_the_blocks_named() -> None:
    letters = "".join(_UNSPACED_SCRIPT.findall(_EVERY_CHARACTER))
    assert letters and _UNSPACED_SCRIPT_BLOCKS.sub("", letters) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [("plain ASCII", False), ("Größe ändern", False), ("ภาษาไทย", True), ("Tokyo 東京", True), ("", False)],
)
def test_unspaced_script(text: str, expected: bool) -> None:
    assert has_unspaced_script(text) is expected


def test_lowercasing_keeps_letters_and_marks_apart_from_the_rest() -> None:
    letter_or_mark = regex.compile(r"[\p{L}\p{M}]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        if lowered != char:
            is_word_char = letter_or_mark.fullmatch(char) is not None
            assert all((letter_or_mark.fullmatch(c) is not None) is is_word_char for c in lowered), hex(code)
            assert not set(lowered) & {"'", "’"}, hex(code)


_SENTENCE_END = regex.compile(r"[.!?:;…。！？][\"'”’“»«)\]」』]*$")
_LINE_ENDS = st.lists(st.sampled_from(list(".!?:;…。！？\"'”’“»«)]」』") + ["a", " ", "(", "[", "\n"]), max_size=6).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(_LINE_ENDS, st.tuples(st.text(max_size=20), _LINE_ENDS).map("".join)))
def test_a_line_ends_like_a_sentence_where_the_pattern_says_so(text: str) -> None:
    assert ends_like_sentence(text) is (_SENTENCE_END.search(text) is not None)


def test_the_latin_letters_are_the_letters_and_marks_where_they_stand_in() -> None:
    latin = _BEYOND_LATIN.sub("", _EVERY_CHARACTER)
    assert re.findall(f"[{_LATIN_LETTERS}]", latin) == regex.findall(r"[\p{L}\p{M}]", latin)


def _words_one_by_one(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text.replace("\u00ad", ""))]


_WORDISH = st.lists(
    st.sampled_from(
        ["Straße", "ΟΔΟΣ", "Σ", "σ", "İstanbul", "DON'T", "l’Été", "'", "’", "\u00ad", " ", ".", "A", "ǅ", "é", "ˆ", "–", "\u0301", "ж"]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(_WORDISH, st.text(max_size=40), st.text(alphabet=st.characters(max_codepoint=127), max_size=40)))
def test_words_are_the_lowercased_words_found_one_by_one(text: str) -> None:
    assert words(text) == _words_one_by_one(text)


_LISTS = (stopword_list("en"), stopword_list("de"), stopword_list("fr"))


@settings(max_examples=200, deadline=None)
@given(tokens=st.lists(st.sampled_from(["the", "die", "la", "de", "en", "un", "in", "dog", "Hund", ""]), max_size=12))
def test_stopword_density_is_the_share_in_the_best_language(tokens: list[str]) -> None:
    shares = [sum(token in stops for token in tokens) / len(tokens) for stops in _LISTS] if tokens else [0.0]
    assert density(word_counts(tuple(tokens), _LISTS)) == max(shares)


def test_menus_around_an_article_go_and_the_article_stays(tmp_path: Path) -> None:
    match = load(tmp_path)
    page = [
        "Home | News | Sport | Culture | Weather",
        "Login",
        "Search",
        PARAGRAPH_EN,
        "What the council decided",
        PARAGRAPH_EN.replace("Monday", "Tuesday"),
        "Contact | Imprint | Privacy | Terms",
        "Follow us",
        "Newsletter",
    ]
    dropped = set(lines_to_drop(page, match))
    assert dropped == {0, 1, 2, 6, 7, 8}  # the heading between two paragraphs stays


def test_short_line_between_good_and_bad_follows_mixed(tmp_path: Path) -> None:
    page = [PARAGRAPH_EN, "A short heading", "Home | News | Sport | Culture | Weather"]
    assert 1 in lines_to_drop(page, load(tmp_path))
    keeping = load(tmp_path, UNGATED + "      mixed: keep\n")
    assert 1 not in lines_to_drop(page, keeping)


def test_a_short_line_with_a_near_good_line_towards_the_bad_side_stays(tmp_path: Path) -> None:
    match = load(tmp_path)
    bar, near_good = "Home | News | Sport | Culture | Weather", "Preheat the oven to 180 degrees."
    assert lines_to_drop([PARAGRAPH_EN, "Short label", "Another label", near_good, bar], match) == [4]
    assert lines_to_drop([PARAGRAPH_EN, near_good, "Short label", bar], match) == [2, 3]
    # The start of the text counts as bad (``edges: bad``); a near-good line before it all the same.
    assert lines_to_drop([near_good, "Short label", PARAGRAPH_EN], match) == []
    assert lines_to_drop(["Short label", PARAGRAPH_EN], match) == [0]


def test_gate_leaves_article_text_alone(tmp_path: Path) -> None:
    gated = load(tmp_path, UNGATED + "      min_lines: 30\n      min_menu_lines: 3\n      min_page_share: 0.7\n")
    article = [PARAGRAPH_EN, "Ingredients", "* 200 g sugar", "* 2 eggs", PARAGRAPH_DE]
    assert lines_to_drop(article, gated) == []
    page = ["Home | News | Sport | Culture | Weather"] * 10 + ["Menu item"] * 25 + [PARAGRAPH_EN]
    assert len(lines_to_drop(page, gated)) == 35


def test_menu_evidence_is_links_and_short_bullets_not_numbered_lists(tmp_path: Path) -> None:
    match = load(tmp_path)
    assert is_menu_entry("* Local news", match)
    assert is_menu_entry("Home | News | Sport", match)
    assert not is_menu_entry("1. Mix well", match)
    assert not is_menu_entry("* 200 g sugar", match)
    assert not is_menu_entry("* Mix the flour and the sugar.", match)


def test_an_enumeration_with_few_stop_words_is_not_bad_on_its_own(tmp_path: Path) -> None:
    match = load(tmp_path)
    assert line_class("Verlag Dr. Otto Schmidt, 5. neu bearbeitete Auflage, 2014, 896 Seiten", match) is LineClass.SHORT
    assert line_class("Benutzerkonto erstellen Anmelden Versionsgeschichte Quelltext anzeigen", match) is LineClass.BAD


def test_a_sentence_between_bad_lines_stays(tmp_path: Path) -> None:
    bar = "Home | News | Sport | Culture | Weather"
    page = [PARAGRAPH_DE, bar, "Sie backte den Kuchen am Sonntag für die ganze Familie.", bar, "Mehr aus der Region", bar]
    assert lines_to_drop(page, load(tmp_path)) == [1, 3, 4, 5]


def test_a_page_with_no_line_of_article_text_is_left_alone(tmp_path: Path) -> None:
    # Steps of a dance, a list of long items: with no good line there is no article
    # to tell the page chrome from, so the classifier keeps everything.
    bar = "Home | News | Sport | Culture | Weather"
    steps = [f"- der Herr führt die Dame nach rechts und dreht sie {n} Mal unter dem Arm" for n in range(6)]
    assert lines_to_drop([bar, *steps, bar], load(tmp_path)) == []


DENSE = "      min_lines: 30\n      min_menu_lines: 20\n      min_page_share: 0.6\n"


def test_a_shorter_page_denser_in_chrome_counts_as_a_page(tmp_path: Path) -> None:
    menu = [f"* Section {name}" for name in ("News", "Sport", "Culture", "Weather", "Travel", "Money", "Cars", "Jobs")]
    page = [*menu, PARAGRAPH_EN, PARAGRAPH_DE, *["Short label"] * 12]
    assert lines_to_drop(page, load(tmp_path, UNGATED + DENSE)) == []  # 22 lines, 8 menu entries: too small
    dense = load(tmp_path, UNGATED + DENSE + "      dense_page: {min_lines: 20, min_menu_lines: 8, min_page_share: 0.65}\n")
    assert set(lines_to_drop(page, dense)) == set(range(len(page))) - {8, 9}


def test_dense_page_must_be_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(UNGATED + "      dense_page: 20\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    assert "dense_page" in info.value.message and info.value.line == 8


PAGE_RULES = UNGATED + "      min_lines: 30\n      min_menu_lines: 20\n      min_page_share: 0.6\n"


def test_a_whole_page_may_lose_more_than_an_article(tmp_path: Path) -> None:
    names = ["News", "Sport", "Culture", "Weather", "Travel", "Money", "Cars", "Jobs", "Homes", "Food"]
    menu = [f"* {a} and {b}" for a in names for b in names[:4]]
    text = "\n".join(menu) + "\n" + PARAGRAPH_EN + "\n"
    footer_rule = "  - id: demo.footer\n    category: copyright\n    line: '^All rights reserved\\.$'\n"

    def cleaner(extra: str) -> Cleaner:
        folder = tmp_path / str(len(extra))
        folder.mkdir()
        (folder / "demo.yaml").write_text(PAGE_RULES + extra + footer_rule, encoding="utf-8")
        return Cleaner(RuleSet.from_directories([folder]), outlet="none")

    strict, lenient = cleaner(""), cleaner("      page_max_removal: 0.9\n")
    refused = strict.clean(text)
    assert refused.refused and refused.text == text  # 40 menu lines of 41: over the 60% limit
    cleaned = lenient.clean(text)
    assert not cleaned.refused and cleaned.text == PARAGRAPH_EN + "\n"
    # The page limit is the classifier's: other rules taking most of an article are still refused.
    article = "All rights reserved.\n" * 5 + "Short body.\n"
    assert lenient.clean(article).refused


RUNS = "      runs: {min_lines: 4, max_stopwords: 0.15, max_punctuated: 0.2, max_digits: 0.3}\n"


def test_a_run_of_menu_lines_goes_even_next_to_text(tmp_path: Path) -> None:
    menu = ["Politik", "Wirtschaft", "Kultur und Medien", "Sport", "Wissen"]
    page = [PARAGRAPH_DE, *menu, PARAGRAPH_EN]
    assert lines_to_drop(page, load(tmp_path)) == []  # between good text, short lines stay
    assert lines_to_drop(page, load(tmp_path, UNGATED + RUNS)) == [1, 2, 3, 4, 5]


def test_a_list_with_figures_or_sentences_is_no_menu_run(tmp_path: Path) -> None:
    match = load(tmp_path, UNGATED + RUNS)
    ingredients = ["200 g Zucker", "4 Eier", "250 g Mehl", "1 Zitrone", "100 ml Milch"]
    steps = ["Den Ofen vorheizen.", "Die Butter schmelzen.", "Alles verrühren.", "Backen.", "Abkühlen lassen."]
    for items in (ingredients, steps):
        assert lines_to_drop([PARAGRAPH_DE, *items, PARAGRAPH_EN], match) == []


def test_text_in_a_language_without_a_list_is_not_called_bad(tmp_path: Path) -> None:
    # Finnish is not among the rule's languages; a punctuated sentence is judged by context.
    finnish = "Jäsenmaiden johtajien muodostaman neuvoston puheenjohtaja kertoi asiasta tiistaina lehdistölle."
    assert line_class(finnish, load(tmp_path)) is not LineClass.BAD


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("      stopwords_low: 0.5\n      stopwords_high: 0.3\n", "'stopwords_low' must not exceed"),
        ("      features: [link-like, colour]\n", "'features' must be a list of"),
        ("      edges: sideways\n", "'edges' must be bad or neutral"),
        ("      mixed: maybe\n", "'mixed' must be drop or keep"),
        ("      min_page_share: 2\n", "'min_page_share' must be a number from 0 to 1"),
        ("      wobble: 3\n", "unknown key 'wobble' in classify"),
        ("      runs: {min_lines: 1}\n", "'min_lines' must be an integer >= 2"),
        ("      runs: {max_digits: 3}\n", "'max_digits' must be a number from 0 to 1"),
        ("      runs: {colour: red}\n", "unknown key 'colour' in runs"),
        ("      runs: 5\n", "'runs' must be a mapping"),
    ],
)
def test_bad_classify_settings_name_file_line_and_rule(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(RuleFileError) as info:
        load(tmp_path, UNGATED + extra)
    assert info.value.rule_id == "demo.chrome"
    assert info.value.line >= 6
    assert message in str(info.value)
    assert str(info.value).startswith(f"{tmp_path / 'demo.yaml'}:")


def test_unknown_language_is_an_error_naming_its_line(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as info:
        load(tmp_path, UNGATED.replace("[en, de]", "[en,\n        xx]"))
    assert info.value.line == 8
    assert "no stop-word list for language 'xx'" in str(info.value)


def test_missing_languages_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="languages"):
        load(tmp_path, UNGATED.replace("      languages: [en, de]\n", "      short_chars: 30\n"))


# ---------------------------------------------------------------------------
# Properties: deletion-only, idempotent, and good lines never go, on page-like
# texts built from menus, bars, headings, list items and paragraphs.
# ---------------------------------------------------------------------------

_PARAGRAPHS = [PARAGRAPH_EN, PARAGRAPH_DE, PARAGRAPH_EN.replace("council", "committee")]
_PIECES = st.one_of(
    st.sampled_from(_PARAGRAPHS),
    st.sampled_from(["Home | News | Sport", "Impressum · Datenschutz · Kontakt", "https://example.org/a/b"]),
    st.sampled_from(["Login", "Search", "Weather", "Über uns", "Mehr", "Archiv 2019"]),
    st.sampled_from(["* Local news", "* Kultur und Medien", "+ Sport", "• Wissen"]),
    st.sampled_from(["* 200 g sugar", "- two eggs", "1. Mix well"]),
    st.sampled_from(["A heading of the article", "Preheat the oven to 180 degrees."]),
    st.sampled_from(["Benutzerkonto erstellen Anmelden Versionsgeschichte Quelltext anzeigen"]),
    st.text(max_size=30),
    st.just(""),
)
PAGES = st.lists(_PIECES, max_size=40).map("\n".join)
PROPS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _classifier_only(tmp_path_factory: pytest.TempPathFactory, extra: str = "") -> Cleaner:
    folder = tmp_path_factory.mktemp("rules")
    (folder / "generic.yaml").write_text(UNGATED + extra, encoding="utf-8")
    rules = RuleSet.load([folder], include_shipped=False)
    return Cleaner(rules, outlet="none", max_removal=None)


@pytest.fixture(scope="module", params=["", "      mixed: keep\n      edges: neutral\n", RUNS])
def classifier_cleaner(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Cleaner:
    return _classifier_only(tmp_path_factory, request.param)


@PROPS
@given(text=PAGES)
def test_classifier_is_deletion_only_idempotent_and_keeps_good_lines(classifier_cleaner: Cleaner, text: str) -> None:
    result = classifier_cleaner.clean(text)
    assert result.refused is None
    assert_deletion_only(result.normalized, result.text)
    again = classifier_cleaner.clean(result.text)
    assert again.text == result.text, "a second run removed more: the classifier erodes"
    kept = set(result.text.split("\n"))
    for paragraph in _PARAGRAPHS:
        if paragraph in text.split("\n"):
            assert paragraph in kept


@PROPS
@given(text=PAGES)
def test_shipped_generic_set_is_idempotent_on_pages(text: str) -> None:
    result = SHIPPED.clean(text)
    assert_deletion_only(result.normalized, result.text)
    assert SHIPPED.clean(result.text).text == result.text


SHIPPED = Cleaner(outlet="none", max_removal=None)


def test_an_address_alone_between_two_sentences_stays(tmp_path: Path) -> None:
    """A URL quoted between two lines of text is the article's; two addresses in a row are a link list."""
    match = load(tmp_path, UNGATED + "      keep_between_text: 4\n")
    address = "https://www.example.org/reports/2020/budget.pdf"
    assert lines_to_drop([PARAGRAPH_EN, address, PARAGRAPH_DE], match) == []
    assert lines_to_drop([PARAGRAPH_EN, address, address, PARAGRAPH_DE], match) == [1, 2]


CODE = [
    "import os",
    "from selenium import webdriver",
    "class BrowserTests(LiveServerTestCase):",
    "@classmethod",
    "def setUpClass(cls):",
    "cls.browser = webdriver.Firefox()",
    "super().setUpClass()",
    'target_host = "www.example.org"',
]


def test_code_between_two_lines_of_text_stays_however_long(tmp_path: Path) -> None:
    page = [PARAGRAPH_EN, *(CODE * 5), PARAGRAPH_DE]
    code = set(range(1, 41))
    assert code <= set(lines_to_drop(page, load(tmp_path, UNGATED + "      keep_between_text: 4\n")))
    assert lines_to_drop(page, load(tmp_path, UNGATED + "      keep_code: 80\n")) == []
    assert code <= set(lines_to_drop(page, load(tmp_path, UNGATED + "      keep_code: 39\n")))  # longer than allowed


def test_notes_the_text_cites_stay(tmp_path: Path) -> None:
    """A reference list after the article stays where the text cites its numbers; other addresses go."""
    match = load(tmp_path, UNGATED + "      keep_between_text: 4\n")
    cited = PARAGRAPH_EN.removesuffix(".") + " [1], as the report says [2]."
    notes = ["[1] https://www.example.org/budget.pdf", "[2] https://www.example.org/minutes.html"]
    other = "[3] https://www.example.org/elsewhere.html"
    assert lines_to_drop([cited, PARAGRAPH_DE, *notes, other], match) == [4]
    assert lines_to_drop([PARAGRAPH_EN, PARAGRAPH_DE, *notes], match) == [2, 3]


def test_footnotes_with_a_link_back_into_the_text_stay(tmp_path: Path) -> None:
    match = load(tmp_path, UNGATED + "      keep_between_text: 4\n")
    notes = ["1. Hahn, Erkennen und Bestimmen, Tübingen 1991, S. 147 ↩", "2. Richter, Schaber, Tübingen 2012, S. 281 ↩"]
    assert lines_to_drop([PARAGRAPH_EN, PARAGRAPH_DE, *notes], match) == []
    assert lines_to_drop([PARAGRAPH_EN, PARAGRAPH_DE, *(n.removesuffix(" ↩") for n in notes)], match) == [2, 3]


def test_a_bulleted_item_as_long_as_a_sentence_is_text_not_a_menu_entry(tmp_path: Path) -> None:
    """Story highlights above an article stay; bulleted menu entries in the same place go."""
    match = load(tmp_path)
    bar = "Facebook | Twitter | Email | Print"
    highlights = [
        "* Tow-truck driver gave the suspect a lift and said he was the worst smelling man he had met",
        "* Defense lawyer said he is unsure his client gets the severity of everything in the case",
    ]
    menu = ["* World", "* Politics"]
    assert lines_to_drop([bar, *highlights, PARAGRAPH_EN], match) == [0]
    assert lines_to_drop([bar, *menu, PARAGRAPH_EN], match) == [0, 1, 2]


def test_a_list_of_quantities_and_its_headings_stay(tmp_path: Path) -> None:
    """Ingredients under a breadcrumb stay with their title and label; a list of follower counts does not."""
    match = load(tmp_path, UNGATED + "      keep_between_text: 4\n")
    crumb = "Home » Rezepte » Gebäck"
    recipe = ["Mandelplätzchen", "Zutaten:", "300 g Mehl", "1 TL Backpulver", "200 g Zucker", "1 Prise Salz"]
    assert lines_to_drop([crumb, *recipe, PARAGRAPH_DE], match) == [0]
    counts = ["171 Tsd. Likes", "224 Tsd. Follower", "9 Tsd. Abonnenten", "40 Tsd. Abonnenten"]
    assert lines_to_drop([crumb, *counts, PARAGRAPH_DE], match) == [0, 1, 2, 3, 4]


def test_the_headline_above_a_source_line_stays(tmp_path: Path) -> None:
    """The article's headline stays past the byline under it; a menu entry in its place goes."""
    match = load(tmp_path, UNGATED + "      keep_between_text: 4\n")
    menu = ["* Politics", "* Religion"]
    headline = "Bus hits overpass in Boston, injuring passengers"
    assert lines_to_drop([*menu, headline, "Associated Press", PARAGRAPH_EN], match) == [0, 1, 3]
    assert lines_to_drop([*menu, "* Education", "Associated Press", PARAGRAPH_EN], match) == [0, 1, 2, 3]


def test_a_headline_and_summary_far_above_their_text_stay(tmp_path: Path) -> None:
    """Share buttons between a headline, its story highlights and the text do not make
    them chrome: they name what the text is about. A teaser about something else goes."""
    match = load(tmp_path, UNGATED + "      keep_between_text: 4\n")
    share = [
        "Share | Facebook | Twitter | Email",
        "Mixx Facebook Twitter Digg delicious reddit MySpace StumbleUpon",
        "Print | Reddit | WhatsApp | Copy link",
    ]
    headline = "Council keeps tax rate after selling old buildings"
    highlights = ["* Story highlights", "* Council will not raise the tax this year"]
    teaser = "Weekend football scores and league tables"
    page = [*share, teaser, *share, headline, *highlights, *share, PARAGRAPH_EN]
    dropped = [page[i] for i in lines_to_drop(page, match)]
    assert headline not in dropped
    assert not set(highlights) & set(dropped)
    assert teaser in dropped and share[0] in dropped


def test_a_list_sharing_the_texts_words_away_from_its_headline_goes(tmp_path: Path) -> None:
    """Only items right under the headline are its summary: a menu of the things the
    text is about, further up, is still a menu."""
    match = load(tmp_path, UNGATED + "      keep_between_text: 4\n")
    share = ["Share | Facebook | Twitter | Email", "Print | Reddit | WhatsApp | Copy link"]
    menu = ["+ Council tax rates for old buildings", "+ Council tax rates for new buildings"]
    headline = "Council keeps tax rate after selling old buildings"
    page = [*share, *menu, *share, headline, *share, PARAGRAPH_EN]
    dropped = [page[i] for i in lines_to_drop(page, match)]
    assert headline not in dropped
    assert set(menu) <= set(dropped)


def test_a_teaser_cut_off_mid_sentence_is_not_text_of_its_own(tmp_path: Path) -> None:
    """A teaser whose ellipsis cuts a sentence ends no sentence: between menus it goes.
    The same words as a paragraph between paragraphs stay."""
    match = load(tmp_path, UNGATED + "      keep_between_text: 4\n")
    teaser = "In the new film the actor plays a quiet handyman who repairs the old houses and listens to..."
    menus = ["Home | News | Sport | Culture", "Weather | Video | Radio | Travel"]
    assert line_class(teaser, match) is not LineClass.GOOD
    dropped = lines_to_drop([*menus, teaser, *menus, PARAGRAPH_EN, PARAGRAPH_EN], match)
    assert 2 in dropped
    assert lines_to_drop([PARAGRAPH_EN, teaser, PARAGRAPH_EN, *menus], match) == [3, 4]
