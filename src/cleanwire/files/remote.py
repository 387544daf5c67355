"""Shards by path, glob or URL (``s3://``, ``gs://``, ``file://``, ``memory://``),
through fsspec; a plain local path is opened as it always was, without it.

A shard written to a store appears whole or not at all: it goes to a temporary
object beside its target and is moved onto it once complete (a rename on a local
disk, fsynced first; the store's copy-and-delete elsewhere, where an object only
becomes visible when its upload completes).
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from cleanwire.files.atomic import AtomicStream
from cleanwire.files.compression import by_name, reading

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

GLOB_CHARS = frozenset("*?[")
TEMP_MARK = ".cleanwire-"


def is_url(name: str) -> bool:
    return "://" in name


def has_glob(name: str) -> bool:
    return not GLOB_CHARS.isdisjoint(name)


def expand(names: list[str]) -> list[str]:
    """Every shard the names stand for, in the order given, each glob's in sorted
    order. A glob that matches nothing stays as written, to fail as a missing file;
    a local file whose name holds glob characters (``crawl[1].jsonl``) is itself."""
    shards: list[str] = []
    for name in names:
        if not has_glob(name) or (not is_url(name) and os.path.lexists(name)):
            shards.append(name)
        elif is_url(name):
            fs, _ = _filesystem(name)
            protocol = name.split("://", 1)[0]
            found = sorted(fs.glob(name))
            shards += [_with_protocol(protocol, path) for path in found] or [name]
        else:
            shards += sorted(glob.glob(name)) or [name]
    return shards


def open_shard(name: str) -> BinaryIO:
    """``name`` opened for reading, decompressed by its suffix (``.gz``, ``.zst``)."""
    if is_url(name):
        fs, path = _filesystem(name)
        raw = cast(BinaryIO, fs.open(path, "rb"))
    else:
        raw = open(name, "rb")  # noqa: SIM115 - the caller closes it
    return reading(raw, by_name(name))


def shard_size(name: str) -> int:
    """The stored (compressed) size of a shard, 0 where it cannot be told."""
    try:
        if is_url(name):
            fs, path = _filesystem(name)
            return int(fs.size(path) or 0)
        return Path(name).stat().st_size
    except (OSError, ValueError):
        return 0


def join(folder: str, name: str) -> str:
    return folder.rstrip("/") + "/" + name


def base_name(name: str) -> str:
    return name.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Stored:
    """What was written: its size and SHA-256, to check it again later."""

    size: int
    sha256: str


def stored(name: str) -> Stored | None:
    """The size and hash of what is at ``name`` now; None if nothing is."""
    digest = hashlib.sha256()
    size = 0
    try:
        with _open_raw(name) as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except OSError:  # gone, a folder, unreadable: not what was written
        return None
    return Stored(size, digest.hexdigest())


def stamp(name: str) -> str:
    """What tells whether a shard changed since it was cleaned: on a local disk its
    size, mtime, ctime and inode; in a store, fsspec's key of its metadata (size and
    ETag or modification time); empty when it cannot be read."""
    try:
        if is_url(name):
            fs, path = _filesystem(name)
            return str(fs.ukey(path))
        info = Path(name).stat()
    except OSError:
        return ""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"


def make_folder(folder: str) -> None:
    if is_url(folder):
        fs, path = _filesystem(folder)
        fs.makedirs(path, exist_ok=True)
    else:
        Path(folder).mkdir(parents=True, exist_ok=True)


class AtomicObject:
    """An object written bit by bit that appears at ``target`` whole on ``commit``,
    or not at all on ``discard``; counts and hashes what it is given."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.size = 0
        self._digest = hashlib.sha256()
        self._local: AtomicStream | None = None
        self._temp = ""
        if is_url(target):
            self._fs, path = _filesystem(target)
            folder, _, name = path.rpartition("/")
            self._temp = f"{folder}/.{name}{TEMP_MARK}{secrets.token_hex(6)}.tmp"
            self._path = path
            self._handle = cast(BinaryIO, self._fs.open(self._temp, "wb"))
        else:
            self._local = AtomicStream(Path(target))
            self._handle = self._local.handle

    def write(self, data: bytes) -> int:
        self._handle.write(data)
        self._digest.update(data)
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass  # written out on commit

    @property
    def stored(self) -> Stored:
        return Stored(self.size, self._digest.hexdigest())

    def commit(self) -> None:
        if self._local is not None:
            self._local.commit()
            return
        try:
            self._handle.close()
            self._fs.mv(self._temp, self._path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        if self._local is not None:
            self._local.discard()
            return
        with contextlib.suppress(Exception):
            self._handle.close()
        with contextlib.suppress(Exception):
            self._fs.rm(self._temp)


@contextlib.contextmanager
def _open_raw(name: str) -> Iterator[BinaryIO]:
    if is_url(name):
        fs, path = _filesystem(name)
        with fs.open(path, "rb") as handle:
            yield cast(BinaryIO, handle)
    else:
        with open(name, "rb") as handle:
            yield handle


class NoFilesystem(OSError):
    """A URL whose store fsspec does not know, or whose package is not installed."""


def _filesystem(url: str) -> tuple[AbstractFileSystem, str]:
    import fsspec.core

    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:  # s3:// without s3fs, an unknown protocol
        raise NoFilesystem(f"cannot open {url.split('://', 1)[0]}:// URLs: {exc}") from None
    return fs, cast(str, path)


def _with_protocol(protocol: str, path: str) -> str:
    return f"{protocol}://{path.lstrip('/')}" if protocol not in ("file", "local") else f"file://{path}"
