"""Characters where real text does not put them: the marks of a wrong code page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

# The share of a text's letters that makes it Latin-script text (see ``lone_letter``).
_LATIN_TEXT = 0.9


@dataclass(frozen=True)
class Patterns:
    oddity: regex.Pattern[str]
    mojibake: regex.Pattern[str]
    lone_letter: regex.Pattern[str]
    latin_letter: regex.Pattern[str]
    letter: regex.Pattern[str]
    non_ascii_letter: regex.Pattern[str]
    non_ascii_word: regex.Pattern[str]
    latin_or_cyrillic: regex.Pattern[str]
    scripts: tuple[tuple[str, regex.Pattern[str]], ...]


_COMPILED: list[Patterns] = []


def compiled_patterns() -> Patterns:
    """Compiled once, on first use: most runs never detect an encoding."""
    if not _COMPILED:
        import regex

        scripts = {
            "Latin": r"\p{Latin}",
            "Greek": r"\p{Greek}",
            "Cyrillic": r"\p{Cyrillic}",
            "Hebrew": r"\p{Hebrew}",
            "Arabic": r"\p{Arabic}",
            "Thai": r"\p{Thai}",
        }
        mixed = "|".join(
            f"{mine}(?=[{''.join(other for other in scripts.values() if other != mine)}])"
            for mine in scripts.values()
        )
        # Latin letters touch CJK ones in real text (iPhoneを), but one or two CJK
        # characters inside a Latin word are a double-byte reading of accented letters.
        cjk = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}]"
        mixed += rf"|(?<=\p{{Latin}}){cjk}{{1,2}}(?=\p{{Latin}})"
        _COMPILED.append(
            Patterns(
                oddity=regex.compile(
                    r"(?V1)"
                    # a symbol, a superscript, a double quote or an ordinal sign between
                    # two letters: wi±cej, rz¹d, Tom“s, depãºeascã
                    # (but not ´ or ° or ×, which real text has there: geht´s, B×H×T)
                    r"(?<=\p{L})[[\p{S}\p{No}¶§¡¿†‡•‰“”„«»ªº]--[\x00-\x7f´°×]](?=\p{L})"
                    # a symbol that never touches a letter in real text: ¶λλοι, ˇPor
                    r"|(?<=\p{L})[¤¦¨¬¯±¶¸÷˘˙˛˝ˇ]|[¤¦¨¬¯±¶¸÷˘˙˛˝ˇ](?=\p{L})"
                    # a capital inside a lower-case word: wyraĽnie
                    r"|(?<=\p{Ll})[\p{Lu}--[A-Z]]"
                    # an accented capital glued to a number: Ł80 (cp1250 for £80), 1Ľ (¼),
                    # or standing alone, as no word but À, É, Ô... does: Š 2020 (© in ISO 8859-2)
                    r"|(?<=\d)[[\p{Lu}&&\p{Latin}]--[A-Z]]|[[\p{Lu}&&\p{Latin}]--[A-Z]](?=\d)"
                    r"|(?<![\p{L}\p{M}])[[\p{Lu}&&\p{Latin}]--[A-ZÀÂÉÈÊÓÔ]](?![\p{L}\p{M}])"
                    # a direction mark inside a word, an Arabic vowel sign on another
                    # script's letter: baş read as cp1256
                    r"|(?<=\p{L})[\u200e\u200f](?=\p{L})|(?<=[\p{L}--\p{Arabic}])[\u064b-\u0652]"
                    # a Vietnamese tone mark on a consonant: Economìa read as cp1258
                    r"|(?<![aeiouyAEIOUYăâêôơưĂÂÊÔƠƯ])[\u0300\u0301\u0303\u0309\u0323]"
                    # letters of two scripts in one word: cafй
                    f"|{mixed}"
                ),
                # How a single-byte code page reads UTF-8: Ã©, â€™
                mojibake=regex.compile(r"[\p{S}\p{N}\p{C}¶§¡]"),
                # A Thai, Hebrew or Arabic letter alone, which in Latin text is the
                # reading of a sign: ฉ 2020 (© in cp874)
                lone_letter=regex.compile(r"(?<![\p{L}\p{M}])[\p{Thai}\p{Hebrew}\p{Arabic}](?![\p{L}\p{M}])"),
                latin_letter=regex.compile(r"\p{Latin}"),
                letter=regex.compile(r"\p{L}"),
                non_ascii_letter=regex.compile(r"(?V1)[\p{L}--[\x00-\x7f]]"),
                non_ascii_word=regex.compile(r"(?V1)[\p{L}\p{M}]*[\p{L}--[\x00-\x7f]][\p{L}\p{M}]*"),
                latin_or_cyrillic=regex.compile(r"(?V1)[[\p{Latin}\p{Cyrillic}]&&\p{L}--[\x00-\x7f]]"),
                scripts=tuple(
                    (name, regex.compile(rf"(?V1)[{pattern}--[\x00-\x7f]]"))
                    for name, pattern in [*scripts.items(), ("CJK", cjk[1:-1])]
                ),
            )
        )
    return _COMPILED[0]


def count_oddities(text: str, patterns: Patterns) -> int:
    """Characters in places real text does not put them (see ``_patterns``)."""
    oddities = sum(1 for _ in patterns.oddity.finditer(text))
    lone = patterns.lone_letter.findall(text)
    if lone and len(patterns.latin_letter.findall(text)) >= _LATIN_TEXT * len(patterns.letter.findall(text)):
        oddities += len(lone)
    return oddities


def count_mojibake(data: bytes, text: str, utf8_spans: list[tuple[int, int]], patterns: Patterns) -> int:
    """Valid UTF-8 sequences in ``data`` that a single-byte ``text`` reads as symbols: Ã©, â€™."""
    if len(text) != len(data):
        return 0
    return sum(1 for start, end in utf8_spans if patterns.mojibake.search(text, start, end))

