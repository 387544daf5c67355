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
import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from cleanwire.files.reading import FileIdentity, open_folder_beneath, open_in

TEMP_MARK = ".cleanwire-"
TEMP_SUFFIX = ".tmp"


class WriteError(OSError):
    pass


class ChangedWhileProcessing(WriteError):
    pass


class MetadataNotKept(WriteError):
    """The new file could not be given the old one's owner or an extended attribute."""


def atomic_write(
    target: Path,
    data: bytes,
    mode: int | None = None,
    expect: FileIdentity | None = None,
    sync_directory: bool = True,
    beneath: Path | None = None,
    keep_metadata: bool = False,
) -> None:
    """Replace (or create) ``target`` with ``data``. ``mode`` defaults to the
    existing file's permission bits, or 0o644 for a new file. With ``expect``, the
    target is replaced only if it is still the file that was read.

    With ``beneath``, no symbolic link below that folder is followed: not a folder
    on the way (``SymlinkRefused``), not the target itself (a link there is replaced,
    never written through). With ``keep_metadata``, the new file gets the old one's
    owner, group and extended attributes (ACLs among them), or the target is left as
    it was with a ``WriteError`` saying which could not be kept.

    The data is fsynced before the rename, so the rename never exposes a partial
    file. The directory is fsynced after it (making the rename itself survive a
    power cut) unless ``sync_directory`` is off: a batch syncs each directory once
    at the end instead, with ``sync_directories``."""
    _replace(
        target,
        _Contents(partial(_write_all, data=data), partial(_verify, data=data, target=target)),
        mode, expect, sync_directory, beneath, keep_metadata,
    )


def atomic_copy(
    source_fd: int, target: Path, mode: int, sync_directory: bool = True, beneath: Path | None = None
) -> None:
    """``atomic_write`` of everything ``source_fd`` reads from where it stands,
    copied in bounded chunks, never held whole."""
    _replace(target, _Contents(partial(_copy_all, source_fd), None), mode, None, sync_directory, beneath, False)


@dataclass(frozen=True)
class _Contents:
    write: Callable[[int], None]  # fills the new file's descriptor
    verify: Callable[[int], None] | None  # reads it back, after the fsync


def _replace(
    target: Path,
    contents: _Contents,
    mode: int | None,
    expect: FileIdentity | None,
    sync_directory: bool,
    beneath: Path | None,
    keep_metadata: bool,
) -> None:
    if beneath is None:
        target = target.resolve() if target.is_symlink() else target
        folder_fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    else:
        folder_fd = open_folder_beneath(beneath, target.parent)
    try:
        _replace_in(folder_fd, target, contents, mode, expect, keep_metadata)
        if sync_directory:
            with contextlib.suppress(OSError):
                os.fsync(folder_fd)
    finally:
        os.close(folder_fd)


def _replace_in(
    folder_fd: int,
    target: Path,
    contents: _Contents,
    mode: int | None,
    expect: FileIdentity | None,
    keep_metadata: bool,
) -> None:
    name = target.name
    existing = _stat_in(folder_fd, name)
    if mode is None:
        mode = stat.S_IMODE(existing.st_mode) if existing and stat.S_ISREG(existing.st_mode) else 0o644
    temp = _temp_name(target).name
    fd = _open_anonymous(folder_fd)
    named = fd is None
    if fd is None:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=folder_fd)
    try:
        try:
            contents.write(fd)
            if keep_metadata and existing is not None:
                _keep_owner(fd, existing, target)
            os.fchmod(fd, mode)
            if keep_metadata and existing is not None:
                _keep_extended_attributes(fd, folder_fd, target)
            os.fsync(fd)
            if contents.verify is not None:
                contents.verify(fd)
            if not named:
                _link_anonymous(fd, folder_fd, temp)
                named = True
        finally:
            os.close(fd)
        if expect is not None:
            _check_unchanged(folder_fd, target, expect)
        os.replace(temp, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        if named:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=folder_fd)
        raise


def _stat_in(folder_fd: int, name: str) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _keep_owner(fd: int, existing: os.stat_result, target: Path) -> None:
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (existing.st_uid, existing.st_gid):
        return
    try:
        os.fchown(fd, existing.st_uid, existing.st_gid)
    except OSError as exc:
        raise MetadataNotKept(f"cannot give the new file its owner and group ({exc.strerror})") from None


def _keep_extended_attributes(fd: int, folder_fd: int, target: Path) -> None:
    """Every extended attribute of the file now at ``target`` (the POSIX ACLs are
    two of them) copied onto the new file ``fd``."""
    source = open_in(folder_fd, target.name, os.O_RDONLY)
    try:
        names = _attribute_names(source)
        for key in names:
            try:
                os.setxattr(fd, key, os.getxattr(source, key))
            except OSError as exc:
                raise MetadataNotKept(
                    f"cannot give the new file its extended attribute {key} ({exc.strerror})"
                ) from None
    finally:
        os.close(source)


def _attribute_names(fd: int) -> list[str]:
    try:
        return os.listxattr(fd)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return []  # a file system without them: nothing to keep
        raise


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def make_folders_beneath(root: Path, folder: Path) -> None:
    """Create ``folder`` and the folders on its way below ``root`` (which is created
    as named), never through a symbolic link below ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    made = root
    for part in folder.relative_to(root).parts:
        parent_fd = open_folder_beneath(root, made)
        try:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o777, dir_fd=parent_fd)
        finally:
            os.close(parent_fd)
        made = made / part


def sync_directories(directories: Iterable[Path]) -> None:
    for directory in sorted(set(directories)):
        _fsync_directory(directory)


def _check_unchanged(folder_fd: int, target: Path, expect: FileIdentity) -> None:
    now = _stat_in(folder_fd, target.name)
    if now is None:
        raise ChangedWhileProcessing(f"{target} was deleted while being cleaned; not recreated")
    if stat.S_ISLNK(now.st_mode):
        raise ChangedWhileProcessing(
            f"{target} was replaced by a symbolic link while being cleaned; not followed, left as it is now"
        )
    if FileIdentity.of(now) != expect:
        raise ChangedWhileProcessing(f"{target} changed while being cleaned; left as it is now")


def _temp_name(target: Path) -> Path:
    return target.parent / f".{target.name}{TEMP_MARK}{secrets.token_hex(4)}{TEMP_SUFFIX}"


def _open_anonymous(folder_fd: int) -> int | None:
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(".", flag | os.O_RDWR, 0o600, dir_fd=folder_fd)
    except OSError:
        return None  # the file system does not support it; fall back to a named file


def _link_anonymous(fd: int, folder_fd: int, temp: str) -> None:
    # Passing a directory descriptor makes CPython call linkat() with
    # AT_SYMLINK_FOLLOW, which is what gives an O_TMPFILE file a name.
    os.link(f"/proc/self/fd/{fd}", temp, dst_dir_fd=folder_fd, follow_symlinks=True)


def _open_anonymous_at(directory: Path) -> int | None:
    try:
        folder_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        return _open_anonymous(folder_fd)
    finally:
        os.close(folder_fd)


def _copy_all(source_fd: int, fd: int) -> None:
    while chunk := os.read(source_fd, 1 << 20):
        _write_all(fd, chunk)


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
        fd = _open_anonymous_at(self.target.parent)
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
                folder_fd = os.open(self.temp.parent, os.O_RDONLY | os.O_DIRECTORY)
                try:
                    _link_anonymous(fd, folder_fd, self.temp.name)
                finally:
                    os.close(folder_fd)
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
