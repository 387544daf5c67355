"""Skip files known to be clean: the same content under the same rules and options.

One cache file per fingerprint of (cleanwire version, the stop-words package's
version, every rule file's bytes, the options that change output), so changing any rule file starts a fresh cache. An
entry records a file's size, mtime and content hash at the moment it was clean; a
file whose size and mtime still match is skipped without being read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cleanwire import __version__
from cleanwire.files.atomic import atomic_write

CACHE_ENV = "CLEANWIRE_CACHE_DIR"


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


@dataclass
class Cache:
    path: Path | None
    entries: dict[str, list[object]] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def open(cls, directory: Path | None, key: str) -> Cache:
        if directory is None:
            return cls(None)
        path = directory / f"cache.{key}.json"
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(entries, dict):
                entries = {}
        except (OSError, ValueError):
            entries = {}
        return cls(path, entries)

    def is_clean(self, source: Path) -> bool:
        """True when ``source`` has the size and mtime it had when last seen clean."""
        entry = self.entries.get(_key(source))
        if not entry:
            return False
        try:
            info = source.stat()
        except OSError:
            return False
        return entry[0] == info.st_size and entry[1] == info.st_mtime_ns

    def known_hash(self, source: Path) -> str | None:
        """The content hash ``source`` had when last seen clean, if it was ever seen."""
        entry = self.entries.get(_key(source))
        return str(entry[2]) if entry else None

    def record(self, source: Path, stamp: tuple[int, int, str]) -> None:
        """Remember that ``source`` is clean with this (size, mtime_ns, hash)."""
        self.entries[_key(source)] = list(stamp)
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
