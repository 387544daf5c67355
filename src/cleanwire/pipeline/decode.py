"""Bytes to text: byte-order marks, UTF-8, UTF-16/32, and legacy code pages.

Decoding never guesses wrong silently:

- A byte-order mark decides, and valid UTF-8 (plain ASCII included) is UTF-8.
- UTF-8 with damage anywhere (valid multi-byte characters and no more invalid
  sequences than valid ones, or only a character cut off at the end) is refused with
  the offset of the first bad byte, never re-read in a legacy code page (``utf8``).
- Other bytes decode in the legacy code page that is clearly the right one, or are
  refused naming the candidates (``codepages``).
- A forced encoding (``--encoding``) always wins; bytes that do not decode in it are
  refused with the offset.
"""

from __future__ import annotations

import codecs
import warnings

from cleanwire.pipeline import utf8
from cleanwire.pipeline.codepages import decode_code_page
from cleanwire.pipeline.decoded import BinaryInputError, DecodedText, InputError, UndecodableError

__all__ = ["BinaryInputError", "DecodedText", "InputError", "UndecodableError", "decode"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SNIFF_BYTES = 64 * 1024


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
            return _decode_as(data[len(bom) :], codec, 1.0, bom)
    if b"\x00" in data:
        guessed = _utf16_without_bom(data)
        if guessed is None:
            raise BinaryInputError("binary data (NUL bytes), not text")
        return _decode_as(data, guessed, 0.9)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError as exc:
        damage = utf8.damage(data, exc)
    if damage:
        # Decoding the whole file as a legacy codec would turn every good
        # multi-byte character into mojibake; better to refuse and say where.
        raise UndecodableError(f"{damage} (use --encoding to decode it some other way)")
    return decode_code_page(data)


def _decode_forced(data: bytes, encoding: str) -> DecodedText:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UndecodableError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise UndecodableError(f"{encoding!r} is not a text encoding")
    codec = info.name
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        return _decode_as(data[len(codecs.BOM_UTF8) :], codec, 1.0, codecs.BOM_UTF8)
    return _decode_as(data, codec, 1.0)


def _decode_as(data: bytes, codec: str, confidence: float, bom: bytes = b"") -> DecodedText:
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
    return DecodedText(text, codec, confidence, bom)



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
