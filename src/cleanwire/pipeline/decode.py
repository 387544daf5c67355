"""Bytes to text: byte-order marks, UTF-8, UTF-16/32, and legacy code pages.

Decoding never guesses wrong silently:

- A byte-order mark decides, and valid UTF-8 (plain ASCII included) is UTF-8.
- UTF-8 with damage anywhere (valid multi-byte characters and no more invalid
  sequences than valid ones, or only a character cut off at the end) is refused with
  the offset of the first bad byte, never re-read in a legacy code page.
- Other bytes are read in every candidate code page, chardet's and the common ones of
  the web (``_CODE_PAGES``). Readings with characters no text has are dropped; the
  others are compared by their oddities, by their words that fall outside the
  alphabet of the language they fit best, and by whether their code page is one that
  language was written in. The input decodes to the reading that is better than
  every other one (``_beats``); otherwise it is refused, naming the candidates with
  chardet's confidence in each. A weak guess is never replaced by cp1252.
- A forced encoding (``--encoding``) always wins; bytes that do not decode in it are
  refused with the offset.
"""

from __future__ import annotations

import codecs
import functools
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex


class InputError(Exception):
    """Input that cannot be treated as text. The message names what is wrong."""


class BinaryInputError(InputError):
    pass


class UndecodableError(InputError):
    pass


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    confidence: float


_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SNIFF_BYTES = 64 * 1024
_DETECT_BYTES = 200_000  # what chardet examines; every candidate must still decode all of the input


def decode(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode ``data``; ``encoding`` forces a codec instead of detection.

    Raises ``BinaryInputError`` for data that is not text at all and
    ``UndecodableError`` when the forced codec does not fit, when the data is
    damaged UTF-8, or when the encoding cannot be told with confidence.
    """
    if encoding:
        return _decode_forced(data, encoding)
    if not data:
        return DecodedText("", "utf-8", 1.0)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom) :], codec, 1.0)
    if b"\x00" in data:
        guessed = _utf16_without_bom(data)
        if guessed is None:
            raise BinaryInputError("binary data (NUL bytes), not text")
        return _decode_as(data, guessed, 0.9)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError as exc:
        damage = _utf8_damage(data, exc)
    if damage:
        # Decoding the whole file as a legacy codec would turn every good
        # multi-byte character into mojibake; better to refuse and say where.
        raise UndecodableError(f"{damage} (use --encoding to decode it some other way)")
    return _decode_detected(data)


def _decode_forced(data: bytes, encoding: str) -> DecodedText:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UndecodableError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise UndecodableError(f"{encoding!r} is not a text encoding")
    codec = info.name
    bom = codecs.BOM_UTF8 if codec == "utf-8" else b""
    if bom and data.startswith(bom):
        data = data[len(bom) :]
    return _decode_as(data, codec, 1.0)


def _decode_as(data: bytes, codec: str, confidence: float) -> DecodedText:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unicode_escape warns about odd escapes
            text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UndecodableError(f"not valid {codec} at byte {exc.start}") from None
    except (UnicodeError, LookupError, ValueError) as exc:  # codecs such as punycode raise these
        raise UndecodableError(f"not valid {codec}: {exc}") from None
    if "\x00" in text:
        raise BinaryInputError("binary data (NUL characters), not text")
    return DecodedText(text, codec, confidence)


# A well-formed UTF-8 sequence of two to four bytes (no overlong forms, no surrogates).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _utf8_damage(data: bytes, first: UnicodeDecodeError) -> str | None:
    """What is wrong with ``data`` if it is UTF-8 with damage, or None if it is not UTF-8.

    Legacy code pages seldom form a valid multi-byte UTF-8 sequence by accident, and
    where they do (CJK double-byte text, KOI8-U) the invalid sequences far outnumber
    the valid ones. So the whole input is UTF-8 with damage when it holds valid
    multi-byte sequences and no more invalid ones than valid, or when its only flaw
    is a character cut off at the very end.
    """
    if first.reason == "unexpected end of data":
        # The first error is an incomplete sequence running into the end: everything
        # before it is valid. A lone lead byte after pure ASCII is no evidence
        # (b"caf\xe9" is café in Latin-1); a lead and its continuation bytes are.
        if not data[: first.start].isascii() or len(data) - first.start >= 2:
            return f"invalid UTF-8 at byte {first.start}: a character cut off at the end of otherwise UTF-8 text"
        return None
    invalid, valid = _utf8_census(data)
    if not valid or invalid > valid:
        return None
    return (
        f"invalid UTF-8 at byte {first.start} in otherwise UTF-8 text "
        f"({_count(invalid, 'invalid sequence')}, {_count(valid, 'valid multi-byte character')})"
    )


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


def _utf8_census(data: bytes) -> tuple[int, int]:
    """How many invalid sequences and how many valid multi-byte characters ``data`` holds as UTF-8."""
    text = data.decode("utf-8", "replace")  # one U+FFFD for each invalid sequence
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return invalid, non_ascii - invalid


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognize BOM-less UTF-16 by where its NUL bytes fall (ASCII-heavy text)."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


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

# The languages written in those code pages: their letters beyond ASCII, lower case,
# with those of common loanwords and names, and the code pages their writers used.
# A wrong code page scatters letters across alphabets (Czech ISO 8859-2 read as cp1250
# turns every š into Polish ą), or reads a name in a text the way no writer of its
# language would have encoded it (German cp1252 with a Spanish ñ, read as cp1250: ń).
_WESTERN = "cp1252 iso8859-1 iso8859-15"
_NORDIC = f"{_WESTERN} iso8859-10"
_CELTIC = f"{_WESTERN} iso8859-14"
_CENTRAL = "cp1250 iso8859-2 iso8859-16"
_BALTIC = "cp1257 iso8859-13 iso8859-4"
_CYRILLIC = "cp1251 koi8-r koi8-u iso8859-5"
_LANGUAGES = {
    # Latin script
    "de": ("äöüßé", _WESTERN),
    "fr": ("àâçéèêëîïôùûœæüÿ", _WESTERN),
    "es": ("áéíñóúüªº", _WESTERN),
    "pt": ("áâãàçéêíóôõúüªº", _WESTERN),
    "it": ("àèéìòùíîóúªº", _WESTERN),
    "ca": ("àçèéíïòóúüªº", _WESTERN),
    "gl": ("áéíñóúüªº", _WESTERN),
    "eu": ("ñü", _WESTERN),
    "nl": ("ëéïáíóúàèöüĳ", _WESTERN),
    "da": ("æøåéáóü", _NORDIC),
    "no": ("æøåéèêóòôü", _NORDIC),
    "sv": ("åäöéü", _NORDIC),
    "fi": ("äöåšž", _NORDIC),
    "is": ("áðéíóúýþæö", _NORDIC),
    "ga": ("áéíóú", _CELTIC),
    "gd": ("àèìòùáéó", _CELTIC),
    "cy": ("âêîôûŵŷàèìòùáéíóúäëïöü", _CELTIC),
    "br": ("ñùâêîôûü", _CELTIC),
    "sq": ("çë", f"{_WESTERN} {_CENTRAL}"),
    "et": ("äöõüšž", f"{_BALTIC} {_WESTERN}"),
    "lv": ("āčēģīķļņšūž", _BALTIC),
    "lt": ("ąčęėįšųūž", _BALTIC),
    "pl": ("ąćęłńóśźż", _CENTRAL),
    "cs": ("áčďéěíňóřšťúůýž", _CENTRAL),
    "sk": ("áäčďéíĺľňóôŕšťúýž", _CENTRAL),
    "sl": ("čšžćđ", _CENTRAL),
    "hr": ("čćđšž", _CENTRAL),
    "hu": ("áéíóöőúüű", _CENTRAL),
    "ro": ("ăâîșțşţ", _CENTRAL),
    "tr": ("çğıİöşüâîû", "cp1254 iso8859-9 iso8859-3"),
    "mt": ("ċġħżàèìòù", "iso8859-3"),
    "eo": ("ĉĝĥĵŝŭ", "iso8859-3"),
    "vi": ("àáâãèéêìíòóôõùúýăđĩũơư" + "".join(map(chr, range(0x1EA1, 0x1EFA, 2))), "cp1258"),
    # Cyrillic script
    "ru": ("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _CYRILLIC),
    "uk": ("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", _CYRILLIC),
    "be": ("абвгдеёжзійклмнопрстуўфхцчшыьэюя", _CYRILLIC),
    "bg": ("абвгдежзийклмнопрстуфхцчшщъьюяѝ", _CYRILLIC),
    "sr": ("абвгдђежзијклљмнњопрстћуфхцчџш", _CYRILLIC),
    "mk": ("абвгдѓежзѕијклљмнњопрстќуфхцчџш", _CYRILLIC),
}
_ALPHABETIC_PAGES = frozenset(" ".join(pages for _, pages in _LANGUAGES.values()).split())

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
# The share of a text's letters that makes it Latin-script text (see ``lone_letter``).
_LATIN_TEXT = 0.9
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
    foreign: int  # words outside the alphabet that fits the reading best (``_fit``)
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


def _decode_detected(data: bytes) -> DecodedText:
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
    utf8 = []
    if _utf8_census(data)[1]:
        utf8 = [m.span() for _, m in zip(range(_LATE_WINDOWS), _UTF8_MULTIBYTE.finditer(data))]
    readings = [_read(data, text, found, late, utf8) for text, found in codecs_by_text.items()]
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
    data: bytes, text: str, found: list[tuple[str, float]], late: list[int], utf8: list[tuple[int, int]]
) -> _Reading:
    """``text`` judged, under the one of the ``found`` codecs that chardet ranks best."""
    codec, confidence = max(found, key=lambda item: item[1])
    patterns = _patterns()
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
    foreign, native = _fit([codec for codec, _ in found], spellings)
    return _Reading(
        codec,
        confidence,
        text,
        oddities=_count_oddities(sample, patterns) + _mojibake(data, text, utf8, patterns),
        foreign=foreign,
        lettered=sum(spellings.values()),
        # Only a Latin or Cyrillic text read in a Latin or Cyrillic code page can be in
        # the wrong one for its language: a Russian word in Chinese text, or Cyrillic
        # read as CJK (whose encodings hold Cyrillic letters too), is not.
        native=native
        or script not in ("Latin", "Cyrillic")
        or any(codec not in _ALPHABETIC_PAGES for codec, _ in found),
        script=script,
        capitals=upper > lower,
        non_ascii=len(sample) - len(sample.encode("ascii", "ignore")),
        sample=sample,
    )


def _fit(codecs_: list[str], spellings: Counter[frozenset[str]]) -> tuple[int, bool]:
    """How many words, given by the sets of their Latin or Cyrillic letters beyond ASCII,
    have a letter outside the alphabet that holds most of them, counting twice those
    that fit no alphabet at all; and whether one of ``codecs_`` is a code page of such a
    best-fitting language. Words, not letters: a name that recurs is one word from
    elsewhere, a wrong code page garbles many. A name is a word of another language
    (Kostrešević in German text); its reading in the wrong code page, often of none
    (Kostreševiæ)."""
    if not spellings:
        return 0, True
    languages = _languages()
    foreign = {
        name: sum(n for letters, n in spellings.items() if not letters <= abc) for name, (abc, _) in languages.items()
    }
    fewest = min(foreign.values())
    garbled = sum(n for letters, n in spellings.items() if not any(letters <= abc for abc, _ in languages.values()))
    pages = set().union(*(languages[name][1] for name, n in foreign.items() if n == fewest))
    return fewest + garbled, not pages.isdisjoint(codecs_)


_LANGUAGE_SETS: dict[str, tuple[frozenset[str], frozenset[str]]] = {}


def _languages() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each language's letters, in both cases, and its code pages."""
    if not _LANGUAGE_SETS:
        for name, (letters, pages) in _LANGUAGES.items():
            abc = frozenset(letters) | {ch.upper() for ch in letters if len(ch.upper()) == 1}
            _LANGUAGE_SETS[name] = (abc, frozenset(pages.split()))
    return _LANGUAGE_SETS


@dataclass(frozen=True)
class _Patterns:
    oddity: regex.Pattern[str]
    mojibake: regex.Pattern[str]
    lone_letter: regex.Pattern[str]
    latin_letter: regex.Pattern[str]
    letter: regex.Pattern[str]
    non_ascii_letter: regex.Pattern[str]
    non_ascii_word: regex.Pattern[str]
    latin_or_cyrillic: regex.Pattern[str]
    scripts: tuple[tuple[str, regex.Pattern[str]], ...]


_PATTERNS: list[_Patterns] = []


def _patterns() -> _Patterns:
    """Compiled once, on first use: most runs never detect an encoding."""
    if not _PATTERNS:
        import regex

        scripts = {
            "Latin": r"\p{Latin}",
            "Greek": r"\p{Greek}",
            "Cyrillic": r"\p{Cyrillic}",
            "Hebrew": r"\p{Hebrew}",
            "Arabic": r"\p{Arabic}",
            "Thai": r"\p{Thai}",
        }
        mixed = "|".join(
            f"{mine}(?=[{''.join(other for other in scripts.values() if other != mine)}])"
            for mine in scripts.values()
        )
        # Latin letters touch CJK ones in real text (iPhoneを), but one or two CJK
        # characters inside a Latin word are a double-byte reading of accented letters.
        cjk = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}]"
        mixed += rf"|(?<=\p{{Latin}}){cjk}{{1,2}}(?=\p{{Latin}})"
        _PATTERNS.append(
            _Patterns(
                oddity=regex.compile(
                    r"(?V1)"
                    # a symbol, a superscript, a double quote or an ordinal sign between
                    # two letters: wi±cej, rz¹d, Tom“s, depãºeascã
                    # (but not ´ or ° or ×, which real text has there: geht´s, B×H×T)
                    r"(?<=\p{L})[[\p{S}\p{No}¶§¡¿†‡•‰“”„«»ªº]--[\x00-\x7f´°×]](?=\p{L})"
                    # a symbol that never touches a letter in real text: ¶λλοι, ˇPor
                    r"|(?<=\p{L})[¤¦¨¬¯±¶¸÷˘˙˛˝ˇ]|[¤¦¨¬¯±¶¸÷˘˙˛˝ˇ](?=\p{L})"
                    # a capital inside a lower-case word: wyraĽnie
                    r"|(?<=\p{Ll})[\p{Lu}--[A-Z]]"
                    # an accented capital glued to a number: Ł80 (cp1250 for £80), 1Ľ (¼),
                    # or standing alone, as no word but À, É, Ô... does: Š 2020 (© in ISO 8859-2)
                    r"|(?<=\d)[[\p{Lu}&&\p{Latin}]--[A-Z]]|[[\p{Lu}&&\p{Latin}]--[A-Z]](?=\d)"
                    r"|(?<![\p{L}\p{M}])[[\p{Lu}&&\p{Latin}]--[A-ZÀÂÉÈÊÓÔ]](?![\p{L}\p{M}])"
                    # a direction mark inside a word, an Arabic vowel sign on another
                    # script's letter: baş read as cp1256
                    r"|(?<=\p{L})[\u200e\u200f](?=\p{L})|(?<=[\p{L}--\p{Arabic}])[\u064b-\u0652]"
                    # a Vietnamese tone mark on a consonant: Economìa read as cp1258
                    r"|(?<![aeiouyAEIOUYăâêôơưĂÂÊÔƠƯ])[\u0300\u0301\u0303\u0309\u0323]"
                    # letters of two scripts in one word: cafй
                    f"|{mixed}"
                ),
                # How a single-byte code page reads UTF-8: Ã©, â€™
                mojibake=regex.compile(r"[\p{S}\p{N}\p{C}¶§¡]"),
                # A Thai, Hebrew or Arabic letter alone, which in Latin text is the
                # reading of a sign: ฉ 2020 (© in cp874)
                lone_letter=regex.compile(r"(?<![\p{L}\p{M}])[\p{Thai}\p{Hebrew}\p{Arabic}](?![\p{L}\p{M}])"),
                latin_letter=regex.compile(r"\p{Latin}"),
                letter=regex.compile(r"\p{L}"),
                non_ascii_letter=regex.compile(r"(?V1)[\p{L}--[\x00-\x7f]]"),
                non_ascii_word=regex.compile(r"(?V1)[\p{L}\p{M}]*[\p{L}--[\x00-\x7f]][\p{L}\p{M}]*"),
                latin_or_cyrillic=regex.compile(r"(?V1)[[\p{Latin}\p{Cyrillic}]&&\p{L}--[\x00-\x7f]]"),
                scripts=tuple(
                    (name, regex.compile(rf"(?V1)[{pattern}--[\x00-\x7f]]"))
                    for name, pattern in [*scripts.items(), ("CJK", cjk[1:-1])]
                ),
            )
        )
    return _PATTERNS[0]


def _count_oddities(text: str, patterns: _Patterns) -> int:
    """Characters in places real text does not put them (see ``_patterns``)."""
    oddities = sum(1 for _ in patterns.oddity.finditer(text))
    lone = patterns.lone_letter.findall(text)
    if lone and len(patterns.latin_letter.findall(text)) >= _LATIN_TEXT * len(patterns.letter.findall(text)):
        oddities += len(lone)
    return oddities


def _mojibake(data: bytes, text: str, utf8: list[tuple[int, int]], patterns: _Patterns) -> int:
    """Valid UTF-8 sequences in ``data`` that a single-byte ``text`` reads as symbols: Ã©, â€™."""
    if len(text) != len(data):
        return 0
    return sum(1 for start, end in utf8 if patterns.mojibake.search(text, start, end))


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
