"""Rule files read by libyaml, where it reads them exactly as the round-trip reader.

ruamel's round-trip reader gives every mapping and list its lines, and says where
a broken file goes wrong; it is pure Python, and parsing the shipped rules with it
takes most of compiling them. libyaml (through PyYAML's C parser) parses the same
files some twenty times faster. Its events are built here into the values the
loader reads, with the same lines, for what is plain in rule files: block and
flow mappings and lists of scalars, with no tags, anchors or directives.

Anything else gives ``None``, and the caller reads the file the slow way, which
then decides: a broken file, an alias, a duplicate key, a value that YAML 1.2
reads as a number or a date, or nesting over the limit. So a file reads the same
either way, and every error message is the round-trip reader's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from yaml import events as _events

from cleanwire.rules.lined import LinedList, LinedMap, LineNumbers


def _libyaml_parser() -> Any:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml: the round-trip reader does it all
        return None
    return CParser


_LibyamlParser: Any = _libyaml_parser()


class _Defer(Exception):
    """Something the round-trip reader must judge."""


_TEXT = "tag:yaml.org,2002:str"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FRACTION = re.compile(r"[-+]?[0-9]+\.[0-9]+")
_PLAIN_VALUES: dict[str, Any] = {
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    "null": None, "Null": None, "NULL": None, "~": None, "": None,
}


def parse(text: str, max_depth: int) -> Any | None:
    """The document as the loader reads it, or None when the round-trip reader
    must read it (also when libyaml is not installed)."""
    if _LibyamlParser is None:
        return None
    try:
        builder = _Builder(text, max_depth)
        document = builder.document()
        # The readers differ on tabs outside quoted and block text (the round-trip
        # one refuses a tab before a comment, libyaml does not).
        return document if _all_inside(_tabs(text), builder.text_spans) else None
    except _Defer:
        return None
    except Exception:  # libyaml's own errors: the round-trip reader words them
        return None


class _Builder:
    def __init__(self, text: str, max_depth: int) -> None:
        from ruamel.yaml.nodes import ScalarNode
        from ruamel.yaml.resolver import VersionedResolver

        self.parser = _LibyamlParser(text)
        self.resolver = VersionedResolver()  # YAML 1.2, as the round-trip reader reads
        self.scalar_node = ScalarNode
        self.max_depth = max_depth
        self.depth = 0
        self.text_spans: list[tuple[tuple[int, int], tuple[int, int]]] = []  # of quoted and block scalars

    def next(self) -> Any:
        return self.parser.get_event()

    def document(self) -> Any:
        if not isinstance(self.next(), _events.StreamStartEvent):
            raise _Defer
        start = self.next()
        if not isinstance(start, _events.DocumentStartEvent) or start.explicit or start.version or start.tags:
            raise _Defer
        value = self.node(self.next())
        if not isinstance(self.next(), _events.DocumentEndEvent):
            raise _Defer
        if not isinstance(self.next(), _events.StreamEndEvent):
            raise _Defer  # a second document
        return value

    def node(self, event: Any) -> Any:
        if getattr(event, "anchor", None) is not None:
            raise _Defer
        if isinstance(event, _events.ScalarEvent):
            return self.scalar(event)
        if getattr(event, "tag", None) is not None:
            raise _Defer
        if isinstance(event, _events.MappingStartEvent):
            return self.collection(event, self.mapping)
        if isinstance(event, _events.SequenceStartEvent):
            return self.collection(event, self.sequence)
        raise _Defer  # an alias

    def collection(self, event: Any, build: Any) -> Any:
        self.depth += 1
        if self.depth > self.max_depth:
            raise _Defer
        value = build(_line(event))
        self.depth -= 1
        return value

    def mapping(self, line: int) -> LinedMap:
        built = LinedMap()
        lines: dict[Any, int] = {}
        while True:
            event = self.next()
            if isinstance(event, _events.MappingEndEvent):
                break
            if not isinstance(event, _events.ScalarEvent) or event.anchor is not None:
                raise _Defer  # a list or mapping as a key
            key = self.scalar(event)
            if key in built or key == "<<" or not isinstance(key, (str, int, bool)):
                raise _Defer  # a duplicate is an error there, and "<<" a merge
            built[key] = self.node(self.next())
            lines[key] = _line(event)
        built.lc = LineNumbers(line, lines)
        return built

    def scalar(self, event: Any) -> Any:
        if event.tag is not None:
            raise _Defer
        value: str = event.value
        if event.style:  # quoted, literal or folded
            start, end = event.start_mark, event.end_mark
            self.text_spans.append(((start.line, start.column), (end.line, end.column)))
            return value
        if self.resolve(value) == _TEXT:
            return value
        if value in _PLAIN_VALUES:
            return _PLAIN_VALUES[value]
        if _DECIMAL.fullmatch(value):
            return int(value)
        if _FRACTION.fullmatch(value):
            return float(value)
        raise _Defer  # an octal, an exponent, a date...: as the round-trip reader builds them

    def resolve(self, value: str) -> str:
        """The tag YAML 1.2 gives a plain scalar."""
        return str(self.resolver.resolve(self.scalar_node, value, (True, False)))

    def sequence(self, line: int) -> LinedList:
        built = LinedList()
        lines: dict[Any, int] = {}
        while True:
            event = self.next()
            if isinstance(event, _events.SequenceEndEvent):
                break
            lines[len(built)] = _line(event)
            built.append(self.node(event))
        built.lc = LineNumbers(line, lines)
        return built


def _line(event: Any) -> int:
    return int(event.start_mark.line)


def _tabs(text: str) -> list[tuple[int, int]]:
    """(line, column) of every tab, both 0-based."""
    if "\t" not in text:
        return []
    return [(number, column) for number, line in enumerate(text.split("\n")) for column in _columns_of_tabs(line)]


def _columns_of_tabs(line: str) -> list[int]:
    return [column for column, char in enumerate(line) if char == "\t"]


def _all_inside(points: list[tuple[int, int]], spans: list[tuple[tuple[int, int], tuple[int, int]]]) -> bool:
    """Whether every point lies in one of the spans (in document order, apart)."""
    starts = [start for start, _ in spans]
    for point in points:
        at = bisect_right(starts, point) - 1
        if at < 0 or not point < spans[at][1]:
            return False
    return True
