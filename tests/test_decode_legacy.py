"""Legacy code pages: text decodes to exactly what was written, or is refused naming the
candidates, and never decodes to different text.

Bytes alone cannot always say what was written: b"caf\\xe9" is "café" in cp1252 and
"cafй" in cp1251, so the promise is about text as people write it, in the language a
code page was made for, and that is what these tests feed the decoder: real sentences,
and for the property test, their words in any order, case and number, with punctuation
where writers put it and the odd word from another language.
"""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from cleanwire.pipeline.decode import BinaryInputError, UndecodableError, decode

from .legacy_samples import CODE_PAGES, sample

LENGTHS = ("short", "long")


def _case(codec: str, language: str, adapt: str, length: str) -> object:
    return pytest.param(codec, language, adapt, length, id=f"{codec}-{language}-{length}")


@pytest.mark.parametrize(
    ("codec", "language", "adapt", "length"),
    [_case(*code_page, length) for code_page in CODE_PAGES for length in LENGTHS],
)
def test_legacy_text_decodes_exactly_or_is_refused(codec: str, language: str, adapt: str, length: str) -> None:
    text = sample(codec, language, adapt, length)
    data = text.encode(codec)
    assert not data.isascii()
    try:
        decoded = decode(data)
    except UndecodableError as refused:
        assert re.search(r"candidates: [\w-]+ \d\.\d\d, [\w-]+ \d\.\d\d", str(refused)), refused
        assert "--encoding" in str(refused)
        return
    assert decoded.text == text


# The two readings of these are equally clean text: only a reader of the language
# can tell. Greek "Ά" is 0xA2 in cp1253 and 0xB6 in ISO 8859-7, where 0xA2 is "’".
UNDECIDABLE_PARAGRAPHS = {("cp1253", "greek")}


@pytest.mark.parametrize(
    ("codec", "language", "adapt"),
    [
        pytest.param(codec, language, adapt, id=f"{codec}-{language}")
        for codec, language, adapt in CODE_PAGES
        if (codec, language) not in UNDECIDABLE_PARAGRAPHS
    ],
)
def test_legacy_paragraphs_decode(codec: str, language: str, adapt: str) -> None:
    text = sample(codec, language, adapt, "long")
    assert decode(text.encode(codec)).text == text


@pytest.mark.parametrize(("codec", "language"), [("cp1250", "polish"), ("iso8859-2", "czech")])
def test_a_weak_central_european_guess_is_not_replaced_by_cp1252(codec: str, language: str) -> None:
    text = sample(codec, language, "plain" if codec.startswith("iso") else "", "short")
    try:
        decoded = decode(text.encode(codec))
    except UndecodableError:
        return
    assert decoded.text == text and decoded.encoding != "cp1252"


def test_a_refusal_names_the_candidates_with_their_confidences() -> None:
    # Romanian ţ is 0xFE in cp1250 and ISO 8859-2, ț is 0xFE in ISO 8859-16: the same
    # letter to a reader, different characters in Unicode.
    data = sample("cp1250", "romanian", "", "short").encode("cp1250")
    with pytest.raises(UndecodableError) as refused:
        decode(data)
    message = str(refused.value)
    assert re.search(r"cp1250 \d\.\d\d", message) and re.search(r"iso8859-16 \d\.\d\d", message)
    offset = data.index(b"\xfe")
    assert f"differ at byte {offset}" in message
    assert message.endswith("give --encoding")


@pytest.mark.parametrize(
    ("codec", "language"), [("cp1251", "russian"), ("cp1251", "bulgarian"), ("cp1253", "greek"), ("koi8-r", "russian")]
)
def test_text_in_capitals_decodes_exactly_or_is_refused(codec: str, language: str) -> None:
    # chardet's models know mixed case: the KOI8-R reading of Russian capitals in cp1251
    # is lower case, and chardet ranks it far above the right one.
    text = sample(codec, language, "plain" if codec.startswith("koi8") else "", "long").upper()
    try:
        decoded = decode(text.encode(codec))
    except UndecodableError:
        return
    assert decoded.text == text


def test_western_text_decodes_when_the_readings_agree() -> None:
    # ä, ö, ü and ß are the same bytes in cp1252, cp1250, cp1257, ISO 8859-2 and more.
    text = "Der Stadtrat hat beschlossen, die Straßenbahn bis zum Süden zu verlängern."
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text


def test_curly_quotes_and_dashes_decode_as_cp1252() -> None:
    text = "“It’s done,” she said — and left the café. " * 5
    assert decode(text.encode("cp1252")).text == text


def test_a_difference_late_in_a_long_file_decides() -> None:
    # The only letter that cp1252 and cp1250 read differently comes after 400 KB.
    german = sample("cp1252", "german", "", "long")
    text = german * 500 + "Die Planer kommen aus España."
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text
    polish = sample("cp1250", "polish", "", "long")
    czech_late = polish * 300 + "Ať žije Praha."  # ť only at the end: ISO 8859-2 would be 0xBB
    assert decode(czech_late.encode("cp1250")).text == czech_late


@pytest.mark.parametrize(
    ("sentence", "codec"),
    [
        # cp1252 reads ć as æ: Kostreševiæ is a word of no language, Kostrešević a name.
        ("Trainer Milan Kostrešević lobte die Mannschaft.", "cp1250"),
        # cp1258 reads ì as a tone mark, which it would put on the m of Economìa.
        ("Die Gäste kamen aus der Abteilung Economìa in Mailand.", "cp1252"),
    ],
)
def test_a_name_from_elsewhere_keeps_its_code_page(sentence: str, codec: str) -> None:
    text = sample("cp1252", "german", "", "long") + sentence + "\n"
    decoded = decode(text.encode(codec))
    assert decoded.text == text and decoded.encoding == codec


# --- the property ---------------------------------------------------------------------

VOCABULARY = {
    code_page: sorted({word for length in LENGTHS for word in sample(*code_page, length).split()})
    for code_page in CODE_PAGES
}
LOANS = sorted({word for words in VOCABULARY.values() for word in words[:25]})
QUOTES = ["«»", '""', "“”", "„“", "„”", "()", "''"]
STANDALONE = ["§", "©", "®", "°", "±", "µ", "…", "–", "—", "€", "£", "¥", "%", "&", "+", "-", "12", "3,5", "2024"]


# Characters with two mappings to Unicode: Shift_JIS is decoded as browsers do, as
# cp932, which reads the bytes of JIS's 〜 as ～; GB2312 as GBK, which reads ・ as ·.
OTHER_MAPPING = {"shift_jis": "〜‖−¢£¬", "gb2312": "・―"}


def _encodes(text: str, codec: str) -> bool:
    if any(ch in text for ch in OTHER_MAPPING.get(codec, "")):
        return False
    try:
        return text.encode(codec).decode(codec) == text
    except UnicodeEncodeError:
        return False


@st.composite
def text_in_its_code_page(draw: st.DrawFn) -> tuple[str, str]:
    codec, language, adapt = draw(st.sampled_from(CODE_PAGES))
    words = draw(st.lists(st.sampled_from(VOCABULARY[codec, language, adapt]), min_size=1, max_size=40))
    accented = len({word for word in words if not word.isascii()})
    for at in draw(st.lists(st.integers(0, len(words)), max_size=accented // 5)):
        words.insert(at, draw(st.sampled_from(LOANS)))  # a name or a quotation, now and then
    written = []
    for word in words:
        word = draw(st.sampled_from([word, word, word, word.lower(), word.capitalize(), word.upper()]))
        touch = draw(st.integers(0, 9))
        if touch == 0:
            quote = draw(st.sampled_from([q for q in QUOTES if _encodes(q, codec)]))
            word = f"{quote[0]}{word}{quote[1]}"
        elif touch == 1:
            written.append(draw(st.sampled_from([s for s in STANDALONE if _encodes(s, codec)])))
        written.append(word)
    return codec, " ".join(written)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_in_its_code_page())
@example(("big5", '"а" 交通部門表示，將在施工期間調整部分道路的通行方案。'))  # Cyrillic: Big5 and HKSCS differ
@example(("cp1257", "«Jeżeli» «Mokyklų» «Mokyklų»"))  # one Polish letter in Lithuanian
@example(("cp1251", "ВОСЕМНАДЦАТЬ В КАЖДЫЕ ДЕСЯТЬ"))  # capitals: chardet prefers KOI8-R
@example(("cp1253", "Η δόση είναι 5 µg την ημέρα."))  # µ is ΅ in ISO 8859-7
@example(("cp1250", "«Jeżeli» Jeżeli «být» být"))  # Polish and Czech: ý is ę in ISO 8859-16
@example(("cp949", 'автобуси Частину "출퇴근에만'))  # Cyrillic in a Korean code page
@example(("cp949", '스마트폰 스마트폰 "스마트폰" 스마트폰'))  # one word: chardet ranks it as Thai
@example(("iso8859-13", '"Starostové" Jeżeli "Kai "Kai mažėjimo'))  # ISO 8859-14 reads it as Welsh
@example(("cp1257", "béremelésére «padidėti» Pagal Pagal įsigalios"))  # cp1250 reads ė, į as ë, á
def test_decoding_gives_the_text_written_or_refuses(written: tuple[str, str]) -> None:
    codec, text = written
    assume(_encodes(text, codec))
    data = text.encode(codec)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        assume(False)  # valid UTF-8 is UTF-8: that is the first promise
    try:
        decoded = decode(data)
    except (UndecodableError, BinaryInputError):
        return
    assert decoded.text == text, f"{codec} text read as {decoded.encoding}"


def test_the_tested_code_pages() -> None:
    tested = {codecs.lookup(codec).name for codec, _, _ in CODE_PAGES}
    assert len(tested) >= 15


@pytest.mark.parametrize(
    ("codec", "language", "adapt", "length"),
    [_case(*code_page, length) for code_page in CODE_PAGES for length in LENGTHS],
)
def test_a_forced_encoding_reads_every_sample_exactly(codec: str, language: str, adapt: str, length: str) -> None:
    # Including those detection refuses: --encoding is the way out it names.
    text = sample(codec, language, adapt, length)
    assert decode(text.encode(codec), codec).text == text
