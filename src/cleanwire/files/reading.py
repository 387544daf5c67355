"""Reading a document: bounded in size, and remembering what the file was when read,
so a file changed behind our back is never overwritten."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

DEFAULT_MAX_BYTES = 256 * 1024 * 1024


class DocumentTooLarge(Exception):
    def __init__(self, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        what = f"{size:,} bytes" if size is not None else "more bytes"
        super().__init__(f"{what} is over the size limit of {limit:,} bytes (see --max-size)")


class NotARegularFile(OSError):
    """A fifo, socket or device where a document file was expected: never read,
    since a fifo can block for ever and a device can be endless."""


_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "is a fifo"),
    (stat.S_ISSOCK, "is a socket"),
    (stat.S_ISCHR, "is a character device"),
    (stat.S_ISBLK, "is a block device"),
)


def check_regular(info: os.stat_result, path: Path) -> None:
    """Raise ``NotARegularFile`` unless ``info`` is a regular file's."""
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((name for test, name in _KINDS if test(info.st_mode)), "is something else")
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, f"{kind}, not a regular file", str(path))
    raise NotARegularFile(errno.EINVAL, f"{kind}, not a regular file", str(path))


@dataclass(frozen=True)
class FileIdentity:
    """Enough of a file's stat to tell that it was replaced or edited since."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileIdentity:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def read_document(path: Path, limit: int = DEFAULT_MAX_BYTES) -> tuple[bytes, FileIdentity]:
    """The file's bytes and identity; ``DocumentTooLarge`` before reading a byte too
    many, ``NotARegularFile`` (opened without blocking, never read) for anything but a
    regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket: say what it is
            check_regular(os.stat(path), path)
        raise
    try:
        info = os.fstat(fd)
        check_regular(info, path)
        if info.st_size > limit:
            raise DocumentTooLarge(info.st_size, limit)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise DocumentTooLarge(None, limit)  # it grew while we read it
        return data, FileIdentity.of(info)
    finally:
        os.close(fd)


def size_of(path: Path) -> int:
    """The file's size as it stands, 0 when it cannot be told."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_stream(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes of a stream, and whether that was all of it."""
    data = stream.read(limit + 1)
    return (data, True) if len(data) <= limit else (data, False)


def pass_through(head: bytes, rest: BinaryIO, out: BinaryIO) -> None:
    """Copy what was read and everything after it, unchanged, in bounded chunks."""
    out.write(head)
    shutil.copyfileobj(rest, out, 1 << 20)
