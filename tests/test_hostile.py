"""Nothing lost: hostile inputs, hostile rules, resource limits, the guards.

Each case checks the message a user sees, the exit code, and that the input is
exactly as it was whenever cleanwire could not do its job.
"""

from __future__ import annotations

import codecs
import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanwire import Cleaner, exitcodes
from cleanwire.cli.strip import run_strip
from cleanwire.settings.options import Settings
from cleanwire.files.atomic import stale_temp_files

from .conftest import GOLD, SEEDS, seed_names
from .test_cli import run

SEED = SEEDS / seed_names()[0]
SEED_GOLD = GOLD / seed_names()[0]
ARTICLE = "Headline of the story\n\n" + " ".join(["A paragraph of the article that carries real content."] * 6) + "\n"


def in_place(*paths: Path, extra: tuple[str, ...] = ()) -> tuple[int, str]:
    done = run("strip", "--in-place", "--no-cache", *extra, *map(str, paths))
    return done.returncode, done.stderr.decode("utf-8", "backslashreplace")


# --- hostile inputs --------------------------------------------------------------


def test_invalid_utf8_in_the_middle_is_refused_not_garbled(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.txt"
    good = ("Grüße aus Köln. " * 20).encode()
    content = good + b"\xff\xfe" + ("Straße, schön. " * 20).encode()
    damaged.write_bytes(content)
    code, err = in_place(damaged)
    assert code == exitcodes.INPUT_ERROR
    assert f"{damaged}: invalid UTF-8 at byte {len(good)}" in err and "--encoding" in err
    assert damaged.read_bytes() == content
    forced = run("strip", "--encoding", "cp1252", "--output-encoding", "utf-8", str(damaged))
    assert forced.returncode == 0 and "Ã¼" in forced.stdout.decode()


def test_mixed_line_endings_become_lf(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(b"Headline\r\n\r\nFirst paragraph of the article.\rSecond line.\n\nAll rights reserved.\r\n")
    code, _ = in_place(mixed)
    assert code == 0
    assert mixed.read_bytes() == b"Headline\n\nFirst paragraph of the article.\nSecond line.\n"


def test_nul_bytes_in_the_middle_are_refused(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.txt"
    content = ARTICLE.encode() + b"\x00\x00" + ARTICLE.encode()
    sneaky.write_bytes(content)
    code, err = in_place(sneaky)
    assert code == exitcodes.INPUT_ERROR and f"{sneaky}: binary data" in err
    assert sneaky.read_bytes() == content


def test_utf16_without_bom_is_cleaned_and_stays_utf16(tmp_path: Path) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes((ARTICLE + "\n© 2024 Example Media. All rights reserved.\n").encode("utf-16-le"))
    code, _ = in_place(wide)
    assert code == 0
    assert wide.read_bytes() == ARTICLE.encode("utf-16-le")
    assert run("strip", "--output-encoding", "utf-8", str(wide)).stdout == ARTICLE.encode()


def test_right_to_left_combining_and_zero_width_text_survives(tmp_path: Path) -> None:
    text = (
        "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd\u200f, \u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645.\n\n"
        "Cafe\u0301 nai\u0308ve re\u0301sume\u0301 with in\u200bvisible zero\u200dwidth jo\u200ciners.\n"
    )
    source = tmp_path / "scripts.txt"
    source.write_text(text, encoding="utf-8")
    done = run("strip", str(source))
    assert done.returncode == 0
    out = done.stdout.decode()
    assert out == text.replace("Cafe\u0301", "Caf\u00e9").replace("nai\u0308ve", "na\u00efve").replace(
        "re\u0301sume\u0301", "r\u00e9sum\u00e9"
    )
    assert "\u200f" in out and "in\u200bvisible" in out and "zero\u200dwidth" in out


def test_empty_file_is_left_alone(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    before = empty.stat().st_mtime_ns
    code, err = in_place(empty, extra=("-v",))
    assert code == 0 and "unchanged" in err
    assert empty.read_bytes() == b"" and empty.stat().st_mtime_ns == before


def test_file_that_is_only_boilerplate_is_refused_and_untouched(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    content = b"Tags: a | b\n\n\xc2\xa9 2024 Example Media. All rights reserved.\n"
    junk.write_bytes(content)
    code, err = in_place(junk)
    assert code == exitcodes.REFUSED
    assert f"refused {junk}: the rules would remove all of the text" in err
    assert "most by generic." in err
    assert junk.read_bytes() == content


class _MeddlingCleaner(Cleaner):
    """Edits or deletes the file while it is being cleaned, as another program might."""

    def __init__(self, victim: Path, action: str) -> None:
        super().__init__()
        self.victim, self.action = victim, action

    def clean_bytes(self, data, encoding=None, url=None):  # type: ignore[no-untyped-def]
        if not self.victim.exists() or self.victim.read_bytes() != data:
            return super().clean_bytes(data, encoding, url)  # another file, or already meddled with
        if self.action == "edit":
            self.victim.write_bytes(b"The author's newer text, typed while cleanwire ran.\n")
        else:
            self.victim.unlink()
        return super().clean_bytes(data, encoding, url)


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_file_changed_or_deleted_while_processed_is_not_overwritten(
    tmp_path: Path, action: str, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    shutil.copyfile(SEED, victim)
    other = tmp_path / "other.txt"
    shutil.copyfile(SEED, other)
    inputs = (str(victim), str(other))
    code = run_strip(Settings(in_place=True, jobs=1, use_cache=False), inputs, lambda: _MeddlingCleaner(victim, action))
    err = capsys.readouterr().err
    assert code == exitcodes.INPUT_ERROR
    if action == "edit":
        assert f"{victim} changed while being cleaned; left as it is now" in err
        assert victim.read_bytes() == b"The author's newer text, typed while cleanwire ran.\n"
    else:
        assert f"{victim} was deleted while being cleaned; not recreated" in err
        assert not victim.exists()
    assert other.read_bytes() == SEED_GOLD.read_bytes(), "the batch goes on"
    assert stale_temp_files(tmp_path) == []


def _batch_with_failing_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError) -> None:
    import cleanwire.files.atomic

    files = []
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(SEED, tmp_path / name)
        files.append(tmp_path / name)
    real_write = os.write
    calls = {"n": 0}

    def failing_write(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            real_write(fd, bytes(data[:100]))  # part of the data made it to disk
            raise error
        return real_write(fd, data)

    monkeypatch.setattr(cleanwire.files.atomic.os, "write", failing_write)
    inputs = tuple(map(str, files))
    assert run_strip(Settings(in_place=True, jobs=1, use_cache=False), inputs, Cleaner) == exitcodes.INPUT_ERROR
    monkeypatch.undo()
    assert files[0].read_bytes() == SEED.read_bytes(), "the failed file is untouched"
    assert files[1].read_bytes() == SEED_GOLD.read_bytes(), "the batch goes on"
    assert stale_temp_files(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_full_disk_on_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _batch_with_failing_writes(tmp_path, monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    assert "a.txt: cannot write: No space left on device (left as it was)" in capsys.readouterr().err


def test_permission_denied_on_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _batch_with_failing_writes(tmp_path, monkeypatch, PermissionError(errno.EACCES, "Permission denied"))
    assert "a.txt: cannot write: Permission denied (left as it was)" in capsys.readouterr().err


def test_full_stdout_is_an_error_not_a_traceback() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cleanwire", "strip", str(SEED)], stdout=full, stderr=subprocess.PIPE
        )
    assert done.returncode == exitcodes.INPUT_ERROR
    assert done.stderr.decode().strip() == "cleanwire: error: cannot write to stdout: No space left on device"


def test_directories_where_files_are_expected(tmp_path: Path) -> None:
    detect = run("detect", str(tmp_path))
    assert detect.returncode == 2 and b"is a directory" in detect.stderr.lower()
    a_file = tmp_path / "file.txt"
    a_file.write_text(ARTICLE)
    output_is_a_file = run("strip", str(SEEDS), "-o", str(a_file))
    assert output_is_a_file.returncode == 2 and a_file.read_text() == ARTICLE
    rules_is_a_file = run("strip", "--rules", str(a_file), str(SEED))
    assert rules_is_a_file.returncode == 2


def test_paths_with_spaces_newlines_and_undecodable_bytes(tmp_path: Path) -> None:
    names = [b"with space.txt", b"with\nnewline.txt", b"latin-\xe9.txt"]
    for raw in names:
        shutil.copyfile(SEED, os.path.join(os.fsencode(tmp_path), raw))
    done = run("strip", "--in-place", "--no-cache", str(tmp_path))
    assert done.returncode == 0, done.stderr
    err = done.stderr.decode()
    assert "with space.txt" in err and "with\\nnewline.txt" in err and "latin-\\xe9.txt" in err
    for raw in names:
        with open(os.path.join(os.fsencode(tmp_path), raw), "rb") as handle:
            assert handle.read() == SEED_GOLD.read_bytes()


# --- resource limits ------------------------------------------------------------


def test_size_limit_refuses_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(SEED.read_bytes())
    code, err = in_place(big, extra=("--max-size", "1000"))
    assert code == exitcodes.REFUSED
    assert f"refused {big}: 5,468 bytes is over the size limit of 1,000 bytes" in err
    assert big.read_bytes() == SEED.read_bytes()
    piped = run("strip", "--max-size", "1000", stdin=SEED.read_bytes())
    assert piped.returncode == exitcodes.REFUSED and piped.stdout == SEED.read_bytes()


def test_ten_megabyte_line_in_linear_time() -> None:
    cleaner = Cleaner(max_removal=None)
    sentence = "Word after word, this sentence goes on. "

    def seconds(size: int) -> float:
        text = "Headline\n\n" + sentence * (size // len(sentence)) + "\n"
        started = time.perf_counter()
        result = cleaner.clean(text)
        assert result.text == text.replace(" \n", "\n")
        return time.perf_counter() - started

    small, large = seconds(1_000_000), seconds(10_000_000)
    assert large < 30, f"a 10 MB line took {large:.1f}s"
    assert large / small < 25, f"10x the text took {large / small:.0f}x the time: worse than linear"


# --- hostile rules --------------------------------------------------------------


def test_rule_that_matches_every_line_cannot_eat_the_document(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "greedy.yaml").write_text(
        "format: 1\noutlet: {id: greedy}\nrules:\n  - id: greedy.everything\n    category: promo\n    line: '.'\n"
    )
    article = tmp_path / "article.txt"
    shutil.copyfile(SEED, article)
    code, err = in_place(article, extra=("--rules", str(rules), "--outlet", "greedy"))
    assert code == exitcodes.REFUSED
    assert "would remove all of the text" in err and "greedy.everything 100%" in err
    assert article.read_bytes() == SEED.read_bytes()


def test_huge_rule_file_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    huge = rules / "huge.yaml"
    huge.write_text("format: 1\nrules:\n" + "# padding\n" * 300_000)
    done = run("strip", "--rules", str(rules), str(SEED))
    assert done.returncode == 2
    assert f"{huge}:1: rule file is".encode() in done.stderr and b"the limit is" in done.stderr


def test_deletion_only_violation_is_an_internal_error_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import cleanwire.pipeline.cleaner
    from cleanwire.pipeline.segment import Line

    real = cleanwire.pipeline.cleaner.surviving_lines

    def corrupting(lines, decisions):  # type: ignore[no-untyped-def]
        kept = real(lines, decisions)
        return [Line(kept[0].index, kept[0].start, kept[0].text + " (injected)", kept[0].end), *kept[1:]]

    monkeypatch.setattr(cleanwire.pipeline.cleaner, "surviving_lines", corrupting)
    article = tmp_path / "article.txt"
    shutil.copyfile(SEED, article)
    inputs = (str(article),)
    assert run_strip(Settings(in_place=True, jobs=1, use_cache=False), inputs, Cleaner) == exitcodes.REFUSED
    assert "internal error: the output is not the input minus the decided spans" in capsys.readouterr().err
    assert article.read_bytes() == SEED.read_bytes()


def test_encoding_bom_variants_round_trip(tmp_path: Path) -> None:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(bom + SEED.read_text(encoding="utf-8").encode(codec))
        gold = SEED_GOLD.read_text(encoding="utf-8")
        assert run("strip", str(path)).stdout == bom + gold.encode(codec)
        assert run("strip", "--output-encoding", "utf-8", str(path)).stdout == gold.encode("utf-8")
