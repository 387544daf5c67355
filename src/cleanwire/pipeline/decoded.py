"""What decoding gives: the text and the encoding it was read in, or an error saying why not."""

from __future__ import annotations

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
    bom: bytes = b""  # the byte-order mark the input began with, if any

