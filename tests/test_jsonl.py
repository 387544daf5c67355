"""JSON Lines: one field cleaned per record, outlet by URL domain, bad lines passed through."""

from __future__ import annotations

import json
from pathlib import Path

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
