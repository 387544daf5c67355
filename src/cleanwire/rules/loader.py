"""YAML rule files to validated, compiled ``RuleFile`` values.

Every error names the file, the line in it and, where there is one, the rule id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from cleanwire.files.reading import DocumentTooLarge, NotARegularFile, check_regular, read_document
from cleanwire.rules.kinds import KIND_NAMES
from cleanwire.rules.model import (
    CATEGORY_NAMES,
    FEATURE_NAMES,
    BlockMatch,
    Category,
    ClassifyMatch,
    ContextMatch,
    DedupeMatch,
    InlineMatch,
    LineMatch,
    Match,
    Outlet,
    Protect,
    Rule,
    RuleCase,
    RuleFile,
    PageShape,
    RunLimits,
    Source,
    TruncateMatch,
)
from cleanwire.rules.stopwords import UnknownLanguageError, stopword_list

if TYPE_CHECKING:
    from ruamel.yaml.composer import Composer

FORMAT_VERSION = 1
MAX_RULE_FILE_BYTES = 2 * 1024 * 1024
# Lists and mappings nested deeper than this are refused before the YAML library
# builds them: it does so recursively, and slows down with depth on the way.
MAX_YAML_DEPTH = 64
DEFAULT_BLOCK_MAX_LINES = 60
DEFAULT_DEDUPE_MIN_WORDS = 6
DEFAULT_SHORT_CHARS = 40
DEFAULT_GOOD_CHARS = 100
DEFAULT_STOPWORDS_LOW = 0.2
DEFAULT_STOPWORDS_HIGH = 0.3
DEFAULT_RUN_MIN_LINES = 5

_RULE_ID = regex.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_CLASSIFY_KEYS = {
    "languages", "short_chars", "good_chars", "stopwords_low", "stopwords_high", "features", "edges", "mixed",
    "min_lines", "min_menu_lines", "min_page_share", "runs", "dense_page", "page_max_removal",
    "keep_between_good", "keep_between_text", "keep_headings", "keep_code",
}  # fmt: skip
_RULE_KEYS = {"id", "category", "description", "max_chars", "max_per_text", "ignore_case", "tests", *KIND_NAMES}
_FILE_KEYS = {"format", "outlet", "protect", "rules", "tests"}
_OUTLET_KEYS = {"id", "name", "domains", "signatures", "min_signatures", "learned"}
_PROTECT_KEYS = {"id", "pattern", "ignore_case"}
_CASE_KEYS = {"text", "expect"}


class RuleFileError(Exception):
    """A rule file that cannot be used. ``str()`` reads ``file:line: [rule id:] message``."""

    def __init__(self, path: Path, line: int, message: str, rule_id: str | None = None) -> None:
        self.path = path
        self.line = line
        self.rule_id = rule_id
        self.message = message
        where = f"{path}:{line}"
        super().__init__(f"{where}: rule {rule_id}: {message}" if rule_id else f"{where}: {message}")


def shipped_rules_dir() -> Path:
    return Path(str(resources.files("cleanwire") / "rules" / "shipped"))


def rule_paths(directories: Iterable[Path]) -> list[Path]:
    paths: list[Path] = []
    for directory in directories:
        paths.extend(sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml")))
    return paths


Warn = Callable[[str], None]
# Compiled patterns by source and flags: filled as rule files are read, and
# consulted first, so the compiled cache can hand back what an earlier run compiled.
Compiled = dict[tuple[str, int], regex.Pattern[str]]


def load_rule_files(directories: Iterable[Path], warn: Warn | None = None) -> list[RuleFile]:
    """Load every rule file in ``directories``: see ``rule_files_from``."""
    return rule_files_from([(path, read_rule_document(path)) for path in rule_paths(directories)], warn)


def rule_files_from(
    documents: Iterable[tuple[Path, Any]], warn: Warn | None = None, compiled: Compiled | None = None
) -> list[RuleFile]:
    """Validate parsed rule files (``read_rule_document``'s). A file of the shipped
    rules is replaced by a later one with the same outlet id (``generic`` for the
    generic set), said aloud through ``warn`` for the generic set; two such files
    outside the shipped rules are an error naming both, so neither is dropped unseen."""
    shipped = shipped_rules_dir().resolve()
    by_id: dict[str, RuleFile] = {}
    for path, document in documents:
        rule_file = _FileReader(path, compiled).read(document)
        earlier = by_id.get(rule_file.id)
        if earlier is not None:
            _check_replaceable(earlier, rule_file, shipped, warn)
        by_id[rule_file.id] = rule_file
    files = list(by_id.values())
    _check_unique_rule_ids(files)
    return files


def _check_replaceable(earlier: RuleFile, later: RuleFile, shipped: Path, warn: Warn | None) -> None:
    what = "generic rule file (no 'outlet:' block)" if later.outlet is None else f"rule file for outlet {later.id!r}"
    if earlier.path.resolve().parent != shipped:
        raise RuleFileError(later.path, 1, f"a second {what}; the first is {earlier.path}")
    if later.outlet is None and warn is not None:
        warn(f"{later.path} has no 'outlet:' block, so it replaces the shipped generic rules ({earlier.path})")


def _check_unique_rule_ids(files: list[RuleFile]) -> None:
    seen: dict[str, Rule] = {}
    for rule_file in files:
        for rule in rule_file.rules:
            if rule.id in seen:
                first = seen[rule.id].source
                raise RuleFileError(
                    rule.source.path, rule.source.line, f"duplicate rule id (first defined at {first})", rule.id
                )
            seen[rule.id] = rule


def load_rule_file(path: Path) -> RuleFile:
    return _FileReader(path).read(read_rule_document(path))


def read_rule_document(path: Path) -> Any:
    """A rule file's parsed YAML. Anything but a regular file is refused by its type,
    before it is opened: a fifo would block, a device need not end."""
    try:
        info = path.stat()
        check_regular(info, path)
        size = info.st_size
        if size > MAX_RULE_FILE_BYTES:
            raise RuleFileError(path, 1, f"rule file is {size} bytes; the limit is {MAX_RULE_FILE_BYTES}")
        data, _ = read_document(path, MAX_RULE_FILE_BYTES)
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleFileError(path, 1, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except DocumentTooLarge:
        raise RuleFileError(path, 1, f"rule file grew over the limit of {MAX_RULE_FILE_BYTES} bytes") from None
    except NotARegularFile as exc:
        raise RuleFileError(path, 0, f"not a rule file: it {exc.strerror}") from None
    except OSError as exc:
        raise RuleFileError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    return _parse_yaml(text, path)


def parse_rule_file(text: str, path: Path) -> RuleFile:
    return _FileReader(path).read(_parse_yaml(text, path))


class _Refused(Exception):
    """A YAML construct rule files may not use, found while composing."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _rule_composer() -> type[Composer]:
    """ruamel's composer, refusing aliases and deep nesting as it meets them: one
    pass over the events instead of a checking pass before the loading one."""
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent, CollectionStartEvent
    from ruamel.yaml.nodes import MappingNode, ScalarNode

    class RuleComposer(Composer):
        collections = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.parser.peek_event()
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, AliasEvent):
                # A few lines of aliases can expand into billions of nodes (a
                # "YAML bomb"), and rule files have no use for them.
                raise _Refused(line, "YAML aliases (*name) are not allowed in rule files")
            nested = isinstance(event, CollectionStartEvent)
            if nested:
                self.collections += 1
                if self.collections > MAX_YAML_DEPTH:
                    raise _Refused(line, f"lists or mappings nested more than {MAX_YAML_DEPTH} deep")
            try:
                node = super().compose_node(parent, index)
            finally:
                if nested:
                    self.collections -= 1
            if isinstance(node, MappingNode):
                for key, _ in node.value:
                    if not isinstance(key, ScalarNode):
                        # ruamel cannot even check such a key for duplicates.
                        raise _Refused(key.start_mark.line + 1, "a list or mapping as a key is not allowed in rule files")
            return node

    return RuleComposer


def _parse_yaml(text: str, path: Path) -> Any:
    from cleanwire.rules import fastyaml  # imports libyaml: only a run that parses rule files pays for it

    quick = fastyaml.parse(text, MAX_YAML_DEPTH)
    return quick if quick is not None else _parse_yaml_round_trip(text, path)


def _parse_yaml_round_trip(text: str, path: Path) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.parser import Parser
    from ruamel.yaml.scanner import Scanner

    # The round-trip constructor gives every mapping and list its lines; its
    # scanner's and parser's comment keeping, half the parsing time, is of no use
    # to a reader of rules (`learn --update` keeps comments with a loader of its own).
    yaml = YAML(typ="rt")
    yaml.Scanner, yaml.Parser, yaml.Composer = Scanner, Parser, _rule_composer()
    try:
        return yaml.load(text)
    except _Refused as exc:
        raise RuleFileError(path, exc.line, exc.message) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise RuleFileError(path, line, f"invalid YAML: {exc.problem or exc.context}") from None
    except YAMLError as exc:
        raise RuleFileError(path, 1, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise RuleFileError(path, 1, "invalid YAML: nested too deeply") from None


def _line_of(node: Any, key: Any = None) -> int:
    """1-based line of a mapping key (or of the node itself) in the YAML source."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return 1
    try:
        if key is not None and isinstance(key, int):
            return int(lc.item(key)[0]) + 1
        if key is not None:
            return int(lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError):
        pass
    return int(lc.line) + 1


def _regex_error_details(exc: Exception) -> tuple[str, int | None]:
    """The message and position of a regex compile error: the regex package sets
    ``msg`` and ``pos`` on its errors, but its type stubs do not declare them."""
    message: str = getattr(exc, "msg", str(exc))
    position: int | None = getattr(exc, "pos", None)
    return message, position


class _FileReader:
    """Reads one parsed YAML document; holds the path so every error can name it."""

    def __init__(self, path: Path, compiled: Compiled | None = None) -> None:
        self.path = path
        self.compiled: Compiled = {} if compiled is None else compiled

    def fail(self, line: int, message: str, rule_id: str | None = None) -> RuleFileError:
        return RuleFileError(self.path, line, message, rule_id)

    def read(self, document: Any) -> RuleFile:
        if not isinstance(document, dict):
            raise self.fail(_line_of(document), "a rule file must be a mapping with 'format' and 'rules'")
        self.check_keys(document, _FILE_KEYS, "rule file")
        version = document.get("format")
        if version != FORMAT_VERSION:
            line = _line_of(document, "format") if "format" in document else 1
            raise self.fail(line, f"'format: {FORMAT_VERSION}' is required (found {version!r})")
        outlet = self.read_outlet(document["outlet"], document) if "outlet" in document else None
        rules = self.read_rules(document)
        protect = tuple(self.read_protect(document))
        cases = tuple(self.read_cases(document, None))
        return RuleFile(self.path, outlet, rules, protect, cases)

    def check_keys(self, node: dict[str, Any], allowed: set[str], what: str, rule_id: str | None = None) -> None:
        for key in node:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(_line_of(node, key), f"unknown key {key!r} in {what} (known: {known})", rule_id)

    def require(self, node: dict[str, Any], key: str, what: str, rule_id: str | None = None) -> Any:
        if key not in node or node[key] is None:
            raise self.fail(_line_of(node), f"{what} is missing required field {key!r}", rule_id)
        return node[key]

    def string(self, node: dict[str, Any], key: str, what: str, rule_id: str | None = None) -> str:
        value = self.require(node, key, what, rule_id)
        if not isinstance(value, str) or not value:
            raise self.fail(_line_of(node, key), f"{key!r} must be a non-empty string", rule_id)
        return value

    def integer(self, node: dict[str, Any], key: str, default: int, minimum: int, rule_id: str | None) -> int:
        value = node.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(_line_of(node, key), f"{key!r} must be an integer >= {minimum}", rule_id)
        return value

    def boolean(self, node: dict[str, Any], key: str, rule_id: str | None) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(_line_of(node, key), f"{key!r} must be true or false", rule_id)
        return value

    def pattern(
        self, node: dict[str, Any], key: str, rule_id: str | None, ignore_case: bool = False
    ) -> regex.Pattern[str]:
        source = self.string(node, key, f"rule {rule_id}" if rule_id else "entry", rule_id)
        flags = regex.IGNORECASE if ignore_case else 0
        return self.compile(source, flags, _line_of(node, key), f"{key!r}", rule_id)

    def compile(self, source: str, flags: int, line: int, what: str, rule_id: str | None = None) -> regex.Pattern[str]:
        # str(): plain strings, not the YAML library's subclasses.
        key = (str(source), flags)
        if key in self.compiled:
            return self.compiled[key]
        try:
            pattern = self.compiled[key] = regex.compile(*key)
            return pattern
        except regex.error as exc:
            message, at = _regex_error_details(exc)
            position = f" at position {at}" if at is not None else ""
            raise self.fail(line, f"bad regex in {what}: {message}{position}", rule_id) from None
        except RecursionError:
            raise self.fail(line, f"bad regex in {what}: groups nested too deeply", rule_id) from None

    def read_outlet(self, node: Any, document: dict[str, Any]) -> Outlet:
        if not isinstance(node, dict):
            raise self.fail(_line_of(document, "outlet"), "'outlet' must be a mapping")
        self.check_keys(node, _OUTLET_KEYS, "outlet")
        outlet_id = self.string(node, "id", "outlet")
        if not _RULE_ID.match(outlet_id) or outlet_id in ("generic", "none", "auto"):
            raise self.fail(_line_of(node, "id"), f"outlet id {outlet_id!r} must be lowercase letters, digits, '.', '_' or '-' and not a reserved word")
        name = str(node.get("name") or outlet_id)
        domains = self.string_list(node, "domains")
        signatures = []
        raw_signatures = node.get("signatures") or []
        if not isinstance(raw_signatures, list):
            raise self.fail(_line_of(node, "signatures"), "'signatures' must be a list of regexes")
        for i, source in enumerate(raw_signatures):
            if not isinstance(source, str) or not source:
                raise self.fail(_line_of(raw_signatures, i), "each signature must be a non-empty regex string")
            signatures.append(self.compile(source, regex.MULTILINE, _line_of(raw_signatures, i), "signature"))
        min_signatures = self.integer(node, "min_signatures", 1, 1, None)
        learned = tuple(self.string_list(node, "learned"))
        return Outlet(
            str(outlet_id), name, tuple(str(d).lower() for d in domains), tuple(signatures), min_signatures, learned
        )

    def string_list(self, node: dict[str, Any], key: str) -> list[str]:
        value = node.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(_line_of(node, key), f"{key!r} must be a list of strings")
        return list(value)

    def read_protect(self, document: dict[str, Any]) -> Iterator[Protect]:
        entries = document.get("protect") or []
        if not isinstance(entries, list):
            raise self.fail(_line_of(document, "protect"), "'protect' must be a list")
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise self.fail(_line_of(entries, i), "each protect entry needs 'id' and 'pattern'")
            self.check_keys(entry, _PROTECT_KEYS, "protect entry")
            protect_id = self.string(entry, "id", "protect entry")
            ignore_case = self.boolean(entry, "ignore_case", protect_id)
            pattern = self.pattern(entry, "pattern", protect_id, ignore_case)
            yield Protect(str(protect_id), pattern, Source(self.path, _line_of(entries, i)))

    def read_rules(self, document: dict[str, Any]) -> tuple[Rule, ...]:
        entries = document.get("rules") or []
        if not isinstance(entries, list):
            raise self.fail(_line_of(document, "rules"), "'rules' must be a list")
        rules: list[Rule] = []
        seen: dict[str, int] = {}
        for i, entry in enumerate(entries):
            line = _line_of(entries, i)
            if not isinstance(entry, dict):
                raise self.fail(line, "each rule must be a mapping with 'id', 'category' and one match kind")
            rule = self.read_rule(entry, line)
            if rule.id in seen:
                raise self.fail(line, f"duplicate rule id (first defined at line {seen[rule.id]})", rule.id)
            seen[rule.id] = line
            rules.append(rule)
        self.check_context_targets(rules)
        return tuple(rules)

    def read_rule(self, entry: dict[str, Any], line: int) -> Rule:
        rule_id = entry.get("id")
        if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
            raise self.fail(line, "rule needs an 'id' of lowercase letters, digits, '.', '_' or '-'")
        self.check_keys(entry, _RULE_KEYS, "rule", rule_id)
        category_name = self.require(entry, "category", "rule", rule_id)
        if category_name not in CATEGORY_NAMES:
            raise self.fail(
                _line_of(entry, "category"),
                f"unknown category {category_name!r} (known: {', '.join(CATEGORY_NAMES)})",
                rule_id,
            )
        kinds = [k for k in KIND_NAMES if k in entry]
        if len(kinds) != 1:
            raise self.fail(line, f"a rule needs exactly one of {', '.join(KIND_NAMES)} (found {len(kinds)})", rule_id)
        ignore_case = self.boolean(entry, "ignore_case", rule_id)
        match = MATCH_READERS[kinds[0]](self, entry, rule_id, ignore_case)
        max_chars = entry.get("max_chars")
        if max_chars is not None:
            max_chars = self.integer(entry, "max_chars", 0, 1, rule_id)
        max_per_text = entry.get("max_per_text")
        if max_per_text is not None:
            if kinds[0] != "line":
                raise self.fail(_line_of(entry, "max_per_text"), "'max_per_text' is for line rules", rule_id)
            max_per_text = self.integer(entry, "max_per_text", 0, 1, rule_id)
        description = entry.get("description") or ""
        if not isinstance(description, str):
            raise self.fail(_line_of(entry, "description"), "'description' must be a string", rule_id)
        cases = tuple(self.read_cases(entry, rule_id))
        return Rule(
            id=str(rule_id),
            category=Category(category_name),
            match=match,
            source=Source(self.path, line),
            description=" ".join(description.split()),
            max_chars=max_chars,
            cases=cases,
            max_per_text=max_per_text,
        )

    # One reader per kind of rule (see MATCH_READERS): each reads its kind's key of
    # a rule entry.

    def read_line(self, entry: dict[str, Any], rule_id: str, ignore_case: bool) -> LineMatch:
        return LineMatch(self.pattern(entry, "line", rule_id, ignore_case))

    def read_inline(self, entry: dict[str, Any], rule_id: str, ignore_case: bool) -> InlineMatch:
        pattern = self.pattern(entry, "inline", rule_id, ignore_case)
        if pattern.search(""):
            raise self.fail(_line_of(entry, "inline"), "an inline pattern must not match the empty string", rule_id)
        return InlineMatch(pattern)

    def mapping(self, entry: dict[str, Any], kind: str, rule_id: str) -> dict[str, Any]:
        value = entry[kind]
        if not isinstance(value, dict):
            raise self.fail(_line_of(entry, kind), f"{kind!r} must be a mapping", rule_id)
        return value

    def read_block(self, entry: dict[str, Any], rule_id: str, ignore_case: bool) -> BlockMatch:
        node = self.mapping(entry, "block", rule_id)
        self.check_keys(node, {"start", "end", "lines", "to_end", "max_lines"}, "block", rule_id)
        start = self.pattern(node, "start", rule_id, ignore_case)
        ends = [k for k in ("end", "lines", "to_end") if k in node]
        if len(ends) != 1:
            raise self.fail(_line_of(node), "a block needs exactly one of 'end', 'lines' or 'to_end'", rule_id)
        if ends[0] == "end":
            end = self.pattern(node, "end", rule_id, ignore_case)
            max_lines = self.integer(node, "max_lines", DEFAULT_BLOCK_MAX_LINES, 1, rule_id)
            return BlockMatch(start, end, max_lines, to_end=False)
        if "max_lines" in node:
            raise self.fail(_line_of(node, "max_lines"), "'max_lines' only goes with 'end'", rule_id)
        if ends[0] == "lines":
            return BlockMatch(start, None, self.integer(node, "lines", 1, 1, rule_id), to_end=False)
        if node["to_end"] is not True:
            raise self.fail(_line_of(node, "to_end"), "'to_end' must be true", rule_id)
        return BlockMatch(start, None, 0, to_end=True)

    def read_truncate(self, entry: dict[str, Any], rule_id: str, ignore_case: bool) -> TruncateMatch:
        node = self.mapping(entry, "truncate", rule_id)
        self.check_keys(node, {"after", "before"}, "truncate", rule_id)
        directions = [k for k in ("after", "before") if k in node]
        if len(directions) != 1:
            raise self.fail(_line_of(node), "truncate needs exactly one of 'after' or 'before'", rule_id)
        direction = directions[0]
        marker = self.pattern(node, direction, rule_id, ignore_case)
        return TruncateMatch(marker, "after" if direction == "after" else "before")

    def read_context(self, entry: dict[str, Any], rule_id: str, ignore_case: bool) -> ContextMatch:
        node = self.mapping(entry, "context", rule_id)
        self.check_keys(node, {"pattern", "next_to", "side", "not_before", "same_marker", "across_blank"}, "context", rule_id)
        pattern = self.pattern(node, "pattern", rule_id, ignore_case)
        targets = self.require(node, "next_to", "context", rule_id)
        if isinstance(targets, str):
            targets = [targets]
        if not isinstance(targets, list) or not targets or not all(isinstance(t, str) for t in targets):
            raise self.fail(_line_of(node, "next_to"), "'next_to' must be a rule id or a list of them", rule_id)
        side = node.get("side", "either")
        if side not in ("before", "after", "either"):
            raise self.fail(_line_of(node, "side"), "'side' must be before, after or either", rule_id)
        not_before = self.pattern(node, "not_before", rule_id, ignore_case) if "not_before" in node else None
        same_marker, across_blank = (node.get(key, False) for key in ("same_marker", "across_blank"))
        for key, value in (("same_marker", same_marker), ("across_blank", across_blank)):
            if not isinstance(value, bool):
                raise self.fail(_line_of(node, key), f"'{key}' must be true or false", rule_id)
        return ContextMatch(
            pattern,
            tuple(str(t) for t in targets),
            "either" if side == "either" else "before" if side == "before" else "after",
            not_before,
            same_marker,
            across_blank,
        )

    def read_dedupe(self, entry: dict[str, Any], rule_id: str, ignore_case: bool) -> DedupeMatch:
        value = entry["dedupe"]
        min_words = DEFAULT_DEDUPE_MIN_WORDS
        if isinstance(value, dict):
            self.check_keys(value, {"mode", "min_words"}, "dedupe", rule_id)
            min_words = self.integer(value, "min_words", DEFAULT_DEDUPE_MIN_WORDS, 1, rule_id)
            mode = value.get("mode")
        else:
            mode = value
        if mode == "verbatim":
            return DedupeMatch("verbatim", min_words)
        if mode == "teaser":
            return DedupeMatch("teaser", min_words)
        if mode == "nearby":
            return DedupeMatch("nearby", min_words)
        raise self.fail(_line_of(entry, "dedupe"), "dedupe mode must be 'verbatim', 'nearby' or 'teaser'", rule_id)

    def share(self, node: dict[str, Any], key: str, default: float, rule_id: str) -> float:
        value = node.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise self.fail(_line_of(node, key), f"{key!r} must be a number from 0 to 1", rule_id)
        return float(value)

    def read_classify(self, entry: dict[str, Any], rule_id: str, ignore_case: bool) -> ClassifyMatch:
        node = self.mapping(entry, "classify", rule_id)
        self.check_keys(node, _CLASSIFY_KEYS, "classify", rule_id)
        languages = self.require(node, "languages", "classify", rule_id)
        if not isinstance(languages, list) or not languages or not all(isinstance(x, str) for x in languages):
            raise self.fail(_line_of(node, "languages"), "'languages' must be a list of ISO 639-1 codes", rule_id)
        lists = []
        for i, language in enumerate(languages):
            try:
                lists.append(stopword_list(language))
            except UnknownLanguageError as exc:
                raise self.fail(_line_of(languages, i), str(exc), rule_id) from None
        features = node.get("features", list(FEATURE_NAMES))
        if not isinstance(features, list) or not all(f in FEATURE_NAMES for f in features):
            raise self.fail(
                _line_of(node, "features"), f"'features' must be a list of: {', '.join(FEATURE_NAMES)}", rule_id
            )
        edges = node.get("edges", "bad")
        if edges not in ("bad", "neutral"):
            raise self.fail(_line_of(node, "edges"), "'edges' must be bad or neutral", rule_id)
        mixed = node.get("mixed", "drop")
        if mixed not in ("drop", "keep"):
            raise self.fail(_line_of(node, "mixed"), "'mixed' must be drop or keep", rule_id)
        low = self.share(node, "stopwords_low", DEFAULT_STOPWORDS_LOW, rule_id)
        high = self.share(node, "stopwords_high", DEFAULT_STOPWORDS_HIGH, rule_id)
        if low > high:
            raise self.fail(_line_of(node, "stopwords_low"), "'stopwords_low' must not exceed 'stopwords_high'", rule_id)
        return ClassifyMatch(
            languages=tuple(languages),
            stopword_lists=tuple(lists),
            short_chars=self.integer(node, "short_chars", DEFAULT_SHORT_CHARS, 1, rule_id),
            good_chars=self.integer(node, "good_chars", DEFAULT_GOOD_CHARS, 1, rule_id),
            stopwords_low=low,
            stopwords_high=high,
            features=frozenset(features),
            edges="bad" if edges == "bad" else "neutral",
            mixed="drop" if mixed == "drop" else "keep",
            page_shapes=(self.page_shape(node, rule_id),)
            + ((self.page_shape(self.dense_page(node, rule_id), rule_id),) if "dense_page" in node else ()),
            runs=self.read_runs(node, tuple(lists), rule_id) if "runs" in node else None,
            page_max_removal=self.share(node, "page_max_removal", 0.0, rule_id) if "page_max_removal" in node else None,
            keep_between_good=self.integer(node, "keep_between_good", 0, 0, rule_id),
            keep_between_text=self.integer(node, "keep_between_text", 0, 0, rule_id),
            keep_headings=self.integer(node, "keep_headings", 0, 0, rule_id),
            keep_code=self.integer(node, "keep_code", 0, 0, rule_id),
        )

    def dense_page(self, parent: dict[str, Any], rule_id: str) -> dict[str, Any]:
        node = parent["dense_page"]
        if not isinstance(node, dict):
            raise self.fail(_line_of(parent, "dense_page"), "'dense_page' must be a mapping", rule_id)
        self.check_keys(node, {"min_lines", "min_menu_lines", "min_page_share"}, "dense_page", rule_id)
        return node

    def page_shape(self, node: dict[str, Any], rule_id: str) -> PageShape:
        return PageShape(
            min_lines=self.integer(node, "min_lines", 0, 0, rule_id),
            min_menu_lines=self.integer(node, "min_menu_lines", 0, 0, rule_id),
            min_page_share=self.share(node, "min_page_share", 0.0, rule_id),
        )

    def read_runs(self, node: dict[str, Any], lists: tuple[frozenset[str], ...], rule_id: str) -> RunLimits:
        runs = node["runs"]
        if not isinstance(runs, dict):
            raise self.fail(_line_of(node, "runs"), "'runs' must be a mapping", rule_id)
        self.check_keys(runs, {"min_lines", "max_stopwords", "max_punctuated", "max_digits"}, "runs", rule_id)
        return RunLimits(
            min_lines=self.integer(runs, "min_lines", DEFAULT_RUN_MIN_LINES, 2, rule_id),
            max_stopwords=self.share(runs, "max_stopwords", 0.1, rule_id),
            max_punctuated=self.share(runs, "max_punctuated", 0.2, rule_id),
            max_digits=self.share(runs, "max_digits", 0.3, rule_id),
            stopword_lists=lists,
        )

    def check_context_targets(self, rules: list[Rule]) -> None:
        ids = {r.id for r in rules}
        for rule in rules:
            if isinstance(rule.match, ContextMatch):
                for target in rule.match.next_to:
                    if target not in ids:
                        raise self.fail(rule.source.line, f"'next_to' names {target!r}, which is not a rule in this file", rule.id)
                if set(rule.match.next_to) == {rule.id}:
                    raise self.fail(
                        rule.source.line, "'next_to' names only the rule itself, so nothing can start it", rule.id
                    )

    def read_cases(self, node: dict[str, Any], rule_id: str | None) -> Iterator[RuleCase]:
        entries = node.get("tests") or []
        if not isinstance(entries, list):
            raise self.fail(_line_of(node, "tests"), "'tests' must be a list of {text, expect} cases", rule_id)
        for i, entry in enumerate(entries):
            line = _line_of(entries, i)
            if not isinstance(entry, dict):
                raise self.fail(line, "each test needs 'text' (and 'expect' unless the text must stay)", rule_id)
            self.check_keys(entry, _CASE_KEYS, "test", rule_id)
            text = entry.get("text")
            expect = entry.get("expect")
            if not isinstance(text, str) or (expect is not None and not isinstance(expect, str)):
                raise self.fail(line, "a test's 'text' and 'expect' must be strings", rule_id)
            yield RuleCase(str(text), None if expect is None else str(expect), Source(self.path, line))


# The reader of each kind in rules/kinds.py, by the kind's key in a rule entry.
MATCH_READERS: dict[str, Callable[[_FileReader, dict[str, Any], str, bool], Match]] = {
    "line": _FileReader.read_line,
    "block": _FileReader.read_block,
    "truncate": _FileReader.read_truncate,
    "inline": _FileReader.read_inline,
    "context": _FileReader.read_context,
    "dedupe": _FileReader.read_dedupe,
    "classify": _FileReader.read_classify,
}
