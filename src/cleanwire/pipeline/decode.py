"""Bytes to text: byte-order marks, UTF-8, UTF-16/32, and legacy encodings via chardet."""

from __future__ import annotations

import codecs
import warnings
from dataclasses import dataclass


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
_TRUST_GUESS = 0.5  # below this chardet confidence, cp1252 is the likelier encoding...
# ...unless the guess is for a script of its own, which cp1252 would turn to mojibake.
_OWN_SCRIPT_CODECS = frozenset(
    codecs.lookup(name).name
    for name in (
        "cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp1253", "iso8859-7", "cp1255", "iso8859-8",
        "cp1256", "iso8859-6", "shift_jis", "cp932", "euc_jp", "iso2022_jp", "gb2312", "gbk",
        "gb18030", "big5", "big5hkscs", "euc_kr", "cp949", "tis-620", "cp874",
    )
)


def decode(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode ``data``; ``encoding`` forces a codec instead of detection.

    Raises ``BinaryInputError`` for data that is not text at all and
    ``UndecodableError`` when the forced or detected codec does not fit.
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


def _decode_detected(data: bytes) -> DecodedText:
    import chardet  # imported here: most input is UTF-8 and never needs it

    guess = chardet.detect(data[:_SNIFF_BYTES] if len(data) > _SNIFF_BYTES else data)
    name = guess.get("encoding")
    confidence = float(guess.get("confidence") or 0.0)
    if not name:
        raise BinaryInputError("not text in any encoding chardet knows")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise UndecodableError(f"detected encoding {name!r} is unknown to Python") from None
    if codec in ("ascii", "utf-8") or (confidence < _TRUST_GUESS and codec not in _OWN_SCRIPT_CODECS):
        # Either chardet saw only the UTF-8-looking part of the file, or it is
        # torn between Latin code pages (short texts): cp1252, the web's most
        # common legacy encoding, is the better bet.
        codec = "cp1252"
    try:
        return _decode_as(data, codec, confidence)
    except UndecodableError:
        # The sample looked like ``codec`` but the rest does not fit it; cp1252 decodes
        # nearly anything, latin-1 anything at all.
        for fallback in ("cp1252", "latin-1"):
            try:
                return _decode_as(data, fallback, min(confidence, 0.3))
            except UndecodableError:
                continue
        raise
