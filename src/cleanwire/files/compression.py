"""Compressed shards: gzip and Zstandard, told apart by the name's suffix or, on
stdin, by the first bytes.

A reader checks what it decompresses: bytes that are not the format, a checksum
that does not match (gzip always has one; zstd when written with one, as the
zstd tool and cleanwire do) or a stream that ends before its last frame does are a
``CorruptShard`` (an ``OSError``, so a shard that cannot be read fails like any
unreadable file), never garbage passed on as text. Several gzip members or zstd
frames in a row are read as one stream, as ``zcat`` and ``zstdcat`` do.

Writers are deterministic: a gzip header carries no time and no name, so the
same clean text always compresses to the same bytes.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable
from enum import Enum
from typing import BinaryIO, Protocol, cast

READ_CHUNK = 64 * 1024  # compressed bytes fed to the decoder at a time
GZIP_LEVEL = 6  # gzip's own default: level 9 is several times slower for a few per cent
ZSTD_LEVEL = 3  # zstd's own default


class Compression(str, Enum):
    NONE = ""
    GZIP = ".gz"
    ZSTD = ".zst"

    @property
    def label(self) -> str:
        return {"": "plain", ".gz": "gzip", ".zst": "zstd"}[self.value]


MAGIC = {Compression.GZIP: b"\x1f\x8b", Compression.ZSTD: b"\x28\xb5\x2f\xfd"}


class CorruptShard(OSError):
    """A compressed stream that is damaged or cut short."""


class _Decoder(Protocol):
    eof: bool
    unused_data: bytes

    def decompress(self, data: bytes) -> bytes: ...


def by_name(name: str) -> Compression:
    """The compression a shard's name says it has."""
    for compression in (Compression.GZIP, Compression.ZSTD):
        if name.endswith(compression.value):
            return compression
    return Compression.NONE


def by_magic(head: bytes) -> Compression:
    """The compression the first bytes of a stream show."""
    for compression, magic in MAGIC.items():
        if head.startswith(magic):
            return compression
    return Compression.NONE


def sniff(stream: BinaryIO) -> Compression:
    """The compression of ``stream`` by its first bytes, which stay to be read: for stdin."""
    peek = getattr(stream, "peek", None)
    return by_magic(peek(4)[:4]) if peek is not None else Compression.NONE


def reading(raw: BinaryIO, compression: Compression) -> BinaryIO:
    """``raw``'s decompressed bytes, buffered for ``readline``; closing them closes ``raw``."""
    if compression is Compression.NONE:
        return raw
    reader = io.BufferedReader(_Decompressing(raw, compression), buffer_size=READ_CHUNK)
    return cast(BinaryIO, reader)


def writing(raw: BinaryIO, compression: Compression) -> BinaryIO:
    """A stream that compresses into ``raw``; closing it ends the stream and leaves ``raw`` open."""
    if compression is Compression.GZIP:
        return cast(BinaryIO, gzip.GzipFile(filename="", mode="wb", compresslevel=GZIP_LEVEL, fileobj=raw, mtime=0))
    if compression is Compression.ZSTD:
        import zstandard

        compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True)  # as the zstd tool writes
        return cast(BinaryIO, compressor.stream_writer(raw, closefd=False))
    return _Unclosing(raw)


class _Unclosing(io.BufferedWriter):
    """A plain stream whose close leaves the underlying file to its owner."""

    def __init__(self, raw: BinaryIO) -> None:
        io.BufferedWriter.__init__(self, cast(io.RawIOBase, _Passthrough(raw)))


class _Passthrough(io.RawIOBase):
    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        view = memoryview(cast(bytes, data))
        self._raw.write(view.tobytes())
        return len(view)


class _Decompressing(io.RawIOBase):
    """The decompressed bytes of ``raw``, frame after frame, checked to the end."""

    def __init__(self, raw: BinaryIO, compression: Compression) -> None:
        self._raw = raw
        self._compression = compression
        self._new_decoder = _decoder_factory(compression)
        self._decoder: _Decoder = self._new_decoder()
        self._mid_frame = False  # bytes of a frame fed and its end not yet seen
        self._pending = b""

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()

    def readinto(self, buffer: object) -> int:
        target = memoryview(cast(bytearray, buffer))
        while not self._pending:
            chunk = self._raw.read(READ_CHUNK)
            if not chunk:
                if self._mid_frame:
                    label = self._compression.label
                    raise CorruptShard(f"truncated {label} data: it ends before its end-of-stream marker")
                return 0
            self._feed(chunk)
        count = min(len(target), len(self._pending))
        target[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def _feed(self, chunk: bytes) -> None:
        out: list[bytes] = []
        while chunk:
            try:
                out.append(self._decoder.decompress(chunk))
            except Exception as exc:  # zlib.error, zstandard.ZstdError: damaged data
                raise CorruptShard(f"corrupt {self._compression.label} data ({exc})") from None
            self._mid_frame = not self._decoder.eof
            if not self._decoder.eof:
                break
            chunk = self._decoder.unused_data  # the next member or frame
            self._decoder = self._new_decoder()
        self._pending += b"".join(out)


def _decoder_factory(compression: Compression) -> Callable[[], _Decoder]:
    if compression is Compression.GZIP:
        return lambda: cast(_Decoder, zlib.decompressobj(wbits=16 + zlib.MAX_WBITS))
    import zstandard

    decompressor = zstandard.ZstdDecompressor()
    return lambda: cast(_Decoder, decompressor.decompressobj())
