"""A statistical line classifier in the spirit of jusText, for page chrome in whole-page text.

Each line is first classed on its own shape (``line_class``), then short and
near-good lines take the verdict of the nearest good or bad lines around them
(``lines_to_drop``). The verdicts are stable once junk is gone, so repeating the
rules on what they left cannot erode the article:

- a good line is never dropped, and keeps its class whatever its neighbours do;
- a bad line is dropped on its own evidence, so after one pass no removable bad
  line is left to count as a neighbour;
- a short or near-good line looks past other short and near-good lines to the
  nearest good or bad one, so dropping a short line never changes the verdict
  on another, and the nearest good line it kept to is never taken away by this
  rule;
- a run of menu-like lines is judged whole and goes whole; a run that stays can
  only meet another when the line between them goes, which takes bad lines on
  both sides of it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from functools import lru_cache, partial

import regex

from cleanwire.rules import native
from cleanwire.rules.model import ClassifyMatch, RunLimits


class LineClass(str, enum.Enum):
    GOOD = "good"
    NEAR_GOOD = "near-good"
    SHORT = "short"
    BAD = "bad"


_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)?")
# ``_WORD``, with plain apostrophes, in lines of nothing but Latin letters, their
# combining marks, general punctuation and ASCII (most lines of most documents):
# there the standard library finds the same words faster. A test checks each of
# those characters is in ``_LATIN_LETTERS`` exactly when it is in ``_WORD``'s class.
_LATIN_LETTERS = "A-Za-zªµºÀ-ÖØ-öø-ˁˆ-ˑˠ-ˤˬˮ\u0300-\u036f"
_LATIN_WORD = re.compile(f"[{_LATIN_LETTERS}]+(?:'[{_LATIN_LETTERS}]+)?")
_BEYOND_LATIN = re.compile(r"[^\x00-\u036f\u2000-\u206f]")
# Lowercasing keeps every letter and mark a letter or a mark, and everything else
# neither, so words can be found in the lowercased line. All but capital sigma,
# which lowercases by its place in a word: final or not.
_CAPITAL_SIGMA = "\u03a3"
# A line ending like a sentence: full stop, question or exclamation mark, colon
# or ellipsis, maybe followed by closing quotes or brackets.
_SENTENCE_MARKS = ".!?:;…。！？"
_CLOSING_MARKS = "\"'”’“»«)]」』"
_TOP_LEVEL_DOMAINS = "com|org|net|de|at|ch|fr|uk|eu|info|io"
_URL = regex.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w.+-]+@[\w-]+\.[\w.-]+\b"
    rf"|\b[\w-]+(?:\.[\w-]+)*\.(?:{_TOP_LEVEL_DOMAINS})(?:/\S*)?\b"
)
# What every match of each alternative of _URL contains. Found at a glance, where
# _URL tries its domain alternative at every word of the line; plain literals, which
# the standard library finds faster.
_URL_LITERAL = re.compile(rf"://|www\.|@|\.(?:{_TOP_LEVEL_DOMAINS})")
# Separators between the items of a menu bar or a breadcrumb trail.
_MENU_MARKS = r"[|·•»›>/\\]|::"
_MENU_SEPARATOR = regex.compile(rf"\s(?:{_MENU_MARKS})\s|\s?\|\s?")
_BULLET = regex.compile(r"^[*•·▪►▸◦‣●○■□➤→+-]\s")
_LIST_MARKER = regex.compile(r"^(?:[*•·▪►▸◦‣●○■□➤→-]|\d{1,3}[.)]|[a-z][.)])\s")
_MAX_MENU_ITEM_WORDS = 4
_MIN_CLAUSE_WORDS = 5
_MIN_SENTENCE_ITEM_WORDS = 11
_DIGIT = regex.compile(r"\d")
# A teaser cut off in mid-sentence ("... plays a handyman who listens to..."): its
# ellipsis is no sentence's end.
_CUT_OFF = regex.compile(r"\w(?:\.\.\.|…)$")
_ENUMERATION = regex.compile(r"\d|\w, \w")
_UNSPACED_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
# The blocks every letter of those scripts lies in (Thai and Lao, Myanmar, Khmer,
# and from the CJK radicals on), as ranges the standard library checks fast: a
# line without a character in them needs no search. Curly quotes, dashes and
# accented letters lie outside them.
_UNSPACED_SCRIPT_BLOCKS = re.compile("[\u0e01-\u0edf\u1000-\u109f\u1780-\u19ff\u2e80-\U0010ffff]")
# jusText's max_heading_distance: a heading stands this close above its text.
_MAX_HEADING_CHARS = 200
_NOT_SHORT = {LineClass.GOOD, LineClass.NEAR_GOOD, LineClass.BAD}


def words(text: str) -> list[str]:
    """The line's words, lowercased, with typographic apostrophes made plain."""
    if text.isascii():
        return _LATIN_WORD.findall(text.lower())
    # Soft hyphens split words in two and would hide their stop words.
    text = text.replace("\u00ad", "")
    if _CAPITAL_SIGMA in text:
        return [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    text = text.lower().replace("’", "'")
    return (_WORD if _BEYOND_LATIN.search(text) else _LATIN_WORD).findall(text)


# A line's words counted: how many, then how many are stop words of each list of
# a rule's ``stopword_lists``, in their order.
WordCounts = tuple[int, ...]


def word_counts(tokens: Sequence[str], lists: tuple[frozenset[str], ...]) -> WordCounts:
    """How many tokens there are, and how many are stop words of each list."""
    # Each token's languages from one index: one look-up a token, not one a language.
    index = _languages_of_stopwords(lists)
    counts = [0] * len(lists)
    for languages in map(index.get, tokens):
        if languages:  # most words are no stop word: skip them without a loop
            for position in languages:
                counts[position] += 1
    return (len(tokens), *counts)


def density(counts: WordCounts) -> float:
    """Share of stop words among the words counted, in the language that gives the most."""
    return max(counts[1:], default=0) / counts[0] if counts[0] else 0.0


def summed(counts: Iterable[WordCounts], languages: int) -> WordCounts:
    """The counts of several lines together, as of the words of all of them."""
    rows = list(counts)
    return tuple(map(sum, zip(*rows))) if rows else (0,) * (1 + languages)


@lru_cache(maxsize=16)
def _languages_of_stopwords(lists: tuple[frozenset[str], ...]) -> dict[str, tuple[int, ...]]:
    """Each stop word of any list, and the positions of the lists it is in."""
    languages: dict[str, list[int]] = {}
    for position, stops in enumerate(lists):
        for word in stops:
            languages.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in languages.items()}


def is_link_like(text: str) -> bool:
    """A URL, an address, or a bar of short items between separators (a menu, a breadcrumb)."""
    if text.startswith("|"):
        return False  # a table row, not a menu
    return _mostly_urls(text) or _is_menu_bar(text)


def may_hold_url(text: str) -> bool:
    """False only where ``_URL`` finds nothing."""
    return _URL_LITERAL.search(text) is not None


def _mostly_urls(text: str) -> bool:
    if not may_hold_url(text):
        return False
    urls = sum(len(m) for m in _URL.findall(text))
    return urls > 0 and urls >= 0.5 * len(text.replace(" ", ""))


def may_hold_menu_separator(text: str) -> bool:
    """False only where ``_MENU_SEPARATOR`` finds nothing: whether the line holds
    one of ``_MENU_MARKS``. Substring tests, the cheapest look there is, one by one."""
    return (
        "|" in text
        or ">" in text
        or "/" in text
        or "\\" in text
        or "::" in text
        or (not text.isascii() and ("·" in text or "•" in text or "»" in text or "›" in text))
    )


def _is_menu_bar(text: str) -> bool:
    if not may_hold_menu_separator(text):
        return False
    items = [item for item in _MENU_SEPARATOR.split(text) if item.strip()]
    return len(items) >= 3 and all(len(item.split()) <= _MAX_MENU_ITEM_WORDS for item in items)


def is_list_like(text: str) -> bool:
    return _LIST_MARKER.match(text) is not None


def is_menu_entry(text: str, match: ClassifyMatch, link_like: bool | None = None) -> bool:
    """Evidence of page chrome: a link-like line, or a list item of a few words that is no sentence.
    ``link_like``: ``is_link_like(text)``, when already known."""
    if "link-like" in match.features and (is_link_like(text) if link_like is None else link_like):
        return True
    # Numbered items and items with figures are an article's lists (steps,
    # rankings, ingredients), not a menu.
    return (
        "list-like" in match.features
        and _BULLET.match(text) is not None
        and len(text.split()) <= _MAX_MENU_ITEM_WORDS + 1
        and _DIGIT.search(text) is None
        and not ends_like_sentence(text)
    )


def has_unspaced_script(text: str) -> bool:
    return (
        not text.isascii()
        and _UNSPACED_SCRIPT_BLOCKS.search(text) is not None
        and _UNSPACED_SCRIPT.search(text) is not None
    )


def ends_like_sentence(text: str) -> bool:
    # A final newline does not count, as for the ``$`` of a pattern.
    last = text.removesuffix("\n").rstrip(_CLOSING_MARKS)[-1:]
    return last != "" and last in _SENTENCE_MARKS


def line_class(
    text: str, match: ClassifyMatch, link_like: bool | None = None, counts: WordCounts | None = None
) -> LineClass:
    """The class of one line on its own evidence. ``link_like``: as for ``is_menu_entry``;
    ``counts``: ``word_counts(words(text), match.stopword_lists)``, when already known."""
    features = match.features
    if "link-like" in features and (is_link_like(text) if link_like is None else link_like):
        return LineClass.BAD
    if has_unspaced_script(text):
        # Chinese, Japanese, Thai...: no spaces between words, so no stop-word
        # evidence; such a line is kept unless bad lines surround it.
        return LineClass.NEAR_GOOD
    counts = word_counts(words(text), match.stopword_lists) if counts is None else counts
    if len(text) < match.short_chars:
        return _short_line_class(text, counts, match)
    if "list-like" in features and is_list_like(text) and not ends_like_sentence(text):
        # An item as long as a sentence, with a sentence's stop words, is text in a
        # list (story highlights, a list of findings), not a menu entry.
        if counts[0] >= _MIN_SENTENCE_ITEM_WORDS and density(counts) >= match.stopwords_low:
            return LineClass.NEAR_GOOD
        return LineClass.SHORT
    share = density(counts)
    punctuated = "no-punctuation" not in features or _ends_a_sentence(text)
    if share < match.stopwords_low:
        # Running text in a language without a list has few "stop words" but ends
        # like a sentence, and an enumeration or a data line (a credit, a table
        # row, a timeline entry) has commas or numbers: let the neighbours decide.
        enumeration = _ENUMERATION.search(text) is not None
        if (punctuated and "no-punctuation" in features) or enumeration:
            return LineClass.SHORT
        return LineClass.BAD
    if share >= match.stopwords_high and len(text) >= match.good_chars and punctuated:
        return LineClass.GOOD
    return LineClass.NEAR_GOOD


def _ends_a_sentence(text: str) -> bool:
    """Ends like a sentence, and not like a teaser cut off in mid-sentence."""
    return ends_like_sentence(text) and not _CUT_OFF.search(text)


def _short_line_class(text: str, counts: WordCounts, match: ClassifyMatch) -> LineClass:
    """A short full sentence ("Preheat the oven.") or a clause of several words
    with the stop words of running text is text, not a menu item. Only those two
    shapes need the stop words counted."""
    sentence = counts[0] >= 3 and ends_like_sentence(text)
    clause = counts[0] >= _MIN_CLAUSE_WORDS
    if not (sentence or clause):
        return LineClass.SHORT
    share = density(counts)
    if (sentence and share >= match.stopwords_low) or (clause and share >= match.stopwords_high):
        return LineClass.NEAR_GOOD
    return LineClass.SHORT


def looks_like_whole_page(classes: Sequence[LineClass], menus: int, match: ClassifyMatch) -> bool:
    """Whole-page text: enough lines, mostly short or bad, with enough menu entries
    (menu bars, breadcrumbs, addresses, short bulleted items): the evidence of page
    chrome. Lines of few stop words are no such evidence: lists of names or parts
    in an article are like that too. A shorter page with fewer menu entries counts
    when more of it is chrome (``dense_page``).

    Extracted article text with a short list in it is not a page full of menus;
    on it the classifier does nothing, and the anchored rules do the work.
    ``menus``: the number of menu entries, or any number past the most a shape asks for.
    """
    chrome = classes.count(LineClass.BAD) + classes.count(LineClass.SHORT)
    return any(
        len(classes) >= shape.min_lines and menus >= shape.min_menu_lines and chrome >= shape.min_page_share * len(classes)
        for shape in match.page_shapes
    )


class LineVerdicts:
    """Each distinct line's own evidence, worked out once: the engine's later passes
    over a document meet mostly lines an earlier pass already judged. ``on_native``:
    the native core works out the lines' features (``learn``), a document at once."""

    def __init__(self, match: ClassifyMatch, on_native: bool = False) -> None:
        self.match = match
        self._link_like: dict[str, bool] = {}
        self._menu_entry: dict[str, bool] = {}
        self._line_class: dict[str, LineClass] = {}
        self._counts: dict[str, WordCounts] = {}
        self._words: dict[str, list[str]] = {}
        self._native = _native_features(match.stopword_lists) if on_native else None
        # Each distinct line as one string, the key of every verdict kept on it:
        # slicing a line out again makes another copy, per verdict and per pass.
        self._same: dict[str, str] = {}

    def same(self, texts: Iterable[str]) -> Iterator[str]:
        """``texts``, each as the one string the verdicts on it are kept under."""
        one = self._same.setdefault
        return (one(text, text) for text in texts)

    def learn(self, texts: Sequence[str]) -> None:
        """Have the native core work out the features of those of ``texts`` not
        seen yet, in one call; those it leaves to Python are worked out when asked for."""
        if self._native is None:
            return
        known = self._counts
        new = [text for text in dict.fromkeys(self.same(texts)) if text not in known]
        if not new:
            return
        link_like = self._link_like if "link-like" in self.match.features else {}
        for text, (counts, link) in zip(new, self._native.of_lines(new)):
            if counts is not None:
                known[text] = counts
            if link is not None:
                link_like[text] = link

    def link_like(self, text: str) -> bool | None:
        """``is_link_like(text)``, asked once for both uses; None when the rule does not use it."""
        if "link-like" not in self.match.features:
            return None
        found = self._link_like.get(text)
        if found is None:
            found = self._link_like[text] = is_link_like(text)
        return found

    def menu_entry(self, text: str) -> bool:
        found = self._menu_entry.get(text)
        if found is None:
            found = self._menu_entry[text] = is_menu_entry(text, self.match, self.link_like(text))
        return found

    def menu_entry_count(self, texts: Sequence[str], enough: int) -> int:
        """How many of the lines are menu entries, counted only up to ``enough``: on a
        page with many, the lines after the last one counted need no judging."""
        found = 0
        for text in self.same(texts):
            if self.menu_entry(text):
                found += 1
                if found == enough:
                    break
        return found

    def line_class(self, text: str) -> LineClass:
        found = self._line_class.get(text)
        if found is None:
            found = self._line_class[text] = line_class(text, self.match, self.link_like(text), self.counts(text))
        return found

    def counts(self, text: str) -> WordCounts:
        """The line's words counted with the rule's stop-word lists, for its class
        and again for a run it may stand in."""
        found = self._counts.get(text)
        if found is None:
            found = self._counts[text] = word_counts(words(text), self.match.stopword_lists)
        return found

    def words(self, text: str) -> Sequence[str]:
        """``words(text)``, for the few lines whose words themselves are compared
        (a headline's with the text's)."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = words(text)
        return found


@lru_cache(maxsize=16)
def _native_features(lists: tuple[frozenset[str], ...]) -> native.LineFeatures:
    """The native core's features for these stop-word lists, made once: it indexes every word."""
    return native.LineFeatures(lists)


def lines_to_drop(texts: Sequence[str], match: ClassifyMatch, verdicts: LineVerdicts | None = None) -> list[int]:
    """Positions of the lines the classifier calls boilerplate (``texts`` are non-blank).
    ``verdicts``: what an earlier call with the same ``match`` found, to reuse."""
    shapes = match.page_shapes
    if len(texts) < min(shape.min_lines for shape in shapes):
        return []  # too short to be a whole page; skip the work
    if verdicts is None:
        verdicts = LineVerdicts(match)
    verdicts.learn(texts)
    menus = verdicts.menu_entry_count(texts, max(shape.min_menu_lines for shape in shapes))
    if menus < min(shape.min_menu_lines for shape in shapes):
        return []
    texts = list(verdicts.same(texts))  # each line is looked at many times from here on: sliced out once
    classes = [verdicts.line_class(text) for text in texts]
    if LineClass.GOOD not in classes or not looks_like_whole_page(classes, menus, match):
        return []  # no line reads like article text: nothing to tell the article from the page by
    runs = chrome_runs(texts, classes, match.runs, _counts_for_runs(match, verdicts)) if match.runs else set()
    edge = LineClass.BAD if match.edges == "bad" else None
    decided = {LineClass.GOOD, LineClass.BAD}

    before, after = _nearest_decided(classes, decided, edge)
    not_short_before, not_short_after = _nearest_decided(classes, _NOT_SHORT, None)

    drop: list[int] = []
    for position, cls in enumerate(classes):
        if position in runs:
            drop.append(position)
            continue
        if cls is LineClass.BAD:
            drop.append(position)
            continue
        if cls is LineClass.GOOD:
            continue
        # The nearest good or bad line on each side, None where there is none.
        around = (before[position], after[position])
        if around == (None, None):
            continue  # nothing to go by: keep
        if cls is LineClass.NEAR_GOOD:
            # A near-good line that ends like a sentence is text wherever it stands.
            if LineClass.GOOD not in around and not _ends_a_sentence(texts[position]):
                drop.append(position)
        elif LineClass.GOOD not in around or (
            match.mixed == "drop"
            and LineClass.BAD in around
            and not _next_to_near_good(around, (not_short_before[position], not_short_after[position]))
        ):
            drop.append(position)
    if match.keep_between_good or match.keep_between_text or match.keep_headings or match.keep_code:
        among = lines_among_content(texts, classes, match, verdicts)
        drop = _whole_tables([position for position in drop if position not in among], texts)
    return drop


def _counts_for_runs(match: ClassifyMatch, verdicts: LineVerdicts) -> Callable[[str], WordCounts] | None:
    """``verdicts.counts`` where the runs count the stop words of the same lists as the lines."""
    return verdicts.counts if match.runs is not None and match.runs.stopword_lists == match.stopword_lists else None


def _whole_tables(drop: Sequence[int], texts: Sequence[str]) -> list[int]:
    """``drop`` less the rows of any table (consecutive lines opening with a pipe)
    that keeps at least half of its rows: a table is judged whole, and its last
    row does not go for standing next to the page's footer."""
    dropped = set(drop)
    spared: set[int] = set()
    position = 0
    while position < len(texts):
        end = position
        while end < len(texts) and texts[end].startswith("|"):
            end += 1
        if end > position:
            rows = range(position, end)
            if 2 * sum(row in dropped for row in rows) <= len(rows):
                spared.update(rows)
        position = max(end, position + 1)
    return [p for p in drop if p not in spared]


def lines_among_content(
    texts: Sequence[str], classes: Sequence[LineClass], match: ClassifyMatch, verdicts: LineVerdicts
) -> set[int]:
    """Lines the context keeps whatever their own class: blocks between two good
    lines (lists, tables, code, subheadings of an article), the headings right
    above a good line, and the headline and summary above the text that share its
    words. A block with a menu bar or an address in it is no part of an article,
    and a heading is no menu entry."""
    kept: set[int] = set()
    goods = [position for position, cls in enumerate(classes) if cls is LineClass.GOOD]
    _keep_blocks(texts, goods, match.keep_between_good, verdicts, kept)
    # Sentences of text that are not long enough to be good: a block between two
    # of them is kept when it is short (a command, a formula, a few list items).
    text_lines = [
        position
        for position, cls in enumerate(classes)
        if cls is LineClass.GOOD or (cls is LineClass.NEAR_GOOD and ends_like_sentence(texts[position]))
    ]
    _keep_blocks(texts, text_lines, match.keep_between_text, verdicts, kept)
    _keep_code(texts, text_lines, match.keep_code, kept)
    _keep_cited_notes(texts, text_lines, kept)
    if goods:
        _keep_headline(texts, goods[0], verdicts, kept)
        _keep_titles_of_text(texts, goods, verdicts, kept)
    _keep_quantity_lists(texts, classes, verdicts, kept)
    # A headline has few stop words and no full stop, so it may be classed bad;
    # right above its text it is still a heading (a menu bar is not).
    for good in goods:
        _keep_headings_above(texts, classes, good, match.keep_headings, verdicts, kept)
    return kept


def _keep_blocks(
    texts: Sequence[str], anchors: Sequence[int], max_lines: int, verdicts: LineVerdicts, kept: set[int]
) -> None:
    """Add to ``kept`` the lines between two consecutive ``anchors`` where there are
    at most ``max_lines`` of them and none is a menu bar or an address, unless it is
    the only one: an address quoted between two lines of text is the text's."""
    for first, second in zip(anchors, anchors[1:]):
        block = range(first + 1, second)
        if 0 < len(block) <= max_lines and (len(block) == 1 or not any(verdicts.link_like(texts[i]) for i in block)):
            kept.update(block)


# A line of program code: an assignment, a statement's semicolon, a brace, a call
# at the line's end, or a keyword that opens a statement. Menus and prose have
# few of these; a block of code has them on most lines.
_CODE_LINE = regex.compile(
    r"\w\s?=\s?\S|;$|[{}]|[\w.]\([^()]*\)?$"
    r"|^(?:import|from|def|class|return|if|for|while|var|let|const|function|#include|@\w+)\b"
)
_MIN_CODE_LINES = 3
_MIN_CODE_SHARE = 0.7


def _keep_code(texts: Sequence[str], anchors: Sequence[int], max_lines: int, kept: set[int]) -> None:
    """Add to ``kept`` the blocks of at most ``max_lines`` lines between two consecutive
    ``anchors`` that read like program code: longer than the blocks of a list or a
    table, and addresses in them (a URL in a string) are code too."""
    for first, second in zip(anchors, anchors[1:]):
        block = range(first + 1, second)
        if _MIN_CODE_LINES <= len(block) <= max_lines:
            code = sum(_CODE_LINE.search(texts[i]) is not None for i in block)
            if code >= _MIN_CODE_SHARE * len(block):
                kept.update(block)


# An item of a list of quantities: one small number and what it counts in words
# ("200 g Zucker", "* 390 kcal", "1 Prise Salz"); not a numbered entry ("4. Frucht"),
# a year, a count of followers ("171 Tsd. Likes") or an entry with a date in it.
_QUANTITY = regex.compile(r"^(?:[*•·-]\s)?\d{1,3}(?:[.,/]\d{1,3})?\s\p{L}+(?:\s[^\d\s]+){0,4}$")
_MIN_QUANTITIES = 4
_MAX_LIST_HEADINGS = 4


def _keep_quantity_lists(
    texts: Sequence[str], classes: Sequence[LineClass], verdicts: LineVerdicts, kept: set[int]
) -> None:
    """Add to ``kept`` every run of at least four lines that each give a quantity
    (a recipe's ingredients, nutrition facts): an article's data, never a menu."""
    position = 0
    while position < len(texts):
        end = position
        while end < len(texts) and _QUANTITY.match(texts[end]) and not verdicts.link_like(texts[end]):
            end += 1
        if end - position >= _MIN_QUANTITIES:
            kept.update(range(position, end))
            _keep_headings_above(texts, classes, position, _MAX_LIST_HEADINGS, verdicts, kept)
        position = max(end, position + 1)


def _keep_headings_above(
    texts: Sequence[str],
    classes: Sequence[LineClass],
    first: int,
    most: int,
    verdicts: LineVerdicts,
    kept: set[int],
) -> None:
    """Add to ``kept`` up to ``most`` lines right above ``first`` and within
    ``_MAX_HEADING_CHARS``: a heading, a list's label ("Ingredients:"), a line of
    facts about it. A good line (text of its own), a menu entry or an address ends them."""
    chars = 0
    for position in range(first - 1, max(-1, first - 1 - most), -1):
        text = texts[position]
        chars += len(text)
        if classes[position] is LineClass.GOOD or chars > _MAX_HEADING_CHARS:
            break
        if verdicts.link_like(text) or verdicts.menu_entry(text):
            break
        kept.add(position)


_HEADLINE_SEARCH_LINES = 5
_MIN_HEADLINE_WORDS = 4


def _keep_headline(texts: Sequence[str], first_good: int, verdicts: LineVerdicts, kept: set[int]) -> None:
    """Add to ``kept`` the article's headline: the nearest line of a few words above
    the first good line, past a byline, a source or a date line in between; not a
    menu entry, an address, or a line that ends like a sentence."""
    for position in range(first_good - 1, max(-1, first_good - 1 - _HEADLINE_SEARCH_LINES), -1):
        text = texts[position]
        if verdicts.link_like(text) or verdicts.menu_entry(text):
            return
        if verdicts.counts(text)[0] >= _MIN_HEADLINE_WORDS and not ends_like_sentence(text) and not is_list_like(text):
            kept.add(position)
            return


# A headline far above its text (menus, share buttons and story highlights
# between) is found by the words it shares with the text's first lines: a title
# names what the text is about, and so do the items of a summary above it.
_TITLE_SEARCH_LINES = 120
_TEXT_LINES_FOR_TITLE = 5
_MIN_TITLE_SHARED_WORDS = 2
_MIN_TITLE_SHARED_SHARE = 0.5
_MIN_CONTENT_WORD_CHARS = 3
_STEM_CHARS = 5
_MAX_SUMMARY_LABEL_WORDS = 3
# A summary's items follow its headline and each other, a label at most between.
_MAX_SUMMARY_GAP = 2


def _content_stems(tokens: Sequence[str], stops: Container[str]) -> list[str]:
    """The words that say what a line is about, cut to a common stem ("killing", "killed")."""
    return [w[:_STEM_CHARS] for w in tokens if len(w) >= _MIN_CONTENT_WORD_CHARS and w not in stops]


def _keep_titles_of_text(
    texts: Sequence[str], goods: Sequence[int], verdicts: LineVerdicts, kept: set[int]
) -> None:
    """Add to ``kept`` the lines above the first good line whose content words are
    mostly in the first lines of text: shaped like a headline (a few words, no
    sentence end, no address, menu bar or breadcrumb), or, right below such a line,
    like the items of a summary, with the summary's label ("Story highlights"). A
    list sharing the text's words away from a headline (a menu of the products the
    text is about) is no summary."""
    # Every stop word of any of the rule's lists, as the line classes count them.
    stops = _languages_of_stopwords(verdicts.match.stopword_lists)
    body = {
        stem for good in goods[:_TEXT_LINES_FOR_TITLE] for stem in _content_stems(verdicts.words(texts[good]), stops)
    }
    last_kept = -_TITLE_SEARCH_LINES
    for position in range(max(0, goods[0] - _TITLE_SEARCH_LINES), goods[0]):
        text = texts[position]
        if verdicts.counts(text)[0] < _MIN_HEADLINE_WORDS or ends_like_sentence(text) or verdicts.link_like(text):
            continue
        if len(_MENU_SEPARATOR.findall(text)) > 1:
            continue  # a breadcrumb ending in the headline
        stems = _content_stems(verdicts.words(text), stops)
        shared = sum(stem in body for stem in stems)
        if shared < _MIN_TITLE_SHARED_WORDS or shared < _MIN_TITLE_SHARED_SHARE * len(stems):
            continue
        if not (is_list_like(text) or _BULLET.match(text)):
            kept.add(position)
            last_kept = position
        elif position - last_kept <= _MAX_SUMMARY_GAP:
            kept.add(position)
            last_kept = position
            label = position - 1
            if label not in kept and _is_summary_label(texts[label], verdicts):
                kept.add(label)


def _is_summary_label(text: str, verdicts: LineVerdicts) -> bool:
    return 0 < verdicts.counts(text)[0] <= _MAX_SUMMARY_LABEL_WORDS and not verdicts.link_like(text)


_CITATION = regex.compile(r"\[(\d{1,3})\]")
_NOTE = regex.compile(r"^\[(\d{1,3})\]\s")


# The link from a footnote back to where the text cites it, as blogs render it.
_BACKLINK = regex.compile(r"↩\ufe0e?$")


def _keep_cited_notes(texts: Sequence[str], text_lines: Sequence[int], kept: set[int]) -> None:
    """Add to ``kept`` the notes the text cites: a line opening with ``[4]`` where a
    line of text has the marker ``[4]`` in it (a reference list with its addresses),
    and a footnote ending with its link back into the text (``↩``)."""
    cited = {number for position in text_lines for number in _CITATION.findall(texts[position])}
    for position, text in enumerate(texts):
        note = _NOTE.match(text) if cited else None
        if (note is not None and note.group(1) in cited) or ("↩" in text and _BACKLINK.search(text)):
            kept.add(position)


def _nearest_decided(
    classes: Sequence[LineClass], decided: set[LineClass], edge: LineClass | None
) -> tuple[list[LineClass | None], list[LineClass | None]]:
    """For each line, the class of the nearest line of a class in ``decided`` (good
    or bad) before it and after it (``edge`` where there is none), found in one sweep
    each way rather than by walking from every line past its short neighbours."""
    before: list[LineClass | None] = []
    last = edge
    for cls in classes:
        before.append(last)
        if cls in decided:
            last = cls
    after: list[LineClass | None] = [edge] * len(classes)
    last = edge
    for position in range(len(classes) - 1, -1, -1):
        after[position] = last
        if classes[position] in decided:
            last = classes[position]
    return before, after


def chrome_runs(
    texts: Sequence[str],
    classes: Sequence[LineClass],
    limits: RunLimits,
    counts_of: Callable[[str], WordCounts] | None = None,
) -> set[int]:
    """Lines in runs of consecutive short or bad lines that read like a menu as a
    whole: long enough, few stop words, hardly a sentence or a number among them.
    A list in an article (ingredients, results, a table) has numbers or sentences.
    ``counts_of``: a line's words counted with ``limits.stopword_lists``, when they
    are kept at hand."""
    if counts_of is None:
        counts_of = partial(_counted, lists=limits.stopword_lists)
    found: set[int] = set()
    start = 0
    while start < len(classes):
        if classes[start] not in (LineClass.SHORT, LineClass.BAD):
            start += 1
            continue
        end = start
        while end < len(classes) and classes[end] in (LineClass.SHORT, LineClass.BAD):
            end += 1
        if end - start >= limits.min_lines and _reads_like_menu(texts[start:end], limits, counts_of):
            found.update(range(start, end))
        start = end
    return found


def _counted(text: str, lists: tuple[frozenset[str], ...]) -> WordCounts:
    return word_counts(words(text), lists)


def _reads_like_menu(run: Sequence[str], limits: RunLimits, counts_of: Callable[[str], WordCounts]) -> bool:
    if density(summed(map(counts_of, run), len(limits.stopword_lists))) > limits.max_stopwords:
        return False
    punctuated = sum(ends_like_sentence(text) for text in run)
    with_digits = sum(_DIGIT.search(text) is not None for text in run)
    return punctuated <= limits.max_punctuated * len(run) and with_digits <= limits.max_digits * len(run)


def _next_to_near_good(
    around: tuple[LineClass | None, LineClass | None], not_short: tuple[LineClass | None, LineClass | None]
) -> bool:
    """A short line between good and bad text stays when a near-good line stands
    between it and the bad side (jusText's rule: it is likely a heading of that text).
    ``around``: the nearest good or bad line on each side; ``not_short``: the nearest
    line on each side that is not short."""
    before, after = around
    return (before is LineClass.BAD and not_short[0] is LineClass.NEAR_GOOD) or (
        after is LineClass.BAD and not_short[1] is LineClass.NEAR_GOOD
    )
