"""Learned rules to YAML, as a rule file holds them; the same rules give the same bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from cleanwire.learn.learned import LearnedRule, learned_id
from cleanwire.rules.loader import FORMAT_VERSION


@dataclass(frozen=True)
class OutletBlock:
    id: str
    name: str
    domains: tuple[str, ...]
    signatures: tuple[str, ...]
    learned: tuple[str, ...]  # fingerprints of every learned rule the file has held


def quoted(pattern: str) -> str:
    quoted_pattern: str = SingleQuotedScalarString(pattern)
    return quoted_pattern


def text_scalar(text: str) -> str:
    return LiteralScalarString(text) if "\n" in text.rstrip("\n") else text


def rule_node(rule: LearnedRule) -> CommentedMap:
    candidate = rule.candidate
    node = CommentedMap()
    node["id"] = rule.id
    node["category"] = rule.category.value
    node["description"] = rule.description
    if candidate.kind == "line":
        node["line"] = quoted(candidate.patterns[0])
    elif candidate.kind == "block":
        node["block"] = CommentedMap(
            [("start", quoted(candidate.patterns[0])), ("end", quoted(candidate.patterns[1])), ("max_lines", candidate.max_lines)]
        )
    elif candidate.kind == "truncate":
        node["truncate"] = CommentedMap([("after", quoted(candidate.patterns[0]))])
    else:
        label = learned_id(rule.outlet, "line", candidate.label)
        node["context"] = CommentedMap(
            [("pattern", quoted(candidate.patterns[0])), ("next_to", CommentedSeq([label, rule.id])), ("side", "after")]
        )
    if rule.cases:
        cases = CommentedSeq()
        for case in rule.cases:
            entry = CommentedMap([("text", text_scalar(case.text))])
            if case.expect is not None:
                entry["expect"] = text_scalar(case.expect)
            cases.append(entry)
        node["tests"] = cases
    return node


def outlet_node(outlet: OutletBlock) -> CommentedMap:
    node = CommentedMap()
    node["id"] = outlet.id
    node["name"] = outlet.name
    node["domains"] = CommentedSeq(outlet.domains)
    node["signatures"] = CommentedSeq([quoted(s) for s in outlet.signatures])
    node["learned"] = CommentedSeq([quoted(fingerprint) for fingerprint in sorted(outlet.learned)])
    return node


def new_document(outlet: OutletBlock, rules: Sequence[LearnedRule]) -> CommentedMap:
    document = CommentedMap()
    document["format"] = FORMAT_VERSION
    document["outlet"] = outlet_node(outlet)
    document["rules"] = CommentedSeq([rule_node(rule) for rule in rules])
    return document


HEADER = (
    "# Learned by `cleanwire learn` from the outlet's pages. Review before use: delete\n"
    "# a rule to reject it (`learn --update` will not bring it back); rename a rule's\n"
    "# id to make it yours (`learn --update` never touches a rule it did not name).\n"
)


def dump(document: Any, header: str = HEADER) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(document, out)
    return header + out.getvalue() if header else out.getvalue()


def plain(node: Any) -> Any:
    """``node`` as plain dicts, lists and strings: what the loader reads from a
    file, without the positions a document made in code does not have."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, str):
        return str(node)
    return node
