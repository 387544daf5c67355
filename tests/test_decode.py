from __future__ import annotations

import codecs

import pytest

from cleanwire.pipeline.decode import BinaryInputError, UndecodableError, decode

TEXT = "Grüße aus Köln — “quoted” café, naïve façade. " * 20


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32-be"),
        (TEXT.encode("utf-8"), "utf-8"),
    ],
)
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_cp1252_is_detected() -> None:
    text = "Les élèves ont reçu leurs diplômes — “une réussite”, a dit le maire. " * 10
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text
    assert 0 < decoded.confidence <= 1


def test_shift_jis_is_detected() -> None:
    text = "東京都は月曜日、新しい予算案を発表した。市民の反応はさまざまだった。" * 10
    assert decode(text.encode("shift_jis")).text == text


def test_utf16_without_bom() -> None:
    assert decode(TEXT.encode("utf-16-le")).text == TEXT


def test_forced_encoding() -> None:
    assert decode("café".encode("latin-1"), "latin-1").text == "café"
    with pytest.raises(UndecodableError):
        decode(b"\xff\xfe\xfa", "utf-8")
    with pytest.raises(UndecodableError, match="unknown encoding"):
        decode(b"abc", "no-such-codec")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"text with a \x00 NUL in it",
        bytes(range(256)) * 4,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError):
        decode(data)


def test_empty() -> None:
    assert decode(b"").text == ""


# --- UTF-8 with damage is refused, wherever the damage is ---------------------------


def _refusal(data: bytes) -> str:
    with pytest.raises(UndecodableError) as refused:
        decode(data)
    return str(refused.value)


def test_damage_at_byte_300000_of_utf8_is_refused_with_its_offset() -> None:
    good = ("Grüße aus Köln — “quoted”. " * 20_000).encode()[:300_000]
    good = good.decode("utf-8", "ignore").encode()  # end on a whole character
    data = good + b"\xff" + "und weiter: schön.".encode()
    message = _refusal(data)
    assert f"invalid UTF-8 at byte {len(good)}" in message and "--encoding" in message


def test_damage_after_a_long_ascii_start_is_refused() -> None:
    data = b"plain ASCII text. " * 20_000 + "Grüße".encode() + b" \xe9 " + "schön".encode()
    offset = data.index(b"\xe9")
    assert f"invalid UTF-8 at byte {offset}" in _refusal(data)


def test_one_good_multibyte_character_and_a_cut_one_at_the_end_is_refused() -> None:
    data = "café and a dash —".encode()[:-1]  # the dash loses its last byte
    message = _refusal(data)
    assert f"invalid UTF-8 at byte {len(data) - 2}" in message and "cut off at the end" in message


def test_a_cut_character_at_the_end_of_ascii_text_is_refused() -> None:
    data = b"Only ASCII before the end " + "—".encode()[:2]
    assert f"invalid UTF-8 at byte {len(data) - 2}" in _refusal(data)


def test_a_lone_legacy_letter_at_the_end_of_ascii_text_goes_to_detection() -> None:
    # b"\xe9" could start a UTF-8 character, but alone after ASCII it is Latin-1 é.
    decoded = decode(b"We met at the caf\xe9")
    assert decoded.text == "We met at the café" and decoded.encoding != "utf-8"


def test_utf8_with_a_pasted_cp1252_passage_is_refused_not_garbled() -> None:
    data = ("Grüße aus Köln. " * 30).encode() + "Une réussite, dit-il.".encode("cp1252")
    offset = data.index(b"\xe9")
    assert _refusal(data).startswith(f"invalid UTF-8 at byte {offset}")


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"abc \xc3\xa9 def \xff ghi", 11),  # one good character, one bad byte
        ("ünïcödé".encode() + b"\x80", 11),  # a stray continuation byte at the end
        ("ΩΩΩ".encode() + b"\xed\xa0\x80", 6),  # an encoded surrogate: three invalid bytes
        ("ΩΩ".encode() + b"\xc0\xaf", 4),  # an overlong form: two invalid bytes
    ],
)
def test_a_refused_decode_names_the_byte_offset(data: bytes, offset: int) -> None:
    assert f"invalid UTF-8 at byte {offset}" in _refusal(data)


# --- --encoding decides --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("café", "latin-1"),  # also valid detection input: forcing still wins
        ("Ünïcödé", "cp1252"),
        ("wyraźnie", "iso8859-2"),  # detection would have to guess between cp1250 and ISO 8859-2
        ("Привет", "koi8-r"),
        ("şţ", "cp1250"),
    ],
)
def test_a_forced_encoding_always_wins(text: str, codec: str) -> None:
    decoded = decode(text.encode(codec), codec)
    assert decoded.text == text and decoded.encoding == codecs.lookup(codec).name


def test_a_forced_encoding_wins_over_valid_utf8() -> None:
    data = "café".encode()
    assert decode(data, "latin-1").text == "cafÃ©"


def test_a_forced_encoding_that_does_not_fit_names_the_offset() -> None:
    with pytest.raises(UndecodableError, match="not valid utf-8 at byte 3"):
        decode(b"abc\xff", "utf-8")
    with pytest.raises(UndecodableError, match="not valid cp1253 at byte 1"):
        decode(b"a\xaa", "cp1253")
