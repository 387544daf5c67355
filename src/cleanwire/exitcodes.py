"""Exit codes, as documented in the README."""

OK = 0  # clean, or cleaned
CHANGED = 1  # --check found files that would change; `rules test`/`rules lint` found problems
INPUT_ERROR = 2  # usage error, unreadable or undecodable input, invalid rule file
REFUSED = 3  # a guard refused a document: it was left exactly as it was
INTERRUPTED = 130  # Ctrl-C or SIGTERM: stopped, nothing half-written
INTERNAL_ERROR = 123  # a bug or an exhausted resource: one line on stderr, CLEANWIRE_DEBUG=1 for the traceback
