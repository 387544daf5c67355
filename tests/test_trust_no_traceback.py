"""No traceback, ever: an unexpected error is one line on stderr and exit 123, and
the traceback is there for whoever asks for it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleanwire import exitcodes

from .conftest import SEEDS

SEED = SEEDS / "000_f0b6f554ee90a507.txt"

# Runs the real entry point with one pipeline function replaced by one that fails.
BREAK_AND_RUN = """
import sys
import cleanwire.pipeline.cleaner as cleaner
def broken(*args, **kwargs):
    raise {error}
cleaner.Cleaner.clean = broken
from cleanwire.cli import main
sys.exit(main())
"""


def run_broken(error: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BREAK_AND_RUN.format(error=error), *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize(
    ("error", "said"),
    [
        ("RuntimeError('a bug')", "RuntimeError: a bug"),
        ("MemoryError()", "out of memory"),
        ("RecursionError('maximum recursion depth exceeded')", "RecursionError: maximum recursion depth exceeded"),
    ],
)
def test_an_unexpected_error_is_one_line_and_exit_123(error: str, said: str) -> None:
    done = run_broken(error, "explain", str(SEED))
    assert done.returncode == exitcodes.INTERNAL_ERROR == 123
    assert "Traceback" not in done.stderr and "╭" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("cleanwire: internal error: ") and said in line
    assert "CLEANWIRE_DEBUG=1" in line


def test_the_traceback_is_shown_with_the_debug_variable() -> None:
    done = run_broken("RuntimeError('a bug')", "explain", str(SEED), env={"CLEANWIRE_DEBUG": "1"})
    assert done.returncode == 123
    assert "Traceback (most recent call last)" in done.stderr and "RuntimeError: a bug" in done.stderr


def test_the_traceback_is_shown_with_the_debug_flag() -> None:
    done = run_broken("RuntimeError('a bug')", "--debug", "explain", str(SEED))
    assert done.returncode == 123
    assert "Traceback (most recent call last)" in done.stderr


# What a container running as an arbitrary uid looks like from Python: no HOME, and
# no passwd entry to find a home in.
NO_PASSWD_ENTRY_AND_RUN = """
import pwd, sys
def no_entry(uid):
    raise KeyError(f"getpwuid(): uid not found: {uid}")
pwd.getpwuid = no_entry
from cleanwire.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize(
    "args",
    [("strip", "page.txt"), ("strip", "--check", "."), ("explain", "page.txt"), ("detect", "page.txt"), ("rules", "list")],
)
def test_no_home_and_no_passwd_entry_still_works(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "page.txt").write_bytes(SEED.read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME", "CLEANWIRE_CACHE_DIR")}
    done = subprocess.run(
        [sys.executable, "-c", NO_PASSWD_ENTRY_AND_RUN, *args],
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout or "--check" in args
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_without_home_the_cache_is_simply_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanwire.corpus.cache import default_cache_dir

    for name in ("HOME", "XDG_CACHE_HOME", "CLEANWIRE_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert default_cache_dir() is None


def _close_stdout() -> None:
    os.close(1)


@pytest.mark.parametrize(
    "args", [("explain", str(SEED)), ("detect", str(SEED)), ("rules", "list"), ("--help",), ("rules", "show", "newsmax")]
)
def test_any_command_with_stdout_closed_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cleanwire", *args],
        stderr=subprocess.PIPE, text=True, timeout=120, preexec_fn=_close_stdout,
    )
    assert done.returncode == exitcodes.INPUT_ERROR, done.stderr
    assert done.stderr.strip() == "cleanwire: error: cannot write to stdout: stdout is closed"


@pytest.mark.parametrize("args", [("explain", str(SEED)), ("rules", "list"), ("rules", "show", "generic")])
def test_any_command_whose_reader_goes_away_ends_quietly(args: tuple[str, ...]) -> None:
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    done = subprocess.run(
        [sys.executable, "-m", "cleanwire", *args], stdout=reader.stdin, stderr=subprocess.PIPE, text=True, timeout=120
    )
    reader.stdin.close()
    reader.wait()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
