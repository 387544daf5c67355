"""JSON Lines: one field cleaned per record, outlet by URL domain, bad lines passed through."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanwire import Cleaner
from cleanwire.corpus import jsonl
from cleanwire.cli.summary import Summary
from cleanwire.corpus.jsonl import InputLine, JsonlCleaner, LineResult, clean_lines
from cleanwire.report.outcome import RecordDetail
from cleanwire.settings.options import Settings

from .conftest import GOLD, SEEDS, seed_names
from .test_cli import run

STANDARD = seed_names()[1]


def record(text: str, **extra: object) -> bytes:
    return json.dumps({"text": text, **extra}, ensure_ascii=False).encode() + b"\n"


def test_records_are_cleaned_and_other_fields_kept() -> None:
    seed = (SEEDS / STANDARD).read_text(encoding="utf-8")
    lines = record(seed, url="https://www.standard.co.uk/news/world/x.html", id=7, meta={"lang": "en"})
    lines += b'{"id": 8, "body": "no text field"}\n'
    lines += b"this is not json\n"
    lines += b"\n"
    lines += record("Plain text of a short article.\n\nAll rights reserved.\n", id=9)
    done = run("strip", "--jsonl", "-", stdin=lines)
    assert done.returncode == 2, "malformed lines make the run report an error"
    out = done.stdout.splitlines(keepends=True)
    assert len(out) == 5
    first = json.loads(out[0])
    assert first["text"] == (GOLD / STANDARD).read_text(encoding="utf-8")
    assert (first["id"], first["meta"], first["url"]) == (7, {"lang": "en"}, "https://www.standard.co.uk/news/world/x.html")
    assert out[1] == b'{"id": 8, "body": "no text field"}\n'
    assert out[2] == b"this is not json\n"
    assert out[3] == b"\n"
    assert json.loads(out[4]) == {"text": "Plain text of a short article.\n", "id": 9}
    assert b"<stdin>:2: no string field 'text'" in done.stderr
    assert b"<stdin>:3: not valid JSON" in done.stderr


def test_outlet_is_picked_by_url_domain() -> None:
    # Without its signatures, only the URL can tell this text is from the Evening Standard.
    text = "Headline\n\nBody text.\nSTOCK-MARKETS-LONDON-FTSE\n"
    by_url = run("strip", "--jsonl", stdin=record(text, url="https://www.standard.co.uk/a"))
    assert json.loads(by_url.stdout)["text"] == "Headline\n\nBody text.\n"
    no_url = run("strip", "--jsonl", stdin=record(text, url="https://example.org/a"))
    assert json.loads(no_url.stdout)["text"] == text


def test_custom_fields_and_files(tmp_path: Path) -> None:
    dump = tmp_path / "crawl.jsonl"
    dump.write_bytes(
        json.dumps({"content": "Body of a short article.\n\n© 2024 Example Media\n", "link": "x"}).encode() + b"\n"
    )
    done = run("strip", "--jsonl", "--text-field", "content", "--url-field", "link", str(dump))
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"content": "Body of a short article.\n", "link": "x"}
    check = run("strip", "--jsonl", "--check", str(dump))
    assert check.returncode == 2 and check.stdout == b"", "the default field 'text' is missing"
    check = run("strip", "--jsonl", "--check", "--text-field", "content", str(dump))
    assert check.returncode == 1 and check.stdout == b""


def test_lone_surrogates_survive() -> None:
    line = b'{"text": "Body \\ud800 text of a short article.\\n\\nAll rights reserved.\\n"}\n'
    done = run("strip", "--jsonl", stdin=line)
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"text": "Body \ud800 text of a short article.\n"}


# --- --jobs: workers clean chunks of records; what comes out is what one job gives ---

JUNK = "Tags: a | b\n\n\u00a9 2024 Foo Media. All rights reserved.\n"  # a guard refuses: all of it would go
UNICODE = (
    "Ἐν ἀρχῇ ἦν ὁ λόγος. 東京で会議が開かれた。 Ça a été dit à Zürich — «\u00a0bien\u00a0» 🎉👩‍👩‍👧\n"
    "مرحبا بالعالم\u2028e\u0301te\u0301 ﬁn\n\nAll rights reserved.\n"
)


def mixed_block(i: int) -> bytes:
    """One of each kind of line a crawl holds, ``i`` making each block's records its own."""
    seeds = seed_names()
    lines = [record((SEEDS / seeds[i % len(seeds)]).read_text(encoding="utf-8"), id=i)]
    lines += [b"\n", b"   \r\n", b"not json at all\n", b'{"text": "unterminated\n', b'{"text": "\xff\xfe bytes"}\n']
    lines += [b"[1, 2, 3]\n", b'"a string"\n', b'{"text": 5, "id": %d}\n' % i, b'{"text": null}\n']
    lines += [record(JUNK, id=i), record(UNICODE, id=i), record(UNICODE.replace("All rights reserved.\n", ""), id=i)]
    lines += [record(f"Headline {i}\n\nBody of article {i}.\n", id=i).replace(b"\n", b"\r\n", 1)]
    lines += [b'{"id": %d, "text": "Body \\ud800 of a short article.\\n\\nAll rights reserved.\\n"}\n' % i]
    if i % 9 == 4:
        lines += [record("Too long to clean. " * 2000, id=i)]  # past --max-size below
    return b"".join(lines)


def mixed_crawl(path: Path, blocks: int = 40) -> Path:
    """Several chunks' worth of mixed lines (by count and by bytes), ending without a newline."""
    path.write_bytes(b"".join(mixed_block(i) for i in range(blocks)) + b'{"text": "The last line of the crawl.\\n\\nAll rights reserved."}')
    return path


def without_creation_time(report: bytes) -> bytes:
    return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", b"<created>", report)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "html"])
def test_jobs_give_the_bytes_and_report_of_one_job(tmp_path: Path, fmt: str) -> None:
    crawl = mixed_crawl(tmp_path / "crawl.jsonl")
    runs = {}
    for jobs in ("1", "2"):
        report = tmp_path / f"report-{jobs}.{fmt}"
        done = run("strip", "--jsonl", "-v", "--max-size", "20000", "--jobs", jobs, "--report", str(report), str(crawl))
        runs[jobs] = (done.returncode, done.stdout, done.stderr, without_creation_time(report.read_bytes()))
    assert runs["1"] == runs["2"]
    code, out, err, _ = runs["2"]
    assert code == 2, "bad lines make the run report an error"
    assert out.count(b"\n") == crawl.read_bytes().count(b"\n") + 1, "one line out for every line in"
    assert b"refused" in err and b"not valid JSON" in err and b"unchanged" in err
    assert b'"The last line of the crawl.\\n"' in out and "東京で会議が開かれた。".encode() in out


def test_check_with_jobs_reports_as_one_job(tmp_path: Path) -> None:
    crawl = mixed_crawl(tmp_path / "crawl.jsonl", blocks=20)
    serial = run("strip", "--jsonl", "--check", "--max-size", "20000", "--jobs", "1", str(crawl))
    parallel = run("strip", "--jsonl", "--check", "--max-size", "20000", "--jobs", "2", str(crawl))
    assert (serial.returncode, serial.stdout, serial.stderr) == (parallel.returncode, parallel.stdout, parallel.stderr)
    assert parallel.stdout == b"" and b"records:" in parallel.stderr


def short_records(count: int) -> bytes:
    return b"".join(
        record(f"Headline {i}\n\nBody of article {i}.\n" + ("\nAll rights reserved.\n" if i % 3 else ""), id=i)
        for i in range(count)
    )


def test_order_is_kept_over_many_chunks() -> None:
    done = run("strip", "--jsonl", "--jobs", "2", stdin=short_records(3000))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in records] == list(range(3000))
    assert all(r["text"] == f"Headline {r['id']}\n\nBody of article {r['id']}.\n" for r in records)


def test_a_rule_timeout_is_reported_for_its_record(tmp_path: Path) -> None:
    (tmp_path / "slow.yaml").write_text(
        "format: 1\noutlet: {id: slow}\nrules:\n  - id: slow.rule\n    category: promo\n    line: '^(a|aa)+$'\n"
    )
    lines = short_records(300).splitlines(keepends=True)
    for number in (5, 200):
        lines[number - 1] = record("a" * 300 + "!\n")
    args = ("strip", "--jsonl", "--rules", str(tmp_path), "--outlet", "slow")
    serial = run(*args, "--jobs", "1", stdin=b"".join(lines))
    parallel = run(*args, "--jobs", "2", stdin=b"".join(lines))
    assert (serial.returncode, serial.stdout, serial.stderr) == (parallel.returncode, parallel.stdout, parallel.stderr)
    assert parallel.returncode == 2
    assert b"<stdin>:5: rule slow.rule" in parallel.stderr and b"<stdin>:200: rule slow.rule" in parallel.stderr
    assert parallel.stdout.splitlines(keepends=True)[199] == lines[199]


def poisoned(
    settings: Settings, detail: RecordDetail, write: bool, cleaner: Cleaner, lines: list[InputLine]
) -> list[LineResult]:
    if multiprocessing.parent_process() is not None and any(b"POISON" in line.raw for line in lines):
        os._exit(1)  # as a crash in C code, or the kernel's out-of-memory killer, ends a worker
    return clean_lines(settings, detail, write, cleaner, lines)


def test_a_record_that_kills_its_worker_fails_alone(cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "clean_lines", poisoned)
    lines = short_records(600).splitlines(keepends=True)
    lines[299] = record("POISON\n\nAll rights reserved.\n")
    out, messages = io.BytesIO(), io.StringIO()
    summary = Summary(announce_changes=False, stream=messages)
    with JsonlCleaner(cleaner, out, Settings(jobs=2)) as records:
        for outcome in records.clean(io.BytesIO(b"".join(lines)), "crawl.jsonl"):
            summary.add(outcome)
    assert (summary.failed, summary.changed, summary.unchanged) == (1, 399, 200)
    assert messages.getvalue() == "error: crawl.jsonl:300: the worker process cleaning it died; passed through unchanged\n"
    written = out.getvalue().splitlines(keepends=True)
    assert written[299] == lines[299], "passed through unchanged"
    assert [json.loads(line)["id"] for line in written[:299] + written[300:]] == [*range(299), *range(300, 600)]


def workers_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def start_run(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[bytes], list[int], bytes]:
    """A two-worker run over 6,000 records fed on stdin: the first half is sent, and
    once the workers are there the run waits for the rest, which is returned."""
    lines = short_records(6000).splitlines(keepends=True)
    with open(tmp_path / "out.jsonl", "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "cleanwire", "strip", "--jsonl", "--jobs", "2", *extra],
            stdin=subprocess.PIPE, stdout=out, stderr=subprocess.PIPE, start_new_session=True,
        )
    assert process.stdin is not None
    process.stdin.write(b"".join(lines[:3000]))
    process.stdin.flush()
    deadline = time.monotonic() + 20
    while len(workers := workers_of(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(workers) >= 2, "the run started its workers"
    return process, workers, b"".join(lines[3000:])


def test_a_killed_worker_loses_no_record(tmp_path: Path) -> None:
    process, workers, rest = start_run(tmp_path)
    os.kill(workers[0], signal.SIGKILL)
    _, err = process.communicate(rest, timeout=120)
    assert process.returncode == 0, err
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_bytes().splitlines()]
    assert [r["id"] for r in records] == list(range(6000)), "every record, in order"
    assert all(r["text"] == f"Headline {r['id']}\n\nBody of article {r['id']}.\n" for r in records)


def test_ctrl_c_stops_workers_and_leaves_no_report(tmp_path: Path) -> None:
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    process, _, _ = start_run(tmp_path, "--report", str(report))
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the command and its workers
    process.communicate(timeout=30)
    assert process.returncode != 0
    assert list(report.parent.iterdir()) == [], "no report, whole or partial, and no temporary file"
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no worker outlived the command
