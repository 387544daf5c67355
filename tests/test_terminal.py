"""What a person sees at a terminal: a coloured --diff, and `cleanwire explain`."""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

from cleanwire import Cleaner

from .conftest import SEEDS, seed_names
from .test_cli import NEWSMAX, run

RED_TAGS = b"\x1b[31m-Tags: russia | north korea"
STANDARD = SEEDS / seed_names()[1]


def run_on_terminal(*args: str, **env: str) -> bytes:
    """Run cleanwire with stdout on a pseudo-terminal; what it printed there."""
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm"} | env
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cleanwire", *args],
        stdout=follower, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=environment,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 1 << 16)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).replace(b"\r\n", b"\n")


def test_diff_is_coloured_on_a_terminal() -> None:
    shown = run_on_terminal("strip", "--diff", str(NEWSMAX))
    assert RED_TAGS in shown
    assert b"\x1b[36m@@ " in shown and b"\x1b[1m--- " in shown
    assert b"\x1b[32m+South Korea" in shown


def test_diff_is_plain_with_no_color_or_through_a_pipe(tmp_path: Path) -> None:
    plain = run_on_terminal("strip", "--diff", str(NEWSMAX), NO_COLOR="1")
    assert b"-Tags: russia | north korea" in plain and b"\x1b[" not in plain
    piped = run("strip", "--diff", str(NEWSMAX))
    assert b"-Tags: russia" in piped.stdout and b"\x1b[" not in piped.stdout


def test_batch_diff_is_coloured_on_a_terminal(tmp_path: Path) -> None:
    shutil.copyfile(NEWSMAX, tmp_path / NEWSMAX.name)
    shutil.copyfile(STANDARD, tmp_path / STANDARD.name)
    shown = run_on_terminal("strip", "--diff", "-q", str(tmp_path))
    assert RED_TAGS in shown and b"\x1b[31m-TOPSHOT-NKOREA-RUSSIA-DIPLOMACY" in shown
    piped = run("strip", "--diff", "-q", str(tmp_path))
    assert b"-Tags: russia" in piped.stdout and b"\x1b[" not in piped.stdout


def wide(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cleanwire", *args],
        input=stdin, capture_output=True, timeout=60, env={**os.environ, "COLUMNS": "220"},
    )


def test_explain_prints_one_row_per_decision() -> None:
    done = wide("explain", str(STANDARD))
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    first = out.splitlines()[0]
    assert first.startswith(f"{STANDARD}: evening-standard by signature; utf-8") and "8 removals" in first and "guard passed" in first
    assert re.search(r"line\s+category\s+rule\s+text", out)
    result = Cleaner().clean_bytes(STANDARD.read_bytes())
    rows = [line for line in out.splitlines() if re.match(r"\s*\d+(-\d+)?\s", line)]
    assert len(rows) == len(result.decisions) == 8
    for row, decision in zip(rows, result.decisions):
        lines = f"{decision.line_start + 1}" + (f"-{decision.line_end}" if decision.line_end - decision.line_start > 1 else "")
        assert row.split()[:3] == [lines, decision.category.value, decision.rule_id]
        assert result.normalized[decision.start : decision.end].split("\n")[0] in row
    assert "39-63   paywall" in out and "more lines" in out  # a long block shows its first lines


def test_explain_stdin_outlet_and_refusal() -> None:
    generic = wide("explain", "--outlet", "none", "-", stdin=NEWSMAX.read_bytes())
    assert generic.returncode == 0
    assert "no outlet (generic rules only)" in generic.stdout.decode()
    assert "newsmax." not in generic.stdout.decode() and "generic.tag-line" in generic.stdout.decode()
    junk = wide("explain", "-", stdin=b"Tags: a | b\n\n\xc2\xa9 2024 Foo Media. All rights reserved.\n")
    assert junk.returncode == 0
    assert "refused by a guard" in junk.stdout.decode() and "generic.tag-line" in junk.stdout.decode()


def test_explain_errors_name_the_file(tmp_path: Path) -> None:
    missing = wide("explain", str(tmp_path / "gone.txt"))
    assert missing.returncode == 2 and b"gone.txt: No such file or directory" in missing.stderr
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    refused = wide("explain", str(binary))
    assert refused.returncode == 2 and b"photo.png: binary" in refused.stderr
    assert wide("explain", "--outlet", "nowhere", str(NEWSMAX)).returncode == 2
