"""Everyday use: the details users of black, ruff and pre-commit expect, each as
the command they type and what they see."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SEEDS

NEWSMAX = SEEDS / "000_f0b6f554ee90a507.txt"


def run(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleanwire", *args],
        input=stdin.decode("utf-8"), capture_output=True, text=True, cwd=cwd, timeout=120,
    )


# -V prints the version, as black -V and ruff -V do


def test_short_version_flag_prints_the_version() -> None:
    from cleanwire import __version__

    done = run("-V")
    assert (done.returncode, done.stdout) == (0, f"cleanwire {__version__}\n")


# Shell completion comes from Typer: the flags are there and print a script


def test_shell_completion_is_offered_and_prints_a_script() -> None:
    assert "--install-completion" in run("--help").stdout
    done = run("--show-completion", "bash")
    assert done.returncode == 0, done.stderr
    assert "COMPLETE=complete_bash" in done.stdout
    assert "complete -o default -F" in done.stdout
