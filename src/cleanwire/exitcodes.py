"""Exit codes, as documented in the README."""

OK = 0  # clean, or cleaned
CHANGED = 1  # --check found files that would change; `rules test`/`rules lint` found problems
INPUT_ERROR = 2  # usage error, unreadable or undecodable input, invalid rule file
REFUSED = 3  # a guard refused a document: it was left exactly as it was
TOO_FEW_PAGES = 4  # `learn`: an outlet has fewer pages than --min-docs; no rule file was written
# Stopped by a signal, as a shell reports it (128 + the signal's number): the
# workers are stopped, the files done so far are kept (and remembered by the
# cache), nothing is half-written.
HANGUP = 129  # SIGHUP: the terminal or the session went away
INTERRUPTED = 130  # SIGINT: Ctrl-C
TERMINATED = 143  # SIGTERM: a CI timeout, `kill`, a container stopping
INTERNAL_ERROR = 123  # a bug or an exhausted resource: one line on stderr, CLEANWIRE_DEBUG=1 for the traceback


def stopped_by(signum: int) -> int:
    """The exit code of a run stopped by signal ``signum``."""
    return 128 + signum
