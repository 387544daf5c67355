"""One status per document, whichever way it is cleaned: "changed" means the bytes
cleaning would write differ from the bytes that were read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import run

# Nothing here for the rules to remove: only the encoding differs from what is written.
TEXT = ("Les élèves ont reçu leurs diplômes, a dit le maire de la commune. " * 6).strip() + "\n"
READ = TEXT.encode("cp1252")
# What each --output-encoding writes: the file as it was, or its text in UTF-8.
WRITTEN = {"input": READ, "utf-8": TEXT.encode("utf-8")}

# The stderr line each way of running says for a changed file.
ANNOUNCED = {"stdout": "cleaned", "output-dir": "wrote", "in-place": "cleaned", "check": "would clean"}


@pytest.fixture()
def legacy(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "legacy.txt"
    path.write_bytes(READ)
    return path


def statuses(report: Path) -> list[str]:
    return [doc["status"] for doc in json.loads(report.read_text(encoding="utf-8"))["documents"]]


@pytest.mark.parametrize("output_encoding", list(WRITTEN))
@pytest.mark.parametrize("mode", list(ANNOUNCED))
def test_a_cp1252_file_with_nothing_to_remove_has_one_status(
    tmp_path: Path, legacy: Path, mode: str, output_encoding: str
) -> None:
    written = WRITTEN[output_encoding]
    file_status = "changed" if written != READ else "unchanged"
    assert file_status == ("unchanged" if output_encoding == "input" else "changed")
    report = tmp_path / "report.json"
    args = {
        "stdout": [str(legacy)],
        "output-dir": [str(legacy.parent), "-o", str(tmp_path / "out")],
        "in-place": ["--in-place", str(legacy.parent)],
        "check": ["--check", str(legacy.parent)],
    }[mode]
    done = run("strip", "-v", "--no-cache", "--output-encoding", output_encoding, "--report", str(report), *args)
    said = ANNOUNCED[mode] if file_status == "changed" else "unchanged"
    # Under -o a changed file is named by the path written; an unchanged one by its own.
    named = tmp_path / "out" / "legacy.txt" if mode == "output-dir" and file_status == "changed" else legacy
    assert f"{said} {named}\n".encode() in done.stderr, done.stderr
    assert statuses(report) == [file_status]
    assert done.returncode == (1 if mode == "check" and file_status == "changed" else 0)
    if mode == "stdout":
        assert done.stdout == written
    if mode == "output-dir":
        assert (tmp_path / "out" / "legacy.txt").read_bytes() == written
    if mode == "in-place":
        assert legacy.read_bytes() == written


@pytest.mark.parametrize(("output_encoding", "said", "code"), [("input", "unchanged", 0), ("utf-8", "would clean", 1)])
def test_a_cp1252_file_on_stdin_checks_as_the_same_file_does(
    legacy: Path, output_encoding: str, said: str, code: int
) -> None:
    from_stdin = run("strip", "--check", "-v", "--output-encoding", output_encoding, "-", stdin=READ)
    as_a_file = run("strip", "--check", "-v", "--no-cache", "--output-encoding", output_encoding, str(legacy))
    assert f"{said} <stdin>\n".encode() in from_stdin.stderr
    assert f"{said} {legacy}\n".encode() in as_a_file.stderr
    assert from_stdin.returncode == as_a_file.returncode == code


def test_its_text_as_a_json_lines_record_is_told_by_the_same_rule(tmp_path: Path) -> None:
    line = json.dumps({"text": TEXT}, ensure_ascii=False).encode("utf-8") + b"\n"
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_bytes(line)
    report = tmp_path / "report.json"
    done = run("strip", "--jsonl", "-v", "--report", str(report), str(crawl))
    # A record is text inside UTF-8 JSON, with no encoding of its own: its line goes out as it came.
    record_status = "changed" if done.stdout != line else "unchanged"
    assert record_status == "unchanged"
    said = "cleaned" if record_status == "changed" else "unchanged"
    assert f"{said} {crawl}:1\n".encode() in done.stderr
    assert statuses(report) == [record_status]
    check = run("strip", "--jsonl", "--check", str(crawl))
    assert check.returncode == (1 if record_status == "changed" else 0)
