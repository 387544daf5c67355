"""The command line: parses arguments and hands each job to its module."""

from __future__ import annotations

import errno
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from cleanwire import __version__, exitcodes
from cleanwire.rules.model import Category
from cleanwire.settings.options import help_for

if TYPE_CHECKING:
    from rich.console import Console

    from cleanwire.pipeline.cleaner import Cleaner
    from cleanwire.rules.ruleset import RuleSet
    from cleanwire.settings.options import Settings

DEBUG_ENV = "CLEANWIRE_DEBUG"

app = typer.Typer(
    name="cleanwire",
    help="Strip boilerplate from scraped article text, and report every removal.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
rules_app = typer.Typer(
    help="List, show, test and lint rule files; apply a review of the HTML report.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
app.add_typer(rules_app, name="rules")

RulesOption = Annotated[
    Optional[list[Path]],
    typer.Option("--rules", help=help_for("rule_dirs"), file_okay=False, exists=True),
]
KeepOption = Annotated[
    Optional[list[Category]],
    typer.Option("--keep", help=help_for("keep"), case_sensitive=False),
]
EncodingOption = Annotated[
    Optional[str], typer.Option("--encoding", help=help_for("encoding"))
]
FixMojibakeOption = Annotated[
    Optional[bool],
    typer.Option("--fix-mojibake/--no-fix-mojibake", help=help_for("fix_mojibake"), show_default=False),
]
AllowLargeRemovalOption = Annotated[
    bool, typer.Option("--allow-large-removal", help="Do not refuse documents the rules would mostly remove.")
]
OutletOption = Annotated[
    Optional[str],
    typer.Option("--outlet", help=help_for("outlet")),
]
UrlOption = Annotated[Optional[str], typer.Option("--url", help=help_for("url"))]


class NormalizeChoice(str, Enum):
    """The values of ``Settings.normalize``, as the command line offers them."""

    SAFE = "safe"
    FULL = "full"
    NONE = "none"


class OutputEncodingChoice(str, Enum):
    """The values of ``Settings.output_encoding``, as the command line offers them."""

    INPUT = "input"
    UTF8 = "utf-8"


OutputEncodingOption = Annotated[
    Optional[OutputEncodingChoice],
    typer.Option("--output-encoding", help=help_for("output_encoding"), show_default="input"),
]
EnableOption = Annotated[Optional[list[str]], typer.Option("--enable", help=help_for("enable"), metavar="RULE")]
DisableOption = Annotated[Optional[list[str]], typer.Option("--disable", help=help_for("disable"), metavar="RULE")]
NormalizeOption = Annotated[
    Optional[NormalizeChoice],
    typer.Option("--normalize", help=help_for("normalize"), case_sensitive=False, show_default=False),
]
MaxSizeOption = Annotated[Optional[int], typer.Option("--max-size", min=1, help=help_for("max_size"))]


def _fail(message: str, code: int = exitcodes.INPUT_ERROR) -> typer.Exit:
    print(f"cleanwire: error: {message}", file=sys.stderr)
    return typer.Exit(code)


def _warn(message: str) -> None:
    print(f"cleanwire: warning: {message}", file=sys.stderr)


def _settings(allow_large_removal: bool = False, **flags: object) -> Settings:
    """The run's settings: defaults, then the project configuration, then ``flags``
    (``None`` where a flag was not given)."""
    from cleanwire.settings.configfile import ConfigError
    from cleanwire.settings.resolve import resolve

    try:
        return resolve(flags, allow_large_removal=allow_large_removal, warn=_warn)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


def _cleaning_flags(
    rules: list[Path] | None,
    outlet: str | None,
    keep: list[Category] | None,
    fix_mojibake: bool | None,
    encoding: str | None,
    max_size: int | None,
    normalize: NormalizeChoice | None,
    enable: list[str] | None,
    disable: list[str] | None,
) -> dict[str, object]:
    """The flags `strip` and `explain` share, by settings field."""
    return {
        "enable": enable,
        "disable": disable,
        "rule_dirs": rules,
        "outlet": outlet,
        "keep": [k.value for k in keep or []],
        "normalize": normalize.value if normalize else None,
        "fix_mojibake": fix_mojibake,
        "encoding": encoding,
        "max_size": max_size,
    }


def _load_rules(settings: Settings) -> RuleSet:
    from cleanwire.corpus.cache import default_cache_dir
    from cleanwire.rules.compiled import load_rules
    from cleanwire.rules.loader import RuleFileError, shipped_rules_dir

    try:
        return load_rules([shipped_rules_dir(), *settings.rule_dirs], default_cache_dir(), _warn)
    except RuleFileError as exc:
        raise _fail(str(exc)) from None


def _read_input(path: str, limit: int) -> bytes:
    """One document from a file or ``-`` (stdin), never more than ``limit`` bytes of it."""
    from cleanwire.files.reading import DocumentTooLarge, read_document, read_stream

    if path != "-":
        return read_document(Path(path), limit)[0]
    data, complete = read_stream(sys.stdin.buffer, limit)
    if not complete:
        raise DocumentTooLarge(None, limit)
    return data


def _make_cleaner(settings: Settings) -> Cleaner:
    from cleanwire.pipeline.cleaner import Cleaner, UnknownOutletError
    from cleanwire.rules.selection import UnknownRuleError

    try:
        return Cleaner(_load_rules(settings), settings)
    except (UnknownOutletError, UnknownRuleError) as exc:
        raise _fail(str(exc)) from None


def _version(value: bool) -> None:
    if value:
        print(f"cleanwire {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("-V", "--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=f"Show the traceback of an internal error (or set {DEBUG_ENV}=1).")
    ] = False,
) -> None:
    """Strip boilerplate from scraped article text, and report every removal."""
    if debug:
        os.environ[DEBUG_ENV] = "1"  # worker processes inherit it


@app.command(
    epilog=(
        "Examples:\n\n"
        "  cleanwire strip article.txt > clean.txt\n\n"
        "  extract page.html | cleanwire strip - --outlet none\n\n"
        "  extract page.html | cleanwire strip --url https://www.newsmax.com/a/1 --stdin-filename a.txt\n\n"
        "  cleanwire strip corpus/ -o clean/            # mirror a tree\n\n"
        "  cleanwire strip --in-place corpus/ --jobs 8\n\n"
        "  cleanwire strip --check corpus/              # exit 1 if any file would change\n\n"
        "  cleanwire strip --jsonl crawl.jsonl > clean.jsonl\n\n"
        "  cleanwire strip --jsonl 'crawl/*.jsonl.gz' -o clean/ --dask   # one shard per Dask task\n\n"
        "  cleanwire strip corpus/ -o clean/ --report removed.html   # review every removal\n\n"
        "Exit codes: 0 clean or cleaned, 1 --check found changes, 2 usage or input error, "
        "3 a guard refused a document."
    )
)
def strip(
    paths: Annotated[
        Optional[list[str]], typer.Argument(help="Files or directories to clean; '-' or nothing reads stdin.")
    ] = None,
    output_dir: Annotated[Optional[str], typer.Option("-o", "--output-dir", help=help_for("output_dir"))] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help=help_for("in_place"))] = False,
    check: Annotated[bool, typer.Option("--check", help=help_for("check"))] = False,
    diff: Annotated[bool, typer.Option("--diff", help=help_for("diff"))] = False,
    outlet: OutletOption = None,
    keep: KeepOption = None,
    enable: EnableOption = None,
    disable: DisableOption = None,
    jobs: Annotated[
        Optional[int], typer.Option("-j", "--jobs", min=1, help=help_for("jobs"))
    ] = None,
    include: Annotated[
        Optional[list[str]], typer.Option("--include", help=help_for("include"))
    ] = None,
    exclude: Annotated[
        Optional[list[str]], typer.Option("--exclude", help=help_for("exclude"))
    ] = None,
    force_exclude: Annotated[
        Optional[bool], typer.Option("--force-exclude", help=help_for("force_exclude"), show_default=False)
    ] = None,
    encoding: EncodingOption = None,
    output_encoding: OutputEncodingOption = None,
    normalize: NormalizeOption = None,
    fix_mojibake: FixMojibakeOption = None,
    allow_large_removal: AllowLargeRemovalOption = False,
    max_removal: Annotated[
        Optional[float],
        typer.Option(
            "--max-removal", min=0.01, max=1.0,
            help=help_for("max_removal"),
        ),
    ] = None,
    max_size: MaxSizeOption = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help=help_for("jsonl"))] = False,
    text_field: Annotated[str, typer.Option("--text-field", help=help_for("text_field"))] = "text",
    url_field: Annotated[
        str, typer.Option("--url-field", help=help_for("url_field"))
    ] = "url",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help=help_for("scheduler"))] = None,
    dask: Annotated[bool, typer.Option("--dask", help=help_for("local_cluster"))] = False,
    exit_non_zero_on_fix: Annotated[
        bool, typer.Option("--exit-non-zero-on-fix", help=help_for("fail_on_change"))
    ] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not skip files known to be clean.")] = False,
    report: Annotated[
        Optional[Path],
        typer.Option("--report", help=help_for("report"), dir_okay=False),
    ] = None,
    report_format: Annotated[
        Optional[str], typer.Option("--report-format", help=help_for("report_format"))
    ] = None,
    url: UrlOption = None,
    stdin_filename: Annotated[
        Optional[str], typer.Option("--stdin-filename", help=help_for("stdin_filename"))
    ] = None,
    rules: RulesOption = None,
    short_summary: Annotated[bool, typer.Option("--short-summary", help=help_for("short_summary"))] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help=help_for("quiet"))] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help=help_for("verbose"))] = False,
) -> None:
    """Clean article text: junk goes, article text stays."""
    from cleanwire.cli.strip import OutputError, UsageError, run_strip

    settings = _settings(
        allow_large_removal,
        **_cleaning_flags(rules, outlet, keep, fix_mojibake, encoding, max_size, normalize, enable, disable),
        max_removal=max_removal,
        output_encoding=output_encoding.value if output_encoding else None,
        include=include,
        exclude=exclude,
        force_exclude=force_exclude or None,
        output_dir=output_dir,
        in_place=in_place,
        check=check,
        diff=diff,
        fail_on_change=exit_non_zero_on_fix,
        jsonl=jsonl,
        text_field=text_field,
        url_field=url_field,
        scheduler=scheduler,
        local_cluster=dask,
        jobs=jobs,
        use_cache=not no_cache,
        report=report,
        report_format=report_format,
        url=url,
        stdin_filename=stdin_filename,
        short_summary=short_summary,
        quiet=quiet,
        verbose=verbose,
    )

    def make_cleaner() -> Cleaner:
        return _make_cleaner(settings)

    refusals: tuple[type[Exception], ...] = (UsageError,)
    if report is not None:  # only a run with a report can meet a report error; others skip its import
        from cleanwire.report.sink import ReportError

        refusals += (ReportError,)
    try:
        code = run_strip(settings, tuple(paths or ()), make_cleaner)
        sys.stdout.flush()
    except refusals as exc:
        raise _fail(str(exc)) from None
    except OutputError as exc:
        raise _stdout_failed(exc.cause) from None
    except BrokenPipeError as exc:
        raise _stdout_failed(exc) from None
    raise typer.Exit(code)


@app.command(epilog="Example:\n\n  cleanwire detect article.txt")
def detect(
    path: Annotated[str, typer.Argument(help="The file to look at; '-' for stdin.")],
    url: UrlOption = None,
    encoding: EncodingOption = None,
    max_size: MaxSizeOption = None,
    rules: RulesOption = None,
) -> None:
    """Say which outlet a file comes from, and the evidence."""
    from cleanwire.files.reading import DocumentTooLarge
    from cleanwire.pipeline.decode import InputError, decode
    from cleanwire.pipeline.detect import detect_outlet
    from cleanwire.pipeline.engine import RuleTimeoutError
    from cleanwire.pipeline.normalize import normalize_text
    from cleanwire.pipeline.ruleview import rule_text

    settings = _settings(rule_dirs=rules, url=url, encoding=encoding, max_size=max_size)
    ruleset = _load_rules(settings)
    try:
        data = _read_input(path, settings.max_size)
        normalized = normalize_text(decode(data, settings.encoding).text, mode=settings.normalize)
        text = rule_text(normalized) or normalized
    except (OSError, InputError, DocumentTooLarge) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _fail(f"{path}: {message}") from None
    try:
        found = detect_outlet(text, ruleset.outlets, url=settings.url)
    except RuleTimeoutError as exc:
        raise _fail(f"{path}: {exc}") from None
    if found.outlet:
        print(f"{path}: {found.outlet} ({ruleset.outlets[found.outlet].outlet.name}) by {found.method}")  # type: ignore[union-attr]
    else:
        print(f"{path}: no outlet (generic rules only)")
    for item in found.evidence:
        print(f"  {item}")


@app.command(
    epilog=(
        "Examples:\n\n  cleanwire explain article.txt\n\n  cleanwire explain --outlet none article.txt\n\n"
        "Exit codes: 0 the table was printed (also when a guard would refuse the document; it says so), "
        "2 usage or input error."
    )
)
def explain(
    path: Annotated[str, typer.Argument(help="The file to explain; '-' for stdin.")],
    outlet: OutletOption = None,
    keep: KeepOption = None,
    enable: EnableOption = None,
    disable: DisableOption = None,
    url: UrlOption = None,
    encoding: EncodingOption = None,
    normalize: NormalizeOption = None,
    fix_mojibake: FixMojibakeOption = None,
    allow_large_removal: AllowLargeRemovalOption = False,
    max_size: MaxSizeOption = None,
    rules: RulesOption = None,
) -> None:
    """Show every removal `strip` would make in one document: line, category, rule and text."""
    from cleanwire.files.reading import DocumentTooLarge
    from cleanwire.pipeline.decode import InputError
    from cleanwire.pipeline.engine import RuleTimeoutError
    from cleanwire.cli.explain import decisions_table, headline, normalization_line

    settings = _settings(
        allow_large_removal,
        **_cleaning_flags(rules, outlet, keep, fix_mojibake, encoding, max_size, normalize, enable, disable),
        url=url,
    )
    cleaner = _make_cleaner(settings)
    try:
        data = _read_input(path, settings.max_size)
        result = cleaner.clean_bytes(data, url=settings.url)
    except (OSError, InputError, RuleTimeoutError, DocumentTooLarge) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _fail(f"{path}: {message}") from None
    console = _console(highlight=False)
    try:
        console.print(headline(path, result), markup=False)
        console.print(normalization_line(result), markup=False)
        if result.decisions:
            console.print(decisions_table(result))
    except BrokenPipeError as exc:  # `| head`: the reader has all it wanted
        raise _stdout_failed(exc) from None


@app.command(
    epilog=(
        "Example:\n\n  cleanwire accept corpus/odd-page.txt\n\n"
        "Exit codes: 0 recorded, 2 a file is not refused (nothing to accept), unreadable, or the configuration "
        "cannot be written."
    )
)
def accept(
    paths: Annotated[
        list[Path], typer.Argument(help="Files a guard refuses that you have reviewed.", dir_okay=False, metavar="FILE...")
    ],
    rules: RulesOption = None,
) -> None:
    """Accept a reviewed refusal: record the file and its sha256 in the project configuration,
    so the file is left as it is and no longer fails `strip`, until it changes."""
    from cleanwire.corpus.accepted import digest
    from cleanwire.files.names import display
    from cleanwire.files.reading import DocumentTooLarge
    from cleanwire.pipeline.decode import InputError
    from cleanwire.pipeline.engine import RuleTimeoutError
    from cleanwire.settings.acceptlist import record_acceptances
    from cleanwire.settings.configfile import ConfigError

    settings = _settings(rule_dirs=rules)
    cleaner = _make_cleaner(settings)
    entries: dict[Path, str] = {}
    reasons: dict[Path, str] = {}
    for path in paths:
        try:
            data = _read_input(str(path), settings.max_size)
            result = cleaner.clean_bytes(data)
        except (OSError, InputError, RuleTimeoutError, DocumentTooLarge) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise _fail(f"{display(str(path))}: {message}") from None
        if result.refused is None:
            raise _fail(f"{display(str(path))}: no guard refuses it; nothing to accept")
        entries[path], reasons[path] = digest(data), result.refused
    try:
        written = record_acceptances(settings.config_file, Path.cwd(), entries)
    except (ConfigError, OSError) as exc:
        raise _fail(str(exc)) from None
    for path, reason in reasons.items():
        print(f"accepted {display(str(path))} in {display(str(written))} ({entries[path][:15]}...): {reason}")


@rules_app.command("list", epilog="Example:\n\n  cleanwire rules list --outlet newsmax")
def rules_list(
    outlet: Annotated[Optional[str], typer.Option("--outlet", help="Only this outlet's rules ('generic' for the generic set).")] = None,
    rules: RulesOption = None,
) -> None:
    """List every rule: id, category, kind and where it is defined."""
    from rich.table import Table

    ruleset = _load_rules(_settings(rule_dirs=rules))
    table = Table("rule", "category", "kind", "tests", "defined at", box=None)
    for rule_file in ruleset.files:
        if outlet and rule_file.id != outlet:
            continue
        for rule in rule_file.rules:
            table.add_row(rule.id, rule.category.value, rule.kind, str(len(rule.cases)), f"{rule.source.path.name}:{rule.source.line}")
    try:
        _console().print(table)
    except BrokenPipeError as exc:  # `| head`: the reader has all it wanted
        raise _stdout_failed(exc) from None


@rules_app.command("show", epilog="Examples:\n\n  cleanwire rules show newsmax\n\n  cleanwire rules show generic.repeated-line")
def rules_show(
    name: Annotated[str, typer.Argument(help="An outlet id ('generic' for the generic set) or a rule id.")],
    rules: RulesOption = None,
) -> None:
    """Show an outlet's rule file, or one rule as it is written."""
    ruleset = _load_rules(_settings(rule_dirs=rules))
    by_id = {f.id: f for f in ruleset.files}
    if name in by_id:
        sys.stdout.write(by_id[name].path.read_text(encoding="utf-8"))
        return
    rule = ruleset.rule(name)
    if rule is None:
        raise _fail(f"no outlet or rule named {name!r} (see 'cleanwire rules list')")
    source_lines = rule.source.path.read_text(encoding="utf-8").splitlines()
    start = rule.source.line - 1
    end = start + 1
    while end < len(source_lines) and not source_lines[end].lstrip().startswith("- id:") and (
        source_lines[end].startswith(" ") or not source_lines[end].strip()
    ):
        end += 1
    print(f"# {rule.source}")
    print("\n".join(source_lines[start:end]).rstrip())


@rules_app.command(
    "test",
    epilog=(
        "Examples:\n\n  cleanwire rules test --rules ./my-rules\n\n  cleanwire rules test newsmax generic.repeated-line\n\n"
        "  cleanwire rules test my-rules/outlet.yaml"
    ),
)
def rules_test(
    names: Annotated[
        Optional[list[str]],
        typer.Argument(help="Rule files, outlet ids ('generic' for the generic set) or rule ids (globs too); none: every case.", show_default=False),
    ] = None,
    rules: RulesOption = None,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="List every case, not only failures.")] = False,
) -> None:
    """Run the tests embedded in the rule files, or in those named; exit 1 if any fails."""
    from cleanwire.pipeline.selftest import UnknownSelection, run_all
    from cleanwire.report.diffview import unified_diff

    # A rule file named that no rule directory holds is loaded with its folder.
    from cleanwire.rules.loader import shipped_rules_dir

    shipped = shipped_rules_dir().resolve()
    extra = [Path(name).parent for name in names or () if Path(name).is_file() and Path(name).parent.resolve() != shipped]
    settings = _settings(rule_dirs=[*(rules or ()), *extra])
    try:
        results = run_all(_load_rules(settings), names or ())
    except UnknownSelection as exc:
        raise _fail(str(exc)) from None
    failed = [r for r in results if not r.passed]
    for result in results:
        if verbose and result.passed:
            print(f"ok   {result.name}")
    for result in failed:
        print(f"FAIL {result.name}")
        if result.error:
            print(f"  {result.error}")
        else:
            sys.stdout.write(unified_diff(result.expected, result.actual, "expected", after_label="got"))
    print(f"rules test: {len(results) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(exitcodes.CHANGED if failed else exitcodes.OK)


@rules_app.command("lint", epilog="Example:\n\n  cleanwire rules lint --rules ./my-rules")
def rules_lint(rules: RulesOption = None) -> None:
    """Check rule files: they load, every rule has tests, no pattern backtracks without end."""
    from cleanwire.rules.lint import lint

    findings = lint(_load_rules(_settings(rule_dirs=rules)))
    for finding in findings:
        print(finding)
    print(f"rules lint: {len(findings)} finding{'s' if len(findings) != 1 else ''}")
    raise typer.Exit(exitcodes.CHANGED if findings else exitcodes.OK)


def main() -> int:
    """Run the command line; whatever goes wrong, end with one line and an exit code."""
    try:
        app(standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else exitcodes.INPUT_ERROR)
    except MemoryError:
        return _internal_error("out of memory")
    except OSError as exc:
        if exc.errno not in (errno.EPIPE, errno.EBADF):
            return _internal_error(f"{type(exc).__name__}: {exc}")
        # A command's own output (help, a table) met a closed stdout or a reader gone.
        code = _stdout_failed(exc).exit_code
        return code if isinstance(code, int) else exitcodes.INPUT_ERROR
    except Exception as exc:
        return _internal_error(f"{type(exc).__name__}: {exc}")
    return exitcodes.OK


def _internal_error(what: str) -> int:
    """A bug or an exhausted resource: no traceback unless asked for."""
    import traceback

    if os.environ.get(DEBUG_ENV):
        traceback.print_exc()
        hint = ""
    else:
        hint = f" (set {DEBUG_ENV}=1 or pass --debug for the traceback)"
    try:
        print(f"cleanwire: internal error: {what}{hint}", file=sys.stderr)
    except (OSError, ValueError):
        pass  # stderr is gone too; the exit code still says it
    return exitcodes.INTERNAL_ERROR


def _console(**options: Any) -> Console:
    """A Rich console whose reader going away (`| head`) is a ``BrokenPipeError`` we
    end quietly on, as `strip` does, instead of Rich's exit code 1."""
    from rich.console import Console

    class QuietOnBrokenPipe(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, "the reader went away")

    return QuietOnBrokenPipe(**options)


def _stdout_failed(exc: OSError) -> typer.Exit:
    """Stdout cannot take more. A reader that went away (`| head`) ends the run
    quietly; anything else (a full disk) is an error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush cannot fail again
    if isinstance(exc, BrokenPipeError):
        return typer.Exit(exitcodes.OK)
    return _fail(f"cannot write to stdout: {exc.strerror or exc}")

from cleanwire.cli.learn import EPILOG as _LEARN_EPILOG, learn as _learn  # noqa: E402  (its own module)

app.command("learn", epilog=_LEARN_EPILOG)(_learn)

from cleanwire.cli.review import EPILOG as _REVIEW_EPILOG, review as _review  # noqa: E402  (its own module)

rules_app.command("review", epilog=_REVIEW_EPILOG)(_review)
