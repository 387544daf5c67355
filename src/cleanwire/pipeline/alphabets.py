"""The alphabets of the languages legacy code pages were made for, and how well a
reading's words fit them."""

from __future__ import annotations

from collections import Counter

# The languages written in those code pages: their letters beyond ASCII, lower case,
# with those of common loanwords and names, and the code pages their writers used.
# A wrong code page scatters letters across alphabets (Czech ISO 8859-2 read as cp1250
# turns every š into Polish ą), or reads a name in a text the way no writer of its
# language would have encoded it (German cp1252 with a Spanish ñ, read as cp1250: ń).
_WESTERN = "cp1252 iso8859-1 iso8859-15"
_NORDIC = f"{_WESTERN} iso8859-10"
_CELTIC = f"{_WESTERN} iso8859-14"
_CENTRAL = "cp1250 iso8859-2 iso8859-16"
_BALTIC = "cp1257 iso8859-13 iso8859-4"
_CYRILLIC = "cp1251 koi8-r koi8-u iso8859-5"
LANGUAGES = {
    # Latin script
    "de": ("äöüßé", _WESTERN),
    "fr": ("àâçéèêëîïôùûœæüÿ", _WESTERN),
    "es": ("áéíñóúüªº", _WESTERN),
    "pt": ("áâãàçéêíóôõúüªº", _WESTERN),
    "it": ("àèéìòùíîóúªº", _WESTERN),
    "ca": ("àçèéíïòóúüªº", _WESTERN),
    "gl": ("áéíñóúüªº", _WESTERN),
    "eu": ("ñü", _WESTERN),
    "nl": ("ëéïáíóúàèöüĳ", _WESTERN),
    "da": ("æøåéáóü", _NORDIC),
    "no": ("æøåéèêóòôü", _NORDIC),
    "sv": ("åäöéü", _NORDIC),
    "fi": ("äöåšž", _NORDIC),
    "is": ("áðéíóúýþæö", _NORDIC),
    "ga": ("áéíóú", _CELTIC),
    "gd": ("àèìòùáéó", _CELTIC),
    "cy": ("âêîôûŵŷàèìòùáéíóúäëïöü", _CELTIC),
    "br": ("ñùâêîôûü", _CELTIC),
    "sq": ("çë", f"{_WESTERN} {_CENTRAL}"),
    "et": ("äöõüšž", f"{_BALTIC} {_WESTERN}"),
    "lv": ("āčēģīķļņšūž", _BALTIC),
    "lt": ("ąčęėįšųūž", _BALTIC),
    "pl": ("ąćęłńóśźż", _CENTRAL),
    "cs": ("áčďéěíňóřšťúůýž", _CENTRAL),
    "sk": ("áäčďéíĺľňóôŕšťúýž", _CENTRAL),
    "sl": ("čšžćđ", _CENTRAL),
    "hr": ("čćđšž", _CENTRAL),
    "hu": ("áéíóöőúüű", _CENTRAL),
    "ro": ("ăâîșțşţ", _CENTRAL),
    "tr": ("çğıİöşüâîû", "cp1254 iso8859-9 iso8859-3"),
    "mt": ("ċġħżàèìòù", "iso8859-3"),
    "eo": ("ĉĝĥĵŝŭ", "iso8859-3"),
    "vi": ("àáâãèéêìíòóôõùúýăđĩũơư" + "".join(map(chr, range(0x1EA1, 0x1EFA, 2))), "cp1258"),
    # Cyrillic script
    "ru": ("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _CYRILLIC),
    "uk": ("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", _CYRILLIC),
    "be": ("абвгдеёжзійклмнопрстуўфхцчшыьэюя", _CYRILLIC),
    "bg": ("абвгдежзийклмнопрстуфхцчшщъьюяѝ", _CYRILLIC),
    "sr": ("абвгдђежзијклљмнњопрстћуфхцчџш", _CYRILLIC),
    "mk": ("абвгдѓежзѕијклљмнњопрстќуфхцчџш", _CYRILLIC),
}
ALPHABETIC_PAGES = frozenset(" ".join(pages for _, pages in LANGUAGES.values()).split())


def fit(codecs_: list[str], spellings: Counter[frozenset[str]]) -> tuple[int, bool]:
    """How many words, given by the sets of their Latin or Cyrillic letters beyond ASCII,
    have a letter outside the alphabet that holds most of them, counting twice those
    that fit no alphabet at all; and whether one of ``codecs_`` is a code page of such a
    best-fitting language. Words, not letters: a name that recurs is one word from
    elsewhere, a wrong code page garbles many. A name is a word of another language
    (Kostrešević in German text); its reading in the wrong code page, often of none
    (Kostreševiæ)."""
    if not spellings:
        return 0, True
    languages = _language_sets()
    foreign = {
        name: sum(n for letters, n in spellings.items() if not letters <= abc) for name, (abc, _) in languages.items()
    }
    fewest = min(foreign.values())
    garbled = sum(n for letters, n in spellings.items() if not any(letters <= abc for abc, _ in languages.values()))
    pages = set().union(*(languages[name][1] for name, n in foreign.items() if n == fewest))
    return fewest + garbled, not pages.isdisjoint(codecs_)


_SETS: dict[str, tuple[frozenset[str], frozenset[str]]] = {}


def _language_sets() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each language's letters, in both cases, and its code pages."""
    if not _SETS:
        for name, (letters, pages) in LANGUAGES.items():
            abc = frozenset(letters) | {ch.upper() for ch in letters if len(ch.upper()) == 1}
            _SETS[name] = (abc, frozenset(pages.split()))
    return _SETS

