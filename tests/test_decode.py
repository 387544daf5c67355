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
