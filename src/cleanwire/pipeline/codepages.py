"""Legacy code pages: decode to the reading that is clearly the right one, or refuse
naming the candidates.

The input is read in every candidate code page, chardet's and the common ones of the
web (``_CODE_PAGES``). Readings with characters no text has are dropped; the others
are compared by their oddities (``oddities``), by their words that fall outside the
alphabet of the language they fit best, and by whether their code page is one that
language was written in (``alphabets``). The input decodes to the reading that is
better than every other one (``_beats``); otherwise it is refused, naming the
candidates with chardet's confidence in each. A weak guess is never replaced by cp1252.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections import Counter
from dataclasses import dataclass

from cleanwire.pipeline import utf8
from cleanwire.pipeline.alphabets import ALPHABETIC_PAGES, fit
from cleanwire.pipeline.decoded import BinaryInputError, DecodedText, UndecodableError
from cleanwire.pipeline.oddities import compiled_patterns, count_mojibake, count_oddities

_DETECT_BYTES = 200_000  # what chardet examines; every candidate must still decode all of the input

# Every code page chardet counts as the web's or as ISO 8859's is read, whether
# chardet ranks it or not: a reading chardet overlooks can still contradict its pick.
# For CJK, the decoders are those browsers use (cp932 for Shift_JIS, gb18030 for GB2312
# and GBK, cp949 for EUC-KR) plus Big5 without the Hong Kong extensions, which reads
# some of their codes as other characters.
_CODE_PAGES = (
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859-1", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7",
    "iso8859-8", "iso8859-9", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
    "koi8-r", "koi8-u", "cp874", "tis-620",
    "cp932", "euc_jis_2004", "gb18030", "big5hkscs", "big5", "cp949",
)  # fmt: skip
# chardet also ranks JIS X 0213 and Johab, which hardly any web text is in, and which
# read the Windows extensions real Japanese and Korean text uses (髙, 﨑, ～) as other
# characters: their rank goes to the decoder browsers use for the same bytes.
_WEB_DECODERS = {"shift_jis_2004": "cp932", "shift_jis": "cp932", "johab": "cp949", "euc_kr": "cp949"}

# Between two readings that look equally clean, chardet's preference decides, but only
# by this factor, over this many letter bytes of distinct words (repeating a word tells
# chardet nothing new), and between readings that differ in at least this share of
# their non-ASCII characters. On less text its ranking is noise: it put the Thai
# reading of a Korean word, repeated, ahead of the Korean one. Readings that differ in
# a few letters (cp1250 and ISO 8859-2, cp1253 and ISO 8859-7) get scores that lie
# close together whichever is right, and sometimes the wrong way round.
_OUTVOTE_RATIO = 2.0
_OUTVOTE_EVIDENCE = 32
_OUTVOTE_DIFFERENT = 0.5
# chardet's models know mixed-case text: it scores the KOI8-R reading of an all-caps
# Russian cp1251 text ten times higher than the right one, if only at 0.26. When either
# reading is in capitals, the preferred one must also score like real text.
_TYPICAL = 0.5
# A word outside the alphabet of the language a reading fits may be a name, so one such
# word more decides between two readings only once this many distinct words with
# Latin or Cyrillic letters beyond ASCII establish the text's language, or once this
# many suggest it and chardet, having seen this many letter bytes, prefers the same
# reading by this factor.
_ESTABLISHED = 20
_SUGGESTED = 3
_AGREE_EVIDENCE = 48
_AGREE = 1.25
# A reading in a code page of the language it fits beats one that is not once this
# many words suggest the language.
_KNOWN_LANGUAGE = 5
# The best reading may still be garbage when every reading is: beyond one oddity in
# this many non-ASCII characters, refuse.
_GARBLED = 20
_SHOWN_CANDIDATES = 4
_LETTER_RUNS = re.compile(rb"[A-Za-z\x80-\xff]+")  # words, as far as bytes can tell
# What no code page's reading of text contains: control characters from bytes
# 0x80-0x9F (the ISO 8859 reading of Windows punctuation) and private-use characters.
_IMPOSSIBLE = re.compile("[\x00\x80-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")
# Readings are judged on the start of the text and on a window around the first
# occurrence of every character that only appears later: wherever two readings
# differ, the sample shows it.
_SAMPLE_CHARS = 8192
_WINDOW = 24
_LATE_WINDOWS = 512


@dataclass(frozen=True, eq=False)
class _Reading:
    """One text the input decodes to, in the code page chardet ranks best for it."""

    codec: str
    confidence: float
    text: str
    oddities: int  # characters where real text does not put them (``_count_oddities``)
    foreign: int  # words outside the alphabet that fits the reading best (``alphabets.fit``)
    lettered: int  # distinct words with Latin or Cyrillic letters beyond ASCII
    native: bool  # its code page is one that a language it fits best was written in
    script: str  # of most of its non-ASCII letters
    capitals: bool  # most of its cased non-ASCII letters are capitals
    non_ascii: int  # characters beyond ASCII in the part judged (``_sample``)
    sample: str  # the part judged

    @property
    def flaws(self) -> int:
        """Signs of a wrong reading: oddities are rare in real text, a foreign word less so (names)."""
        return 2 * self.oddities + self.foreign


def decode_code_page(data: bytes) -> DecodedText:
    """Decode legacy (non-UTF-8) bytes to the reading that beats every other one, or refuse."""
    readings = _readings(data)
    if not readings:
        raise UndecodableError("cannot tell the encoding: no code page decodes it; give --encoding")
    # What chardet's ranking rests on: the letters of the distinct words in its window.
    evidence = sum(map(len, set(_LETTER_RUNS.findall(data[:_DETECT_BYTES]))))
    for best in readings:
        if all(_beats(best, other, evidence) for other in readings if other is not best):
            break
    else:
        unbeaten = [r for r in readings if not any(_beats(o, r, evidence) for o in readings if o is not r)]
        lead = (unbeaten or readings)[0]
        rivals = [r for r in readings if r is not lead and (r in unbeaten or not _beats(lead, r, evidence))]
        raise UndecodableError(
            f"cannot tell the encoding (candidates: {_describe([lead, *rivals])}; "
            f"they first differ at byte {_first_difference(lead, rivals)}); give --encoding"
        )
    if best.oddities * _GARBLED > best.non_ascii:
        raise UndecodableError(
            f"cannot tell the encoding: even the likeliest reading, {best.codec} "
            f"{best.confidence:.2f}, looks garbled; give --encoding"
        )
    return DecodedText(best.text, best.codec, best.confidence)


def _beats(one: _Reading, other: _Reading, evidence: int) -> bool:
    """Whether ``one`` is clearly the better reading of the input than ``other``.

    In order: it has clearly fewer flaws (two for an oddity, one for a word outside
    the best-fitting alphabet; a margin of two, or of one once the text's language is
    established or suggested and chardet agrees); it is in a code page of its language
    and the other is not; chardet prefers it ``_OUTVOTE_RATIO`` times over, under the
    conditions given there.
    """
    mine, theirs = one.flaws, other.flaws
    if theirs >= 2 * mine + 2 or mine >= 2 * theirs + 2:
        return theirs > mine  # clearly fewer flaws
    if mine != theirs:
        # One foreign word more may be a name. It tells the wrong code page once enough
        # words show the text's language, or on fewer words if chardet agrees.
        better, worse = (one, other) if mine < theirs else (other, one)
        words = min(one.lettered, other.lettered)
        agrees = evidence >= _AGREE_EVIDENCE and better.confidence > _AGREE * worse.confidence
        if words >= _ESTABLISHED or (words >= _SUGGESTED and agrees):
            return better is one
    if one.native != other.native and min(one.lettered, other.lettered) >= _KNOWN_LANGUAGE:
        native, alien = (one, other) if one.native else (other, one)
        if native.confidence > alien.confidence:  # chardet, knowing the language, agrees
            return native is one
    if evidence < _OUTVOTE_EVIDENCE or _share_read_alike(one, other) > 1 - _OUTVOTE_DIFFERENT:
        return False
    if (one.capitals or other.capitals) and one.confidence < _TYPICAL:
        return False
    return one.confidence > 0 and one.confidence >= _OUTVOTE_RATIO * other.confidence


def _share_read_alike(one: _Reading, other: _Reading) -> float:
    """The share of non-ASCII characters two readings have in common, where they align
    character for character (single-byte code pages); 0 where they do not."""
    if len(one.sample) != len(other.sample) or not one.non_ascii:
        return 0.0
    differing = sum(1 for a, b in zip(one.sample, other.sample) if a != b)
    return 1 - differing / one.non_ascii


def _readings(data: bytes) -> list[_Reading]:
    """The distinct texts ``data`` decodes to, each under the codec chardet ranks
    best for it, by descending confidence (0 for code pages chardet does not rank)."""
    import chardet  # imported here: most input is UTF-8 and never needs it

    guesses = chardet.detect_all(
        data[:_DETECT_BYTES],
        ignore_threshold=True,
        encoding_era=chardet.EncodingEra.MODERN_WEB | chardet.EncodingEra.LEGACY_ISO,
        compat_names=False,
        no_match_encoding="ascii",  # "nothing fits": ascii cannot decode non-UTF-8 bytes
    )
    if guesses and guesses[0]["encoding"] is None:
        raise BinaryInputError("not text in any encoding chardet knows")
    ranked = [
        (_WEB_DECODERS.get(name, name), float(guess["confidence"] or 0.0))
        for guess in guesses
        if (name := guess["encoding"])
    ]
    ranked += [(codec, 0.0) for codec in _CODE_PAGES]
    present = set(data)
    codecs_by_text: dict[str, list[tuple[str, float]]] = {}
    tried: set[str] = set()
    for name, confidence in ranked:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec in tried:
            continue
        tried.add(codec)
        text = _decode_cleanly(data, codec, present)
        if text is not None:
            codecs_by_text.setdefault(text, []).append((codec, confidence))
    late = _late_bytes(data)
    utf8_spans: list[tuple[int, int]] = []
    if utf8.census(data)[1]:
        utf8_spans = [m.span() for _, m in zip(range(_LATE_WINDOWS), utf8.MULTIBYTE.finditer(data))]
    readings = [_read(data, text, found, late, utf8_spans) for text, found in codecs_by_text.items()]
    return sorted(readings, key=lambda r: -r.confidence)


def _decode_cleanly(data: bytes, codec: str, present: set[int]) -> str | None:
    """``data`` decoded in ``codec``, or None if it does not decode or holds a character
    no text has (``_IMPOSSIBLE``)."""
    table = _byte_table(codec)
    if table is not None:  # a single-byte code page: only the byte values present matter
        if any(table[value] == "\ufffd" or _IMPOSSIBLE.match(table[value]) for value in present):
            return None
        return data.decode(codec)
    try:
        text = data.decode(codec)
    except (UnicodeError, LookupError, ValueError):
        return None
    return None if _IMPOSSIBLE.search(text) else text


@functools.cache
def _byte_table(codec: str) -> str | None:
    """The character each byte stands for in ``codec`` (U+FFFD where undefined), or
    None unless ``codec`` is a single-byte code page."""
    every_byte = bytes(range(256))
    try:
        table = every_byte.decode(codec, "replace")
        if len(table) == 256 and all(bytes([b]).decode(codec, "replace") == table[b] for b in every_byte):
            return table
    except (UnicodeError, LookupError, ValueError):
        pass
    return None


def _late_bytes(data: bytes) -> list[int]:
    """Where each non-ASCII byte value first occurs, if only after ``_SAMPLE_CHARS``."""
    early = set(data[:_SAMPLE_CHARS])
    late = set(data[_SAMPLE_CHARS:]).difference(early, range(128))
    return sorted(data.index(value, _SAMPLE_CHARS) for value in late)


def _sample(text: str, data: bytes, late: list[int]) -> str:
    """The part of ``text`` a reading is judged on (see ``_SAMPLE_CHARS``)."""
    if len(text) <= 2 * _SAMPLE_CHARS:
        return text
    if len(text) == len(data):  # a single-byte code page: byte offsets are character offsets
        positions = late
    else:
        later = sorted(ch for ch in set(text[_SAMPLE_CHARS:]).difference(text[:_SAMPLE_CHARS]) if ord(ch) > 127)
        firsts: dict[str, int] = {}
        if later:
            wanted = re.compile("[" + re.escape("".join(later[:_LATE_WINDOWS])) + "]")
            for match in wanted.finditer(text, _SAMPLE_CHARS):
                firsts.setdefault(match.group(), match.start())
                if len(firsts) == min(len(later), _LATE_WINDOWS):
                    break
        positions = sorted(firsts.values())
    windows = (text[max(0, at - _WINDOW) : at + _WINDOW] for at in positions)
    return "\n".join([text[:_SAMPLE_CHARS], *windows])


def _read(
    data: bytes, text: str, found: list[tuple[str, float]], late: list[int], utf8_spans: list[tuple[int, int]]
) -> _Reading:
    """``text`` judged, under the one of the ``found`` codecs that chardet ranks best."""
    codec, confidence = max(found, key=lambda item: item[1])
    patterns = compiled_patterns()
    sample = _sample(text, data, late)
    letters = Counter(patterns.non_ascii_letter.findall(sample))
    by_script = {name: len(script.findall(sample)) for name, script in patterns.scripts}
    upper = sum(n for ch, n in letters.items() if ch.isupper())
    lower = sum(n for ch, n in letters.items() if ch.islower())
    script = max(by_script, key=lambda name: by_script[name]) if any(by_script.values()) else ""
    spellings = Counter(
        frozenset(patterns.latin_or_cyrillic.findall(word)) for word in set(patterns.non_ascii_word.findall(sample))
    )
    spellings.pop(frozenset(), None)
    foreign, native = fit([codec for codec, _ in found], spellings)
    return _Reading(
        codec,
        confidence,
        text,
        oddities=count_oddities(sample, patterns) + count_mojibake(data, text, utf8_spans, patterns),
        foreign=foreign,
        lettered=sum(spellings.values()),
        # Only a Latin or Cyrillic text read in a Latin or Cyrillic code page can be in
        # the wrong one for its language: a Russian word in Chinese text, or Cyrillic
        # read as CJK (whose encodings hold Cyrillic letters too), is not.
        native=native
        or script not in ("Latin", "Cyrillic")
        or any(codec not in ALPHABETIC_PAGES for codec, _ in found),
        script=script,
        capitals=upper > lower,
        non_ascii=len(sample) - len(sample.encode("ascii", "ignore")),
        sample=sample,
    )



def _first_difference(best: _Reading, rivals: list[_Reading]) -> int:
    """The byte offset of the first character some rival reads differently from ``best``."""
    first = min((_common_prefix(best.text, rival.text) for rival in rivals), default=0)
    return len(best.text[:first].encode(best.codec))


def _common_prefix(one: str, other: str) -> int:
    low, high = 0, min(len(one), len(other))
    while low < high:
        middle = (low + high + 1) // 2
        if one[:middle] == other[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _describe(readings: list[_Reading]) -> str:
    """The readings' codecs with chardet's confidence in each, for a message."""
    shown = ", ".join(f"{r.codec} {r.confidence:.2f}" for r in readings[:_SHOWN_CANDIDATES])
    more = len(readings) - _SHOWN_CANDIDATES
    return f"{shown} and {more} more" if more > 0 else shown

