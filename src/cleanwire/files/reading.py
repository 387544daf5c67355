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


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, as an error message says it: "is a fifo"."""
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    return next((name for test, name in _KINDS if test(mode)), "is something else")


def check_regular(info: os.stat_result, path: Path) -> None:
    """Raise ``NotARegularFile`` unless ``info`` is a regular file's."""
    if stat.S_ISREG(info.st_mode):
        return
    kind = kind_of(info.st_mode)
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
    mode: int  # permission bits, which a file written in its stead keeps
    links: int  # how many names it has

    @classmethod
    def of(cls, info: os.stat_result) -> FileIdentity:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, stat.S_IMODE(info.st_mode), info.st_nlink)


class SymlinkRefused(OSError):
    """A symbolic link where a file or a folder below a checked root was expected."""


NO_FOLLOW = os.O_NOFOLLOW | os.O_NONBLOCK


def open_folder_beneath(root: Path, folder: Path) -> int:
    """A descriptor of ``folder``, reached from ``root`` one name at a time without
    following a symbolic link below ``root`` (``root`` itself was named by the user).
    A folder on the way that was swapped for a link raises ``SymlinkRefused``."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in folder.relative_to(root).parts:
            try:
                inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | NO_FOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(part, fd):
                    raise SymlinkRefused(
                        errno.ELOOP, f"the folder {part!r} on its path is a symbolic link; not followed"
                    ) from None
                raise
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_beneath(path: Path, root: Path, flags: int, mode: int = 0o600) -> int:
    """``os.open(path, flags | O_NOFOLLOW)`` with no symbolic link followed below ``root``."""
    folder_fd = open_folder_beneath(root, path.parent)
    try:
        return open_in(folder_fd, path.name, flags, mode)
    finally:
        os.close(folder_fd)


def open_in(folder_fd: int, name: str, flags: int, mode: int = 0o600) -> int:
    """Open ``name`` in a folder without following it if it is a symbolic link."""
    try:
        return os.open(name, flags | NO_FOLLOW, mode, dir_fd=folder_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SymlinkRefused(errno.ELOOP, "is a symbolic link; not followed", name) from None
        if exc.errno == errno.ENXIO:  # a socket: say what it is
            check_regular(os.stat(name, dir_fd=folder_fd, follow_symlinks=False), Path(name))
        raise


def _is_link(name: str, folder_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=folder_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def read_document(
    path: Path, limit: int = DEFAULT_MAX_BYTES, beneath: Path | None = None
) -> tuple[bytes, FileIdentity]:
    """The file's bytes and identity; ``DocumentTooLarge`` before reading a byte too
    many, ``NotARegularFile`` (opened without blocking, never read) for anything but a
    regular file. With ``beneath``, no symbolic link below that folder is followed,
    ``path`` itself included (``SymlinkRefused``)."""
    if beneath is not None:
        try:
            fd = open_beneath(path, beneath, os.O_RDONLY)
        except OSError as exc:
            if exc.filename is None and not isinstance(exc, SymlinkRefused):
                exc.filename = str(path)
            raise
    else:
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
