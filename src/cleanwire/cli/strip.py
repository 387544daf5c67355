"""`cleanwire strip`: settle the options, then clean stdin, one file, a batch or JSON Lines."""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from cleanwire import exitcodes, stopping
from cleanwire.cli.summary import Summary
from cleanwire.files.names import STDIN, display, display_input
from cleanwire.files.reading import size_of
from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.report.diffview import colour_diff, colour_wanted
from cleanwire.report.outcome import Outcome, RecordDetail
from cleanwire.report.record import DocumentStatus
from cleanwire.stopping import Interrupted

if TYPE_CHECKING:
    from cleanwire.corpus.batch import Mode
    from cleanwire.corpus.walk import Job
    from cleanwire.settings.options import Settings
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


def reads_stdin(inputs: tuple[str, ...]) -> bool:
    return not inputs or inputs == (STDIN,)


def validate(settings: Settings, inputs: tuple[str, ...]) -> None:
    if settings.in_place and settings.output_dir:
        raise UsageError("--in-place and -o/--output-dir do not go together")
    if (settings.check or settings.diff) and (settings.in_place or settings.output_dir):
        raise UsageError("--check and --diff write nothing; drop --in-place and -o")
    if reads_stdin(inputs) and (settings.in_place or settings.output_dir):
        raise UsageError("stdin goes to stdout; --in-place and -o need paths")
    if STDIN in inputs and len(inputs) > 1:
        raise UsageError("'-' (stdin) cannot be mixed with paths")
    if settings.url and (len(inputs) > 1 or settings.jsonl or any(Path(raw).is_dir() for raw in inputs)):
        raise UsageError("--url is one page's address: give it with stdin or one file (JSON Lines have --url-field)")
    if settings.stdin_filename and not reads_stdin(inputs):
        raise UsageError("--stdin-filename names stdin's text; it reads no file")
    if settings.output_dir and "://" not in settings.output_dir and Path(settings.output_dir).is_file():
        raise UsageError(f"-o {display_input(settings.output_dir)}: it is a file; -o needs a folder")
    if (settings.scheduler or settings.local_cluster) and not (settings.jsonl and settings.output_dir):
        raise UsageError("--dask and --scheduler clean JSON Lines shards into a folder: give --jsonl and -o DIR")
    if settings.report_format and not settings.report:
        raise UsageError("--report-format needs --report FILE")
    if settings.report is not None:
        _check_report_destination(settings, inputs)


def _check_report_destination(settings: Settings, inputs: tuple[str, ...]) -> None:
    from cleanwire.report.sink import stream_of

    assert settings.report is not None
    stream = stream_of(settings.report)
    if stream is None:
        _check_report_is_not_an_input(settings, inputs)
    elif stream == "stdout" and not (settings.check or settings.in_place or settings.output_dir):
        raise UsageError(
            f"--report {settings.report}: stdout already carries the "
            f"{'diff' if settings.diff else 'clean text'}; use --check, -o or --in-place, or write the report to a file"
        )


def _check_report_is_not_an_input(settings: Settings, inputs: tuple[str, ...]) -> None:
    from cleanwire.corpus.walk import input_that_reads

    assert settings.report is not None
    reader = input_that_reads(settings.report, inputs, settings.include, settings.exclude)
    if reader is not None:
        report = display_input(str(settings.report))
        reader_name = display_input(reader)
        raise UsageError(f"--report {report}: it would be read as input (from {reader_name}); write it elsewhere")


def run_strip(settings: Settings, inputs: tuple[str, ...], make_cleaner: CleanerFactory) -> int:
    validate(settings, inputs)
    make_cleaner = _once(make_cleaner)
    sink = _open_report(settings, inputs)
    try:
        code = _dispatch(settings, inputs, make_cleaner, sink)
        if sink is not None:
            sink.finish(make_cleaner().rules.by_id.values())
    except BaseException:
        if sink is not None:
            sink.discard()
        raise
    return code


def _dispatch(settings: Settings, inputs: tuple[str, ...], make_cleaner: CleanerFactory, sink: ReportSink | None) -> int:
    if settings.jsonl:
        return _run_jsonl(settings, inputs, make_cleaner, sink)
    single_file = len(inputs) == 1 and not Path(inputs[0]).is_dir()
    writes = settings.in_place or settings.output_dir or settings.check or settings.diff
    if reads_stdin(inputs) or (single_file and not writes):
        summary = Summary(settings, announce_changes=False)
        excluded = _stdin_force_excluded(settings) if reads_stdin(inputs) else None
        if excluded is not None:  # black's way: an editor's excluded file comes back as it went in
            if not settings.check and not settings.diff:
                shutil.copyfileobj(sys.stdin.buffer, _GuardedOutput(sys.stdout.buffer))
            name = display(settings.stdin_filename or STDIN)
            _consume([Outcome.without_cleaning(name, DocumentStatus.SKIPPED, excluded, 0, RecordDetail.of(sink))], summary, sink)
            return summary.exit_code
        outcomes = strip_to_stdout(make_cleaner(), list(inputs), settings, RecordDetail.of(sink))
        _consume(outcomes, summary, sink)
        return summary.exit_code
    if not writes:
        raise UsageError("several files or a directory need -o DIR, --in-place, --check or --diff")
    return _run_batch(settings, inputs, make_cleaner, sink)


def _consume(outcomes: Iterable[Outcome], summary: Summary, sink: ReportSink | None) -> None:
    """Where every driver's outcomes go: each to the summary and, with --report, its
    record to the report. A stop signal goes on up with the count of what was done."""
    try:
        for outcome in outcomes:
            summary.add(outcome)
            if sink is not None and outcome.record is not None:
                sink.add(outcome.record)
            stopping.check()
        stopping.check()
    except Interrupted as stop:
        stop.done, stop.noun = summary.seen, summary.noun
        raise


def _once(factory: CleanerFactory) -> CleanerFactory:
    """The factory's cleaner, made on first use and then shared (the report needs its rules)."""
    made: list[Cleaner] = []

    def make() -> Cleaner:
        if not made:
            made.append(factory())
        return made[0]

    return make


def _open_report(settings: Settings, inputs: tuple[str, ...]) -> ReportSink | None:
    if settings.report is None:
        return None
    from cleanwire.report.sink import ReportSink, choose_format

    fmt = choose_format(settings.report, settings.report_format)
    return ReportSink(settings.report, fmt, list(inputs) or [STDIN], settings.output_options())


def strip_to_stdout(
    cleaner: Cleaner, inputs: list[str], settings: Settings, detail: RecordDetail
) -> Iterator[Outcome]:
    """Clean stdin (or one file) to stdout; a refused document passes through unchanged."""
    from cleanwire.corpus.single import clean_to_stdout

    out: BinaryIO = _GuardedOutput(sys.stdout.buffer)  # type: ignore[assignment]
    colour = colour_wanted(sys.stdout)
    return clean_to_stdout(cleaner, inputs or [STDIN], out, sys.stdin.buffer, settings, detail, colour)


def _project_folder(settings: Settings) -> Path:
    """The folder ``exclude`` is relative to for files named on the command line."""
    return settings.config_file.parent if settings.config_file else Path.cwd()


def _stdin_force_excluded(settings: Settings) -> str | None:
    """Why stdin's text is passed through untouched: its --stdin-filename is one
    that --force-exclude leaves out."""
    if not (settings.force_exclude and settings.stdin_filename):
        return None
    from cleanwire.corpus.walk import force_excluded

    return force_excluded(Path(settings.stdin_filename), settings.exclude, _project_folder(settings))


def _run_batch(settings: Settings, inputs: tuple[str, ...], make_cleaner: CleanerFactory, sink: ReportSink | None) -> int:
    from cleanwire.cli.progress import counted, progress_bar, wanted
    from cleanwire.corpus.batch import Mode, run_batch
    from cleanwire.corpus.cache import Cache, default_cache_dir, fingerprint
    from cleanwire.corpus.walk import OutputConflict, collect_jobs
    from cleanwire.rules.loader import rule_paths, shipped_rules_dir

    mode = Mode.of(settings)
    try:
        excluding_from = _project_folder(settings) if settings.force_exclude else None
        output_dir = Path(settings.output_dir) if settings.output_dir else None
        jobs = collect_jobs(inputs, settings.include, settings.exclude, output_dir, excluding_from)
    except OutputConflict as exc:
        raise UsageError(str(exc)) from None
    summary = _batch_summary(settings, mode, jobs)
    cache_dir = default_cache_dir() if settings.use_cache else None
    rule_files = rule_paths([shipped_rules_dir(), *settings.rule_dirs])
    cache = Cache.open(cache_dir, fingerprint(rule_files, settings.cache_key()))
    show_diff = _diff_printer(colour_wanted(sys.stdout)) if mode is Mode.DIFF else None
    total_bytes = sum(size_of(job.source) for job in jobs)
    outcomes = run_batch(make_cleaner, jobs, settings, cache, RecordDetail.of(sink), show_diff)
    # closing: however the loop ends (a stop signal), the batch stops its workers and saves its cache now
    with progress_bar(len(jobs), total_bytes, wanted(settings.quiet)) as bar, closing(outcomes):
        _consume(counted(outcomes, bar), summary, sink)
    if not settings.quiet or settings.verbose:
        print(summary.totals(table=sys.stderr.isatty()), file=sys.stderr)
        if settings.check and summary.changed:
            print(f"to clean {'it' if summary.changed == 1 else 'them'}: {_fix_command(summary, inputs)}", file=sys.stderr)
    return summary.exit_code


def _fix_command(summary: Summary, inputs: tuple[str, ...]) -> str:
    """The command that makes the changes --check found: this one, with --in-place
    for --check, naming the changed files when they are few and the inputs if not."""
    from cleanwire.cli.summary import FEW

    args = sys.argv[1:]
    start = args.index("strip") + 1 if "strip" in args else len(args)
    options = [arg for arg in args[start:] if arg not in inputs and arg not in ("--check", "--diff")]
    targets = summary.changed_names if summary.changed <= FEW else list(inputs)
    return shlex.join(["cleanwire", "strip", "--in-place", *options, *targets])


def _batch_summary(settings: Settings, mode: Mode, jobs: Sequence[Job]) -> Summary:
    """What a batch says of a changed file: under -o the path written ("wrote
    clean/a.txt", never the input's path, which was not touched), under --diff
    nothing (the diff says it)."""
    from cleanwire.corpus.batch import Mode

    if mode is Mode.OUTPUT_DIR:
        outputs = {job.name: display(str(job.target)) for job in jobs if job.target is not None}
        return Summary(settings, changed_verb="wrote", shown_as=lambda name: outputs.get(name, name))
    if mode is Mode.DIFF:
        return Summary(settings, announce_changes=False)
    return Summary(settings)


def _diff_printer(colour: bool) -> Callable[[str], None]:
    def show(diff: str) -> None:
        try:
            sys.stdout.write(colour_diff(diff) if colour else diff)
        except OSError as exc:
            raise OutputError(exc) from None

    return show


def _run_jsonl(settings: Settings, inputs: tuple[str, ...], make_cleaner: CleanerFactory, sink: ReportSink | None) -> int:
    from cleanwire.corpus.jsonl import JsonlCleaner
    from cleanwire.files.compression import reading, sniff
    from cleanwire.files.remote import expand, open_shard

    if settings.output_dir:
        return _run_shards(settings, inputs, make_cleaner, sink)
    if settings.in_place or settings.diff:
        raise UsageError("--jsonl writes to stdout, to -o DIR (one output per shard) or checks with --check; "
                         "--in-place and --diff do not apply")
    summary = Summary(settings, announce_changes=False, noun="record")
    detail = RecordDetail.of(sink)
    out: BinaryIO | None = None if settings.check else _GuardedOutput(sys.stdout.buffer)  # type: ignore[assignment]
    try:
        names = expand(list(inputs)) or [STDIN]
    except OSError as exc:  # a remote glob whose store cannot be reached
        raise UsageError(str(exc)) from None
    with JsonlCleaner(make_cleaner(), out, settings, detail) as records:
        for name in names:
            if name == STDIN:
                stdin = sys.stdin.buffer
                _consume(records.clean(reading(stdin, sniff(stdin)), display_input(name)), summary, sink)
                continue
            try:
                with open_shard(name) as handle:
                    _consume(records.clean(handle, display_input(name)), summary, sink)
            except OSError as exc:
                message = exc.strerror or str(exc)
                unread = Outcome.without_cleaning(display_input(name), DocumentStatus.FAILED, message, 0, detail)
                _consume([unread], summary, sink)
    if settings.verbose or (settings.check and not settings.quiet):
        print(summary.totals(table=sys.stderr.isatty()), file=sys.stderr)
    return summary.exit_code if summary.failed or summary.refused or settings.check else exitcodes.OK


def _run_shards(
    settings: Settings, inputs: tuple[str, ...], make_cleaner: CleanerFactory, sink: ReportSink | None
) -> int:
    """JSON Lines shards into the -o folder, one task per shard, here or on Dask."""
    from cleanwire.cli.progress import progress_bar, wanted
    from cleanwire.corpus.cache import fingerprint
    from cleanwire.corpus.cluster import Engine, EngineUnavailable, ShardConflict, plan, run_shards
    from cleanwire.corpus.shard import ShardResult, keeps_every_outcome
    from cleanwire.files.remote import expand, shard_size
    from cleanwire.rules.loader import rule_paths, shipped_rules_dir

    assert settings.output_dir is not None
    detail = RecordDetail.of(sink)
    rule_files = rule_paths([shipped_rules_dir(), *settings.rule_dirs])
    # What decides a shard's output and outcomes: a finished shard is skipped only under the same key.
    every = keeps_every_outcome(settings, detail)
    options = f"{settings.cache_key()} text={settings.text_field} url={settings.url_field} {detail.value} {every}"
    key = fingerprint(rule_files, options)
    try:
        work = plan(expand(list(inputs)), settings.output_dir, key)
    except ShardConflict as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:  # the inputs' glob or the -o folder cannot be reached
        where = f": {display_input(exc.filename)}" if exc.filename else ""
        raise UsageError(f"{exc.strerror or exc}{where}") from None
    if work.done and not settings.quiet:
        print(f"{len(work.done)} of {len(work.shards)} shards already done (manifest matches); "
              f"cleaning the other {len(work.todo)}", file=sys.stderr)
    engine = Engine(settings.scheduler, settings.local_cluster, settings.workers)
    summary = Summary(settings, announce_changes=False, noun="record")
    total_bytes = sum(shard_size(shard.source) for shard in work.todo)
    with progress_bar(len(work.todo), total_bytes, wanted(settings.quiet), unit="shards") as bar:
        def advance(done: ShardResult) -> None:
            bar.advance(done.read_bytes)

        outcomes = run_shards(make_cleaner, settings, detail, key, work, engine, advance)
        try:
            _consume(outcomes, summary, sink)
        except EngineUnavailable as exc:
            raise UsageError(str(exc)) from None
    if not settings.quiet or settings.verbose:
        print(summary.totals(), file=sys.stderr)
    return summary.exit_code
