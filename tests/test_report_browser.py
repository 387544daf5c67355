"""The HTML report in a real browser: Debian's Chromium, driven by Playwright.

`make test` installs Chromium when it can; where it cannot (no root, no apt),
these tests are skipped with the reason. A screenshot of the seeds' report is
kept in artifacts/seeds-report.png.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cleanwire import Cleaner

from .conftest import ROOT, SEEDS, seed_names
from .test_cli import run

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

CHROMIUM = Path(os.environ.get("CLEANWIRE_TEST_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium with apt-get when run as root; "
        "install it (or set CLEANWIRE_TEST_CHROMIUM) to run the browser tests",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page with everything it says on the console and every request it makes."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("#doc-list tbody tr")

    def texts(self, selector: str) -> list[str]:
        return [t.strip() for t in self.page.locator(selector).all_inner_texts()]

    def close(self) -> None:
        self.page.close()


def make_report(tree: Path, report: Path, *options: str) -> Path:
    done = run("strip", str(tree), "--check", "--report", str(report), *options)
    assert done.returncode == 1, done.stderr
    return report


@pytest.fixture(scope="module")
def seeds_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("html")
    tree = base / "seeds"
    tree.mkdir()
    for name in seed_names():
        shutil.copyfile(SEEDS / name, tree / name)
    return make_report(tree, base / "seeds.html")


@pytest.fixture
def seeds_page(browser: Any, seeds_html: Path) -> Iterator[Page]:
    page = Page(browser, seeds_html)
    yield page
    page.close()


def expected_totals() -> dict[str, dict[str, int]]:
    """Per category, counted here from the cleaner's own decisions."""
    cleaner = Cleaner()
    totals: dict[str, dict[str, int]] = defaultdict(lambda: {"documents": 0, "removals": 0, "lines": 0, "characters": 0})
    for name in seed_names():
        result = cleaner.clean_bytes((SEEDS / name).read_bytes())
        for category in {d.category.value for d in result.decisions}:
            totals[category]["documents"] += 1
        for d in result.decisions:
            span = result.normalized[d.start : d.end]
            totals[d.category.value]["removals"] += 1
            totals[d.category.value]["lines"] += sum(1 for line in span.split("\n") if line)
            totals[d.category.value]["characters"] += len(span)
    return dict(totals)


def test_page_loads_with_no_console_errors_and_no_network(seeds_page: Page) -> None:
    assert seeds_page.problems == []
    assert seeds_page.requests and all(url.startswith(("file://", "data:")) for url in seeds_page.requests), seeds_page.requests
    seeds_page.page.locator("#doc-list tbody tr").first.click()
    seeds_page.page.wait_for_selector("#doc-text del.rm")
    assert seeds_page.problems == []


def test_summary_shows_the_right_totals(seeds_page: Page) -> None:
    page = seeds_page.page
    assert page.locator("[data-total=documents]").inner_text() == "5"
    assert "5 changed" in page.locator("#summary .totals").inner_text()
    shown = {}
    for row in page.locator("#by-categories tbody tr").all():
        category, *numbers = [cell.strip() for cell in row.locator("td").all_inner_texts()]
        shown[category] = dict(zip(["documents", "removals", "lines", "characters"], (int(n.replace(",", "")) for n in numbers)))
    assert shown == expected_totals()
    outlets = {row.locator("td").first.inner_text() for row in page.locator("#by-outlets tbody tr").all()}
    assert outlets == {"newsmax", "evening-standard", "devdiscourse", "presstv", "nbcnews"}
    assert page.locator("#doc-count").inner_text() == "5 of 5 documents"


def test_filtering_by_a_category_hides_the_others(seeds_page: Page) -> None:
    page = seeds_page.page
    with_caption = [n for n in seed_names() if any(d.category.value == "caption" for d in Cleaner().clean_bytes((SEEDS / n).read_bytes()).decisions)]
    page.click(".filters button[data-category=caption]")
    assert page.locator(".filters button[data-category=caption]").get_attribute("aria-pressed") == "true"
    listed = [Path(t).name for t in seeds_page.texts("#doc-list tbody td:nth-child(2)")]
    assert sorted(listed) == sorted(with_caption) and len(listed) < 5
    assert page.locator("#doc-count").inner_text() == f"{len(with_caption)} of 5 documents"
    page.click("#rules-detail > summary")
    for row in page.locator("#by-rules tbody tr").all():
        assert row.is_visible() == (row.get_attribute("data-category") == "caption")
    for row in page.locator("#by-categories tbody tr").all():
        assert row.is_visible() == (row.get_attribute("data-category") == "caption")
    # The Evening Standard seed loses captions, a byline and a paywall block.
    page.locator("#doc-list tbody tr", has_text="001_4e12145062bb74ca").click()
    spans = page.locator("#doc-text del.rm")
    categories = {spans.nth(i).get_attribute("data-category"): 0 for i in range(spans.count())}
    assert {"caption", "byline", "paywall"} <= set(categories)
    for i in range(spans.count()):
        span = spans.nth(i)
        assert span.is_visible() == (span.get_attribute("data-category") == "caption")
    page.click(".filters button.all")
    assert page.locator("#doc-count").inner_text() == "5 of 5 documents"
    assert all(spans.nth(i).is_visible() for i in range(spans.count()))


def test_removed_spans_are_struck_through_coloured_and_labelled(seeds_page: Page) -> None:
    page = seeds_page.page
    page.locator("#doc-list tbody tr", has_text="000_f0b6f554ee90a507").click()
    span = page.locator("#doc-text del.rm[data-rule='newsmax.tags']")
    assert span.inner_text().startswith("Tags: russia | north korea")
    style = span.evaluate("e => { const s = getComputedStyle(e); return [s.textDecorationLine, s.backgroundColor]; }")
    assert "line-through" in style[0] and style[1] not in ("rgba(0, 0, 0, 0)", "transparent")
    other = page.locator("#doc-text del.rm[data-category=copyright]").first
    other_colour = other.evaluate("e => getComputedStyle(e).backgroundColor")
    assert other_colour != style[1], "categories have their own colours"
    assert "newsmax.tags" in (span.get_attribute("title") or "") and "newsmax.yaml" in (span.get_attribute("title") or "")
    span.hover()
    label = span.evaluate("e => getComputedStyle(e, '::after').content")
    assert label == '"newsmax.tags"'
    kept = page.locator("#doc-text").evaluate(
        "e => Array.from(e.childNodes).filter(n => n.nodeName !== 'DEL').map(n => n.textContent).join('')"
    )
    assert "North Korea" in kept and "Tags:" not in kept


def test_documents_sort_by_share_removed(seeds_page: Page) -> None:
    page = seeds_page.page

    def shares() -> list[float]:
        return [float(v) for v in page.locator("#doc-list tbody td[data-share]").evaluate_all("cells => cells.map(c => c.dataset.share)")]

    assert page.locator("#doc-list th[data-key=share]").get_attribute("aria-sort") == "descending"
    assert shares() == sorted(shares(), reverse=True) and len(set(shares())) > 1
    page.click("#doc-list th[data-key=share] button")
    assert page.locator("#doc-list th[data-key=share]").get_attribute("aria-sort") == "ascending"
    assert shares() == sorted(shares())


def test_screenshot_of_the_seeds_report(seeds_page: Page) -> None:
    page = seeds_page.page
    page.locator("#doc-list tbody tr").first.click()
    page.wait_for_selector("#doc-text del.rm")
    page.evaluate("window.scrollTo(0, 0)")  # the filter bar sticks to the top of the window
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "seeds-report.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    assert seeds_page.problems == []


def test_markup_and_astral_characters_in_a_document(browser: Any, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "tricky.txt").write_text(
        "Head </script><script>alert(1)</script> \U0001F600\U0001F680 <b>bold</b>\n\n"
        "Body text that stays in the article, with an emoji \U0001F30D inside.\n\nAll rights reserved.\n",
        encoding="utf-8",
    )
    page = Page(browser, make_report(tree, tmp_path / "tricky.html"))
    page.page.locator("#doc-list tbody tr").first.click()
    assert page.dialogs == [] and page.problems == []
    assert page.texts("#doc-text del.rm") == ["All rights reserved."]
    assert "</script><script>alert(1)</script> \U0001F600\U0001F680 <b>bold</b>" in page.page.locator("#doc-text").inner_text()
    page.close()


def test_a_large_batch_is_paginated_and_documents_load_on_demand(browser: Any, tmp_path: Path) -> None:
    tree = tmp_path / "many"
    tree.mkdir()
    names = seed_names()
    for i in range(120):
        shutil.copyfile(SEEDS / names[i % len(names)], tree / f"{i:03d}-{names[i % len(names)]}")
    page = Page(browser, make_report(tree, tmp_path / "many.html"))
    assert page.page.locator("#doc-list tbody tr").count() == 50
    assert page.page.locator("#page-label").inner_text() == "page 1 of 3"
    page.page.click(".pager button:has-text('next')")
    page.page.click(".pager button:has-text('next')")
    assert page.page.locator("#page-label").inner_text() == "page 3 of 3"
    assert page.page.locator("#doc-list tbody tr").count() == 20
    assert page.page.locator("#viewer del.rm").count() == 0, "no document is drawn before it is opened"
    page.page.locator("#doc-list tbody tr").last.click()
    assert page.page.locator("#viewer del.rm").count() > 0
    page.page.fill(".toolbar input", "117-")
    assert page.texts("#doc-list tbody td:nth-child(2)") == [str(tree / f"117-{names[117 % 5]}")]
    assert page.problems == []
    page.close()


def test_filtering_by_a_rule_lists_only_its_documents_and_updates_the_counts(seeds_page: Page) -> None:
    page = seeds_page.page
    with_tags = [n for n in seed_names() if any(d.rule_id == "newsmax.tags" for d in Cleaner().clean_bytes((SEEDS / n).read_bytes()).decisions)]
    option = page.locator("#rule-filter option[data-rule='newsmax.tags']")
    assert option.inner_text() == f"newsmax.tags ({len(with_tags)} document, 1 removal)"
    page.select_option("#rule-filter", value=option.get_attribute("value"))
    listed = [Path(t).name for t in seeds_page.texts("#doc-list tbody td:nth-child(2)")]
    assert listed == with_tags
    assert page.locator("#doc-count").inner_text() == f"{len(with_tags)} of 5 documents"
    assert page.locator("#rule-count").inner_text() == "newsmax.tags: 1 removal in 1 document"
    page.locator("#doc-list tbody tr").first.click()
    spans = page.locator("#doc-text del.rm")
    assert spans.count() > 1
    for i in range(spans.count()):
        assert spans.nth(i).is_visible() == (spans.nth(i).get_attribute("data-rule") == "newsmax.tags")
    # A rule id in a document's table of removals is a filter too; clicking it again clears it.
    page.locator("#decisions button.rule-id[data-rule='newsmax.tags']").click()
    assert page.locator("#doc-count").inner_text() == "5 of 5 documents"
    other = next(r for r in page.locator("#decisions button.rule-id").evaluate_all("bs => bs.map(b => b.dataset.rule)") if r != "newsmax.tags")
    page.locator(f"#decisions button.rule-id[data-rule='{other}']").first.click()
    assert page.locator("#rule-filter").input_value() == page.locator(f"#rule-filter option[data-rule='{other}']").get_attribute("value")
    assert page.locator("#rule-count").inner_text().startswith(f"{other}: ")
    # The counts follow the other filters: with only captions shown, the tags rule has none.
    page.select_option("#rule-filter", value="")
    page.click(".filters button[data-category=caption]")
    assert option.inner_text() == "newsmax.tags (0 documents, 0 removals)"
    page.click(".filters button.all")
    assert option.inner_text() == f"newsmax.tags ({len(with_tags)} document, 1 removal)"
    assert seeds_page.problems == []


def test_j_and_k_step_through_the_documents_in_the_lists_order(seeds_page: Page) -> None:
    page = seeds_page.page
    order = seeds_page.texts("#doc-list tbody td:nth-child(2)")
    page.keyboard.press("j")
    assert page.locator("#viewer h2").first.inner_text() == order[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator("#viewer h2").first.inner_text() == order[2]
    assert page.locator("#doc-position").inner_text() == "document 3 of 5 in the list"
    page.keyboard.press("k")
    assert page.locator("#viewer h2").first.inner_text() == order[1]
    page.click("#next-doc")
    assert page.locator("#viewer h2").first.inner_text() == order[2]
    page.fill(".toolbar input", "00")  # typing in the search box is not a key command
    page.keyboard.press("j")
    assert page.locator("#viewer h2").first.inner_text() == order[2]
    assert "j next document" in page.locator(".keys").inner_text()
    # Stepping follows the filters: with one rule picked, its one document is all there is.
    page.fill(".toolbar input", "")
    page.select_option("#rule-filter", value=page.locator("#rule-filter option[data-rule='newsmax.tags']").get_attribute("value"))
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    assert Path(page.locator("#viewer h2").first.inner_text()).name.startswith("000_")
    assert page.locator("#doc-position").inner_text() == "document 1 of 1 in the list"
    assert page.locator("#next-doc").is_disabled()
    assert seeds_page.problems == []


def test_a_document_without_an_outlet_says_generic_rules_only(browser: Any, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "plain.txt").write_text("A short story about the harbour.\n\nAll rights reserved.\n", encoding="utf-8")
    page = Page(browser, make_report(tree, tmp_path / "plain.html"))
    assert seeds_outlet_cell(page) == "generic"
    assert page.page.locator("#by-outlets tbody td").first.inner_text() == "generic rules only"
    page.page.locator("#doc-list tbody tr").first.click()
    described = page.page.locator("#viewer dl").inner_text()
    assert "generic rules only (no outlet recognised)" in described and "none by none" not in described
    page.close()


def seeds_outlet_cell(page: Page) -> str:
    return page.page.locator("#doc-list tbody td:nth-child(3)").first.inner_text()


def test_control_and_invisible_characters_are_drawn_visibly(browser: Any, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "c1.txt").write_text(
        "Head\x80line with \x9f and zero\u200bwidth and bidi \u202e here.\n\nBody text that stays.\n\nAll rights reserved.\x85\n",
        encoding="utf-8",
    )
    page = Page(browser, make_report(tree, tmp_path / "c1.html"))
    page.page.locator("#doc-list tbody tr").first.click()
    shown = page.texts("#doc-text .invisible")
    assert shown[:4] == ["\\x80", "\\x9F", "\\u200B", "\\u202E"]
    assert page.page.locator("#doc-text .invisible").first.get_attribute("title") == "U+0080 (invisible in the text)"
    assert "Head\\x80line" in page.page.locator("#doc-text").inner_text()
    assert page.problems == []
    page.close()


LEARNED_RULES = """\
# A learned outlet file, as `cleanwire learn` writes one.
format: 1
outlet:
  id: example
  name: Example News
  domains: [example.com]
  learned: ['0123456789']
  signatures:
    - '^Example News Ltd$'
rules:
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
REVIEWED_DOCUMENT = (
    "Harbour Reopens After Storm\n\n"
    "More from Example: the history of the harbour\n\n"
    "The harbour reopened on Monday after a week of repairs, the port authority said.\n\n"
    "<img src=x onerror=alert(1)> Subscribe to our weekly digest\n\n"
    "Example News Ltd\n"
)


def test_review_loop_mark_download_apply_and_the_line_stays(browser: Any, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "example.yaml").write_text(LEARNED_RULES, encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    document = tree / "harbour.txt"
    document.write_text(REVIEWED_DOCUMENT, encoding="utf-8")
    page = Page(browser, make_report(tree, tmp_path / "review.html", "--rules", str(rules)))
    page.page.locator("#doc-list tbody tr").first.click()
    removal = page.page.locator("#doc-text del.rm[data-rule='example.learned-line-0123456789']")
    assert removal.inner_text() == "More from Example: the history of the harbour"
    support = page.page.locator("#decisions tr[data-rule='example.learned-line-0123456789'] .support")
    assert support.inner_text() == "learned · matched 9 of 10 pages"
    assert "matched 9 of 10 pages" in (removal.get_attribute("title") or "")
    page.page.click("#rules-detail > summary")
    summary_row = page.page.locator("#by-rules tr[data-rule='example.learned-line-0123456789']")
    assert summary_row.locator(".support").inner_text() == "learned · matched 9 of 10 pages"
    written_by_hand = page.page.locator("#by-rules tr[data-rule='example.footer']")
    assert written_by_hand.count() == 1 and written_by_hand.locator(".support").count() == 0, "a rule a person wrote has no support"
    removal.click()
    page.page.select_option("#junk-category", "newsletter")
    page.page.locator("#doc-text span.kept", has_text="Subscribe to our weekly digest").click()
    assert page.page.locator("#mark-count").inner_text() == "2 marks: 1 wrong removal, 1 kept line marked as junk"
    with page.page.expect_download() as download:
        page.page.click("#download-review")
    review = tmp_path / download.value.suggested_filename
    download.value.save_as(review)
    assert review.name == "cleanwire-review.json"
    assert page.dialogs == [] and page.problems == []
    assert all(url.startswith(("file://", "data:", "blob:file://")) for url in page.requests), page.requests
    page.close()
    done = run("rules", "review", str(review), "--rules", str(rules))
    assert done.returncode == 0, done.stderr
    cleaned = run("strip", str(document), "--rules", str(rules))
    assert cleaned.returncode == 0, cleaned.stderr
    text = cleaned.stdout.decode()
    assert "More from Example: the history of the harbour" in text
    assert "Subscribe to our weekly digest" not in text
    written = (rules / "example.yaml").read_text(encoding="utf-8")
    assert "learned: ['0123456789']" in written and "category: newsletter" in written
    assert run("rules", "test", "--rules", str(rules)).returncode == 0


def test_hostile_names_and_lines_stay_text_in_the_review_tools(browser: Any, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    hostile = "<img src=x onerror=alert(1)>"
    line = f'"><script>alert(2)</script>{hostile} Share this story'
    (tree / f"{hostile}.txt").write_text(f"Headline\n\n{line}\n\nBody text that stays.\n\nAll rights reserved.\n", encoding="utf-8")
    page = Page(browser, make_report(tree, tmp_path / "hostile.html"))
    assert page.texts("#doc-list tbody td:nth-child(2)") == [str(tree / f"{hostile}.txt")]
    page.page.keyboard.press("j")
    assert page.page.locator("#viewer h2").first.inner_text() == str(tree / f"{hostile}.txt")
    page.page.locator("#doc-text span.kept", has_text="Share this story").click()
    page.page.locator("#doc-text del.rm").first.click()
    with page.page.expect_download() as download:
        page.page.click("#download-review")
    marks = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["marks"]
    assert [m["text"] for m in marks] == [line, "All rights reserved."]
    assert page.page.locator("img").count() == 0 and page.page.locator("#viewer script").count() == 0
    assert page.dialogs == [] and page.problems == []
    page.close()
