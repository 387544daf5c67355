"""`cleanwire rules review FILE`: apply the marks of a review file, downloaded
from the HTML report's page, to the rule files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cleanwire import exitcodes

EPILOG = (
    "Examples:\n\n"
    "  cleanwire rules review cleanwire-review.json --rules ./rules\n\n"
    "  cleanwire rules review cleanwire-review.json --rules ./rules --dry-run\n\n"
    "Exit codes: 0 applied (or nothing left to apply), 2 a bad review file, a rule that no longer exists, "
    "or a change the rule files would not pass `rules lint` or `rules test` with (nothing written)."
)


def _fail(message: str) -> typer.Exit:
    print(f"cleanwire: error: {message}", file=sys.stderr)
    return typer.Exit(exitcodes.INPUT_ERROR)


def review(
    review_file: Annotated[Path, typer.Argument(help="The review file the report's page downloaded.", dir_okay=False, metavar="FILE")],
    rules: Annotated[
        Optional[list[Path]],
        typer.Option(
            "--rules",
            help="Rule folders to load (repeatable; also from the configuration); the first gets reviewed copies of shipped files.",
            file_okay=False,
            exists=True,
        ),
    ] = None,
    generic: Annotated[
        bool, typer.Option("--generic", help="Also change the generic rules, for documents that had no outlet.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change; write nothing.")] = False,
) -> None:
    """Turn a review file's marks into protect entries, rules and tests in the right rule files."""
    from cleanwire.cli.app import _load_rules, _settings
    from cleanwire.files.atomic import atomic_write
    from cleanwire.learn.review import ReviewError, describe, plan_review
    from cleanwire.report.reviewfile import ReviewFileError, read_review_file

    settings = _settings(rule_dirs=rules)
    ruleset = _load_rules(settings)
    try:
        marks = read_review_file(review_file)
        edits = plan_review(marks, ruleset, settings.rule_dirs[0] if settings.rule_dirs else None, generic)
    except (ReviewFileError, ReviewError) as exc:
        raise _fail(str(exc)) from None
    changed = [edit for edit in edits if edit.changed]
    for line in describe(changed):
        print(line)
    if not dry_run:
        for edit in changed:
            try:
                atomic_write(edit.target, edit.new_text.encode("utf-8"), expect=edit.identity)
            except OSError as exc:
                raise _fail(f"cannot write {edit.target}: {exc.strerror or exc}") from None
    verb = "would change" if dry_run else "changed"
    if changed:
        print(f"rules review: {len(marks.marks)} marks; {verb} {len(changed)} rule file{'s' if len(changed) != 1 else ''}")
    else:
        print(f"rules review: {len(marks.marks)} marks; nothing to change (already applied)")
