"""`cleanwire learn` on synthetic outlets: pages sharing a menu, a newsletter box and
a footer whose year changes, each with its own article, two of them quoting the
same sentence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanwire import exitcodes
from cleanwire.rules.loader import load_rule_file

MENU = ["Home", "World", "Politics", "Business", "Sports", "Contact Us"]
NEWSLETTER = ["Get the Morning Brief newsletter", "Enter your email address", "Sign Up Now"]
SHARED_QUOTE = "“We will not back down from this fight, whatever it costs us,” the mayor told the crowd."

_SUBJECTS = ["council", "orchestra", "hospital", "railway", "museum", "harbour", "university", "library", "bakery", "league"]
_PLACES = ["Lisbon", "Oslo", "Denver", "Nairobi", "Quito", "Hanoi", "Perth", "Tunis", "Riga", "Lima"]
_ACTIONS = [
    "announced a sweeping plan to rebuild its ageing workshops",
    "warned that rising costs would force it to cut evening services",
    "opened a new wing after years of delays and heated local debate",
    "agreed to share its archive with researchers from across the region",
    "said volunteers had raised far more money than anyone had expected",
]


def article(n: int) -> list[str]:
    """Three paragraphs no other page has."""
    return [
        f"The {_SUBJECTS[n % 10]} in {_PLACES[(n + p) % 10]} {_ACTIONS[(n + 2 * p) % 5]}, "
        f"and residents of the {_SUBJECTS[(n + p + 3) % 10]} district said they were {['pleased', 'wary', 'surprised'][p]} by the news."
        for p in range(3)
    ]


def page(n: int, year: int) -> str:
    body = [f"{_PLACES[n % 10]} {_SUBJECTS[n % 10].title()} Makes Headlines Again", "", *article(n)[:2]]
    if n in (1, 2):
        body += ["", SHARED_QUOTE]
    body += ["", article(n)[2]]
    footer = [f"© {year} Example Media Group. All rights reserved.", "About Us | Privacy Policy | Terms of Use"]
    return "\n".join([*MENU, "", *body, "", *NEWSLETTER, "", *footer]) + "\n"


def write_pages(folder: Path, count: int, first: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(first, first + count):
        path = folder / f"{n:02d}.txt"
        path.write_text(page(n, 2010 + n), encoding="utf-8")
        paths.append(path)
    return paths


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleanwire", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("learn")
    write_pages(root / "pages", 8)
    rules = root / "rules"
    rules.mkdir()
    result = run("learn", str(root / "pages"), "--outlet", "example", "-o", str(rules / "example.yaml"))
    assert result.returncode == 0, result.stderr
    return rules / "example.yaml"


def strip(rule_file: Path, text_file: Path) -> str:
    result = run(
        "strip", str(text_file), "--rules", str(rule_file.parent), "--outlet", "example", "--allow-large-removal"
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_learned_file_loads_lints_clean_and_passes_its_tests(learned: Path) -> None:
    rule_file = load_rule_file(learned)
    assert rule_file.outlet is not None and rule_file.outlet.id == "example"
    assert rule_file.rules
    assert all(rule.cases for rule in rule_file.rules)
    assert all("of 8 pages" in rule.description for rule in rule_file.rules)
    lint = run("rules", "lint", "--rules", str(learned.parent))
    assert lint.returncode == exitcodes.OK, lint.stdout
    tested = run("rules", "test", "--rules", str(learned.parent))
    assert tested.returncode == exitcodes.OK, tested.stdout


def test_learned_rules_remove_the_chrome_of_a_new_page_and_keep_its_article(learned: Path, tmp_path: Path) -> None:
    (new_page,) = write_pages(tmp_path, 1, first=23)  # a page not learned from, and a year not seen
    cleaned = strip(learned, new_page)
    for line in [*MENU, *NEWSLETTER, "© 2033 Example Media Group. All rights reserved."]:
        assert line not in cleaned.splitlines()
    for paragraph in article(23):
        assert paragraph in cleaned


def test_learned_rules_keep_every_paragraph_and_the_shared_quote_on_the_learn_pages(learned: Path) -> None:
    for n in (1, 2, 5):
        cleaned = strip(learned, learned.parent.parent / "pages" / f"{n:02d}.txt")
        for paragraph in article(n):
            assert paragraph in cleaned
        if n in (1, 2):
            assert SHARED_QUOTE in cleaned
        assert "Contact Us" not in cleaned.splitlines()


def test_the_footer_is_learned_over_its_changing_year(learned: Path) -> None:
    text = learned.read_text(encoding="utf-8")
    assert r"\d{4} Example Media Group" in text
    assert not any(f"{year} Example Media Group" in text.split("tests:")[0] for year in range(2011, 2019))


def test_same_pages_give_the_same_file_byte_for_byte(learned: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.yaml"
    result = run("learn", str(learned.parent.parent / "pages"), "--outlet", "example", "-o", str(again))
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == learned.read_bytes()


def test_update_keeps_hand_written_rules_and_rejections(learned: Path, tmp_path: Path) -> None:
    edited = tmp_path / "example.yaml"
    text = learned.read_text(encoding="utf-8")
    rule_file = load_rule_file(learned)
    rejected = next(rule for rule in rule_file.rules if rule.kind == "line")
    fingerprint = rejected.id.rsplit("-", 1)[1]
    kept_lines = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if line.startswith("  - id: "):
            skipping = line.strip() == f"- id: {rejected.id}"
        if not skipping:
            kept_lines.append(line)
    hand_written = (
        "  - id: example.editor-note\n"
        "    category: promo\n"
        "    line: '^Editor''s note: '\n"
        "    tests:\n"
        "      - text: \"Editor's note: this story was updated.\\n\"\n"
        "        expect: ''\n"
    )
    edited.write_text("".join(kept_lines) + hand_written, encoding="utf-8")
    more = write_pages(tmp_path / "more", 6, first=30)
    result = run("learn", str(learned.parent.parent / "pages"), *map(str, more), "--update", str(edited))
    assert result.returncode == 0, result.stderr
    merged = load_rule_file(edited)
    ids = [rule.id for rule in merged.rules]
    assert "example.editor-note" in ids
    assert rejected.id not in ids
    assert merged.outlet is not None and fingerprint in merged.outlet.learned
    assert hand_written in edited.read_text(encoding="utf-8")
    assert "of 14 pages" in next(rule.description for rule in merged.rules if "learned" in rule.id)


def test_too_few_pages_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    write_pages(tmp_path / "pages", 3)
    target = tmp_path / "example.yaml"
    result = run("learn", str(tmp_path / "pages"), "--outlet", "example", "-o", str(target))
    assert result.returncode == exitcodes.TOO_FEW_PAGES
    assert "3 pages" in result.stderr and "--min-docs" in result.stderr
    assert not target.exists()


def test_group_by_domain_writes_one_file_per_outlet_with_enough_pages(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    records = []
    for n in range(1, 7):
        records.append({"url": f"https://www.example.com/news/{n}", "text": page(n, 2010 + n)})
        other = page(n + 10, 2010 + n).replace("Example Media Group", "Other Herald Ltd").replace("Morning Brief", "Evening Post")
        records.append({"url": f"https://news.other.co.uk/{n}", "text": other})
    records += [{"url": f"https://tiny.net/{n}", "text": page(n + 20, 2020)} for n in range(2)]
    crawl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "rules"
    result = run("learn", str(crawl), "--group-by", "domain", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["example.yaml", "other.yaml"]
    assert "tiny.net: 2 pages" in result.stderr
    example = load_rule_file(out / "example.yaml")
    assert example.outlet is not None and example.outlet.domains == ("example.com",)
    other = load_rule_file(out / "other.yaml")
    assert other.outlet is not None and other.outlet.domains == ("other.co.uk",)
    sample = tmp_path / "sample.txt"
    sample.write_text(page(40, 2031).replace("Example Media Group", "Other Herald Ltd").replace("Morning Brief", "Evening Post"))
    detected = run("detect", str(sample), "--rules", str(out))
    assert "other" in detected.stdout and "by signature" in detected.stdout, detected.stdout
