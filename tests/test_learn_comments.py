"""`cleanwire learn` and comment sections: readers' comments follow the article
under a label, each under a signature (the reader's name, then a stamp), and
read like sentences, some of them several paragraphs long. The signatures say
they are no article text, so the label ends the article and a new page's
comments go with it."""

from __future__ import annotations

from pathlib import Path

from tests.test_learn import _SUBJECTS, article
from tests.test_learn_tails import learn, page_with_tail, strip, town, truncate_markers

LABEL = "Readers' Comments"


def comments(n: int) -> list[str]:
    """Three comments no other page has, the second of two paragraphs."""
    subject = _SUBJECTS[n % 10]
    return [
        f"{town(n + 300).lower()}{n} at {n % 12 + 1}:26 PM January {n % 28 + 1}, 2013",
        "",
        f"I have lived near the {subject} for years and nobody ever asked us what we thought.",
        "",
        f"reader_{town(n + 400)} at {n % 12 + 1}:04 PM January {n % 28 + 1}, 2013",
        "",
        f"The {subject} in {town(n + 500)} should have been told about this long before now.",
        f"My neighbours and I wrote to the council twice and never heard a word back from them.",
        "",
        f"{town(n + 600)}Fan at {n % 12 + 1}:01 PM January {n % 28 + 1}, 2013",
        "",
        f"Nobody in {town(n + 700)} will be surprised by any of this, to be honest with you.",
        "",
        "Comments are moderated and may take a while to appear.",
    ]


def test_readers_comments_under_signatures_are_cut_at_their_label_and_the_article_stays(tmp_path: Path) -> None:
    rule_file = learn(tmp_path, {n: page_with_tail(n, [LABEL, "", *comments(n)]) for n in range(1, 9)})
    assert f"^{LABEL}$" in truncate_markers(rule_file)
    cleaned = strip(rule_file, page_with_tail(23, [LABEL, "", *comments(23)]), tmp_path)
    assert not [line for line in comments(23) if line and line in cleaned]
    for paragraph in article(23):
        assert paragraph in cleaned
