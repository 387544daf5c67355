"""What a line that is no sentence may also be known by, besides its shape: a
label before its changing text, or, for a comment's signature, everything after
the name it starts with."""

from __future__ import annotations

from cleanwire.learn.shapes import DIGITS, fold, is_prose, words
from cleanwire.learn.sketch import shape_key

_LABEL = "\ue00e"
_SIGNATURE = "\ue00d"


# A line that is no sentence may also be known by a label of one or two words
# before its changing text: "Image caption …", "Photo: …", "Filed under …". A
# label ends in a colon (or another separator) or in a lower-case word of its
# own; a first word in capitals is most often a title's ("* The …", "* Obama …"),
# as are a few small words ("Why the …"), and a line of a few words is a title
# or a name, not a label and its text.
LABEL_WORDS = (2, 1)
LABEL_MIN_WORDS = 3
LABEL_MIN_CHARS = 5
LABEL_WORD_CHARS = 4  # "Why the …", "How to …" start titles: a label's own word is longer
_LABEL_END = ":>/|»"


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
        if last and (last[-1] in _LABEL_END or (last.islower() and len(last) >= LABEL_WORD_CHARS)):
            found.append(label)
    return found


def label_key(label: str) -> int:
    return shape_key(_LABEL + fold(label).shape)


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
