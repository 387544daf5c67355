"""Project configuration: ``cleanwire.toml`` or ``[tool.cleanwire]`` in ``pyproject.toml``.

Found by walking up from the working directory; the nearest file that has a
cleanwire configuration wins. Command-line flags win over it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleanwire.rules.model import CATEGORY_NAMES

CONFIG_FILE = "cleanwire.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """Invalid configuration. ``str()`` names the file and the key."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    rules: tuple[Path, ...] = ()
    include: tuple[str, ...] = ("*.txt",)
    exclude: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    outlet: str | None = None
    fix_mojibake: bool = False
    max_removal: float = 0.6
    jobs: int | None = None
    max_size: int | None = None
    max_removal_per_outlet: dict[str, float] = field(default_factory=dict)


_KEYS: dict[str, str] = {
    "rules": "a list of rule directories, relative to the config file",
    "include": "a list of glob patterns",
    "exclude": "a list of glob patterns",
    "keep": "a list of categories",
    "outlet": "an outlet id, 'auto' or 'none'",
    "fix_mojibake": "true or false",
    "max_removal": "a share between 0 and 1",
    "max_removal_per_outlet": "a table of outlet id = share between 0 and 1",
    "jobs": "a positive integer",
    "max_size": "a positive number of bytes",
}


def find_config(start: Path) -> Config:
    """The configuration that applies in ``start``, or the defaults when there is none."""
    for directory in (start.resolve(), *start.resolve().parents):
        standalone = directory / CONFIG_FILE
        if standalone.is_file():
            table = _read_toml(standalone)
            return parse_config(table.get("cleanwire", table), standalone, "")
        pyproject = directory / PYPROJECT
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {})
            if isinstance(table, dict) and "cleanwire" in table:
                return parse_config(table["cleanwire"], pyproject, "[tool.cleanwire] ")
    return Config()


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def parse_config(table: Any, path: Path, prefix: str) -> Config:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: {prefix}key '{key}': {problem}")

    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {prefix}must be a table")
    for key in table:
        if key not in _KEYS:
            raise fail(key, f"unknown key (known: {', '.join(sorted(_KEYS))})")

    def strings(key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, f"must be {_KEYS[key]}")
        return tuple(value)

    def share(key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise fail(key, f"must be {_KEYS['max_removal']}, not {value!r}")
        return float(value)

    base = path.parent
    rules = tuple(base / p for p in strings("rules") or ())
    for directory in rules:
        if not directory.is_dir():
            raise fail("rules", f"{directory} is not a directory")
    keep = strings("keep") or ()
    for category in keep:
        if category not in CATEGORY_NAMES:
            raise fail("keep", f"unknown category {category!r} (known: {', '.join(CATEGORY_NAMES)})")
    outlet = table.get("outlet")
    if outlet is not None and (not isinstance(outlet, str) or not outlet):
        raise fail("outlet", f"must be {_KEYS['outlet']}")
    fix_mojibake = table.get("fix_mojibake", False)
    if not isinstance(fix_mojibake, bool):
        raise fail("fix_mojibake", "must be true or false")
    jobs = table.get("jobs")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise fail("jobs", f"must be {_KEYS['jobs']}")
    max_size = table.get("max_size")
    if max_size is not None and (isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1):
        raise fail("max_size", f"must be {_KEYS['max_size']}")
    per_outlet = table.get("max_removal_per_outlet", {})
    if not isinstance(per_outlet, dict):
        raise fail("max_removal_per_outlet", f"must be {_KEYS['max_removal_per_outlet']}")
    return Config(
        path=path,
        rules=rules,
        include=strings("include") or Config.include,
        exclude=strings("exclude") or (),
        keep=keep,
        outlet=outlet,
        fix_mojibake=fix_mojibake,
        max_removal=share("max_removal", table["max_removal"]) if "max_removal" in table else Config.max_removal,
        jobs=jobs,
        max_size=max_size,
        max_removal_per_outlet={
            str(k): share(f"max_removal_per_outlet.{k}", v) for k, v in per_outlet.items()
        },
    )
