"""What each normalization mode does to a whole document, as a user sees it: the
layout kept or not, the rules unaffected, and every change counted and shown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanwire import Cleaner

ARTICLE = (
    "How to run the tests\n"
    "\n"
    "Install it, then  run:\n"
    "\n"
    "class QunitTests(StaticLiveServerTestCase):\n"
    "    def test_qunit(self):\n"
    "        self.browser.get(url)\n"
    "\n"
    "Agenda\n"
    "  - Talks (30 mins)\n"
    "    - Small groups (15 mins)\n"
    "\n"
    "Name        Year   Club\n"
    "Herbinger   1992   TS Goeppingen\n"
    "\n"
    "    \u00a9 2024 Example Media. All rights reserved.\n"
)


def test_safe_keeps_code_lists_and_tables_and_still_removes_indented_junk() -> None:
    result = Cleaner(outlet="none").clean(ARTICLE)
    assert result.text == ARTICLE.replace("then  run", "then run").replace(
        "\n\n    \u00a9 2024 Example Media. All rights reserved.\n", "\n"
    )
    assert [d.rule_id for d in result.decisions] == ["generic.copyright-line"]
    (decision,) = result.decisions
    assert result.normalized[decision.start : decision.end] == "    \u00a9 2024 Example Media. All rights reserved."
    assert result.stats.changes() == {"spaces_folded": 1}


def test_full_folds_everything_as_before() -> None:
    result = Cleaner(outlet="none", normalize="full").clean(ARTICLE)
    assert "\n    def test_qunit" not in result.text and "\ndef test_qunit(self):\n" in result.text
    assert "Name Year Club\n" in result.text
    assert result.stats.indents_removed == 5
    assert [d.rule_id for d in result.decisions] == ["generic.copyright-line"]


def test_none_leaves_lines_alone_but_for_their_ends() -> None:
    text = "Caf\u0065\u0301  menu\u00a0 \r\nBody  text.\r\n"
    result = Cleaner(outlet="none", normalize="none").clean(text)
    assert result.text == "Caf\u0065\u0301  menu\u00a0 \nBody  text.\n"
    assert result.stats.changes() == {"line_breaks_converted": 2}


def test_an_inline_cut_in_an_indented_line_is_carried_to_the_right_characters() -> None:
    text = "Body text of the article goes here, long enough.\n\n\tA  caption here (Photo: Jane Doe)\n"
    cleaner = Cleaner(outlet="none")
    result = cleaner.clean(text)
    for decision in result.decisions:
        removed = result.normalized[decision.start : decision.end]
        assert removed.strip() and removed.strip() in text
    assert cleaner.clean(result.text).text == result.text


def test_the_mode_does_not_change_which_rules_fire_on_the_seeds() -> None:
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    safe, full = Cleaner(), Cleaner(normalize="full")
    for seed in seeds:
        data = seed.read_bytes()
        ours = [(d.rule_id, d.line_start, d.line_end) for d in safe.clean_bytes(data).decisions]
        before = [(d.rule_id, d.line_start, d.line_end) for d in full.clean_bytes(data).decisions]
        assert ours == before, seed.name


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "cleanwire", *args], capture_output=True, cwd=cwd, timeout=120)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE.replace("How to", "How  to").replace("(30 mins)\n", "(30 mins)   \n"), "utf-8")
    return path


def test_explain_shows_the_normalization_counts(article: Path) -> None:
    done = run("explain", "--outlet", "none", str(article), cwd=article.parent)
    assert done.returncode == 0, done.stderr
    assert "normalization: 2 runs of spaces folded, 1 line ends stripped of spaces" in " ".join(done.stdout.split())


def test_diff_says_what_normalization_changed(article: Path) -> None:
    done = run("strip", "--diff", "--outlet", "none", "--normalize", "full", str(article), cwd=article.parent)
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("# normalization: ") and "indents removed" in first


def test_report_counts_each_kind_of_change(article: Path) -> None:
    report = article.parent / "report.json"
    done = run("strip", "--check", "--outlet", "none", "--report", str(report), str(article), cwd=article.parent)
    assert done.returncode == 1, done.stderr
    written = json.loads(report.read_text("utf-8"))
    assert written["options"]["normalize"] == "safe"
    counts = written["documents"][0]["normalization"]
    assert (counts["spaces_folded"], counts["line_ends_stripped"], counts["indents_removed"]) == (2, 1, 0)
