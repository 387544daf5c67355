"""Project configuration: ``cleanwire.toml`` or ``[tool.cleanwire]`` in ``pyproject.toml``.

Found by walking up from the working directory; the nearest file that has a
cleanwire configuration wins. The walk stops at the project root, a folder that
holds ``.git``, ``.hg`` or ``pyproject.toml`` (as black's does), so a stray file
above a project never applies to it. A configuration file that another user owns,
or that anyone may write, is ignored with a warning (git's ``safe.directory``
reasoning): it could change what ``--in-place`` does to your files. Its keys and
what each must be come from the option table in ``settings.options``.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cleanwire.rules.model import CATEGORY_NAMES
from cleanwire.settings.options import CONFIG_OPTIONS, NORMALIZE_MODES, OUTPUT_ENCODINGS, ConfigType

CONFIG_FILE = "cleanwire.toml"
PYPROJECT = "pyproject.toml"
PROJECT_ROOT_MARKERS = (".git", ".hg", PYPROJECT)


class ConfigError(Exception):
    """Invalid configuration. ``str()`` names the file and the key."""


# How each type of value is described when it is wrong.
_WANTED: dict[ConfigType, str] = {
    "directories": "a list of rule directories, relative to the config file",
    "globs": "a list of glob patterns",
    "rule_globs": "a list of rule ids or globs of them, such as 'generic.page-*'",
    "categories": "a list of categories",
    "outlet": "an outlet id, 'auto' or 'none'",
    "normalize": "one of " + ", ".join(repr(mode) for mode in NORMALIZE_MODES),
    "bool": "true or false",
    "share": "a share between 0 and 1",
    "shares": "a table of outlet id = share between 0 and 1",
    "count": "a positive integer",
    "bytes": "a positive number of bytes",
    "output-encoding": " or ".join(repr(name) for name in OUTPUT_ENCODINGS),
    "accepted": "a table of file = 'sha256:<64 hex digits>' (see 'cleanwire accept')",
}


def find_config(start: Path, warn: Callable[[str], None] | None = None) -> tuple[Path | None, dict[str, Any]]:
    """The configuration file that applies in ``start`` and its settings by field
    name; ``(None, {})`` when there is none. ``warn`` hears of files ignored as unsafe."""
    for directory in (start.resolve(), *start.resolve().parents):
        standalone = directory / CONFIG_FILE
        if standalone.is_file() and _is_safe(standalone, warn):
            table = _read_toml(standalone)
            return standalone, parse_config(table.get("cleanwire", table), standalone, "")
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _is_safe(pyproject, warn):
            table = _read_toml(pyproject).get("tool", {})
            if isinstance(table, dict) and "cleanwire" in table:
                return pyproject, parse_config(table["cleanwire"], pyproject, "[tool.cleanwire] ")
        if any((directory / marker).exists() for marker in PROJECT_ROOT_MARKERS):
            break
    return None, {}


def _is_safe(path: Path, warn: Callable[[str], None] | None) -> bool:
    """A file only its reader's own user can have written."""
    try:
        info = path.stat()
    except OSError:
        return True  # reading it will say what is wrong
    problem = None
    if info.st_mode & stat.S_IWOTH:
        problem = "anyone may write it"
    elif hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        problem = f"it belongs to another user (uid {info.st_uid})"
    if problem is None:
        return True
    if warn is not None:
        warn(f"ignoring {path}: {problem}")
    return False


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def parse_config(table: Any, path: Path, prefix: str = "") -> dict[str, Any]:
    """The settings a configuration table sets, by field name, each checked."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {prefix}must be a table")
    settings: dict[str, Any] = {}
    for key, value in table.items():
        spec = CONFIG_OPTIONS.get(key)
        if spec is None:
            raise ConfigError(f"{path}: {prefix}key '{key}': unknown key (known: {', '.join(sorted(CONFIG_OPTIONS))})")
        assert spec.config is not None

        def fail(problem: str, key: str = key) -> ConfigError:
            return ConfigError(f"{path}: {prefix}key '{key}': {problem}")

        settings[spec.name] = _CHECKS[spec.config](value, path.parent, fail)
    return settings


Fail = Callable[..., ConfigError]


def _strings(value: Any, fail: Fail, wanted: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(f"must be {wanted}")
    return tuple(value)


def _directories(value: Any, base: Path, fail: Fail) -> tuple[Path, ...]:
    directories = tuple(base / p for p in _strings(value, fail, _WANTED["directories"]))
    for directory in directories:
        if not directory.is_dir():
            raise fail(f"{directory} is not a directory")
    return directories


def _globs(value: Any, base: Path, fail: Fail) -> tuple[str, ...]:
    return _strings(value, fail, _WANTED["globs"])


def _rule_globs(value: Any, base: Path, fail: Fail) -> tuple[str, ...]:
    return _strings(value, fail, _WANTED["rule_globs"])


def _categories(value: Any, base: Path, fail: Fail) -> tuple[str, ...]:
    categories = _strings(value, fail, _WANTED["categories"])
    for category in categories:
        if category not in CATEGORY_NAMES:
            raise fail(f"unknown category {category!r} (known: {', '.join(CATEGORY_NAMES)})")
    return categories


def _outlet(value: Any, base: Path, fail: Fail) -> str:
    if not isinstance(value, str) or not value:
        raise fail(f"must be {_WANTED['outlet']}")
    return value


def _one_of(choices: tuple[str, ...], wanted: str) -> Callable[[Any, Path, Fail], str]:
    def check(value: Any, base: Path, fail: Fail) -> str:
        if value not in choices:
            raise fail(f"must be {wanted}, not {value!r}")
        return str(value)

    return check


def _bool(value: Any, base: Path, fail: Fail) -> bool:
    if not isinstance(value, bool):
        raise fail(f"must be {_WANTED['bool']}")
    return value


def _share(value: Any, base: Path, fail: Fail) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise fail(f"must be {_WANTED['share']}, not {value!r}")
    return float(value)


def _shares(value: Any, base: Path, fail: Fail) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, dict):
        raise fail(f"must be {_WANTED['shares']}")
    return tuple(
        (str(outlet), _share(share, base, lambda problem, o=outlet: fail(problem, f"max_removal_per_outlet.{o}")))
        for outlet, share in value.items()
    )


def _positive(wanted: str) -> Callable[[Any, Path, Fail], int]:
    def check(value: Any, base: Path, fail: Fail) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise fail(f"must be {wanted}")
        return value

    return check


def _accepted(value: Any, base: Path, fail: Fail) -> tuple[tuple[str, str], ...]:
    """Each accepted file by its absolute path, with the digest it was accepted at."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k and isinstance(v, str) and re.fullmatch(r"sha256:[0-9a-f]{64}", v)
        for k, v in value.items()
    ):
        raise fail(f"must be {_WANTED['accepted']}")
    return tuple((os.path.normpath(base.absolute() / name), digest) for name, digest in value.items())


_CHECKS: dict[ConfigType, Callable[[Any, Path, Fail], Any]] = {
    "directories": _directories,
    "globs": _globs,
    "rule_globs": _rule_globs,
    "categories": _categories,
    "outlet": _outlet,
    "normalize": _one_of(NORMALIZE_MODES, _WANTED["normalize"]),
    "bool": _bool,
    "share": _share,
    "shares": _shares,
    "count": _positive(_WANTED["count"]),
    "bytes": _positive(_WANTED["bytes"]),
    "output-encoding": _one_of(OUTPUT_ENCODINGS, _WANTED["output-encoding"]),
    "accepted": _accepted,
}
