"""Every option cleanwire has, in one immutable value: its default, its help text and
its key in the project configuration are written once, here.

The command line takes its help text from this table, the configuration file is
checked against it, the cleaner and every driver read the one ``Settings`` value
that ``settings.resolve`` builds, and the compiled-rules cache and the report
header are derived from it. A new option is one field here (and a flag in
``cli/app.py`` if it has one).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from cleanwire.files.reading import DEFAULT_MAX_BYTES

# How much normalization may change inside lines (see pipeline/normalize.py).
NormalizeMode = Literal["safe", "full", "none"]
NORMALIZE_MODES: tuple[NormalizeMode, ...] = ("safe", "full", "none")

# What each kind of configuration value must be; also the wording of its error.
ConfigType = Literal[
    "directories", "globs", "rule_globs", "categories", "outlet", "normalize", "bool", "share", "shares", "count",
    "bytes", "output-encoding", "accepted",
]
# What ``output_encoding`` may be: the encoding each input was read in, or UTF-8.
OutputEncodingName = Literal["input", "utf-8"]
OUTPUT_ENCODINGS: tuple[OutputEncodingName, ...] = ("input", "utf-8")


def _option(
    default: Any,
    help: str,
    *,
    config: ConfigType | None = None,
    config_key: str | None = None,
    output: bool = False,
) -> Any:
    """A field of ``Settings``. ``config``: the type this option takes in the
    configuration file (``None``: command line only). ``output``: the option changes
    what cleaning writes, so it is part of the cache key and the report header."""
    metadata = {"help": help, "config": config, "config_key": config_key, "output": output}
    if isinstance(default, (list, dict, set)):
        raise TypeError("settings are immutable: use a tuple")
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    """What to clean with and how to run; the defaults are cleanwire's defaults."""

    # What cleaning does.
    rule_dirs: tuple[Path, ...] = _option(
        (),
        "Extra rule directory, loaded after the shipped rules; its files replace shipped ones "
        "of the same outlet id. Repeatable.",
        config="directories",
        config_key="rules",
    )
    outlet: str | None = _option(
        None,
        "Use this outlet's rules instead of detecting one; 'none' for the generic set only.",
        config="outlet",
        output=True,
    )
    keep: tuple[str, ...] = _option(
        (), "Keep this category (do not remove it). Repeatable.", config="categories", output=True
    )
    enable: tuple[str, ...] = _option(
        (),
        "Run only the rules whose id matches this glob, e.g. 'generic.*' (every rule is on by "
        "default, so this narrows them, like ruff's --select). Repeatable.",
        config="rule_globs",
        output=True,
    )
    disable: tuple[str, ...] = _option(
        (),
        "Do not run the rules whose id matches this glob, e.g. 'generic.page-*' (see 'cleanwire "
        "rules list'); wins over --enable. Repeatable.",
        config="rule_globs",
        output=True,
    )
    normalize: NormalizeMode = _option(
        "safe",
        "How much normalization may change inside lines: 'safe' keeps indentation and "
        "aligned columns and folds spaces only in prose; 'full' also removes indentation "
        "and folds every run of spaces; 'none' changes only line ends and blank lines.",
        config="normalize",
        output=True,
    )
    fix_mojibake: bool = _option(False, "Repair mojibake such as 'â€™' (uses ftfy).", config="bool", output=True)
    max_removal: float | None = _option(
        0.6,
        "Refuse a document the rules would strip of more than this share (default 0.6).",
        config="share",
        output=True,
    )
    max_removal_per_outlet: tuple[tuple[str, float], ...] = _option(
        (), "The removal limit for documents of one outlet.", config="shares", output=True
    )
    match_timeout: float = _option(1.0, "Seconds one rule's search may take on one line before the file fails.")
    encoding: str | None = _option(None, "Decode input with this codec instead of detecting it.", output=True)
    output_encoding: OutputEncodingName = _option(
        "input",
        "Write clean text in the encoding each file was read in ('input', with its byte-order mark) "
        "or convert it to 'utf-8'.",
        config="output-encoding",
        output=True,
    )
    max_size: int = _option(
        DEFAULT_MAX_BYTES, "Refuse documents larger than this many bytes (default 256 MiB).", config="bytes"
    )
    url: str | None = _option(None, "The page's URL, matched against outlet domains.")
    stdin_filename: str | None = _option(
        None, "The name stdin's text goes by in messages and the report (black's --stdin-filename)."
    )

    # Which files, and where the clean text goes.
    include: tuple[str, ...] = _option(
        ("*.txt",), "Glob of files to take from directories (default *.txt). Repeatable.", config="globs"
    )
    exclude: tuple[str, ...] = _option(
        (), "Glob of files (or folders) to leave out of directories, as in .gitignore. Repeatable.", config="globs"
    )
    force_exclude: bool = _option(
        False,
        "Leave out files named on the command line too when exclude or .gitignore leaves them out "
        "(for pre-commit, which names every file; black's and ruff's --force-exclude).",
        config="bool",
    )
    output_dir: str | None = _option(
        None,
        "Write cleaned files here, mirroring the input tree; with --jsonl, one output per shard, "
        "under the shard's name (a folder or a URL such as s3://bucket/clean).",
    )
    in_place: bool = _option(False, "Replace changed files, atomically.")
    check: bool = _option(False, "Write nothing; exit 1 if anything would change.")
    diff: bool = _option(False, "Print a unified diff instead of the clean text.")
    fail_on_change: bool = _option(False, "Exit 1 when a file was changed (for pre-commit).")
    jsonl: bool = _option(False, "Input is JSON Lines; clean one field of each record.")
    text_field: str = _option("text", "With --jsonl: the field to clean.")
    scheduler: str | None = _option(
        None, "With --jsonl and -o: clean one shard per task on the Dask scheduler at this address."
    )
    local_cluster: bool = _option(
        False, "With --jsonl and -o: clean one shard per task on a Dask LocalCluster of --jobs workers."
    )
    url_field: str = _option("url", "With --jsonl: the field whose URL picks the outlet by domain.")
    accepted: tuple[tuple[str, str], ...] = _option(
        (),
        "Refusals a person reviewed and accepted: file (relative to the configuration) = its "
        "sha256, as 'cleanwire accept FILE' writes it. The file is left as it is and no longer "
        "fails the run, until it changes.",
        config="accepted",
    )

    # How to run and what to say.
    jobs: int | None = _option(
        None, "Files, or JSON Lines records, cleaned in parallel (default: all cores).", config="count"
    )
    use_cache: bool = _option(True, "Skip files known to be clean.")
    report: Path | None = _option(
        None, "Write every removal, with its rule, category and span, to this file: .json, .jsonl or .html."
    )
    report_format: str | None = _option(None, "json, jsonl or html; overrides the --report file's suffix.")
    short_summary: bool = _option(
        False, "End with one line of counts, without the removals by category (what the pre-commit hooks use)."
    )
    quiet: bool = _option(False, "Report errors only.")
    verbose: bool = _option(False, "Report every file.")

    # Where the configuration came from (not an option: set by the resolver).
    config_file: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # One spelling of each value, so equal settings compare, hash and key equal.
        for name in ("keep", "enable", "disable"):
            object.__setattr__(self, name, tuple(sorted({str(item) for item in getattr(self, name)})))
        if isinstance(self.output_dir, Path):  # a folder given as a path: one spelling, a string
            object.__setattr__(self, "output_dir", str(self.output_dir))
        for name in ("rule_dirs", "include", "exclude", "max_removal_per_outlet", "accepted"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value.items() if isinstance(value, dict) else value))

    @property
    def workers(self) -> int:
        """Worker processes: ``jobs``, or every core this process may use."""
        return self.jobs or default_workers()

    @property
    def removal_limits(self) -> dict[str, float]:
        return dict(self.max_removal_per_outlet)

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def output_options(self) -> dict[str, Any]:
        """The options that change what cleaning writes, as plain JSON values: the
        report header's ``options`` and, with the rule files, the cache key."""
        return {
            "outlet": self.outlet,
            "keep": sorted(self.keep),
            "enable": list(self.enable),
            "disable": list(self.disable),
            "normalize": self.normalize,
            "fix_mojibake": self.fix_mojibake,
            "max_removal": self.max_removal,
            "max_removal_per_outlet": self.removal_limits,
        }

    def cache_key(self) -> str:
        """Everything besides the rule files that decides a file's clean bytes."""
        options = {spec.name: getattr(self, spec.name) for spec in OPTIONS if spec.output}
        return repr(sorted(options.items()))


@dataclass(frozen=True)
class OptionSpec:
    name: str
    default: Any
    help: str
    config: ConfigType | None
    config_key: str
    output: bool


def _specs() -> tuple[OptionSpec, ...]:
    specs = []
    for item in fields(Settings):
        if "help" not in item.metadata:
            continue
        assert item.default is not MISSING
        specs.append(
            OptionSpec(
                name=item.name,
                default=item.default,
                help=item.metadata["help"],
                config=item.metadata["config"],
                config_key=item.metadata["config_key"] or item.name,
                output=item.metadata["output"],
            )
        )
    return tuple(specs)


OPTIONS: tuple[OptionSpec, ...] = _specs()
OPTION_BY_NAME: Mapping[str, OptionSpec] = {spec.name: spec for spec in OPTIONS}
CONFIG_OPTIONS: Mapping[str, OptionSpec] = {spec.config_key: spec for spec in OPTIONS if spec.config}
DEFAULTS = Settings()


def help_for(name: str) -> str:
    return OPTION_BY_NAME[name].help


def default_workers() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
