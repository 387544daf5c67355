"""`cleanwire learn` and lists under a label: a label over changing short lines
is chrome (a "Most Read" box) and its list goes with it; a label whose lines run
straight into the article's sentences (a pull quote: "Start Quote", the quote,
who said it) is part of the article, and what follows it stays."""

from __future__ import annotations

from pathlib import Path

from cleanwire.rules.loader import load_rule_file
from tests.test_learn import MENU, _PLACES, _SUBJECTS, article
from tests.test_learn_tails import FOOTER, learn, strip, town

QUOTE_LABEL = "“Start Quote"


def pull_quote(n: int) -> list[str]:
    """A quote no other page has, without a full stop, and who said it."""
    return [
        QUOTE_LABEL,
        f"{town(n)} will not lose its {_SUBJECTS[n % 10]} while the rest of us still care about it”",
        f"End Quote {_PLACES[n % 10]} Mayor {town(n + 50)}",
    ]


def page_with_quote(n: int, quoted: bool) -> str:
    """A page as an extraction has it: paragraphs on lines of their own without
    blank lines between them, a pull quote between two of them."""
    paragraphs = article(n)
    body = [paragraphs[0], *(pull_quote(n) if quoted else []), *paragraphs[1:]]
    headline = f"{_PLACES[n % 10]} {_SUBJECTS[n % 10].title()} Makes Headlines Again"
    return "\n".join([*MENU, "", headline, "", *body, "", *FOOTER]) + "\n"


def test_a_pull_quote_label_inside_the_article_takes_no_list_and_the_quote_stays(tmp_path: Path) -> None:
    rule_file = learn(tmp_path, {n: page_with_quote(n, quoted=n in (2, 4, 6)) for n in range(1, 9)})
    assert not [rule for rule in load_rule_file(rule_file).rules if rule.kind == "context"]
    quote = pull_quote(23)
    cleaned = strip(rule_file, page_with_quote(23, quoted=True), tmp_path)
    assert quote[1] in cleaned and quote[2] in cleaned
    for paragraph in article(23):
        assert paragraph in cleaned


def top_searches(n: int) -> list[str]:
    """Numbered titles under a label, one of them a question that reads like a sentence."""
    return [
        "Top Searches",
        f"1. {town(n + 10)} {_SUBJECTS[(n + 1) % 10].title()} Votes On Budget",
        f"2. {town(n + 20)} Mayor Opens {_SUBJECTS[(n + 2) % 10].title()}",
        f"3. Did the {_SUBJECTS[(n + 3) % 10]} in {town(n + 30)} really double its fees this year?",
        f"4. {town(n + 40)} Fans Cheer {_SUBJECTS[(n + 4) % 10].title()}",
    ]


def test_a_list_under_a_label_with_a_question_among_its_titles_is_learned_and_goes(tmp_path: Path) -> None:
    """A title that reads like a sentence, with more titles after it, is no
    article text the list runs into: the list under the label (a box between
    two paragraphs) is learned."""

    def page(n: int) -> str:
        first = article(n)[0]
        return page_with_quote(n, quoted=False).replace(first, "\n".join([first, "", *top_searches(n), ""]))

    rule_file = learn(tmp_path, {n: page(n) for n in range(1, 9)})
    cleaned = strip(rule_file, page(23), tmp_path)
    assert not set(top_searches(23)[:3]) & set(cleaned)
    for paragraph in article(23):
        assert paragraph in cleaned
