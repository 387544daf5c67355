"""`cleanwire rules review`: a review file's marks as rule changes a person can read.

A removal marked wrong becomes a protect entry per line (the line, escaped and
anchored) and a test of the outlet's file that the lines stay in their context. A
kept line marked as junk becomes a line rule for exactly that line, with a test
that it goes. Both go into the rule file of the document's outlet; into the
generic set only when asked. A shipped file is never edited where it is
installed: the changes go into a copy in the rules folder given, which then
replaces the shipped file for that outlet. The edited YAML keeps its comments
and layout; it must load, lint no worse than before and pass every test of its
file, or nothing is written. Applying the same review file again changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cleanwire.files.reading import FileIdentity
from cleanwire.learn.merge import read_for_update
from cleanwire.learn.render import dump, quoted, text_scalar
from cleanwire.pipeline.normalize import normalize_text
from cleanwire.pipeline.selftest import iter_cases, run_case
from cleanwire.report.reviewfile import Mark, ReviewFile
from cleanwire.rules.lint import lint
from cleanwire.rules.loader import RuleFileError, parse_rule_file, shipped_rules_dir
from cleanwire.rules.model import RuleCase, RuleFile, Source
from cleanwire.rules.ruleset import RuleSet

ITEM_INDENT = 2  # where a top-level list's items start in a rule file
_SPECIAL = regex.compile(r"[\\^$.|?*+()\[\]{}]")
_INVISIBLE = regex.compile(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]")


class ReviewError(Exception):
    """The review cannot be applied; the message names the review file or the rule file."""


@dataclass
class FileEdit:
    """The changes to one rule file: its new text, and what was added, in words."""

    target: Path
    loaded: RuleFile  # the file the changes are made to, as loaded
    document: Any  # its YAML, comments and all
    old_text: str  # what ``target`` holds now ("" when it is a new copy)
    copied_from: Path | None = None
    identity: FileIdentity | None = None  # of ``target`` as read: it is replaced only if still that file
    added: list[str] = field(default_factory=list)
    cases: list[tuple[Mark, str]] = field(default_factory=list)  # (mark, test text) for file tests
    junk: list[Mark] = field(default_factory=list)  # kept lines marked as junk, to check they go
    new_text: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.added) and self.new_text != self.old_text


def plan_review(review: ReviewFile, rules: RuleSet, rules_dir: Path | None, generic: bool) -> list[FileEdit]:
    """The edits ``review`` asks for, checked: each file's new text loads, lints no
    worse and passes its tests. Nothing is written here."""
    edits: dict[str, FileEdit] = {}
    for mark in review.marks:
        loaded = _rule_file_for(mark, review.path, rules, generic)
        edit = edits.get(loaded.id)
        if edit is None:
            edit = edits[loaded.id] = _open_edit(loaded, rules_dir)
        _check_conflicts(mark, review)
        if mark.verdict == "keep":
            _keep(mark, edit)
        else:
            _remove(mark, edit)
    for edit in edits.values():
        _finish(edit, rules)
    return list(edits.values())


def _rule_file_for(mark: Mark, review: Path, rules: RuleSet, generic: bool) -> RuleFile:
    if mark.verdict == "keep" and mark.rule not in rules.by_id:
        raise ReviewError(
            f"{review}: {mark.where}: rule {mark.rule!r} no longer exists (renamed or deleted since the report); "
            "make a fresh report and review it again"
        )
    if mark.outlet is not None:
        found = rules.outlets.get(mark.outlet)
        if found is None:
            raise ReviewError(f"{review}: {mark.where}: no rule file for outlet {mark.outlet!r} (give its folder with --rules)")
        return found
    if not generic:
        raise ReviewError(
            f"{review}: {mark.where}: the document had no outlet, so the change belongs in the generic rules; "
            "pass --generic to write it there"
        )
    if rules.generic is None:
        raise ReviewError(f"{review}: {mark.where}: no generic rule file is loaded")
    return rules.generic


def _open_edit(loaded: RuleFile, rules_dir: Path | None) -> FileEdit:
    shipped = shipped_rules_dir().resolve()
    source = loaded.path
    target = source
    if source.resolve().parent == shipped:
        if rules_dir is None:
            raise ReviewError(
                f"the rules of {loaded.id!r} are the shipped file {source}, part of the installed package; "
                f"give --rules DIR to write a reviewed copy there (it then replaces the shipped {source.name})"
            )
        if rules_dir.resolve() != shipped:
            target = rules_dir / source.name
            if target.exists():
                raise ReviewError(f"{target} exists and is not the rule file of {loaded.id!r}; move it out of the way")
    try:
        identity = FileIdentity.of(source.stat()) if target == source else None
        document = read_for_update(source)
        old_text = source.read_text(encoding="utf-8") if target == source else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{source}: cannot read: {exc}") from None
    return FileEdit(target, loaded, document, old_text, source if target != source else None, identity)


def _check_conflicts(mark: Mark, review: ReviewFile) -> None:
    for other in review.marks:
        if other.number < mark.number and other.verdict != mark.verdict and other.source == mark.source:
            if other.first_line <= mark.last_line and mark.first_line <= other.last_line:
                raise ReviewError(
                    f"{review.path}: {mark.where} marks as {mark.verdict} what mark {other.number} marks as {other.verdict}"
                )


def exact_line(line: str) -> str:
    """A pattern for exactly ``line``, readable: only what regex reads specially is
    escaped, and control and invisible characters are written as escapes (``\\u200B``),
    so the rule file shows them and holds none of them."""
    return "^" + _INVISIBLE.sub(_escape_invisible, _SPECIAL.sub(r"\\\g<0>", line)) + "$"


def _escape_invisible(found: regex.Match[str]) -> str:
    code = ord(found.group())
    if code == 9:
        return "\\t"
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _keep(mark: Mark, edit: FileEdit) -> None:
    protect = _top_list(edit.document, "protect", after="outlet")
    patterns = {str(entry.get("pattern")) for entry in protect}
    ids = {str(entry.get("id")) for entry in protect}
    for number, line in enumerate(mark.text.split("\n"), mark.first_line):
        if not line.strip():
            continue
        pattern = exact_line(line)
        entry_id = f"review-keep-{_digest(pattern)}"
        if pattern in patterns or entry_id in ids:
            continue
        protect.append(CommentedMap([("id", entry_id), ("pattern", quoted(pattern))]))
        protect.yaml_set_comment_before_after_key(
            len(protect) - 1, before=f"reviewed: {mark.rule} removed this from {mark.source}, line {number}", indent=ITEM_INDENT
        )
        patterns.add(pattern)
        edit.added.append(f"protect {entry_id}: /{pattern}/ ({mark.where}, removed by {mark.rule})")
    edit.cases.append((mark, _in_context(mark)))


def _remove(mark: Mark, edit: FileEdit) -> None:
    rules = _top_list(edit.document, "rules", after="protect")
    ids = {str(node.get("id")) for node in rules}
    for number, line in enumerate(mark.text.split("\n"), mark.first_line):
        if not line.strip():
            continue
        pattern = exact_line(line)
        rule_id = f"{edit.loaded.id}.review-remove-{_digest(pattern)}"
        if rule_id in ids:
            continue
        node = CommentedMap()
        node["id"] = rule_id
        node["category"] = mark.category
        node["description"] = f"A line a reviewer marked as junk in {mark.source}, line {number}."
        node["line"] = quoted(pattern)
        tests = CommentedSeq([CommentedMap([("text", line + "\n"), ("expect", "")])])
        if edit.loaded.outlet is None:  # a generic rule must bound its reach and name text it leaves alone
            node["max_chars"] = len(line)
            tests.append(CommentedMap([("text", f"As quoted: {line}\n")]))
        node["tests"] = tests
        rules.append(node)
        rules.yaml_set_comment_before_after_key(len(rules) - 1, before="\n", indent=ITEM_INDENT)
        ids.add(rule_id)
        edit.added.append(f"rule {rule_id}: /{pattern}/, category {mark.category} ({mark.where})")
    edit.junk.append(mark)


def _in_context(mark: Mark) -> str:
    """The marked lines with their context, as a test's text."""
    lines = [*(mark.before.split("\n") if mark.before else []), *mark.text.split("\n"), *(mark.after.split("\n") if mark.after else [])]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n"


def _top_list(document: Any, key: str, after: str) -> Any:
    """The file's top-level list ``key``, made (after ``after``, or last) when missing."""
    found = document.get(key)
    if found is None:
        found = CommentedSeq()
        keys = list(document.keys())
        position = keys.index(after) + 1 if after in keys else len(keys)
        document.insert(position, key, found)
        if position < len(keys):  # a blank line between it and the next section
            document.yaml_set_comment_before_after_key(keys[position], before="\n")
        else:
            document.yaml_set_comment_before_after_key(key, before="\n")
    return found


def _finish(edit: FileEdit, rules: RuleSet) -> None:
    """Add each kept mark's test in context, with what the changed rules make of it,
    then check the whole file."""
    staged = _load(edit, rules)
    tests = edit.document.get("tests")
    known = {str(case.get("text")) for case in tests} if tests is not None else set()
    for mark, text in edit.cases:
        if text in known:
            continue
        actual = _clean_as_file(staged, edit, text)
        gone = [line for line in mark.text.split("\n") if line.strip() and line not in actual.split("\n")]
        if gone:
            raise ReviewError(f"{mark.where}: the protect entries did not keep {gone[0]!r}; the rules of {edit.loaded.id!r} need a hand")
        case = CommentedMap([("text", text_scalar(text))])
        if actual != normalize_text(text):
            case["expect"] = text_scalar(actual)
        _top_list(edit.document, "tests", after="rules").append(case)
        known.add(text)
        edit.added.append(f"test: {mark.where} stays, in its context" + (" (other lines go)" if "expect" in case else ""))
    staged = _load(edit, rules)
    for mark in edit.junk:
        left = _clean_as_file(staged, edit, _in_context(mark)).split("\n")
        kept = [line for line in mark.text.split("\n") if line.strip() and line in left]
        if kept:
            raise ReviewError(f"{mark.where}: the new rule does not remove {kept[0]!r}; a protect entry keeps it")
    before = set(lint(_alone(edit.loaded)))
    findings = [f for f in lint(_alone(staged.outlets.get(edit.loaded.id) or staged.generic)) if _unplaced(f) not in {_unplaced(b) for b in before}]
    if findings:
        raise ReviewError(f"{edit.target}: the reviewed file would not pass `rules lint`: {findings[0]}")
    for rule_file, rule, embedded in iter_cases(staged):
        if rule_file.id != edit.loaded.id:
            continue
        result = run_case(staged, rule_file, rule, embedded)
        if not result.passed:
            hint = ""
            if rule is not None and rule.id in {mark.rule for mark, _ in edit.cases}:
                hint = (
                    "; that rule's own test says a line marked to stay must go: if the rule is wrong, "
                    "delete it (`learn --update` does not bring a deleted learned rule back) or narrow its pattern"
                )
            raise ReviewError(f"{edit.target}: the reviewed file would fail `rules test`: {result.name}{hint}")


def _load(edit: FileEdit, rules: RuleSet) -> RuleSet:
    """The rule set with ``edit``'s file as it would be written."""
    edit.new_text = dump(edit.document, header="")
    try:
        changed = parse_rule_file(edit.new_text, edit.target)
    except RuleFileError as exc:
        raise ReviewError(f"the reviewed file would not load: {exc}") from None
    return RuleSet.from_files([changed if f.id == edit.loaded.id else f for f in rules.files])


def _alone(rule_file: RuleFile | None) -> RuleSet:
    assert rule_file is not None  # the file being edited is in the set it was loaded into
    return RuleSet.from_files([rule_file])


def _unplaced(finding: str) -> str:
    """A lint finding without its file and line, which the edit may move."""
    return regex.sub(r"^\S+:\d+: ", "", finding)


def _clean_as_file(staged: RuleSet, edit: FileEdit, text: str) -> str:
    rule_file = staged.outlets.get(edit.loaded.id) or staged.generic
    assert rule_file is not None
    return run_case(staged, rule_file, None, RuleCase(text, None, Source(edit.target, 1))).actual


def describe(edits: Sequence[FileEdit]) -> list[str]:
    """What a review did, a line each, for the terminal."""
    lines = []
    for edit in edits:
        if not edit.changed:
            continue
        where = f"{edit.target} (a copy of {edit.copied_from})" if edit.copied_from else str(edit.target)
        lines.append(f"{where}:")
        lines += [f"  + {what}" for what in edit.added]
    return lines
