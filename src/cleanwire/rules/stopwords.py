"""Stop-word lists by ISO 639-1 code, from the maintained ``stop-words`` package.

The lists are data somebody else keeps up: nothing here is typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import stop_words

# Lists by language: read once per process, or handed over by the compiled cache.
_LISTS: dict[str, frozenset[str]] = {}


class UnknownLanguageError(ValueError):
    pass


def available_languages() -> list[str]:
    return sorted(stop_words.LANGUAGE_MAPPING)


def stopword_list(language: str) -> frozenset[str]:
    """The stop words of ``language`` (an ISO 639-1 code such as ``en`` or ``de``), lowercased."""
    if language not in stop_words.LANGUAGE_MAPPING:
        known = ", ".join(available_languages())
        raise UnknownLanguageError(f"no stop-word list for language {language!r} (known: {known})")
    found = _LISTS.get(language)
    if found is None:
        words = stop_words.get_stop_words(language)
        found = _LISTS[language] = frozenset(word.lower().replace("\u2019", "'") for word in words)
    return found


def loaded_lists() -> dict[str, list[str]]:
    """Every list read so far, by language."""
    return {language: sorted(words) for language, words in _LISTS.items()}


def preload(lists: Mapping[str, Iterable[str]]) -> None:
    """Take lists read by an earlier run (``loaded_lists``), for languages not read yet."""
    for language, words in lists.items():
        _LISTS.setdefault(language, frozenset(words))


def lists_version() -> str:
    """The installed ``stop-words`` package's version: a new one can change the lists."""
    from stop_words._version import __version__  # type: ignore[import-untyped]

    return str(__version__)
