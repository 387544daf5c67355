"""The command line as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GOLD, SEEDS

NEWSMAX = SEEDS / "000_f0b6f554ee90a507.txt"
NEWSMAX_GOLD = GOLD / "000_f0b6f554ee90a507.txt"


def run(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cleanwire", *args], input=stdin, capture_output=True, cwd=cwd, timeout=60
    )


def test_file_to_stdout() -> None:
    done = run("strip", str(NEWSMAX))
    assert done.returncode == 0, done.stderr
    assert done.stdout == NEWSMAX_GOLD.read_bytes()


@pytest.mark.parametrize("args", [("strip",), ("strip", "-")])
def test_stdin_to_stdout(args: tuple[str, ...]) -> None:
    done = run(*args, stdin=NEWSMAX.read_bytes())
    assert done.returncode == 0
    assert done.stdout == NEWSMAX_GOLD.read_bytes()


def test_runs_from_any_directory(tmp_path: Path) -> None:
    done = run("strip", str(NEWSMAX), cwd=tmp_path)
    assert done.stdout == NEWSMAX_GOLD.read_bytes()


def test_empty_input_gives_empty_output() -> None:
    done = run("strip", stdin=b"")
    assert (done.returncode, done.stdout) == (0, b"")


def test_diff_shows_removals_and_normalization() -> None:
    done = run("strip", "--diff", str(NEWSMAX))
    assert done.returncode == 0
    diff = done.stdout.decode()
    assert "-Tags: russia | north korea" in diff
    assert "-© 2024 Thomson/Reuters. All rights reserved." in diff
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    # The only added lines are normalized versions of input lines (here: a no-break space folded).
    assert added == ["South Korea's National Security Council (NSC) said Thursday that North Korea and Russia "
                     'would "pay a price" if they violated U.N. Security Council resolutions.']


def test_check_exit_codes_and_writes_nothing() -> None:
    dirty = run("strip", "--check", str(NEWSMAX))
    assert (dirty.returncode, dirty.stdout) == (1, b"")
    assert b"would clean" in dirty.stderr
    clean = run("strip", "--check", str(NEWSMAX_GOLD))
    assert (clean.returncode, clean.stdout) == (0, b"")


def test_binary_input_is_refused_naming_the_file(tmp_path: Path) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    done = run("strip", str(image))
    assert done.returncode == 2
    assert str(image).encode() in done.stderr and b"binary" in done.stderr
    assert done.stdout == b""


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = run("strip", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and b"nope.txt" in missing.stderr
    directory = run("strip", str(tmp_path))
    assert directory.returncode == 2 and b"a directory need -o DIR, --in-place, --check or --diff" in directory.stderr


def test_legacy_encoding_is_written_back_in_it_unless_utf8_is_asked_for(tmp_path: Path) -> None:
    text = "Les élèves ont reçu leurs diplômes, a dit le maire de la commune. " * 8 + "\n"
    source = tmp_path / "fr.txt"
    source.write_bytes(text.encode("cp1252"))
    done = run("strip", str(source))
    assert done.returncode == 0
    assert done.stdout == (text.strip() + "\n").encode("cp1252")
    converted = run("strip", "--output-encoding", "utf-8", str(source))
    assert converted.returncode == 0
    assert converted.stdout.decode("utf-8") == text.strip() + "\n"
    forced = run("strip", "--encoding", "latin-1", "--output-encoding", "utf-8", str(source))
    assert forced.returncode == 0 and "élèves" in forced.stdout.decode("utf-8")


def test_fix_mojibake_option() -> None:
    broken = "It\u00e2\u20ac\u2122s a fine day in the caf\u00c3\u00a9 by the river.\n".encode()
    assert run("strip", stdin=broken).stdout == broken
    fixed = run("strip", "--fix-mojibake", stdin=broken).stdout.decode()
    assert fixed == "It\u2019s a fine day in the caf\u00e9 by the river.\n"


def test_keep_and_outlet_options() -> None:
    kept = run("strip", "--keep", "copyright", str(NEWSMAX)).stdout.decode()
    assert "© 2024 Thomson/Reuters. All rights reserved." in kept and "Tags:" not in kept
    generic_only = run("strip", "--outlet", "none", str(NEWSMAX)).stdout.decode()
    assert "Newsmax Media, Inc." in generic_only and "Tags:" not in generic_only
    unknown = run("strip", "--outlet", "nowhere", str(NEWSMAX))
    assert unknown.returncode == 2 and b"unknown outlet 'nowhere'" in unknown.stderr
    bad_keep = run("strip", "--keep", "recipes", str(NEWSMAX))
    assert bad_keep.returncode == 2


def test_document_that_is_all_junk_is_refused_unchanged() -> None:
    junk = b"Tags: a | b\n\n\xc2\xa9 2024 Foo Media. All rights reserved.\r\n"
    done = run("strip", stdin=junk)
    assert done.returncode == 3
    assert done.stdout == junk
    assert b"refused" in done.stderr
    allowed = run("strip", "--allow-large-removal", stdin=junk)
    assert (allowed.returncode, allowed.stdout) == (0, b"")


def test_invalid_rule_file_exits_2_naming_file_line_and_rule(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "format: 1\noutlet: {id: bad}\nrules:\n  - id: bad.rule\n    category: tags\n    line: '[oops'\n"
    )
    done = run("strip", "--rules", str(tmp_path), str(NEWSMAX))
    assert done.returncode == 2
    assert f"{tmp_path / 'bad.yaml'}:6: rule bad.rule: bad regex".encode() in done.stderr
    assert done.stdout == b""


def test_pathological_rule_is_reported_within_seconds(tmp_path: Path) -> None:
    (tmp_path / "slow.yaml").write_text(
        "format: 1\noutlet: {id: slow}\nrules:\n  - id: slow.rule\n    category: promo\n    line: '^(a|aa)+$'\n"
    )
    done = run("strip", "--rules", str(tmp_path), "--outlet", "slow", stdin=b"a" * 300 + b"!\n")
    assert done.returncode == 2
    assert b"slow.rule" in done.stderr and b"line 1" in done.stderr
    lint = run("rules", "lint", "--rules", str(tmp_path))
    assert lint.returncode == 1 and b"slow.rule" in lint.stdout


def test_detect() -> None:
    done = run("detect", str(NEWSMAX))
    assert done.returncode == 0
    assert done.stdout.startswith(f"{NEWSMAX}: newsmax (Newsmax) by signature".encode())
    by_url = run("detect", "--url", "https://www.standard.co.uk/news/x", "-", stdin=b"Some text\n")
    assert b"evening-standard" in by_url.stdout and b"domain" in by_url.stdout


def test_rules_test_passes_on_shipped_rules_and_fails_on_a_broken_case(tmp_path: Path) -> None:
    shipped = run("rules", "test")
    assert shipped.returncode == 0 and b" 0 failed" in shipped.stdout
    (tmp_path / "wrong.yaml").write_text(
        "format: 1\noutlet: {id: wrong}\nrules:\n  - id: wrong.rule\n    category: promo\n    line: '^Buy now$'\n"
        "    tests:\n      - text: \"Body.\\nBuy now\\n\"\n        expect: \"Body.\\nBuy now\\n\"\n"
    )
    failing = run("rules", "test", "--rules", str(tmp_path))
    assert failing.returncode == 1
    assert b"FAIL wrong.rule" in failing.stdout and b"1 failed" in failing.stdout


def test_rules_list_and_show() -> None:
    listed = run("rules", "list")
    assert listed.returncode == 0 and b"newsmax.tags" in listed.stdout and b"generic.repeated-line" in listed.stdout
    shown = run("rules", "show", "presstv.caption")
    assert shown.returncode == 0 and b"presstv.yaml" in shown.stdout and b"category: caption" in shown.stdout
    whole = run("rules", "show", "nbcnews")
    assert b"outlet:" in whole.stdout
    missing = run("rules", "show", "nothing.here")
    assert missing.returncode == 2


@pytest.mark.parametrize(
    "command", [(), ("strip",), ("detect",), ("explain",), ("rules",), ("rules", "list"), ("rules", "show"), ("rules", "test"), ("rules", "lint")]
)
def test_help_shows_an_example(command: tuple[str, ...]) -> None:
    done = run(*command, "--help")
    assert done.returncode == 0
    if command and command != ("rules",):
        assert b"Example" in done.stdout


def test_usage_error_exit_code() -> None:
    assert run("strip", "--no-such-flag").returncode == 2
