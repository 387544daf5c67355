"""Rule sets kept between runs, so a run neither parses YAML nor compiles regexes
it did before.

What is kept is data, JSON, never pickle: each rule file's parsed YAML with the
line of every entry, the regex module's compiled form of each pattern, the
prefilter's literals and the stop-word lists the rules use. A hit goes through the loader's whole validation again.
The compiled patterns are handed to the regex engine as they are, so a cache file
is used only when it is authenticated (an HMAC whose key lives outside the cache
directory, in this user's configuration directory) and it and its directory are
this user's alone: a cache restored from elsewhere or written by someone else is
passed over, and can neither run code nor name rules no rule file holds.

The key is the cleanwire, regex and stop-words versions, the cache's format and every rule
file's path and a hash of its bytes: any edit, even one that puts the mtime back,
makes a new key. Any problem with the cache (missing, unreadable, foreign,
damaged) just means loading from YAML again.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import regex

from cleanwire import __version__
from cleanwire.files.atomic import atomic_write
from cleanwire.files.reading import DocumentTooLarge, read_document
from cleanwire.rules.lined import LinedList, LinedMap, LineNumbers
from cleanwire.rules.loader import (
    MAX_RULE_FILE_BYTES,
    Compiled,
    Warn,
    read_rule_document,
    rule_files_from,
    rule_paths,
)
from cleanwire.rules.ruleset import RuleSet
from cleanwire.rules.stopwords import lists_version, loaded_lists, preload

# Bumped when what is cached (such as the prefilter's literals) is worked out
# differently, so an older cache is not used.
_FORMAT = 9
KEY_ENV = "CLEANWIRE_CACHE_KEY_DIR"
_KEY_BYTES = 32


class _Unstorable(Exception):
    """A YAML value JSON cannot hold as it is (a date, binary...): not cached."""


def load_rules(directories: Sequence[Path], cache_dir: Path | None, warn: Warn | None = None) -> RuleSet:
    secret = _secret(cache_dir) if cache_dir is not None else None
    if cache_dir is None or secret is None:
        return RuleSet.from_directories(directories, warn)
    paths = rule_paths(directories)
    try:
        key = _key(paths)
    except (OSError, ValueError, DocumentTooLarge):
        # The loader reads them again and says what is wrong, naming the file.
        return RuleSet.from_directories(directories, warn)
    cached = cache_dir / f"rules.{key}.json"
    rules = _from_cache(cached, secret, warn)
    if rules is not None:
        return rules
    documents = [(path, read_rule_document(path)) for path in paths]
    compiled: Compiled = {}
    rules = RuleSet.from_files(rule_files_from(documents, warn, compiled))
    _store(cache_dir, cached, secret, documents, compiled, rules)
    return rules


def _from_cache(cached: Path, secret: bytes, warn: Warn | None) -> RuleSet | None:
    notes: list[str] = []
    try:
        stored = json.loads(_authenticated(_read_private(cached), secret))
        documents = [(Path(path), _decode(document)) for path, document in stored["files"]]
        compiled = {(source, flags): _pattern(data) for source, flags, data in stored["patterns"]}
        known = {(source, bool(ignore_case)): tuple(found) for source, ignore_case, found in stored["literals"]}
        preload(stored["stopwords"])
        rules = RuleSet.from_files(rule_files_from(documents, notes.append, compiled), known)
    except Exception:  # a damaged cache file is only a miss; YAML says what is wrong, if anything
        return None
    for note in notes:
        if warn is not None:
            warn(note)
    return rules


def _store(
    cache_dir: Path,
    cached: Path,
    secret: bytes,
    documents: Sequence[tuple[Path, Any]],
    compiled: Compiled,
    rules: RuleSet,
) -> None:
    try:
        files = [[str(path), _encode(document)] for path, document in documents]
        patterns = [[source, flags, _pattern_data(pattern)] for (source, flags), pattern in compiled.items()]
    except _Unstorable:
        return
    literals = [[source, ignore_case, list(found)] for (source, ignore_case), found in rules.literals.known().items()]
    stored = {"files": files, "patterns": patterns, "literals": literals, "stopwords": loaded_lists()}
    body = json.dumps(stored, ensure_ascii=False).encode()
    with contextlib.suppress(OSError):
        _private_directory(cache_dir)
        atomic_write(cached, _signed(body, secret), mode=0o600)


def _signed(body: bytes, secret: bytes) -> bytes:
    return hmac.new(secret, body, hashlib.sha256).hexdigest().encode() + b"\n" + body


def _authenticated(data: bytes, secret: bytes) -> bytes:
    tag, _, body = data.partition(b"\n")
    if not hmac.compare_digest(tag, hmac.new(secret, body, hashlib.sha256).hexdigest().encode()):
        raise ValueError("cache file not written by this user's cleanwire")
    return body


def _secret(cache_dir: Path) -> bytes | None:
    """This user's key for the cache's HMAC, made on first use; None (no cache)
    when there is no private place for it outside ``cache_dir``."""
    try:
        key_dir = _key_dir()
        if key_dir is None or key_dir.resolve() == cache_dir.resolve():
            return None
        _private_directory(key_dir)
        path = key_dir / "cache.key"
        with contextlib.suppress(FileExistsError):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with open(fd, "wb") as handle:
                handle.write(secrets.token_bytes(_KEY_BYTES))
        secret = _read_private(path)
    except OSError:
        return None
    return secret if len(secret) == _KEY_BYTES else None


def _key_dir() -> Path | None:
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    base = os.environ.get("XDG_CONFIG_HOME")
    if not base:
        try:
            base = str(Path.home() / ".config")
        except (RuntimeError, KeyError):
            return None
    return Path(base) / "cleanwire"


def _private_directory(directory: Path) -> None:
    """Make ``directory`` (0700) unless it exists; PermissionError unless it is this user's alone."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _private(directory.stat(), stat.S_ISDIR):
        raise PermissionError(f"{directory} is not private to this user")


def _private(info: os.stat_result, is_kind: Callable[[int], bool]) -> bool:
    """Whether ``info`` is of the kind, this user's, and writable by nobody else."""
    return is_kind(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & 0o022


def _read_private(path: Path) -> bytes:
    """The file's bytes, if it and its directory are this user's alone."""
    if not _private(path.parent.stat(), stat.S_ISDIR):
        raise PermissionError(f"{path.parent} is not private to this user")
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(fd, "rb") as handle:
        if not _private(os.fstat(handle.fileno()), stat.S_ISREG):
            raise PermissionError(f"{path} is not private to this user")
        return handle.read()


def _key(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256(f"cleanwire {__version__} regex {regex.__version__} stop-words {lists_version()} format {_FORMAT}\n".encode())
    for path in paths:
        data, _ = read_document(path, MAX_RULE_FILE_BYTES)  # refuses fifos and devices unread
        digest.update(f"{path.resolve()}\0{len(data)}\0{hashlib.sha256(data).hexdigest()}\n".encode())
    return digest.hexdigest()[:32]


# A compiled pattern as the regex module pickles it: (pattern, flags, code,
# groupindex, indexgroup, named_lists, named_list_indexes, req_offset, req_chars,
# req_flags, group_count). Rule patterns have no named lists.


def _pattern_data(pattern: regex.Pattern[str]) -> list[Any]:
    source, flags, code, groupindex, indexgroup, named_lists, _, req_offset, req_chars, req_flags, groups = (
        pattern._pickled_data  # type: ignore[attr-defined]
    )
    if named_lists:
        raise _Unstorable("named lists")
    return [source, flags, bytes(code).hex(), groupindex, list(indexgroup.items()), req_offset, list(req_chars), req_flags, groups]


def _pattern(data: list[Any]) -> regex.Pattern[str]:
    source, flags, code, groupindex, indexgroup, req_offset, req_chars, req_flags, groups = data
    build: Callable[..., regex.Pattern[str]] = getattr(regex, "_regex").compile
    return build(
        source, flags, bytes.fromhex(code), dict(groupindex), {int(i): str(name) for i, name in indexgroup},
        {}, [], req_offset, tuple(req_chars), req_flags, groups,
    )  # fmt: skip


# A parsed YAML document as JSON: a mapping is {"map": [[key, key's line, value]...],
# "line": its line}, a list {"seq": [[item's line, item]...], "line": ...}; a
# scalar is itself. Lines are the YAML library's (0-based), so errors and rule
# sources name the same lines from the cache as from the file.


def _encode(node: Any) -> Any:
    lines = getattr(node, "lc", None)
    line = getattr(lines, "line", None)
    if isinstance(node, dict):
        return {"map": [[_scalar(k), _line_in(lines, k), _encode(v)] for k, v in node.items()], "line": line}
    if isinstance(node, list):
        return {"seq": [[_line_in(lines, i), _encode(v)] for i, v in enumerate(node)], "line": line}
    return _scalar(node)


def _scalar(value: Any) -> Any:
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    if value is None:
        return None
    raise _Unstorable(type(value).__name__)


def _line_in(lines: Any, key: Any) -> int | None:
    try:
        return int(lines.key(key)[0] if not isinstance(key, int) else lines.item(key)[0])
    except (AttributeError, KeyError, IndexError, TypeError):
        return None


def _decode(node: Any) -> Any:
    if isinstance(node, dict) and "map" in node:
        mapping = LinedMap((key, _decode(value)) for key, _, value in node["map"])
        mapping.lc = LineNumbers(node["line"], {key: line for key, line, _ in node["map"] if line is not None})
        return mapping
    if isinstance(node, dict) and "seq" in node:
        sequence = LinedList(_decode(item) for _, item in node["seq"])
        sequence.lc = LineNumbers(node["line"], {i: line for i, (line, _) in enumerate(node["seq"]) if line is not None})
        return sequence
    if isinstance(node, (dict, list)):
        raise ValueError("not a cached document")
    return node
