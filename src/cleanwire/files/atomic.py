"""Atomic file replacement: a file is wholly old or wholly new, never half-written.

The new content goes to a temporary file in the target's directory, is fsynced and
read back, then renamed over the target. On Linux the temporary file is created
with O_TMPFILE, so it has no name until the instant before the rename: a process
killed at any other moment leaves no temporary file behind. Elsewhere it is a
named file (``.NAME.cleanwire-XXXX.tmp``) removed on any error; ``stale_temp_files``
finds what a killed process left.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from cleanwire.files.reading import FileIdentity

TEMP_MARK = ".cleanwire-"
TEMP_SUFFIX = ".tmp"


class WriteError(OSError):
    pass


class ChangedWhileProcessing(WriteError):
    pass


def atomic_write(
    target: Path,
    data: bytes,
    mode: int | None = None,
    expect: FileIdentity | None = None,
    sync_directory: bool = True,
) -> None:
    """Replace (or create) ``target`` with ``data``. ``mode`` defaults to the
    existing file's permission bits, or 0o644 for a new file. With ``expect``, the
    target is replaced only if it is still the file that was read.

    The data is fsynced before the rename, so the rename never exposes a partial
    file. The directory is fsynced after it (making the rename itself survive a
    power cut) unless ``sync_directory`` is off: a batch syncs each directory once
    at the end instead, with ``sync_directories``."""
    target = target.resolve() if target.is_symlink() else target
    directory = target.parent
    if mode is None:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = 0o644
    temp = _temp_name(target)
    fd = _open_anonymous(directory)
    if fd is None:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        named = True
    else:
        named = False
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
            _verify(fd, data, target)
            if not named:
                _link_anonymous(fd, temp)
                named = True
        finally:
            os.close(fd)
        if expect is not None:
            _check_unchanged(target, expect)
        os.replace(temp, target)
    except BaseException:
        if named:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise
    if sync_directory:
        _fsync_directory(directory)


def sync_directories(directories: Iterable[Path]) -> None:
    for directory in sorted(set(directories)):
        _fsync_directory(directory)


def _check_unchanged(target: Path, expect: FileIdentity) -> None:
    try:
        now = FileIdentity.of(target.stat())
    except FileNotFoundError:
        raise ChangedWhileProcessing(f"{target} was deleted while being cleaned; not recreated") from None
    if now != expect:
        raise ChangedWhileProcessing(f"{target} changed while being cleaned; left as it is now")


def _temp_name(target: Path) -> Path:
    return target.parent / f".{target.name}{TEMP_MARK}{secrets.token_hex(4)}{TEMP_SUFFIX}"


def _open_anonymous(directory: Path) -> int | None:
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(directory, flag | os.O_RDWR, 0o600)
    except OSError:
        return None  # the file system does not support it; fall back to a named file


def _link_anonymous(fd: int, temp: Path) -> None:
    # Passing a directory descriptor makes CPython call linkat() with
    # AT_SYMLINK_FOLLOW, which is what gives an O_TMPFILE file a name.
    directory_fd = os.open(temp.parent, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", temp.name, dst_dir_fd=directory_fd, follow_symlinks=True)
    finally:
        os.close(directory_fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _verify(fd: int, data: bytes, target: Path) -> None:
    """Read the temporary file back: what goes over the target must be what we meant."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError:
        return  # write-only descriptor (named fallback): the fsync is the check we have
    if b"".join(chunks) != data:
        raise WriteError(f"{target}: the written data did not read back the same; the file was not replaced")


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def stale_temp_files(directory: Path) -> list[Path]:
    """Temporary files a killed run left in ``directory``'s tree (named fallback only)."""
    return sorted(
        p for p in directory.rglob(f".*{TEMP_MARK}*{TEMP_SUFFIX}") if p.is_file()
    )


class AtomicStream:
    """A file written bit by bit that appears at ``target`` whole, or not at all.

    For a long report: the data goes to a temporary file beside ``target`` (nameless
    on Linux, as in ``atomic_write``) and ``commit`` renames it over ``target``;
    ``discard`` leaves ``target`` as it was. A ``target`` that exists and is not a
    regular file (``/dev/stdout``, a pipe) is written to directly.
    """

    def __init__(self, target: Path) -> None:
        self.target = target.resolve() if target.is_symlink() else target
        self.temp: Path | None = None
        self.anonymous = False
        self.handle: BinaryIO
        if self.target.exists() and not self.target.is_file():
            self.handle = open(self.target, "wb")  # noqa: SIM115 - closed by commit/discard
            return
        self.temp = _temp_name(self.target)
        fd = _open_anonymous(self.target.parent)
        if fd is None:
            fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        else:
            self.anonymous = True
        self.handle = os.fdopen(fd, "wb", buffering=1 << 20)

    def commit(self) -> None:
        if self.temp is None:
            self.handle.close()
            return
        try:
            self.handle.flush()
            fd = self.handle.fileno()
            try:
                mode = stat.S_IMODE(self.target.stat().st_mode)
            except FileNotFoundError:
                mode = 0o644
            os.fchmod(fd, mode)
            os.fsync(fd)
            if self.anonymous:
                _link_anonymous(fd, self.temp)
                self.anonymous = False
            self.handle.close()
            os.replace(self.temp, self.target)
        except BaseException:
            self.discard()
            raise
        _fsync_directory(self.target.parent)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
        if self.temp is not None and not self.anonymous:
            with contextlib.suppress(OSError):
                os.unlink(self.temp)
