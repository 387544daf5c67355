"""`cleanwire accept`: record reviewed refusals in the project configuration.

Each entry goes under the configuration's ``accepted`` table (``[accepted]`` in
``cleanwire.toml``, ``[tool.cleanwire.accepted]`` in ``pyproject.toml``) as
``"path/relative/to/the/file.txt" = "sha256:..."``. The file is edited as text,
so its comments and layout stay; an entry for the same path is replaced. The
result is read back and checked before it replaces the file, atomically.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cleanwire.files.atomic import atomic_write
from cleanwire.settings.configfile import CONFIG_FILE, PYPROJECT, ConfigError, parse_config


def record_acceptances(config_file: Path | None, cwd: Path, entries: Mapping[Path, str]) -> Path:
    """Write ``entries`` (file: digest) into ``config_file``, or into a new
    ``cleanwire.toml`` in ``cwd`` when there is none; the file written."""
    target = config_file or cwd / CONFIG_FILE
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    table = _table(target, text)
    base = target.parent.absolute()
    lines = text.splitlines()
    header = f"[{'.'.join([*table, 'accepted'])}]"
    for path, digest in entries.items():
        name = Path(os.path.relpath(path.absolute(), base)).as_posix()
        entry = f"{json.dumps(name, ensure_ascii=False)} = {json.dumps(digest)}"
        lines = _with_entry(lines, header, json.dumps(name, ensure_ascii=False), entry)
    updated = "\n".join(lines) + "\n"
    _check(target, updated, table)
    atomic_write(target, updated.encode("utf-8"))
    return target


def _table(target: Path, text: str) -> list[str]:
    """Where cleanwire's settings sit in this file, as TOML keys."""
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{target}: invalid TOML: {exc}") from None
    if target.name == PYPROJECT:
        return ["tool", "cleanwire"]
    return ["cleanwire"] if "cleanwire" in parsed else []


def _with_entry(lines: list[str], header: str, quoted_name: str, entry: str) -> list[str]:
    if header not in (line.strip() for line in lines):
        return [*lines, *([""] if lines and lines[-1].strip() else []), header, entry]
    start = next(i for i, line in enumerate(lines) if line.strip() == header) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
    for i in range(start, end):
        if lines[i].lstrip().startswith(quoted_name + " ") or lines[i].lstrip().startswith(quoted_name + "="):
            return [*lines[:i], entry, *lines[i + 1:]]
    return [*lines[:start], entry, *lines[start:]]


def _check(target: Path, text: str, table: list[str]) -> None:
    """The edited file must still be TOML, with a valid configuration."""
    try:
        parsed: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{target}: cannot add the entry ({exc}); edit its 'accepted' table by hand") from None
    for key in table:
        parsed = parsed.get(key, {})
    parse_config(parsed, target, "[tool.cleanwire] " if table == ["tool", "cleanwire"] else "")
