"""A learned rule's category, from the words of the lines it removes."""

from __future__ import annotations

import regex

from cleanwire.rules.model import Category

# In order: the first cue found names the category. Cues are the words sites use
# for each kind of chrome, in English; a rule whose lines hold none is `other`.
_CUES: tuple[tuple[Category, regex.Pattern[str]], ...] = tuple(
    (category, regex.compile(pattern, regex.IGNORECASE))
    for category, pattern in (
        (Category.COPYRIGHT, r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|\btrademarks?\b|\bterms of (?:use|service)\b"),
        (Category.NEWSLETTER, r"\bnewsletters?\b|\be-?mail alerts?\b|\bsign up\b|\binbox\b|\bsubscribe\b"),
        (Category.PAYWALL, r"\bsubscribers?\b|\bsubscription\b|\blog ?in\b|\bsign in\b|\bpaywall\b"),
        (Category.NOTICE, r"\bcookies?\b|\bjavascript\b|\bbrowser\b|\bad ?blocker\b"),
        (Category.COMMENTS, r"\bcomments?\b|\bcommenting\b|\bdiscussion\b|\breplies\b"),
        (
            Category.SOCIAL,
            r"\bshare\b|\bfacebook\b|\btwitter\b|\btweet\b|\bfollow us\b|\bpinterest\b|\breddit\b|\blinkedin\b"
            r"|\bwhatsapp\b|\binstagram\b|\bprint\b|\be-?mail this\b|\brss\b",
        ),
        (
            Category.RELATED,
            r"\brelated\b|\bmore (?:on|from|in|stories|news)\b|\bmost (?:popular|read|viewed|shared|emailed)\b"
            r"|\brecommended\b|\btrending\b|\btop stories\b|\byou may also\b|\bsee also\b|\blatest\b",
        ),
        (Category.TAGS, r"\btags?\b|\bfiled under\b|\btopics?\b|\bcategories\b"),
        (Category.CAPTION, r"\bphotos?\b|\bimages?\b|\bgetty\b|\bcredit\b|\bvideo\b|\bgallery\b"),
        (Category.BYLINE, r"^(?:by|posted by|written by)\b|\bauthor\b|\bcorrespondent\b|\breporter\b"),
        (Category.DATELINE, r"\b(?:updated|published|posted)\b"),
        (Category.PROMO, r"\badvertis\w*|\bsponsored\b|\bpromot\w*|\bdownload\b|\bapp\b|\bfree trial\b"),
        (
            Category.NAVIGATION,
            r"\bhome\b|\bmenu\b|\bsections?\b|\bcontact\b|\babout us\b|\bprivacy\b|\bsite ?map\b|\bsearch\b"
            r"|\bskip to\b|\bback to\b|\bnext\b|\bprevious\b|\bedition\b|\bhelp\b|\bcareers\b|^[*»›|•] ",
        ),
    )
)


def category_for(lines: list[str]) -> Category:
    """The category whose cue comes first in the table among ``lines`` (the lines
    a rule takes on the pages, its label first); ``other`` when none has one."""
    for category, cue in _CUES:
        if any(cue.search(line) for line in lines):
            return category
    return Category.OTHER
