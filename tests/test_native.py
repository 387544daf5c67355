"""The native core: the same decisions as the pure-Python path, found faster.

The pure-Python path (``CLEANWIRE_NATIVE=0``) is the reference. The native one
searches each rule pattern over a whole document at once, in a translation to
the Rust engine's syntax that matches exactly the same lines or a superset of
them, which the ``regex`` module then confirms.
"""

from __future__ import annotations

import os
import subprocess
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
