"""The native core: the same decisions as the pure-Python path, found faster.

The pure-Python path (``CLEANWIRE_NATIVE=0``) is the reference. The native one
searches each rule pattern over a whole document at once, in a translation to
the Rust engine's syntax that matches exactly the same lines or a superset of
them, which the ``regex`` module then confirms.
"""

from __future__ import annotations

import os
import subprocess
from array import array
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanwire.rules import native
from cleanwire.rules.translate import translate

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

needs_native = pytest.mark.skipif(not native.enabled(), reason="the native core is not built (or CLEANWIRE_NATIVE=0)")


def native_lines(source: str, ignore_case: bool, lines: list[str]) -> tuple[list[int] | None, bool]:
    """The lines the native core finds ``source`` in, and whether it translated it exactly."""
    searcher = native.NativeLines([(source, ignore_case)])
    translation = searcher.translation((source, ignore_case))
    return searcher.lines((source, ignore_case), "\n".join(lines)), bool(translation and translation.exact)


def regex_lines(source: str, ignore_case: bool, lines: list[str]) -> list[int]:
    pattern = regex.compile(source, regex.IGNORECASE if ignore_case else 0)
    return [i for i, line in enumerate(lines) if pattern.search(line) is not None]


# Pieces of patterns, one of each construct rule files use: literals of several
# scripts, classes, escapes, properties, anchors, groups of every kind,
# lookaround, backreferences, atomic groups, possessive and lazy quantifiers.
_ATOMS = st.sampled_from(
    [
        "a", "B", "é", "ß", "ü", "Ж", "я", "ı", "İ", "K", "σ", "ς", " ", "-", "'", "’", ".", "\\.", "\\d", "\\D",
        "\\w", "\\W", "\\s", "\\S", "\\b", "\\B", "[a-z]", "[^a-z]", "[\\w.-]", "[^.!?]", "[»›>]", "[&~]",
        "[]a]", "\\p{Lu}", "\\p{L}", "\\P{L}", "\\p{Cyrillic}", "\\p{Script=Latin}", "\\p{N}", "^", "$", "\\A",
        "\\Z", "\\x41", "\\u00e9", "(?i:x)", "(?-i:\\p{Lu})", "\\|", "\\(", "©",
    ]
)


def _patterns() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, min_size=1, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map("|".join).map(lambda s: f"(?:{s})"),
            inner.map(lambda s: f"({s})"),
            inner.map(lambda s: f"(?P<g>{s})(?P=g)"),
            inner.map(lambda s: f"({s})\\1"),
            inner.map(lambda s: f"(?={s})"),
            inner.map(lambda s: f"(?!{s})"),
            inner.map(lambda s: f"(?<={s})"),
            inner.map(lambda s: f"(?<!{s})"),
            inner.map(lambda s: f"(?>{s})"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "*?", "+?", "{0,3}", "{,2}", "{2}", "*+", "++", "?+"])).map(
                lambda t: f"(?:{t[0]}){t[1]}"
            ),
        )

    return st.recursive(_ATOMS, extend, max_leaves=8)


_TEXT = st.text(alphabet=st.sampled_from(list("aAbBeé ßSSsüÜЖжЯяıIİiKkσΣς.-'’|()©»1 9_\t")), max_size=24)


@needs_native
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=_patterns(), ignore_case=st.booleans(), lines=st.lists(_TEXT, min_size=1, max_size=6))
def test_native_candidates_hold_every_line_the_regex_module_matches(source: str, ignore_case: bool, lines: list[str]) -> None:
    try:
        expected = regex_lines(source, ignore_case, lines)
    except regex.error:
        return  # the loader refuses it
    found, exact = native_lines(source, ignore_case, lines)
    if found is None:
        return  # kept on the pure-Python path
    assert set(found) >= set(expected), f"native {found} misses some of {expected}"
    if exact:
        assert found == expected
    # The decision: the candidates confirmed by the regex module are the matches.
    assert [i for i in found if i in set(expected)] == expected


def scanned_lines(sources: list[str], ignore_case: bool, lines: list[str], compile_after_lines: int) -> list[list[int] | None]:
    """The lines the one pass over a document for every pattern gives each of
    ``sources``: its literals' lines (in the case-folded text where it ignores
    case), narrowed by the pattern where it is compiled (see ``compile_after_lines``)."""
    from cleanwire.rules.literals import fold_case, natively_findable, required_literals

    keys = [(source, ignore_case) for source in sources]
    literals = natively_findable({key: required_literals(*key) for key in keys})
    searcher = native.NativeLines(keys, literals, compile_after_lines)
    joined = "\n".join(lines)
    found = searcher.scan(joined, lambda: fold_case(joined))
    return [found.lines(key) for key in keys]


# Texts where literals lie inside and across each other, and letters that fold
# to more than one ("ß", "İ") or to what another folds to ("K", "ſ", "ς").
_LITERAL_TEXT = st.text(alphabet=st.sampled_from(list("abcdeadvertisement ßSsſİIıiKkσΣς.-,:|/©")), max_size=30)
_LITERAL_ATOMS = st.sampled_from(
    ["advert", "advertisement", "tise", "ss", "ß", "straße", "STRASSE", "is", "İs", "ıs", "k", "K", "σς", "ſ",
     ".", ",", "-", ":", "|", "/", "©", "\\.", "[.!?]", "\\w+", "\\b", "^", "$", "(?=s)", "\\s?"]
)
_LITERAL_PATTERNS = st.recursive(
    _LITERAL_ATOMS,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map("".join),
        st.lists(inner, min_size=2, max_size=3).map("|".join).map(lambda s: f"(?:{s})"),
        inner.map(lambda s: f"(?:{s})?"),
    ),
    max_leaves=6,
)


@needs_native
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sources=st.lists(st.one_of(_LITERAL_PATTERNS, _patterns()), min_size=1, max_size=3),
    ignore_case=st.booleans(),
    lines=st.lists(st.one_of(_LITERAL_TEXT, _TEXT), min_size=1, max_size=6),
)
def test_one_pass_for_every_pattern_finds_every_line_each_matches(
    sources: list[str], ignore_case: bool, lines: list[str]
) -> None:
    """Neither the literal automaton's pass nor the compiled pattern after it
    narrows a pattern below the lines it matches."""
    try:
        expected = [regex_lines(source, ignore_case, lines) for source in sources]
    except regex.error:
        return  # the loader refuses it
    for compile_after_lines in (0, native.COMPILE_AFTER_LINES):
        found = scanned_lines(sources, ignore_case, lines, compile_after_lines)
        for source, of_source, matching in zip(sources, found, expected):
            assert of_source is None or set(of_source) >= set(matching), f"{source!r}: {of_source} misses some of {matching}"


@needs_native
def test_one_pass_finds_a_literal_inside_another_and_in_case_folded_text() -> None:
    lines = ["an advertisement here", "nothing", "STRASSE", "the Kelvin sign: K", "ADVERTISING", "ſtraſſe", "İstanbul"]
    cases = [("advert(?:isement)?", True), ("tise", False), ("strasse", True), ("sign: k", True), ("istanbul", True)]
    for source, ignore_case in cases:
        for compile_after_lines in (0, native.COMPILE_AFTER_LINES):
            found = scanned_lines([source, "advert"], ignore_case, lines, compile_after_lines)[0]
            assert found == regex_lines(source, ignore_case, lines) != []


@needs_native
def test_a_pattern_compiled_after_enough_candidate_lines_narrows_them_to_its_matches() -> None:
    from cleanwire.rules.literals import required_literals

    lines = ["a cat", "cat!", "the catalogue", "a cat."] * 3
    joined = "\n".join(lines)
    key = ("^a cat$|^cat!", False)
    holding_a_literal = [i for i, line in enumerate(lines) if any(literal in line for literal in required_literals(*key))]
    matching = regex_lines(*key, lines)
    for compile_after_lines, expected in ((5, [holding_a_literal, matching]), (1000, [holding_a_literal] * 2)):
        searcher = native.NativeLines([key], {key: required_literals(*key)}, compile_after_lines)
        found = [searcher.scan(joined, lambda: joined).lines(key) for _ in range(2)]
        assert found == expected and matching != holding_a_literal


@needs_native
def test_a_pattern_too_large_to_compile_keeps_the_lines_holding_its_literals() -> None:
    huge = "(?:" + "|".join(f"\\w{{4}}\\p{{L}}{{4}}z{n}" for n in range(400)) + ")cat"
    lines = ["a cat", "a dog", "ab cd efgh ijklz7cat"]
    assert scanned_lines([huge], False, lines, 0) == [[0, 2]]


_EVERY_CHARACTER = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and c != 0x0A]


@needs_native
@pytest.mark.parametrize("ignore_case", [False, True])
@pytest.mark.parametrize(
    "escape",
    ["\\w", "\\W", "\\d", "\\D", "\\s", "\\S", "\\p{L}", "\\p{Lu}", "\\p{Ll}", "\\P{Ll}", "\\p{N}",
     "\\p{Cyrillic}", "\\p{Latin}", "\\p{M}", "[^\\w.-]", "[\\p{L}\\p{M}]", "(?-i:\\p{Lu})", "."],
)
def test_each_class_finds_every_character_the_regex_module_does(escape: str, ignore_case: bool) -> None:
    """On every code point: the regex module knows a newer Unicode, and folds case its own way."""
    found, exact = native_lines(escape, ignore_case, _EVERY_CHARACTER)
    if found is None:
        return
    expected = regex_lines(escape, ignore_case, _EVERY_CHARACTER)
    assert set(found) >= set(expected)
    if exact:
        assert found == expected


@needs_native
def test_each_cased_letter_ignoring_case_finds_what_the_regex_module_does() -> None:
    cased = [c for c in _EVERY_CHARACTER if c.lower() != c or c.upper() != c or c.casefold() != c]
    text = "\n".join(cased)
    for letter in cased:
        source = regex.escape(letter)
        found, _ = native_lines(source, True, cased)
        expected = {text.count("\n", 0, m.start()) for m in regex.finditer(source, text, regex.IGNORECASE)}
        assert found is not None and set(found) >= expected, (letter, hex(ord(letter)))


@needs_native
def test_every_shipped_pattern_runs_natively() -> None:
    from cleanwire.rules.ruleset import RuleSet

    searcher = RuleSet.load(()).literals.native()
    assert searcher is not None
    counts = searcher.counts()
    assert counts["python"] == 0, searcher.too_large()
    assert counts["exact"] > 0


@needs_native
def test_a_pattern_too_large_for_the_native_engine_keeps_the_python_path() -> None:
    huge = "(?:" + "|".join(f"\\w{{4}}\\p{{L}}{{4}}z{n}" for n in range(400)) + ")"
    searcher = native.NativeLines([(huge, True), ("cat", False)])
    assert (huge, True) in searcher.too_large() and searcher.compiled(("cat", False))
    assert searcher.lines((huge, True), "a\nb") is None


@pytest.mark.parametrize(
    "source",
    ["a{e<=1}", "ab{e}", "ab{d}", "ab{i}", "ab{1i+1d<5}", "ab{e:[a-z]}", "(?(1)a|b)", "(?r)abc", "(?V1)[[a-z]--[aeiou]]", "\\N{BULLET}", "(?f)straße", "a\\nb"],
)
def test_what_the_native_engine_cannot_run_is_not_translated(source: str) -> None:
    assert translate(source) is None


@pytest.mark.slow
@needs_native
def test_native_and_python_paths_decide_the_same_on_the_seeds_and_the_dev_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.corpus import DEVSET
    from bench.identity import fingerprints

    if not DEVSET.is_dir():
        pytest.skip(f"no dev set at {DEVSET}")
    monkeypatch.setenv(native.ENVIRONMENT_VARIABLE, "1")
    native_rows = fingerprints()
    monkeypatch.setenv(native.ENVIRONMENT_VARIABLE, "0")
    python_rows = fingerprints()
    assert len(native_rows) >= 1985
    differ = [a["name"] for a, b in zip(native_rows, python_rows) if a != b]
    assert differ == [] and len(native_rows) == len(python_rows)


LEARNSET = ROOT.parent / "shared" / "learnset" / "pages"


@pytest.fixture(scope="module")
def cleaners() -> Iterator[tuple[Any, Any]]:
    """A cleaner on the native path and one on the pure-Python path, in this process."""
    from cleanwire import Cleaner

    made = []
    with pytest.MonkeyPatch.context() as patch:
        for setting in ("1", "0"):
            patch.setenv(native.ENVIRONMENT_VARIABLE, setting)
            cleaner = Cleaner()
            cleaner.rules.literals.native()  # the path is chosen here, once
            made.append(cleaner)
    assert made[0].rules.literals.native() is not None and made[1].rules.literals.native() is None
    yield made[0], made[1]


def _decided(cleaner: Any, data: bytes) -> tuple[Any, ...]:
    result = cleaner.clean_bytes(data)
    decisions = [(d.rule_id, d.line_start, d.line_end, d.start, d.end, d.inline) for d in result.decisions]
    return result.detection.outlet, result.refused, decisions, result.text


@pytest.mark.slow
@needs_native
def test_native_and_python_paths_decide_the_same_on_the_learnset(cleaners: tuple[Any, Any]) -> None:
    pages = sorted(LEARNSET.rglob("*.txt"))
    if not pages:
        pytest.skip(f"no learnset at {LEARNSET}")
    on_native, on_python = cleaners
    differ = [str(p) for p in pages if _decided(on_native, p.read_bytes()) != _decided(on_python, p.read_bytes())]
    assert differ == []


# Lines of what pages hold: junk the rules know, in its wrapped forms, article
# text, and letters the two engines fold or class differently.
_LINES = st.sampled_from(
    [
        "All rights reserved.", "© 2024 Example Media. All rights reserved.", "Share this article", "| Share |",
        "* Subscribe now", "Related articles", "Read more »", "Tags: politics, europe", "Photo: Reuters",
        "(Photo by Jane Doe/Getty Images)", "Sign up for our newsletter", "Advertisement", "- Advertisement -",
        "By John Smith", "Von Anna Müller", "Follow us on Twitter", "Cookie-Einstellungen", "ALLE RECHTE VORBEHALTEN",
        "The council met on Monday to discuss the budget for next year, and said it was late.",
        "Der Stadtrat traf sich am Montag, um über den Haushalt zu sprechen.", "Москва — это столица России.",
        "Mixed Москваtown text", "İstanbul ıs here.", "STRASSE und Straße", "KELVIN K sign", "", "", "news / world / europe",
    ]
)


@needs_native
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINES, min_size=1, max_size=30))
def test_native_and_python_paths_decide_the_same_on_generated_pages(cleaners: tuple[Any, Any], lines: list[str]) -> None:
    on_native, on_python = cleaners
    data = ("\n".join(lines) + "\n").encode("utf-8")
    assert _decided(on_native, data) == _decided(on_python, data)


@needs_native
@pytest.mark.parametrize("text", ["Body \ud800 text.\nAll rights reserved.\n", "\udc80 \u0421\u0430\u0439\u0442\n| Share |\n"])
def test_a_text_with_a_lone_surrogate_keeps_the_python_path_and_decides_the_same(
    cleaners: tuple[Any, Any], text: str
) -> None:
    """A JSON Lines record may hold a lone surrogate, which has no UTF-8 form the core could take."""
    on_native, on_python = cleaners
    assert on_native.clean(text).text == on_python.clean(text).text
    assert [d.rule_id for d in on_native.clean(text).decisions] == [d.rule_id for d in on_python.clean(text).decisions]


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(SRC), **env}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=False)


_WHICH_PATH = (
    "from cleanwire.rules.ruleset import RuleSet; from cleanwire import Cleaner;"
    "rules = RuleSet.load(()); print(Cleaner(rules).clean('The body of the article, long enough to stay.\\n\\nAll rights reserved.\\n').text, end='');"
    "print('native' if rules.literals.native() else 'python')"
)


@needs_native
def test_cleanwire_native_0_selects_the_python_path() -> None:
    on, off = _run(_WHICH_PATH), _run(_WHICH_PATH, CLEANWIRE_NATIVE="0")
    assert on.stdout == "The body of the article, long enough to stay.\nnative\n", on.stderr
    assert off.stdout == "The body of the article, long enough to stay.\npython\n", off.stderr


def test_without_the_built_core_the_python_path_runs_with_no_error() -> None:
    hide = "import sys; sys.modules['cleanwire._native'] = None;"
    result = _run(hide + _WHICH_PATH)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == "The body of the article, long enough to stay.\npython\n"


# The line classifier's per-line features (pipeline/classify.py): the native core
# counts each line's words and stop words and tells a menu bar, exactly as the
# pure-Python path, or leaves the line to it.


def _differing_features(texts: list[str], lists: tuple[frozenset[str], ...]) -> list[tuple[str, Any, Any]]:
    """The lines whose features the native core found otherwise than Python, where it found them."""
    from cleanwire.pipeline.classify import is_link_like, word_counts, words

    differ = []
    for text, (counts, link_like) in zip(texts, native.LineFeatures(lists).of_lines(texts), strict=True):
        expected = (word_counts(words(text), lists), is_link_like(text))
        if (counts is not None and counts != expected[0]) or (link_like is not None and link_like != expected[1]):
            differ.append((text, (counts, link_like), expected))
    return differ


# Stop words with what lowercasing or apostrophes change: "İ" lowercases to two
# characters, "’" counts as "'", "ß" stays, the Kelvin sign lowercases to "k".
_STOP_LISTS = (frozenset({"the", "a", "it's", "i̇s", "is", "ok", "ß", "straße", "и", "в", "ο", "και"}), frozenset({"die", "und", "l'", "ok"}))
_FEATURE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("aAeiIkKoOsStTh ’'-|/\\>:·•»›@.w\t\u00a0\u00ad\u1680\u2009\u202f\u001c\u001f\u0307İıßẞΣσςКкИиΟοκαι©1_")),
        st.characters(exclude_categories=("Cs",), exclude_characters="\n"),
    ),
    max_size=40,
)
# Lines of words, and of the pieces menus and addresses are made of.
_FEATURE_TOKENS = st.sampled_from(
    ["the", "The", "THE", "it’s", "It's", "l’", "İs", "IS", "ıs", "ß", "STRASSE", "Straße", "K", "ok", "OK", "die",
     "Und", "ΟΔΟΣ", "Οδός", "και", "И", "в", "Ὀδυσσεύς", "а\u0301", "co\u00adop", "x2", "_", " ", "  ", " | ", "|", " / ",
     " > ", " » ", " › ", " · ", " • ", "::", " :: ", "\u00a0|\u00a0", "\u2009/\u2009", "\u001c", "\t", "www.", "a@b",
     ".com", ".de", "://", "-", "—", ".", ",", "!", "中文", "😀"]
)
_FEATURE_TEXT = st.one_of(_FEATURE_TEXT, st.lists(_FEATURE_TOKENS, max_size=14).map("".join))
# As a file holds it: no control characters, which make it binary.
_PAGE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("aAeiIkKoOsStTh ’'-|/\\>:·•»›@.w\u00a0\u00ad\u2009\u0307İıßẞΣσςКкИиΟοκαι©1_")),
        st.characters(exclude_categories=("Cs", "Cc")),
    ),
    max_size=40,
)


@needs_native
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.one_of(_FEATURE_TEXT, _LINES), min_size=1, max_size=8))
def test_native_line_features_are_those_of_the_python_path_on_arbitrary_text(texts: list[str]) -> None:
    assert _differing_features(texts, _STOP_LISTS) == []


def _shapes(c: str) -> list[str]:
    """Lines where ``c`` is a word's letter, its end, an apostrophe's neighbour, the
    space around a menu's separator, and an item of a menu bar."""
    return [
        c, f"a{c}b", f"{c}{c}", f"{c}The", f"it{c}s a", f"A{c}B the", f"x {c}| y |{c}z | w", f"a{c}|{c}b{c}/{c}c",
        f"a {c}›{c} b {c}::{c} c", f"one two{c}three four | b | c", f"Home {c} News | Sport | x{c}y",
    ]


@needs_native
def test_native_line_features_are_those_of_the_python_path_for_every_code_point() -> None:
    """Both sides class and lowercase characters by their own Unicode versions:
    where they would differ, the core must leave the line to Python."""
    # A line holding a character the core leaves to Python on its own is left to
    # Python whatever else it holds: only the others need their lines checked.
    alone = native.LineFeatures(_STOP_LISTS).of_lines(_EVERY_CHARACTER)
    taken = [c for c, (counts, _) in zip(_EVERY_CHARACTER, alone, strict=True) if counts is not None]
    assert len(taken) > 4000  # Latin, Greek, Cyrillic, punctuation...
    texts = [shape for c in taken for shape in _shapes(c)]
    differ = _differing_features(texts, _STOP_LISTS)
    assert differ == [], f"{len(differ)} lines differ, such as {ascii(differ[:5])}"


@needs_native
def test_native_line_features_leave_a_line_that_may_hold_an_address_to_python() -> None:
    texts = ["Home | News | Sport", "see www.example.org | a | b", "ΟΔΟΣ ΣΤΑΔΙΟΥ", "今日のニュース"]
    found = list(native.LineFeatures(_STOP_LISTS).of_lines(texts))
    assert [link_like for _, link_like in found] == [True, None, None, None]
    assert [counts is None for counts, _ in found] == [False, False, True, True]


# Whole pages: enough lines, and menu entries enough, for the classifier to judge them.
_PAGE_LINES = st.sampled_from(
    [
        "Home | News | Politics | Sport", "* World", "* Europe", "* Local news", "» Weather", "› Mehr", "Login | Register",
        "news / world / europe", "Startseite > Politik > Ausland", "www.example.org", "Kontakt: info@example.de",
        "Most read", "What happens next", "Κύρια | Ειδήσεις | Αθλητισμός", "ΕΙΔΗΣΕΙΣ ΣΗΜΕΡΑ", "Главная | Новости | Спорт",
        "200 g Zucker", "1 Prise Salz", "3 Eier", "4 EL Öl", "[1] A source, 2020.", "It was cited [1] in the text.",
        "The council said on Monday that it would not raise the tax this year, because the budget had been balanced.",
        "Der Stadtrat sagte am Montag, dass er die Steuer in diesem Jahr nicht erhöhen werde, weil der Haushalt stimmt.",
        "Η κυβέρνηση είπε τη Δευτέρα ότι δεν θα αυξήσει τον φόρο φέτος, επειδή ο προϋπολογισμός ήταν ισορροπημένος.",
        "Совет заявил в понедельник, что не будет повышать налог в этом году, потому что бюджет был сбалансирован.",
        "Preheat the oven.", "x = compute(a, b)", "return x;", "import os", "it’s the end.", "Straße und ẞ und İstanbul",
        "| Name | Value |", "| a | 1 |",
    ]
)


@needs_native
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(_PAGE_LINES, _PAGE_TEXT), min_size=20, max_size=70))
def test_native_and_python_paths_classify_generated_whole_pages_the_same(
    cleaners: tuple[Any, Any], lines: list[str]
) -> None:
    on_native, on_python = cleaners
    data = ("\n".join(lines) + "\n").encode("utf-8")
    assert _decided(on_native, data) == _decided(on_python, data)


# Normalization's layout (pipeline/normalize.py): the native core lays out a text
# NFC leaves as it is exactly as the pure-Python path does, with the same counts.

_LAYOUT_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            [" ", "  ", "   ", "\t", "\n", "\n\n", "\n\n\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85",
             "\u2028", "\u2029", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2009", "\u200a", "\u200b", "\u202f", "\u205f",
             "\u3000", "word", "Ünïcödé", ".", "!", "?", ":", ";", "…", '"', "'", "”", "’", ")", "|", "e\u0301", "\ufeff"]
        ),
        st.text(max_size=6),
    ),
    max_size=40,
).map("".join)


# Lines of words one or two spaces apart, after marks that end a sentence or not:
# prose, and columns, as safe mode tells them apart.
_LAYOUT_LINE = st.tuples(
    st.sampled_from(["", " ", "  ", "\t"]),
    st.lists(
        st.tuples(st.sampled_from(["a", "word", "end.", "(x)", "q?", "said:", "“quoted”", "it’", "…", "1", "\u00a0"]),
                  st.sampled_from([" ", " ", "  ", "  ", "  ", "   ", "\t"])),
        max_size=6,
    ),
).map(lambda line: line[0] + "".join(word + space for word, space in line[1]))
_LAYOUT_TEXT = st.one_of(
    _LAYOUT_TEXT, st.lists(st.tuples(_LAYOUT_LINE, st.sampled_from(["\n", "\n\n", "\r\n", "\n\n\n\n"]))).map(
        lambda lines: "".join(line + end for line, end in lines)
    )
)


def _normalized(text: str, mode: str, on_native: bool) -> tuple[str, dict[str, int | bool]]:
    from cleanwire.pipeline.normalize import normalize

    normalized, stats = normalize(text, mode=mode, on_native=on_native)  # type: ignore[arg-type]
    return normalized, stats.counts()


@needs_native
@pytest.mark.parametrize("mode", ["safe", "full", "none"])
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_LAYOUT_TEXT)
def test_native_normalization_is_the_python_paths_text_and_counts(text: str, mode: str) -> None:
    assert _normalized(text, mode, True) == _normalized(text, mode, False)


@needs_native
@pytest.mark.parametrize("mode", ["safe", "full", "none"])
def test_native_normalization_is_the_python_paths_on_the_seeds(mode: str) -> None:
    from cleanwire.pipeline.decode import decode

    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = decode(seed.read_bytes()).text
        messy = text.replace("\n", "\r\n").replace(" ", "\u00a0 ", 7).replace(". ", ".  ")
        for variant in (text, messy, "\n\n" + messy + "  \n\n\n"):
            assert _normalized(variant, mode, True) == _normalized(variant, mode, False), seed.name


@needs_native
@pytest.mark.parametrize("mode", ["safe", "full", "none"])
def test_native_normalization_is_the_python_paths_around_each_mark_break_and_space(mode: str) -> None:
    """Each character normalization treats apart, where it decides: after a word, a
    sentence's end or a quote, two spaces are prose or columns."""
    from cleanwire.pipeline.layout import SPACE_CHARS
    from cleanwire.pipeline.normalize import _LINE_BREAK_CHARS

    for c in ".!?:;…\"'”’)(x,»" + SPACE_CHARS + _LINE_BREAK_CHARS + "\u200b\ufeff":
        for text in (f"a{c}  b  c d\n", f"a{c}  b c  d{c}\n", f" {c} \n\n{c}\n\n\n", f"{c}a  b{c}   c\r\n{c}"):
            assert _normalized(text, mode, True) == _normalized(text, mode, False), ascii(text)


# Dedupe (pipeline/dedupe.py): the native core finds the same verbatim and nearby
# repeats as the pure-Python path.

_REPEAT_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            ["Top stories", "Read more", "A line of text.", "Said he:", "“Quoted.”", "Why?)", "End…»", "one two three",
             "one  two\u00a0three", "one\u2009two\x1cthree four", "a b c d e f g h i j k l m n o p q r s t u",
             "a b c d e f g h i j k l m n o p q r s t", "Überschrift hier", "ΟΔΟΣ", "x"]
        ),
        st.text(alphabet=st.sampled_from(list("ab .:;!?…\"'”’»)] \t\u00a0\u2009\x1c")), min_size=1, max_size=8),
    ),
    max_size=25,
)


@needs_native
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_REPEAT_LINES, min_words=st.integers(min_value=0, max_value=4), mode=st.sampled_from(["verbatim", "nearby"]))
def test_native_dedupe_finds_the_repeats_the_python_path_finds(lines: list[str], min_words: int, mode: str) -> None:
    from cleanwire.pipeline.dedupe import find_nearby_repeats, find_verbatim_repeats

    python_find = find_verbatim_repeats if mode == "verbatim" else find_nearby_repeats
    expected = python_find(lines, min_words)
    assert native.repeated_lines(lines, mode, min_words) == expected
    # The lines as the engine hands them over: some of a document's, by position.
    document = [other for line in lines for other in ("", line, "Claimed by a rule")]
    positions = array("I", range(1, len(document), 3))
    assert native.repeated_lines(lines, mode, min_words, ("\n".join(document), positions)) == expected


@needs_native
def test_native_dedupe_leaves_a_line_with_a_lone_surrogate_to_python() -> None:
    assert native.repeated_lines(["a \ud800 b", "a \ud800 b"], "verbatim", 1) is None
