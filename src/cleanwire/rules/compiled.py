"""Compiled rule sets kept between runs, so a run does not parse YAML it parsed before.

The key is every rule file's path, size and mtime plus the cleanwire version and
the cache's format: editing, adding or removing a rule file makes a new key. Any problem with the
cache (missing, unreadable, stale format) just means loading from YAML again.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Sequence
from pathlib import Path

from cleanwire import __version__
from cleanwire.rules.loader import rule_paths
from cleanwire.rules.ruleset import RuleSet
from cleanwire.files.atomic import atomic_write


def load_rules(directories: Sequence[Path], cache_dir: Path | None) -> RuleSet:
    if cache_dir is None:
        return RuleSet.from_directories(directories)
    try:
        key = _key(rule_paths(directories))
    except OSError:
        return RuleSet.from_directories(directories)
    cached = cache_dir / f"rules.{key}.pickle"
    with contextlib.suppress(Exception):  # a damaged or foreign cache file is only a miss
        rules = pickle.loads(cached.read_bytes())
        if isinstance(rules, RuleSet):
            return rules
    rules = RuleSet.from_directories(directories)
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(cached, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
    return rules


# Bumped when what is cached with the rules (such as the prefilter's literals)
# is worked out differently, so an older cache is not used.
_FORMAT = 6


def _key(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256(f"cleanwire {__version__} rules format {_FORMAT}\n".encode())
    for path in paths:
        info = path.stat()
        digest.update(f"{path.resolve()}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]
