"""What a line that is no sentence may also be known by, besides its shape: a
label before its changing text, a count or stamp after it, or, for a comment's
signature, everything after the name it starts with."""

from __future__ import annotations

from collections import Counter

from cleanwire.learn.shapes import DIGITS, fold, is_prose, words
from cleanwire.learn.sketch import shape_key

_LABEL = "\ue00e"
_SIGNATURE = "\ue00d"
_ENDING = "\ue00b"


# A line that is no sentence may also be known by a label of one or two words
# before its changing text: "Image caption …", "Photo: …", "Filed under …". A
# label ends in a colon (or another separator) or in a lower-case word; a first
# word in capitals is most often a title's ("* The …", "* Obama …"), and a line
# of a few words is a title or a name, not a label and its text. A label ending
# in a small word ("Trending in …", "See all …") is said once a page: titles in
# a teaser list start so too ("Why the …", "How to …"), several to a list.
LABEL_WORDS = (2, 1)
LABEL_MIN_WORDS = 3
LABEL_MIN_CHARS = 5
SMALL_WORD_CHARS = 3
_LABEL_END = ":>/|»"
_REPEATED = "\ue00c"


def labels_of(line: str) -> list[str]:
    """The label prefixes a line may be known by, the longer first."""
    parts = line.split(" ")
    if len(parts) < LABEL_MIN_WORDS or is_prose(line):
        return []
    found = []
    for size in LABEL_WORDS:
        label = " ".join(parts[:size])
        last = parts[size - 1]
        if len(label) < LABEL_MIN_CHARS or not words(label):
            continue
        if last and (last[-1] in _LABEL_END or last.islower()):
            found.append(label)
    return found


def ends_in_small_word(label: str) -> bool:
    last = label.split(" ")[-1]
    return last[-1] not in _LABEL_END and len(last) <= SMALL_WORD_CHARS


def label_key(label: str) -> int:
    return shape_key(_LABEL + fold(label).shape)


def repeated_label_key(label: str) -> int:
    """The key of a label said twice or more on one page."""
    return shape_key(_REPEATED + fold(label).shape)


def label_keys(lines: list[str]) -> list[int]:
    """The keys of the labels a page's lines are known by, and of those it says twice."""
    said = Counter(label for line in lines for label in labels_of(line))
    return [label_key(label) for label in said] + [repeated_label_key(label) for label, n in said.items() if n > 1]


# A comment's signature: the commenter's name, then a stamp of the same shape on
# every comment ("tim00099 at 6:26 PM January 30, 2013"). Its rest holds a number.
SIGNATURE_MIN_WORDS = 3


def signature_of(line: str) -> str | None:
    """Everything after a line's first word, for a line that may be a signature."""
    parts = line.split(" ")
    if len(parts) < SIGNATURE_MIN_WORDS or is_prose(line):
        return None
    rest = " ".join(parts[1:])
    return rest if DIGITS in fold(rest).shape else None


def signature_key(rest: str) -> int:
    return shape_key(_SIGNATURE + fold(rest).shape)


# A line may also be known by its last two words where they hold a number and a
# word: a count or a stamp after a changing title ("… 176,827 views",
# "… 05/27/2013, 8:37 p.m.", "… Mon Mar 9, 12:21 pm EDT"), as lists of other
# stories and most-read boxes have them.
ENDING_WORDS = 2
ENDING_MIN_WORDS = 4


def ending_of(line: str) -> str | None:
    parts = line.split(" ")
    if len(parts) < ENDING_MIN_WORDS or is_prose(line):
        return None
    ending = " ".join(parts[-ENDING_WORDS:])
    shape = fold(ending).shape
    return ending if DIGITS in shape and any(c.isalpha() for c in shape) else None


def ending_key(ending: str) -> int:
    return shape_key(_ENDING + fold(ending).shape)
