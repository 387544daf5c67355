"""The loaded rule files: the generic set plus one file per outlet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from pathlib import Path

import regex

from cleanwire.rules.kinds import patterns_of
from cleanwire.rules.loader import RuleFileError, Warn, load_rule_files, shipped_rules_dir
from cleanwire.rules.model import Protect, Rule, RuleFile
from cleanwire.rules.literals import LiteralIndex
from cleanwire.rules.support import Support, learned_supports


@dataclass(frozen=True)
class RuleSet:
    generic: RuleFile | None
    outlets: dict[str, RuleFile]
    # Literals already worked out for some patterns (by the compiled cache), so a
    # run does not redo it at start-up.
    known_literals: InitVar[Mapping[tuple[str, bool], tuple[str, ...]] | None] = None
    # The prefilter's literals of these rules' patterns. Only this rule set's
    # matching reads them.
    literals: LiteralIndex = field(init=False, compare=False, repr=False)

    def __post_init__(self, known_literals: Mapping[tuple[str, bool], tuple[str, ...]] | None) -> None:
        object.__setattr__(self, "literals", LiteralIndex.of(_prefiltered_patterns(self.files), known_literals))

    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = (), include_shipped: bool = True, warn: Warn | None = None) -> RuleSet:
        """Shipped rules first, then ``extra_dirs`` in order; later files override
        shipped ones with the same outlet id (``generic`` for the generic set)."""
        directories = ([shipped_rules_dir()] if include_shipped else []) + list(extra_dirs)
        return cls.from_directories(directories, warn)

    @classmethod
    def from_directories(cls, directories: Sequence[Path], warn: Warn | None = None) -> RuleSet:
        return cls.from_files(load_rule_files(directories, warn))

    @classmethod
    def from_files(
        cls, files: Sequence[RuleFile], known_literals: Mapping[tuple[str, bool], tuple[str, ...]] | None = None
    ) -> RuleSet:
        generics = [f for f in files if f.outlet is None]
        if len(generics) > 1:
            raise RuleFileError(generics[1].path, 1, f"a second generic rule file (the first is {generics[0].path})")
        generic = generics[0] if generics else None
        return cls(generic, {f.id: f for f in files if f.outlet is not None}, known_literals)

    @property
    def files(self) -> list[RuleFile]:
        return ([self.generic] if self.generic else []) + [self.outlets[k] for k in sorted(self.outlets)]

    def active(self, outlet: str | None) -> tuple[list[Rule], list[Protect]]:
        """Rules for a document of ``outlet``: the outlet's own first, so the report
        names the most specific rule, then the generic set."""
        chosen = [self.outlets[outlet]] if outlet in self.outlets else []
        if self.generic:
            chosen.append(self.generic)
        rules = [rule for f in chosen for rule in f.rules]
        protect = [entry for f in chosen for entry in f.protect]
        return rules, protect

    def rule(self, rule_id: str) -> Rule | None:
        return self.by_id.get(rule_id)

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        """Every rule of every file by its id (ids are unique across files)."""
        return {rule.id: rule for rule_file in self.files for rule in rule_file.rules}

    @cached_property
    def supports(self) -> dict[str, Support]:
        """The support of each learned rule, by rule id (the report shows it)."""
        return learned_supports(self.files)


def _prefiltered_patterns(files: Sequence[RuleFile]) -> Iterator[regex.Pattern[str]]:
    """Every pattern the engine looks for line by line: protect entries' and rules'."""
    for rule_file in files:
        yield from (entry.pattern for entry in rule_file.protect)
        for rule in rule_file.rules:
            yield from patterns_of(rule)
