"""`cleanwire strip`: settle the options, then clean stdin, one file, a batch or JSON Lines."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from cleanwire import exitcodes
from cleanwire.cli.summary import Summary
from cleanwire.files.names import STDIN, display_input
from cleanwire.files.reading import DEFAULT_MAX_BYTES, size_of
from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.report.diffview import colour_diff, colour_wanted
from cleanwire.report.outcome import Outcome, RecordDetail
from cleanwire.report.record import DocumentStatus

if TYPE_CHECKING:
    # Only a run with --report needs these: not imported otherwise, for start-up time.
    from cleanwire.report.sink import ReportSink

CleanerFactory = Callable[[], Cleaner]


class UsageError(Exception):
    """Options that do not go together. The CLI turns it into exit code 2."""


class OutputError(Exception):
    """Stdout would not take what we wrote (closed pipe, full disk)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _GuardedOutput:
    """Stdout whose write errors surface as ``OutputError``, never as a traceback."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        try:
            return self.stream.write(data)
        except OSError as exc:
            raise OutputError(exc) from None


@dataclass(frozen=True)
class StripRequest:
    """Everything `strip` was asked to do, command-line flags already merged over config."""

    inputs: tuple[str, ...] = ()
    output_dir: Path | None = None
    in_place: bool = False
    check: bool = False
    diff: bool = False
    fail_on_change: bool = False
    jobs: int = 1
    include: tuple[str, ...] = ("*.txt",)
    exclude: tuple[str, ...] = ()
    encoding: str | None = None
    jsonl: bool = False
    text_field: str = "text"
    url_field: str = "url"
    use_cache: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    quiet: bool = False
    verbose: bool = False
    rule_dirs: tuple[Path, ...] = ()
    cleaner_options: dict[str, object] = field(default_factory=dict)
    report: Path | None = None
    report_format: str | None = None

    @property
    def reads_stdin(self) -> bool:
        return not self.inputs or self.inputs == (STDIN,)


def validate(request: StripRequest) -> None:
    if request.in_place and request.output_dir:
        raise UsageError("--in-place and -o/--output-dir do not go together")
    if (request.check or request.diff) and (request.in_place or request.output_dir):
        raise UsageError("--check and --diff write nothing; drop --in-place and -o")
    if request.reads_stdin and (request.in_place or request.output_dir):
        raise UsageError("stdin goes to stdout; --in-place and -o need paths")
    if STDIN in request.inputs and len(request.inputs) > 1:
        raise UsageError("'-' (stdin) cannot be mixed with paths")
    if request.report_format and not request.report:
        raise UsageError("--report-format needs --report FILE")


def run_strip(request: StripRequest, make_cleaner: CleanerFactory) -> int:
    validate(request)
    make_cleaner = _once(make_cleaner)
    sink = _open_report(request)
    try:
        code = _dispatch(request, make_cleaner, sink)
        if sink is not None:
            sink.finish(make_cleaner().rules.by_id.values())
    except BaseException:
        if sink is not None:
            sink.discard()
        raise
    return code


def _dispatch(request: StripRequest, make_cleaner: CleanerFactory, sink: ReportSink | None) -> int:
    if request.jsonl:
        return _run_jsonl(request, make_cleaner, sink)
    single_file = len(request.inputs) == 1 and not Path(request.inputs[0]).is_dir()
    writes = request.in_place or request.output_dir or request.check or request.diff
    if request.reads_stdin or (single_file and not writes):
        summary = Summary(check=request.check, quiet=request.quiet, verbose=request.verbose, announce_changes=False)
        outcomes = strip_to_stdout(make_cleaner(), list(request.inputs), request, RecordDetail.of(sink))
        _consume(outcomes, summary, sink)
        return summary.exit_code
    if not writes:
        raise UsageError("several files or a directory need -o DIR, --in-place, --check or --diff")
    return _run_batch(request, make_cleaner, sink)


def _consume(outcomes: Iterable[Outcome], summary: Summary, sink: ReportSink | None) -> None:
    """Where every driver's outcomes go: each to the summary and, with --report, its
    record to the report."""
    for outcome in outcomes:
        summary.add(outcome)
        if sink is not None and outcome.record is not None:
            sink.add(outcome.record)


def _once(factory: CleanerFactory) -> CleanerFactory:
    """The factory's cleaner, made on first use and then shared (the report needs its rules)."""
    made: list[Cleaner] = []

    def make() -> Cleaner:
        if not made:
            made.append(factory())
        return made[0]

    return make


def _open_report(request: StripRequest) -> ReportSink | None:
    if request.report is None:
        return None
    from cleanwire.report.sink import ReportSink, choose_format

    fmt = choose_format(request.report, request.report_format)
    inputs = list(request.inputs) or [STDIN]
    return ReportSink(request.report, fmt, inputs, dict(request.cleaner_options))


def strip_to_stdout(
    cleaner: Cleaner, inputs: list[str], request: StripRequest, detail: RecordDetail
) -> Iterator[Outcome]:
    """Clean stdin (or one file) to stdout; a refused document passes through unchanged."""
    from cleanwire.corpus.single import Show, StdoutOptions, clean_to_stdout

    show = Show.DIFF if request.diff else Show.NOTHING if request.check else Show.TEXT
    options = StdoutOptions(show, request.encoding, request.max_bytes, detail, colour_wanted(sys.stdout))
    out: BinaryIO = _GuardedOutput(sys.stdout.buffer)  # type: ignore[assignment]
    return clean_to_stdout(cleaner, inputs or [STDIN], out, sys.stdin.buffer, options)


def _run_batch(request: StripRequest, make_cleaner: CleanerFactory, sink: ReportSink | None) -> int:
    from cleanwire.cli.progress import counted, progress_bar, wanted
    from cleanwire.corpus.batch import Mode, run_batch
    from cleanwire.corpus.cache import Cache, default_cache_dir, fingerprint
    from cleanwire.corpus.walk import collect_jobs
    from cleanwire.rules.loader import rule_paths, shipped_rules_dir

    mode = (
        Mode.CHECK if request.check
        else Mode.DIFF if request.diff
        else Mode.IN_PLACE if request.in_place
        else Mode.OUTPUT_DIR
    )
    jobs = collect_jobs(request.inputs, request.include, request.exclude, request.output_dir)
    verb = "would clean" if request.check else "cleaned" if request.in_place else "wrote"
    summary = Summary(
        check=request.check,
        quiet=request.quiet,
        verbose=request.verbose,
        fail_on_change=request.fail_on_change,
        changed_verb=verb,
        announce_changes=mode is not Mode.DIFF,
    )
    cache_dir = default_cache_dir() if request.use_cache and not request.encoding else None
    rule_files = rule_paths([shipped_rules_dir(), *request.rule_dirs])
    cache = Cache.open(cache_dir, fingerprint(rule_files, repr(sorted(request.cleaner_options.items()))))
    show_diff = _diff_printer(colour_wanted(sys.stdout)) if mode is Mode.DIFF else None
    total_bytes = sum(size_of(job.source) for job in jobs)
    with progress_bar(len(jobs), total_bytes, wanted(request.quiet)) as bar:
        outcomes = run_batch(
            make_cleaner, jobs, mode, request.jobs, cache, request.max_bytes, RecordDetail.of(sink), show_diff
        )
        _consume(counted(outcomes, bar), summary, sink)
    if not request.quiet or request.verbose:
        print(summary.totals(), file=sys.stderr)
    return summary.exit_code


def _diff_printer(colour: bool) -> Callable[[str], None]:
    def show(diff: str) -> None:
        try:
            sys.stdout.write(colour_diff(diff) if colour else diff)
        except OSError as exc:
            raise OutputError(exc) from None

    return show


def _run_jsonl(request: StripRequest, make_cleaner: CleanerFactory, sink: ReportSink | None) -> int:
    from cleanwire.corpus.jsonl import JsonlCleaner, JsonlFields

    if request.in_place or request.output_dir or request.diff:
        raise UsageError("--jsonl writes to stdout (or checks with --check); -o, --in-place and --diff do not apply")
    summary = Summary(
        check=request.check, quiet=request.quiet, verbose=request.verbose, announce_changes=False, noun="record"
    )
    fields = JsonlFields(request.text_field, request.url_field)
    detail = RecordDetail.of(sink)
    out: BinaryIO | None = None if request.check else _GuardedOutput(sys.stdout.buffer)  # type: ignore[assignment]
    with JsonlCleaner(make_cleaner(), out, fields, request.max_bytes, detail, request.jobs) as records:
        for name in request.inputs or (STDIN,):
            if name == STDIN:
                _consume(records.clean(sys.stdin.buffer, display_input(name)), summary, sink)
                continue
            try:
                with open(name, "rb") as handle:
                    _consume(records.clean(handle, display_input(name)), summary, sink)
            except OSError as exc:
                message = exc.strerror or str(exc)
                unread = Outcome.without_cleaning(display_input(name), DocumentStatus.FAILED, message, 0, detail)
                _consume([unread], summary, sink)
    if request.verbose or (request.check and not request.quiet):
        print(summary.totals(), file=sys.stderr)
    return summary.exit_code if summary.failed or summary.refused or request.check else exitcodes.OK
