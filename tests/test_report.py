"""`--report`: every removal with its rule, category and span, as JSON, JSON Lines and HTML."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cleanwire.pipeline.normalize import normalize_text
from cleanwire.report.replay import apply_removals
from cleanwire.rules.ruleset import RuleSet

from .conftest import GOLD, ROOT, SEEDS, seed_names
from .test_cli import run

SCHEMA = json.loads((ROOT / "src" / "cleanwire" / "report" / "schema.json").read_text(encoding="utf-8"))
REPORT_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
LINE_VALIDATOR = jsonschema.Draft202012Validator(
    {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": "#/$defs/jsonl_line"},
    format_checker=jsonschema.FormatChecker(),
)


def seed_tree(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in seed_names():
        shutil.copyfile(SEEDS / name, root / name)
    return root


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("report")
    tree = seed_tree(base / "seeds")
    done = run("strip", str(tree), "-o", str(base / "out"), "--report", str(base / "report.json"))
    assert done.returncode == 0, done.stderr
    return json.loads((base / "report.json").read_text(encoding="utf-8"))


def by_name(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(doc["source"]).name: doc for doc in report["documents"]}


def test_seed_report_is_valid_against_the_schema(seeds_report: dict[str, Any]) -> None:
    REPORT_VALIDATOR.validate(seeds_report)
    assert seeds_report["format"] == "cleanwire-report" and seeds_report["version"] == 1
    assert [Path(d["source"]).name for d in seeds_report["documents"]] == seed_names()


def test_schema_rejects_what_is_not_a_report(seeds_report: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(seeds_report))
    broken["documents"][0]["decisions"][0]["category"] = "weather"
    assert not REPORT_VALIDATOR.is_valid(broken)
    del broken["documents"][0]["decisions"][0]["category"]
    assert not REPORT_VALIDATOR.is_valid(broken)


@pytest.mark.parametrize("name", seed_names())
def test_seed_report_lists_exactly_the_lines_gold_removes(seeds_report: dict[str, Any], name: str) -> None:
    doc = by_name(seeds_report)[name]
    normalized = normalize_text((SEEDS / name).read_bytes().decode("utf-8"))
    lines = normalized.split("\n")
    covered: set[int] = set()
    for decision in doc["decisions"]:
        assert decision["rule"] and decision["category"]
        assert decision["text"] == normalized[decision["start"] : decision["end"]]
        assert lines[decision["first_line"] - 1] and normalized[decision["start"] :].startswith(lines[decision["first_line"] - 1])
        if not decision["inline"]:
            covered.update(range(decision["first_line"], decision["last_line"] + 1))
    kept = [line for number, line in enumerate(lines, start=1) if line and number not in covered]
    gold = [line for line in (GOLD / name).read_text(encoding="utf-8").split("\n") if line]
    assert kept == gold


@pytest.mark.parametrize("name", seed_names())
def test_applying_the_report_spans_reproduces_the_clean_output(seeds_report: dict[str, Any], name: str) -> None:
    doc = by_name(seeds_report)[name]
    normalized = normalize_text((SEEDS / name).read_bytes().decode("utf-8"))
    spans = [(d["start"], d["end"]) for d in doc["decisions"]]
    assert apply_removals(normalized, spans) == (GOLD / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", seed_names())
def test_seed_report_names_the_rule_file_and_line(seeds_report: dict[str, Any], name: str) -> None:
    doc = by_name(seeds_report)[name]
    for decision in doc["decisions"]:
        lines = Path(decision["rule_file"]).read_text(encoding="utf-8").split("\n")
        assert f"id: {decision['rule']}" in lines[decision["rule_line"] - 1]
        assert f"category: {decision['category']}" in "\n".join(lines[decision["rule_line"] - 1 : decision["rule_line"] + 8])


def test_seed_report_document_facts(seeds_report: dict[str, Any]) -> None:
    doc = by_name(seeds_report)["000_f0b6f554ee90a507.txt"]
    assert doc["status"] == "changed" and doc["guard"] == {"outcome": "passed", "reason": ""}
    assert doc["encoding"] == {"name": "utf-8", "confidence": 1.0}
    assert doc["outlet"]["id"] == "newsmax" and doc["outlet"]["method"] == "signature" and doc["outlet"]["evidence"]
    # The Newsmax seed has one no-break space and one narrow one, and one run of spaces.
    assert doc["normalization"]["chars_replaced"] >= 1 and doc["normalization"]["spaces_folded"] >= 1
    size = doc["size"]
    assert size["input_bytes"] == (SEEDS / "000_f0b6f554ee90a507.txt").stat().st_size
    assert size["output_bytes"] == (GOLD / "000_f0b6f554ee90a507.txt").stat().st_size
    removed = sum(d["end"] - d["start"] for d in doc["decisions"])
    assert doc["removed_share"] == pytest.approx(removed / size["normalized_chars"], abs=1e-4)


def test_run_totals_add_up_and_name_the_rules_that_never_fired(seeds_report: dict[str, Any]) -> None:
    summary = seeds_report["summary"]
    decisions = [d for doc in seeds_report["documents"] for d in doc["decisions"]]
    assert summary["documents"] == 5 and summary["status"]["changed"] == 5
    by_category = Counter(d["category"] for d in decisions)
    assert {c: t["decisions"] for c, t in summary["categories"].items()} == dict(by_category)
    assert summary["categories"]["paywall"]["lines"] == 13  # the Evening Standard registration wall
    chars = Counter()
    for d in decisions:
        chars[d["rule"]] += d["end"] - d["start"]
    assert {r: t["chars"] for r, t in summary["rules"].items()} == dict(chars)
    assert list(summary["rules"]) == sorted(chars, key=lambda r: (-chars[r], r))
    assert set(summary["outlets"]) == {"newsmax", "evening-standard", "devdiscourse", "presstv", "nbcnews"}
    assert summary["outlets"]["presstv"]["documents"] == 1
    every_rule = set(RuleSet.load().by_id)
    never = {r["rule"] for r in summary["rules_never_fired"]}
    assert never == every_rule - {d["rule"] for d in decisions}
    assert never and "generic.tag-line" in never  # the seeds' tag lines are taken by their outlets' rules


def test_jsonl_report_streams_the_same_records(tmp_path: Path, seeds_report: dict[str, Any]) -> None:
    tree = seed_tree(tmp_path / "seeds")
    done = run("strip", str(tree), "--check", "--report", str(tmp_path / "report.log"), "--report-format", "jsonl")
    assert done.returncode == 1, done.stderr
    lines = [json.loads(line) for line in (tmp_path / "report.log").read_text(encoding="utf-8").splitlines()]
    for line in lines:
        LINE_VALIDATOR.validate(line)
    assert [line["record"] for line in lines] == ["header"] + ["document"] * 5 + ["summary"]
    for line, doc in zip(lines[1:-1], seeds_report["documents"]):
        assert line["decisions"] == doc["decisions"]
    assert lines[-1]["categories"] == seeds_report["summary"]["categories"]


def test_report_from_stdin_and_for_one_file(tmp_path: Path) -> None:
    seed = SEEDS / seed_names()[2]
    piped = run("strip", "--report", str(tmp_path / "stdin.json"), stdin=seed.read_bytes())
    assert piped.returncode == 0 and piped.stdout == (GOLD / seed.name).read_bytes()
    report = json.loads((tmp_path / "stdin.json").read_text(encoding="utf-8"))
    REPORT_VALIDATOR.validate(report)
    assert report["inputs"] == ["-"] and report["documents"][0]["source"] == "<stdin>"
    assert report["documents"][0]["outlet"]["id"] == "devdiscourse"
    single = run("strip", str(seed), "--report", str(tmp_path / "one.jsonl"))
    assert single.returncode == 0
    lines = (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[1])["decisions"] == report["documents"][0]["decisions"]


def test_report_over_json_lines_input_names_each_record(tmp_path: Path) -> None:
    standard = (SEEDS / seed_names()[1]).read_text(encoding="utf-8")
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text(
        json.dumps({"url": "https://www.standard.co.uk/news/x", "text": standard}) + "\n"
        + "not json\n"
        + json.dumps({"text": "Short body of text.\n\nAll rights reserved.\n"}) + "\n",
        encoding="utf-8",
    )
    done = run("strip", "--jsonl", str(crawl), "--report", str(tmp_path / "r.json"))
    assert done.returncode == 2  # the malformed line
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    REPORT_VALIDATOR.validate(report)
    first, second, third = report["documents"]
    assert first["source"] == f"{crawl}:1" and first["outlet"]["method"] == "domain"
    assert second["source"] == f"{crawl}:2" and second["status"] == "failed" and "not valid JSON" in second["message"]
    assert third["source"] == f"{crawl}:3" and [d["rule"] for d in third["decisions"]] == ["generic.all-rights-reserved"]
    assert report["summary"]["status"] == {"changed": 2, "unchanged": 0, "refused": 0, "failed": 1, "skipped": 0}


def test_report_records_refusals_failures_and_skips(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "junk.txt").write_bytes(b"Tags: a | b\n\n\xc2\xa9 2024 Foo Media. All rights reserved.\n")
    (tree / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tree / "clean.txt").write_text("A headline\n\nA body paragraph of the article.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    done = run("strip", str(tree), str(missing), "--check", "--report", str(tmp_path / "r.json"))
    assert done.returncode == 2
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    REPORT_VALIDATOR.validate(report)
    docs = {Path(d["source"]).name: d for d in report["documents"]}
    junk = docs["junk.txt"]
    assert junk["status"] == "refused" and junk["guard"]["outcome"] == "refused"
    assert [d["category"] for d in junk["decisions"]] == ["tags", "copyright"]  # what the rules would have removed
    assert junk["size"]["output_bytes"] == junk["size"]["input_bytes"]
    assert docs["picture.txt"]["status"] == "skipped" and docs["picture.txt"]["encoding"] is None
    assert docs["clean.txt"]["status"] == "unchanged" and docs["clean.txt"]["decisions"] == []
    assert docs["missing.txt"]["status"] == "failed" and docs["missing.txt"]["message"]
    summary = report["summary"]
    assert summary["status"] == {"changed": 0, "unchanged": 1, "refused": 1, "failed": 1, "skipped": 1}
    assert summary["categories"] == {}, "nothing was removed from a refused document"
    assert "generic.tag-line" not in {r["rule"] for r in summary["rules_never_fired"]}, "it fired, though refused"


def test_report_does_not_depend_on_the_number_of_jobs(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path / "seeds")
    for jobs in ("1", "2"):
        assert run("strip", str(tree), "--check", "-j", jobs, "--report", str(tmp_path / f"r{jobs}.json")).returncode == 1
    one, two = (json.loads((tmp_path / f"r{j}.json").read_text(encoding="utf-8")) for j in ("1", "2"))
    assert one["documents"] == two["documents"] and one["summary"] == two["summary"]


def test_in_place_with_a_report_reads_every_file_even_cached_ones(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path / "seeds")
    assert run("strip", "--in-place", str(tree)).returncode == 0
    done = run("strip", "--in-place", str(tree), "--report", str(tmp_path / "r.json"))
    assert done.returncode == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [d["status"] for d in report["documents"]] == ["unchanged"] * 5
    assert all(d["encoding"] and d["outlet"] for d in report["documents"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--report", "{tmp}/r.txt"], b"r.txt: cannot tell the report format from the name"),
        (["--report", "{tmp}/r.json", "--report-format", "xml"], b"unknown report format 'xml'"),
        (["--report-format", "json"], b"--report-format needs --report FILE"),
        (["--report", "{tmp}/no/such/folder/r.json"], b"r.json: cannot write the report"),
    ],
)
def test_report_usage_errors_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: bytes) -> None:
    tree = seed_tree(tmp_path / "seeds")
    out = tmp_path / "out"
    done = run("strip", str(tree), "-o", str(out), *[a.format(tmp=tmp_path) for a in args])
    assert done.returncode == 2
    assert message in done.stderr
    assert not out.exists(), "nothing is cleaned when the report cannot be written"


def test_failed_run_leaves_the_old_report_whole_and_no_temporary_file(tmp_path: Path) -> None:
    old = tmp_path / "r.json"
    old.write_text("previous report\n")
    done = run("strip", "--outlet", "nowhere", "--report", str(old), stdin=b"text\n")
    assert done.returncode == 2 and b"unknown outlet 'nowhere'" in done.stderr
    assert old.read_text() == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


# ---- the HTML page, read as a file (the browser tests are in test_report_browser.py) ----


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.urls: list[str] = []
        self.meta: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for key in ("src", "href", "action", "poster", "data"):
            if attributes.get(key):
                self.urls.append(str(attributes[key]))
        if tag == "meta":
            self.meta.append(attributes)
        if tag == "script":
            self._open = attributes
            self.scripts.append((attributes, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def test_html_report_is_self_contained_and_carries_every_span(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path / "seeds")
    tricky = "Head </script><script>alert(1)</script> \U0001F600 line\n\nBody text that stays in the article.\n\nAll rights reserved.\n"
    (tree / "tricky.txt").write_text(tricky, encoding="utf-8")
    done = run("strip", str(tree), "--check", "--report", str(tmp_path / "r.html"))
    assert done.returncode == 1, done.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    assert all(url.startswith("data:") for url in page.urls), page.urls
    assert any(m.get("http-equiv") == "Content-Security-Policy" and "default-src 'none'" in (m.get("content") or "") for m in page.meta)
    assert not re.search(r"@import|url\(\s*['\"]?(?!data:)", html)
    blocks = {attrs["id"]: json.loads(text) for attrs, text in page.scripts if attrs.get("type") == "application/json"}
    index = blocks.pop("report-index")
    assert len(blocks) == len(index["documents"]) == 6
    inline_scripts = [text for attrs, text in page.scripts if not attrs.get("type")]
    assert len(inline_scripts) == 1 and "alert(1)" not in inline_scripts[0]
    for number, row in enumerate(index["documents"]):
        doc = blocks[f"doc-{number}"]
        assert doc["source"] == row[0]
        name = Path(row[0]).name
        if name == "tricky.txt":
            assert doc["text"] == normalize_text(tricky)
            assert [index["rules"][rule][0] for _, _, rule, _, _ in doc["spans"]] == ["generic.all-rights-reserved"]
            continue
        normalized = normalize_text((SEEDS / name).read_text(encoding="utf-8"))
        assert doc["text"] == normalized
        kept = apply_removals(doc["text"], [(start, end) for start, end, *_ in doc["spans"]])
        assert kept == (GOLD / name).read_text(encoding="utf-8")


def test_readme_example_is_a_valid_report_and_documents_every_field() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```json\n(.*?)```", readme, re.S)
    REPORT_VALIDATOR.validate(json.loads(example))
    defs = SCHEMA["$defs"]
    fields = [*defs["document_fields"]["properties"], *defs["decision"]["properties"], *defs["summary_fields"]["properties"]]
    fields += [*defs["document_fields"]["properties"]["size"]["properties"]]
    missing = [name for name in fields if f"`{name}`" not in readme]
    assert missing == []
