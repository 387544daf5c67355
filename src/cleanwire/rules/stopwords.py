"""Stop-word lists by ISO 639-1 code, from the maintained ``stop-words`` package.

The lists are data somebody else keeps up: nothing here is typed by hand.
"""

from __future__ import annotations

from functools import cache

import stop_words


class UnknownLanguageError(ValueError):
    pass


def available_languages() -> list[str]:
    return sorted(stop_words.LANGUAGE_MAPPING)


@cache
def stopword_list(language: str) -> frozenset[str]:
    """The stop words of ``language`` (an ISO 639-1 code such as ``en`` or ``de``), lowercased."""
    if language not in stop_words.LANGUAGE_MAPPING:
        known = ", ".join(available_languages())
        raise UnknownLanguageError(f"no stop-word list for language {language!r} (known: {known})")
    return frozenset(word.lower().replace("\u2019", "'") for word in stop_words.get_stop_words(language))
