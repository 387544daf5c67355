"""`cleanwire learn`: write an outlet's rule file from a corpus of its pages."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from cleanwire import exitcodes

if TYPE_CHECKING:
    from cleanwire.learn.policy import Policy
    from cleanwire.learn.sources import Fields, Page

EPILOG = (
    "Examples:\n\n"
    "  cleanwire learn pages/ --outlet example -o rules/example.yaml\n\n"
    "  cleanwire learn crawl.jsonl --group-by domain -o rules/\n\n"
    "  cleanwire learn more-pages/ --update rules/example.yaml   # keeps your rules and rejections\n\n"
    "Exit codes: 0 written, 2 usage or input error, "
    f"{exitcodes.TOO_FEW_PAGES} fewer pages than --min-docs (nothing written)."
)


class GroupBy(str, Enum):
    domain = "domain"


def _fail(message: str, code: int = exitcodes.INPUT_ERROR) -> typer.Exit:
    print(f"cleanwire: error: {message}", file=sys.stderr)
    return typer.Exit(code)


def _note(message: str) -> None:
    print(f"cleanwire: {message}", file=sys.stderr)


def learn(
    sources: Annotated[list[Path], typer.Argument(help="Files, folders of pages, or JSON Lines files (.jsonl).")],
    outlet: Annotated[Optional[str], typer.Option("--outlet", help="The outlet id the rules are for.")] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", help="The rule file to write (a folder with --group-by); stdout if not given."),
    ] = None,
    update: Annotated[
        Optional[Path],
        typer.Option("--update", help="Merge into this rule file: its own rules and rejected rules stay.", dir_okay=False),
    ] = None,
    group_by: Annotated[
        Optional[GroupBy], typer.Option("--group-by", help="Learn one outlet per registered domain of the URL field.")
    ] = None,
    min_docs: Annotated[int, typer.Option("--min-docs", min=2, help="Fewest pages an outlet is learned from.")] = 5,
    domain: Annotated[
        Optional[list[str]], typer.Option("--domain", help="A domain of the outlet, for `detect` (repeatable).")
    ] = None,
    text_field: Annotated[str, typer.Option("--text-field", help="JSON Lines field holding the page text.")] = "text",
    url_field: Annotated[str, typer.Option("--url-field", help="JSON Lines field holding the page URL.")] = "url",
) -> None:
    """Learn an outlet's rules from its pages and write them as a rule file."""
    from dataclasses import replace

    from cleanwire.learn.policy import Policy
    from cleanwire.learn.sources import Fields

    policy = replace(Policy(), min_docs=min_docs)
    fields = Fields(text_field, url_field)
    if group_by is not None:
        if outlet or update:
            raise _fail("--group-by learns every outlet of the sources; it takes neither --outlet nor --update")
        if output is None:
            raise _fail("--group-by needs -o FOLDER for the rule files")
        _learn_by_domain(sources, output, policy, fields)
        return
    _learn_one(sources, outlet, output, update, policy, fields, tuple(domain or ()))


def _learn_one(
    sources: list[Path],
    outlet: str | None,
    output: Path | None,
    update: Path | None,
    policy: Policy,
    fields: Fields,
    domains: tuple[str, ...],
) -> None:
    from cleanwire.learn.learner import TooFewPages, learn_outlet
    from cleanwire.learn.merge import merge, read_for_update, rejected
    from cleanwire.learn.render import dump
    from cleanwire.learn.sources import SourceError, read_pages
    from cleanwire.rules.loader import RuleFileError, load_rule_file

    document: Any = None
    if update is not None:
        try:
            existing = load_rule_file(update)
            document = read_for_update(update)
        except RuleFileError as exc:
            raise _fail(str(exc)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"{update}: {exc}") from None
        if existing.outlet is None:
            raise _fail(f"{update}: the generic rule file has no outlet to learn")
        if outlet and outlet != existing.outlet.id:
            raise _fail(f"{update} is the rule file of outlet {existing.outlet.id!r}, not {outlet!r}")
        outlet = existing.outlet.id
    if not outlet:
        raise _fail("say which outlet the pages are from: --outlet ID (or --group-by domain)")
    _check_outlet_id(outlet)

    def pages() -> Iterable[Page]:
        return read_pages(sources, fields)

    refused = frozenset(rejected(document)) if document is not None else frozenset()
    try:
        learned = learn_outlet(outlet, pages, policy, domains, refused)
    except SourceError as exc:
        raise _fail(str(exc)) from None
    except TooFewPages as exc:
        raise _fail(str(exc), exitcodes.TOO_FEW_PAGES) from None
    if document is not None:
        text = dump(merge(document, learned.rules, learned.outlet.domains, learned.outlet.signatures), header="")
        target: Path | None = output or update
    else:
        text = learned.yaml()
        target = output
    _write(text, target)
    _note(f"{outlet}: {len(learned.rules)} rules from {learned.pages} pages" + (f" written to {target}" if target else ""))


def _learn_by_domain(sources: list[Path], folder: Path, policy: Policy, fields: Fields) -> None:
    from cleanwire.learn.domains import outlet_id_for, registered_domain
    from cleanwire.learn.learner import TooFewPages, learn_outlet
    from cleanwire.learn.sources import SourceError, read_pages
    try:
        counts: Counter[str] = Counter(
            d for d in (registered_domain(p.url) for p in read_pages(sources, fields) if p.url) if d
        )
    except SourceError as exc:
        raise _fail(str(exc)) from None
    enough = sorted(d for d, n in counts.items() if n >= policy.min_docs)
    for domain in sorted(set(counts) - set(enough)):
        _note(f"{domain}: {counts[domain]} pages, fewer than --min-docs {policy.min_docs}; not learned")
    if not enough:
        raise _fail(
            f"no domain has {policy.min_docs} pages or more (--min-docs); nothing written", exitcodes.TOO_FEW_PAGES
        )
    ids = _outlet_ids(enough, outlet_id_for)
    folder.mkdir(parents=True, exist_ok=True)
    for domain in enough:

        def pages(domain: str = domain) -> Iterable[Page]:
            return (p for p in read_pages(sources, fields) if p.url and registered_domain(p.url) == domain)

        try:
            learned = learn_outlet(ids[domain], pages, policy, (domain,))
        except TooFewPages as exc:  # the pages of the domain changed since they were counted
            raise _fail(str(exc), exitcodes.TOO_FEW_PAGES) from None
        target = folder / f"{ids[domain]}.yaml"
        _write(learned.yaml(), target)
        _note(f"{ids[domain]}: {len(learned.rules)} rules from {learned.pages} pages of {domain} written to {target}")


def _outlet_ids(domains: list[str], make: Callable[[str], str]) -> dict[str, str]:
    """An outlet id per domain: its first label, or the whole domain where two share it."""
    firsts = Counter(make(d) for d in domains)
    return {d: make(d) if firsts[make(d)] == 1 else d.replace(".", "-") for d in domains}


def _check_outlet_id(outlet: str) -> None:
    import regex

    if not regex.fullmatch(r"[a-z0-9][a-z0-9_.-]*", outlet) or outlet in ("generic", "none", "auto"):
        raise _fail(f"outlet id {outlet!r} must be lowercase letters, digits, '.', '_' or '-' and not a reserved word")


def _write(text: str, target: Path | None) -> None:
    from cleanwire.files.atomic import atomic_write

    if target is None:
        sys.stdout.write(text)
        return
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise _fail(f"cannot write {target}: {exc.strerror or exc}") from None
