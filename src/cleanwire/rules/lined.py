"""Mappings and lists that know the line of each key and item, as the loader reads
them: built by the libyaml reader (``fastyaml``) and by the rule cache's decoder,
and read like ruamel's round-trip values (``lc.line``, ``lc.key(k)``, ``lc.item(i)``).

A module of its own, so a run that loads its rules from the cache imports no YAML
library at all.
"""

from __future__ import annotations

from typing import Any


class LinedMap(dict[Any, Any]):
    """A mapping with the line of each key, as ``lc.line`` and ``lc.key(k)`` tell it."""

    lc: LineNumbers


class LinedList(list[Any]):
    """A list with the line of each item, as ``lc.line`` and ``lc.item(i)`` tell it."""

    lc: LineNumbers


class LineNumbers:
    """0-based lines of a mapping or list and of its keys or items, read as the
    loader reads ruamel's (``lc.line``, ``lc.key(k)``, ``lc.item(i)``); the rule
    cache decodes its documents into these too."""

    __slots__ = ("line", "_by_key")

    def __init__(self, line: int | None, by_key: dict[Any, int]) -> None:
        self.line = line or 0
        self._by_key = by_key

    def key(self, key: Any) -> tuple[int, int]:
        return self._by_key[key], 0

    item = key
