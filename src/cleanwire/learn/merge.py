"""`learn --update`: new evidence merged into a rule file a person may have edited.

Rules a person wrote (any id `learn` did not make, or a learned rule whose
patterns were edited since) are left as they are, where they are. A fingerprint
in the outlet's `learned:` list whose rule is gone was rejected: it is not
learned again. Learned rules learned again are replaced (their support is new);
those the new pages no longer teach stay, as a person accepted them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cleanwire.learn.candidates import Candidate, Kind
from cleanwire.learn.learned import LearnedRule, fingerprint_in
from cleanwire.learn.render import quoted, rule_node


def read_for_update(path: Path) -> Any:
    """The rule file at ``path`` as a document to merge into and write back: its
    comments, key order and quoting kept (the loader has already vouched for it)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml.load(path.read_text(encoding="utf-8"))


def learned_fingerprints(document: Any) -> set[str]:
    outlet = document.get("outlet") or {}
    return {str(f) for f in outlet.get("learned") or []}


def untouched_learned(document: Any) -> dict[str, Any]:
    """The learned rules of ``document`` still as they were learned, by fingerprint."""
    found = {}
    for node in document.get("rules") or []:
        fingerprint = fingerprint_in(str(node.get("id", "")))
        if fingerprint is not None and _fingerprint_of(node) == fingerprint:
            found[fingerprint] = node
    return found


def rejected(document: Any) -> set[str]:
    """Fingerprints of learned rules a person deleted."""
    return learned_fingerprints(document) - set(untouched_learned(document))


def merge(document: Any, learned: Sequence[LearnedRule], domains: Sequence[str], signatures: Sequence[str]) -> Any:
    """``document`` (the parsed file, comments and all) with ``learned`` merged in."""
    old = untouched_learned(document)
    new = {rule.candidate.fingerprint: rule for rule in learned}
    rules = document.get("rules")
    if rules is None:
        rules = document["rules"] = CommentedSeq()
    kept_old = [node for node in rules if fingerprint_in(str(node.get("id", ""))) not in old]
    kept_old += [node for fingerprint, node in old.items() if fingerprint not in new]
    rules[:] = kept_old + [rule_node(rule) for rule in learned]
    outlet = document["outlet"]
    known = [str(d) for d in outlet.get("domains") or []]
    if set(domains) - set(known):  # as written otherwise: a person's file keeps its layout
        outlet["domains"] = CommentedSeq(sorted(set(known) | set(domains)))
    if not outlet.get("signatures"):
        outlet["signatures"] = CommentedSeq([quoted(s) for s in signatures])
    fingerprints = learned_fingerprints(document) | set(new)
    outlet["learned"] = CommentedSeq([quoted(f) for f in sorted(fingerprints)])
    return document


def _fingerprint_of(node: Any) -> str | None:
    """The fingerprint of a rule entry's patterns, as ``Candidate`` makes it."""
    kind: Kind
    patterns: tuple[str, ...]
    label = ""
    if "line" in node:
        kind, patterns = "line", (str(node["line"]),)
    elif "block" in node and isinstance(node["block"], CommentedMap | dict):
        kind, patterns = "block", (str(node["block"].get("start")), str(node["block"].get("end")))
    elif "truncate" in node and isinstance(node["truncate"], CommentedMap | dict):
        kind, patterns = "truncate", (str(node["truncate"].get("after")),)
    elif "context" in node and isinstance(node["context"], CommentedMap | dict):
        kind, patterns = "context", (str(node["context"].get("pattern")),)
        targets = node["context"].get("next_to") or []
        label = fingerprint_in(str(targets[0])) or "" if targets else ""
    else:
        return None
    return Candidate(kind, patterns, label=label).fingerprint
