"""Skip files known to be clean: the same content under the same rules and options.

One cache file per fingerprint of (cleanwire version, the stop-words package's
version, every rule file's bytes, the options that change output), so changing any rule file starts a fresh cache. An
entry records a file's size, mtime, ctime, inode and content hash at the moment it
was clean; a file whose stat still matches is skipped without being read. The
ctime and inode catch what size and mtime miss: a same-size edit with its mtime
put back (``touch -r``), or another file renamed into its place.

The cache file is only ever a hint: one that is damaged, foreign, huge, a symlink
or anything but a regular file, and any entry of the wrong shape, is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cleanwire import __version__
from cleanwire.files.atomic import atomic_write

CACHE_ENV = "CLEANWIRE_CACHE_DIR"
MAX_CACHE_BYTES = 1 << 30  # a cache file bigger than this is not ours: ignored, not read

Stamp = tuple[int, int, int, int, str]  # (size, mtime_ns, ctime_ns, inode, content hash)


def default_cache_dir() -> Path | None:
    """Where caches live; ``None`` (no cache) when there is no home to put them in,
    as in a container running as a user with no ``HOME`` and no passwd entry."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None
    return Path(base) / "cleanwire"


def fingerprint(rule_files: Iterable[Path], options: str) -> str:
    # The classifier's stop-word lists come from a package: a new version of it
    # can change output as much as a rule file can.
    from importlib.metadata import version  # costs start-up time; only batches need it

    digest = hashlib.sha256(f"cleanwire {__version__}\nstop-words {version('stop-words')}\n{options}\n".encode())
    for path in sorted(rule_files):
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_stamp(path: Path, data: bytes) -> Stamp | None:
    """The stamp of ``path`` as it stands, holding ``data``; ``None`` when it cannot
    be told (gone, or no longer that size). A link is not followed: its own stamp
    never matches a file's."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if info.st_size != len(data):
        return None
    return _stat_part(info) + (content_hash(data),)


def _stat_part(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


@dataclass
class Cache:
    path: Path | None
    entries: dict[str, Stamp] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def open(cls, directory: Path | None, key: str) -> Cache:
        if directory is None:
            return cls(None)
        path = directory / f"cache.{key}.json"
        return cls(path, _valid_entries(_read_json(path)))

    def is_clean(self, source: Path) -> bool:
        """True when ``source`` has the stat it had when last seen clean."""
        entry = self.entries.get(_key(source))
        if entry is None:
            return False
        try:
            info = source.lstat()
        except OSError:
            return False
        return entry[:4] == _stat_part(info)

    def known_hash(self, source: Path) -> str | None:
        """The content hash ``source`` had when last seen clean, if it was ever seen."""
        entry = self.entries.get(_key(source))
        return entry[4] if entry is not None else None

    def record(self, source: Path, stamp: Stamp) -> None:
        """Remember that ``source`` is clean with this stamp."""
        self.entries[_key(source)] = stamp
        self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(self.entries, separators=(",", ":")).encode())
            self.dirty = False


def _key(source: Path) -> str:
    return str(source.resolve())


def _read_json(path: Path) -> object:
    """What the cache file holds, or ``None`` when it is not a regular file of ours
    (a symlink, a fifo that would block, a device, too big) or not JSON at all."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_CACHE_BYTES + 1)
        if len(data) > MAX_CACHE_BYTES:
            return None
        return json.loads(data)
    except (OSError, ValueError, RecursionError, MemoryError):
        return None
    finally:
        os.close(fd)


def _valid_entries(loaded: object) -> dict[str, Stamp]:
    """The entries of the right shape: ``path: [size, mtime_ns, ctime_ns, inode, hash]``."""
    if not isinstance(loaded, dict):
        return {}
    return {key: stamp for key, value in loaded.items() if (stamp := _as_stamp(value)) is not None}


def _as_stamp(value: object) -> Stamp | None:
    if not isinstance(value, list) or len(value) != 5:
        return None
    *numbers, digest = value
    if not all(type(n) is int for n in numbers) or not isinstance(digest, str):
        return None
    size, mtime_ns, ctime_ns, inode = numbers
    return (size, mtime_ns, ctime_ns, inode, digest)
