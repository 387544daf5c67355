"""Build the one ``Settings`` value of a run: defaults, then the project configuration,
then the command line. Every command resolves its settings here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cleanwire.settings.configfile import find_config
from cleanwire.settings.options import OPTION_BY_NAME, Settings


def resolve(
    flags: Mapping[str, Any],
    cwd: Path | None = None,
    *,
    allow_large_removal: bool = False,
    warn: Callable[[str], None] | None = None,
) -> Settings:
    """``flags`` are the command line's values by field name, ``None`` (or an empty
    list) where a flag was not given. Rule directories add up: the configuration's
    first, then the command line's. ``allow_large_removal`` turns every removal
    limit off, the configuration's included. ``warn`` hears of configuration files
    ignored as unsafe."""
    config_file, configured = find_config(cwd or Path.cwd(), warn)
    values = {**configured}
    for name, value in flags.items():
        if name not in OPTION_BY_NAME:
            raise KeyError(f"no option named {name!r}")
        if value is None or (isinstance(value, (tuple, list)) and not value):
            continue
        if name == "rule_dirs":
            values[name] = (*configured.get(name, ()), *value)
        else:
            values[name] = tuple(value) if isinstance(value, list) else value
    if not values.get("include", True):
        del values["include"]  # an empty list in the configuration means the default
    if allow_large_removal:
        values.update(max_removal=None, max_removal_per_outlet=())
    return Settings(config_file=config_file, **values)
