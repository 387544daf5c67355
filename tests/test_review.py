"""`cleanwire rules review`: a review file from the HTML report's page becomes rule
changes a person can read, in the right rule file, and the corpus follows them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cleanwire.report.reviewfile import read_review_file
from cleanwire.rules.loader import shipped_rules_dir

from .conftest import ROOT
from .test_cli import run

OUTLET_FILE = """\
# Example News: a rule file a person wrote. This comment must survive a review.
format: 1

outlet:
  id: example
  name: Example News
  domains: [example.com]
  signatures:
    - '^Example News Ltd$'

rules:
  # The imprint under every article.
  - id: example.footer
    category: copyright
    line: '^Example News Ltd$'
    tests:
      - text: "Body.\\nExample News Ltd\\n"
        expect: "Body.\\n"

  - id: example.learned-line-0123456789
    category: related
    description: A line learned from the outlet's pages; matched 9 of 10 pages.
    line: '^More from Example: .*$'
    tests:
      - text: "More from Example: a story\\n"
        expect: ''
"""
DOCUMENT = (
    "Harbour Reopens After Storm\n\n"
    "More from Example: the history of the harbour\n\n"
    "The harbour reopened on Monday after a week of repairs, the port authority said.\n\n"
    "Subscribe to our weekly digest\n\n"
    "Example News Ltd\n"
)
FALSE_REMOVAL = "More from Example: the history of the harbour"
KEPT_JUNK = "Subscribe to our weekly digest"


def make_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    text = OUTLET_FILE.replace("  signatures:", "  learned: ['0123456789']\n  signatures:")
    (folder / "example.yaml").write_text(text, encoding="utf-8")
    return folder


def mark(verdict: str, line: str, number: int, rule: str | None = None, outlet: str | None = "example", source: str = "article.txt") -> dict[str, Any]:
    lines = DOCUMENT.split("\n")
    entry: dict[str, Any] = {
        "verdict": verdict, "source": source, "outlet": outlet, "lines": [number, number], "text": line,
        "before": "\n".join(lines[max(0, number - 3) : number - 1]), "after": "\n".join(lines[number : number + 2]),
    }
    if verdict == "keep":
        entry.update(rule=rule, removed=line)
    else:
        entry["category"] = "newsletter"
    return entry


def line_number(line: str) -> int:
    return DOCUMENT.split("\n").index(line) + 1


def write_review(path: Path, *marks: dict[str, Any], version: int = 1) -> Path:
    path.write_text(json.dumps({"format": "cleanwire-review", "version": version, "report": {}, "marks": list(marks)}), encoding="utf-8")
    return path


def both_marks(tmp_path: Path) -> Path:
    return write_review(
        tmp_path / "review.json",
        mark("keep", FALSE_REMOVAL, line_number(FALSE_REMOVAL), rule="example.learned-line-0123456789"),
        mark("remove", KEPT_JUNK, line_number(KEPT_JUNK)),
    )


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    document = tmp_path / "article.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    return document, make_rules(tmp_path)


def test_a_false_removal_stays_and_kept_junk_goes_once_the_review_is_applied(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    document, rules = corpus
    before = run("strip", str(document), "--rules", str(rules)).stdout.decode()
    assert FALSE_REMOVAL not in before and KEPT_JUNK in before
    done = run("rules", "review", str(both_marks(tmp_path)), "--rules", str(rules))
    assert done.returncode == 0, done.stderr
    said = done.stdout.decode()
    assert "protect review-keep-" in said and "rule example.review-remove-" in said and "rules review: 2 marks; changed 1 rule file" in said
    after = run("strip", str(document), "--rules", str(rules)).stdout.decode()
    assert FALSE_REMOVAL in after and KEPT_JUNK not in after
    assert "Example News Ltd" not in after, "the other rules still work"


def test_the_reviewed_rule_file_keeps_its_comments_and_passes_lint_and_test(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    _, rules = corpus
    assert run("rules", "review", str(both_marks(tmp_path)), "--rules", str(rules)).returncode == 0
    text = (rules / "example.yaml").read_text(encoding="utf-8")
    original = (OUTLET_FILE.replace("  signatures:", "  learned: ['0123456789']\n  signatures:")).splitlines()
    remaining = iter(text.splitlines())
    assert all(line in remaining for line in original), "every line a person wrote is still there, in order"
    assert "# reviewed: example.learned-line-0123456789 removed this from article.txt, line 3" in text
    assert "pattern: '^More from Example: the history of the harbour$'" in text
    assert "line: '^Subscribe to our weekly digest$'" in text
    lint = run("rules", "lint", "--rules", str(rules))
    assert lint.returncode == 0 and b"rules lint: 0 findings" in lint.stdout, lint.stdout
    test = run("rules", "test", "--rules", str(rules))
    assert test.returncode == 0, test.stdout


def test_applying_the_same_review_twice_changes_nothing(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    _, rules = corpus
    review = both_marks(tmp_path)
    assert run("rules", "review", str(review), "--rules", str(rules)).returncode == 0
    first = (rules / "example.yaml").read_bytes()
    again = run("rules", "review", str(review), "--rules", str(rules))
    assert again.returncode == 0, again.stderr
    assert (rules / "example.yaml").read_bytes() == first
    assert b"nothing to change (already applied)" in again.stdout


def test_dry_run_says_what_would_change_and_writes_nothing(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    _, rules = corpus
    before = (rules / "example.yaml").read_bytes()
    done = run("rules", "review", str(both_marks(tmp_path)), "--rules", str(rules), "--dry-run")
    assert done.returncode == 0 and b"would change 1 rule file" in done.stdout
    assert (rules / "example.yaml").read_bytes() == before


def test_the_shipped_rules_are_never_edited_where_they_are_installed(tmp_path: Path) -> None:
    shipped = shipped_rules_dir() / "newsmax.yaml"
    original = shipped.read_bytes()
    line = "Tags: russia | north korea | kim jong un"
    review = write_review(
        tmp_path / "review.json",
        {"verdict": "keep", "source": "a.txt", "outlet": "newsmax", "lines": [1, 1], "text": line, "rule": "newsmax.tags", "before": "", "after": "Headline"},
    )
    refused = run("rules", "review", str(review))
    assert refused.returncode == 2
    message = refused.stderr.decode()
    assert str(shipped) in message and "--rules DIR" in message and "Traceback" not in message
    mine = tmp_path / "mine"
    mine.mkdir()
    done = run("rules", "review", str(review), "--rules", str(mine))
    assert done.returncode == 0, done.stderr
    assert shipped.read_bytes() == original
    assert "pattern: '^Tags: russia \\| north korea \\| kim jong un$'" in (mine / "newsmax.yaml").read_text(encoding="utf-8")
    document = tmp_path / "a.txt"
    document.write_text(f"{line}\n\nHeadline\n\nBody of the story, which stays.\n", encoding="utf-8")
    assert line in run("strip", str(document), "--outlet", "newsmax", "--rules", str(mine)).stdout.decode()
    assert line not in run("strip", str(document), "--outlet", "newsmax").stdout.decode()


def test_a_document_without_an_outlet_changes_the_generic_rules_only_when_asked(tmp_path: Path) -> None:
    review = write_review(tmp_path / "review.json", mark("remove", KEPT_JUNK, line_number(KEPT_JUNK), outlet=None))
    mine = tmp_path / "mine"
    mine.mkdir()
    refused = run("rules", "review", str(review), "--rules", str(mine))
    assert refused.returncode == 2 and b"--generic" in refused.stderr and str(review).encode() in refused.stderr
    assert list(mine.iterdir()) == []
    done = run("rules", "review", str(review), "--rules", str(mine), "--generic")
    assert done.returncode == 0, done.stderr
    assert "max_chars: 30" in (mine / "generic.yaml").read_text(encoding="utf-8")


def test_a_review_that_contradicts_a_rule_test_writes_nothing(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    _, rules = corpus
    before = (rules / "example.yaml").read_bytes()
    review = write_review(tmp_path / "review.json", mark("keep", "Example News Ltd", line_number("Example News Ltd"), rule="example.footer"))
    done = run("rules", "review", str(review), "--rules", str(rules))
    assert done.returncode == 2
    assert b"would fail `rules test`: example.footer" in done.stderr and b"Traceback" not in done.stderr
    assert (rules / "example.yaml").read_bytes() == before


@pytest.mark.parametrize(
    "content, says",
    [
        ("{not json", "not JSON"),
        ('{"format": "something-else", "version": 1, "marks": []}', "not a review file"),
        ('{"format": "cleanwire-review", "version": 7, "marks": []}', "review file version 7 is not one this cleanwire reads"),
        ('{"format": "cleanwire-review", "version": 1, "marks": [{"verdict": "maybe"}]}', "mark 1: \"verdict\" must be"),
        ('{"format": "cleanwire-review", "version": 1, "marks": [{"verdict": "keep", "lines": [3, 1]}]}', "mark 1: \"lines\" must be"),
    ],
    ids=["not-json", "other-format", "unknown-version", "bad-verdict", "bad-lines"],
)
def test_a_malformed_review_file_is_a_clear_error_naming_it(tmp_path: Path, corpus: tuple[Path, Path], content: str, says: str) -> None:
    _, rules = corpus
    before = (rules / "example.yaml").read_bytes()
    review = tmp_path / "review.json"
    review.write_text(content, encoding="utf-8")
    done = run("rules", "review", str(review), "--rules", str(rules))
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"cleanwire: error: {review}: ") and says in lines[0], lines
    assert (rules / "example.yaml").read_bytes() == before


def test_a_rule_that_no_longer_exists_is_a_clear_error(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    _, rules = corpus
    review = write_review(tmp_path / "review.json", mark("keep", FALSE_REMOVAL, line_number(FALSE_REMOVAL), rule="example.renamed-since"))
    done = run("rules", "review", str(review), "--rules", str(rules))
    assert done.returncode == 2
    assert f"{review}: mark 1 (article.txt, line 3): rule 'example.renamed-since' no longer exists".encode() in done.stderr


def test_the_readmes_review_file_example_is_one_rules_review_reads(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```jsonc\n(.*?)```", readme, re.S)
    path = tmp_path / "example.json"
    path.write_text(example, encoding="utf-8")
    marks = read_review_file(path).marks
    assert [(m.verdict, m.rule, m.category) for m in marks] == [("keep", "newsmax.tags", "other"), ("remove", None, "other")]


def test_invisible_characters_in_a_marked_line_are_written_as_escapes_and_still_match(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    document, rules = corpus
    junk = "Share\u200b this \x80story \u202e now"
    document.write_text(DOCUMENT.replace(KEPT_JUNK, junk), encoding="utf-8")
    review = write_review(tmp_path / "review.json", {**mark("remove", junk, line_number(KEPT_JUNK))})
    done = run("rules", "review", str(review), "--rules", str(rules))
    assert done.returncode == 0, done.stderr
    written = (rules / "example.yaml").read_text(encoding="utf-8")
    assert "line: '^Share\\u200B this \\u0080story \\u202E now$'" in written
    [pattern_line] = [line for line in written.splitlines() if line.strip().startswith("line: '^Share")]
    assert not any(char in pattern_line for char in "\u200b\x80\u202e"), "the pattern holds no invisible character"
    assert not any(char in done.stdout.decode() for char in "\u200b\x80\u202e")
    assert junk not in run("strip", str(document), "--rules", str(rules)).stdout.decode()


def test_a_kept_line_a_protect_entry_holds_is_refused_as_junk_and_nothing_is_written(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    _, rules = corpus
    path = rules / "example.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\nrules:\n", "\nprotect:\n  - id: digest\n    pattern: '^Subscribe to our'\n\nrules:\n"),
        encoding="utf-8",
    )
    before = path.read_bytes()
    review = write_review(tmp_path / "review.json", mark("remove", KEPT_JUNK, line_number(KEPT_JUNK)))
    done = run("rules", "review", str(review), "--rules", str(rules))
    assert done.returncode == 2
    assert b"mark 1 (article.txt, line 7): the new rule does not remove 'Subscribe to our weekly digest'; a protect entry keeps it" in done.stderr
    assert path.read_bytes() == before


TOPICS = ("river", "bridge", "council", "market", "school", "harbour", "station", "library", "park", "museum", "hospital", "stadium")
MENU = "Home | News | Sport | Weather"
LISTEN = "Listen to this article"


def learned_outlet(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of an outlet's pages and a rules folder with the file `cleanwire learn` made of them."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for number, topic in enumerate(TOPICS):
        (pages / f"{topic}.txt").write_text(
            f"{MENU}\n\n{LISTEN if topic == 'river' else 'Updated'}\n\nNew plans for the {topic} unveiled\n\n"
            f"The council met on day {number} to discuss the {topic}, and members voted on the plan after a long debate that ran late.\n\n"
            f"Residents said the work on the {topic} would begin in the spring and last for several months, officials added.\n\n"
            "Share on Facebook\nShare on Twitter\n\nCopyright 2024 Example Weekly Ltd\n",
            encoding="utf-8",
        )
    rules = tmp_path / "rules"
    rules.mkdir()
    learned = run("learn", str(pages), "--outlet", "example", "-o", str(rules / "example.yaml"))
    assert learned.returncode == 0, learned.stderr
    return pages, rules


def test_a_learned_outlet_file_takes_the_review_and_keeps_it_through_learn_update(tmp_path: Path) -> None:
    pages, rules = learned_outlet(tmp_path)
    river = pages / "river.txt"
    assert LISTEN in run("strip", str(river), "--rules", str(rules)).stdout.decode(), "seen on one page, so not learned"
    lines = river.read_text(encoding="utf-8").split("\n")
    number = lines.index(LISTEN) + 1
    review = write_review(
        tmp_path / "review.json",
        {"verdict": "remove", "source": str(river), "outlet": "example", "lines": [number, number], "text": LISTEN,
         "before": "\n".join(lines[number - 3 : number - 1]), "after": "\n".join(lines[number : number + 2]), "category": "promo"},
    )
    done = run("rules", "review", str(review), "--rules", str(rules))
    assert done.returncode == 0, done.stderr
    relearned = run("learn", str(pages), "--update", str(rules / "example.yaml"))
    assert relearned.returncode == 0, relearned.stderr
    text = (rules / "example.yaml").read_text(encoding="utf-8")
    assert "id: example.review-remove-" in text and "line: '^Listen to this article$'" in text, "learn --update keeps the reviewed rule"
    assert text.count(".learned-") >= 2, "and the learned rules"
    assert run("rules", "test", "--rules", str(rules)).returncode == 0
    assert LISTEN not in run("strip", str(river), "--rules", str(rules)).stdout.decode()


def test_a_removal_a_learned_rules_own_test_asks_for_is_refused_with_the_way_out(tmp_path: Path) -> None:
    pages, rules = learned_outlet(tmp_path)
    before = (rules / "example.yaml").read_bytes()
    report = tmp_path / "report.json"
    run("strip", str(pages), "--check", "--rules", str(rules), "--report", str(report))
    river = next(d for d in json.loads(report.read_text(encoding="utf-8"))["documents"] if d["source"].endswith("river.txt"))
    [decision] = [d for d in river["decisions"] if d["first_line"] == 1]
    assert ".learned-" in decision["rule"], "the menu line is removed by a learned rule"
    review = write_review(
        tmp_path / "review.json",
        {"verdict": "keep", "source": river["source"], "outlet": "example", "lines": [1, 1], "text": MENU,
         "before": "", "after": f"\n{LISTEN}", "rule": decision["rule"], "removed": decision["text"]},
    )
    done = run("rules", "review", str(review), "--rules", str(rules))
    assert done.returncode == 2
    message = done.stderr.decode()
    assert f"would fail `rules test`: {decision['rule']} @ " in message and "delete it (`learn --update` does not bring" in message
    assert (rules / "example.yaml").read_bytes() == before
