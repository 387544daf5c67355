"""A rule's pattern, written for the ``regex`` module, as the native core's engine spells it.

The native core (Rust's ``regex`` crate) finds the lines a pattern matches in one
pass over a whole document. It lacks some of what the ``regex`` module has, so a
pattern is translated to one of:

- an exact translation: the same matches on every line;
- a superset: what it lacks is widened (a lookaround or a word boundary dropped,
  a backreference made "any text", an atomic group or a possessive quantifier made
  ordinary), so it matches at least every line the pattern does, and the
  ``regex`` module confirms the lines it finds;
- nothing (None), for what it cannot widen (fuzzy matching, conditionals,
  recursion, full case folding, version 1 set operations, ...): that pattern keeps
  the pure-Python path, its literal prefilter and then the ``regex`` module.

Every translation is line-safe: nothing in it matches a line break, so a match
found in the joined lines of a document lies within one line, and "^" and "$"
mean the ends of a line, as they do for the ``regex`` module on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

# Flags a pattern may set for itself that mean the same to both engines, and
# those that change nothing on one line without line breaks.
_SCOPED_FLAGS = frozenset("ims")
_HARMLESS_FLAGS = frozenset("u")
_LINE_START = "(?m:^)"
_LINE_END = "(?m:$)"
_ANY_BUT_NEWLINE = r"[^\n]"
_ANY_TEXT = r"(?:[^\n]*)"
# Escapes that mean the same to both engines, each as its line-safe form.
_SAME_ESCAPES = {
    "D": r"[^\d\n]",
    "W": r"[^\w\n]",
    "s": r"[\s&&[^\n]]",
    "S": r"\S",
    "t": r"\t",
    "r": r"\r",
    "f": r"\f",
    "a": r"\x07",
}
_IN_CLASS_ESCAPES = {"d": r"\d", "D": r"\D", "w": r"\w", "W": r"\W", "s": r"\s", "S": r"\S", "t": r"\t", "r": r"\r", "f": r"\f"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
# The regex module knows a newer Unicode than the native engine: characters it
# has as letters or digits are unassigned to the native engine. Classes of such
# characters take the unassigned too, so they stay a superset (never exact).
_UNASSIGNED = r"\p{Cn}"
# Outside any case folding: an unassigned character has no case, and folding
# that many ranges is most of what compiling the shipped rules would cost.
_UNASSIGNED_UNFOLDED = r"(?-i:\p{Cn})"
_WIDENED_ESCAPES = {"d": r"\d", "w": r"\w"}
# Their complements: the native engine's are wider, a superset as they are.
_NEWER_IN_REGEX = frozenset("DW")
# Under ignore case the regex module's \p{Lu}, \p{Ll} and \p{Lt} are every cased letter.
_CASED_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Uppercase_Letter", "Lowercase_Letter", "Titlecase_Letter"})
_IGNORE_CASE_FLAG = re.compile(r"\(\?[a-zA-Z]*i[a-zA-Z]*[:)-]")
# Under ignore case the regex module pairs "ı" and "İ" with "I" and "i"; Rust's
# simple case folding does not.
_DOTTED_AND_DOTLESS_I = "iIıİ"
# Above this many repetitions, a counted repetition is searched for as "*" or "+" (a superset).
_LARGE_COUNT = 4


def _is_fuzzy_constraint(body: str) -> bool:
    """Whether the regex module reads "{body}" after an item as fuzzy matching ("{e}",
    "{i<=1,s}", "{2i+1d<4}") rather than as the literal text: the module itself is
    asked, as its forms are many. A fuzzy item matches its text with no error."""
    probe = "a{" + body + "}"
    try:
        compiled = regex.compile(probe)
    except regex.error:
        return True
    return compiled.fullmatch(probe) is None or compiled.fullmatch("a") is not None
# Characters with a meaning in a Rust class that are plain in a ``regex`` one.
_CLASS_SPECIAL = frozenset("[&~")


class _Untranslatable(Exception):
    pass


@dataclass(frozen=True)
class Translation:
    """A pattern as the native engine runs it; ``exact``: it matches the same lines,
    else it matches a superset of them and the ``regex`` module confirms each."""

    pattern: str
    exact: bool


def translate(source: str, ignore_case: bool = False) -> Translation | None:
    """``source`` (``regex`` syntax, compiled without flags but maybe IGNORECASE, which
    the native engine is given as a flag too) for the native engine, or None where it cannot be."""
    try:
        return _Translator(source, ignore_case or _IGNORE_CASE_FLAG.search(source) is not None).run()
    except (_Untranslatable, IndexError, ValueError):
        return None


class _Translator:
    def __init__(self, source: str, may_ignore_case: bool) -> None:
        self.source = source
        self.may_ignore_case = may_ignore_case
        self.out: list[str] = []
        self.exact = True
        self.verbose = False
        self.i = 0

    def run(self) -> Translation:
        source = self.source
        if source.startswith("(?") and source[2:3].isalpha():
            close = source.index(")")
            flags = source[2:close]
            if flags.isalpha():  # "(?ix)" for the whole pattern
                if not set(flags) <= _SCOPED_FLAGS | _HARMLESS_FLAGS | {"x"}:
                    raise _Untranslatable(flags)
                self.verbose = "x" in flags  # whitespace and comments dropped here, not by the native engine
                source = source[close + 1 :]
                kept = "".join(f for f in flags if f in _SCOPED_FLAGS)
                if kept:
                    self.out.append(f"(?{kept})")
                self.source = source
        self.sequence(top=True)
        return Translation("".join(self.out), self.exact)

    def peek(self, offset: int = 0) -> str:
        at = self.i + offset
        return self.source[at] if at < len(self.source) else ""

    def sequence(self, top: bool = False) -> None:
        """Translate up to the ")" that closes the current group (or the end)."""
        source = self.source
        while self.i < len(source):
            ch = source[self.i]
            if ch == ")":
                if top:
                    raise _Untranslatable("unbalanced )")
                return
            if self.verbose and (ch.isspace() or ch == "#"):
                self.skip_verbose_space()
            elif ch == "(":
                self.group()
            elif ch == "[":
                self.out.append(self.char_class())
            elif ch == "\\":
                self.out.append(self.escape())
            elif ch == ".":
                self.out.append(_ANY_BUT_NEWLINE)
                self.i += 1
            elif ch == "^":
                self.out.append(_LINE_START)
                self.i += 1
            elif ch == "$":
                self.out.append(_LINE_END)
                self.i += 1
            elif ch == "|":
                self.out.append("|")
                self.i += 1
            elif ch in "*+?{":
                self.quantifier()
            elif ch == "\n":
                raise _Untranslatable("a line break")
            else:
                self.out.append(self.literal(ch))
                self.i += 1
        if not top:
            raise _Untranslatable("unclosed group")

    def skip_verbose_space(self) -> None:
        """Step over verbose mode's insignificant whitespace or a comment to the line's end."""
        if self.source[self.i] == "#":
            newline = self.source.find("\n", self.i)
            self.i = len(self.source) if newline < 0 else newline + 1
        else:
            self.i += 1

    def quantifier(self) -> None:
        source = self.source
        start = self.i
        if source[self.i] == "{":
            close = source.find("}", self.i)
            body = source[self.i + 1 : close] if close > 0 else ""
            lower, comma, upper = body.partition(",")
            if close < 0 or not (lower.isdigit() or (comma and not lower)) or (upper and not upper.isdigit()):
                if close > 0 and _is_fuzzy_constraint(body):
                    raise _Untranslatable("fuzzy matching")
                self.out.append(r"\{")  # a plain "{", as the regex module reads it
                self.i += 1
                return
            largest = int(upper or lower or 0) if (upper or not comma) else _LARGE_COUNT + 1
            if largest > _LARGE_COUNT:
                # Many copies of a Unicode class make an automaton too large for the
                # lazy DFA, which then gives way to a far slower engine.
                self.exact = False
                self.out.append("*" if int(lower or 0) == 0 else "+")
            else:
                self.out.append("{" + (lower or "0") + comma + upper + "}")
            self.i = close + 1
        else:
            self.out.append(source[self.i])
            self.i += 1
        if self.peek() == "?":
            self.out.append("?")
            self.i += 1
        elif self.peek() == "+":  # possessive: matches less than the greedy form
            self.exact = False
            self.i += 1
        if start == 0:
            raise _Untranslatable("nothing to repeat")

    def group(self) -> None:
        source = self.source
        self.i += 1
        opening = "("
        if self.peek() == "?":
            rest = source[self.i + 1 :]
            if rest.startswith(":"):
                opening, skip = "(?:", 2
            elif rest.startswith("P<") or (rest.startswith("<") and rest[1:2] not in "=!"):
                name_start = self.i + (3 if rest.startswith("P<") else 2)
                name_end = source.index(">", name_start)
                name = source[name_start:name_end]
                if not name.isidentifier() or not name.isascii():
                    raise _Untranslatable("group name")
                opening, skip = f"(?P<{name}>", name_end + 1 - self.i
            elif rest[:1] in "=!" or rest[:2] in ("<=", "<!"):
                self.drop_group()  # a lookaround: matches only where it allows
                return
            elif rest.startswith("P="):
                end = source.index(")", self.i)
                self.i = end + 1
                self.widen(_ANY_TEXT)  # a backreference: any text
                return
            elif rest.startswith(">"):
                opening, skip = "(?:", 2  # atomic: matches less than the plain group
                self.exact = False
            elif rest.startswith("#"):
                self.i = source.index(")", self.i) + 1
                self.out.append("(?:)")
                return
            else:
                colon = 0
                while colon < len(rest) and (rest[colon].isalpha() or rest[colon] == "-"):
                    colon += 1
                flags = rest[:colon]
                if colon >= len(rest) or rest[colon] != ":" or not set(flags.replace("-", "")) <= _SCOPED_FLAGS:
                    raise _Untranslatable("group kind")
                opening, skip = f"(?{flags}:", colon + 2
            self.i += skip
        self.out.append(opening)
        self.sequence()
        self.out.append(")")
        self.i += 1

    def drop_group(self) -> None:
        """Step over a group, leaving an empty one: the translation is a superset."""
        depth = 0
        saved = self.out
        self.out = []
        self.i += 1
        while True:
            if self.i >= len(self.source):
                raise _Untranslatable("unclosed group")
            ch = self.source[self.i]
            if ch == "\\":
                self.escape()  # checked: an escape it cannot read is not dropped silently
                continue
            if ch == "[":
                self.char_class()
                continue
            self.i += 1
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
        self.out = saved
        self.widen("(?:)")

    def widen(self, text: str) -> None:
        self.out.append(text)
        self.exact = False

    def escape(self) -> str:
        source = self.source
        ch = source[self.i + 1]
        self.i += 2
        if ch in _SAME_ESCAPES:
            if ch in _NEWER_IN_REGEX:
                self.exact = False
            return _SAME_ESCAPES[ch]
        if ch in _WIDENED_ESCAPES:
            self.exact = False
            return f"(?:{_WIDENED_ESCAPES[ch]}|{_UNASSIGNED_UNFOLDED})"
        if ch == "b":  # a word boundary: dropped, for the native engine's fastest searches
            self.exact = False
            return "(?:)"
        if ch == "B":
            self.exact = False
            return "(?:)"
        if ch == "A":
            return _LINE_START
        if ch == "Z" or ch == "z":
            return _LINE_END
        if ch in "pP":
            return self.property(ch, in_class=False)
        if ch in _HEX_ESCAPES:
            return self.literal(self.hex_char(ch))
        if ch.isdigit() and ch != "0":
            while self.peek().isdigit():
                self.i += 1
            self.exact = False
            return _ANY_TEXT  # a backreference: any text
        if ch == "g" and self.peek() == "<":
            self.i = source.index(">", self.i) + 1
            self.exact = False
            return _ANY_TEXT
        if ch.isascii() and ch.isalnum():
            raise _Untranslatable(f"\\{ch}")
        if ch == "\n":
            raise _Untranslatable("a line break")
        return self.literal(ch)

    def literal(self, ch: str) -> str:
        """``ch`` as itself; under ignore case, the letters the regex module pairs
        with it and the native engine does not, too (a superset)."""
        if self.may_ignore_case and ch in _DOTTED_AND_DOTLESS_I:
            self.exact = False
            return f"[{_DOTTED_AND_DOTLESS_I}]"
        return _literal(ch)

    def hex_char(self, kind: str) -> str:
        digits = self.source[self.i : self.i + _HEX_ESCAPES[kind]]
        if len(digits) != _HEX_ESCAPES[kind] or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise _Untranslatable("hex escape")
        self.i += len(digits)
        char = chr(int(digits, 16))
        if char == "\n":
            raise _Untranslatable("a line break")
        return char

    def property(self, kind: str, in_class: bool) -> str:
        source = self.source
        if self.peek() != "{":
            name = source[self.i]
            self.i += 1
        else:
            close = source.index("}", self.i)
            name = source[self.i + 1 : close]
            self.i = close + 1
        negated = (kind == "P") != name.startswith("^")
        name = name.lstrip("^")
        key, _, value = name.partition("=") if "=" in name else name.partition(":")
        if value:
            if key.lower().replace("_", "") not in ("script", "sc", "generalcategory", "gc"):
                raise _Untranslatable(f"property {name}")
            name = f"{key}={value}"
        if not all(c.isascii() and (c.isalnum() or c in "_=& -") for c in name) or not name:
            raise _Untranslatable(f"property {name}")
        if negated:
            # Unicode moved some characters between categories since the native
            # engine's tables (U+0295 is no longer Ll), so no complement is a superset.
            raise _Untranslatable(f"\\{kind}{{{name}}}")
        if self.may_ignore_case and name.replace("gc=", "").replace("General_Category=", "") in _CASED_CATEGORIES:
            name = "LC"
        escape = "\\p{" + name + "}"
        self.exact = False
        return escape + _UNASSIGNED if in_class else f"(?:{escape}|{_UNASSIGNED_UNFOLDED})"
        if not in_class:
            return f"[{escape}&&[^\\n]]"
        return escape

    def char_class(self) -> str:
        """A class as the regex module reads it by default (version 0): no nested
        sets, a "]" first is a member; made line-safe."""
        source = self.source
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        members: list[str] = []
        first = True
        while True:
            if self.i >= len(source):
                raise _Untranslatable("unclosed class")
            ch = source[self.i]
            if ch == "]" and not first:
                self.i += 1
                break
            first = False
            if ch == "[":
                if source[self.i + 1 : self.i + 2] in (":", "=", "."):
                    raise _Untranslatable("POSIX class")
                members.append("\\[")
                self.i += 1
            elif ch == "\\":
                members.append(self.class_escape())
            elif ch in _CLASS_SPECIAL:
                members.append("\\" + ch)
                self.i += 1
            elif ch == "-":
                members.append("-" if self.is_range_dash(members) else "\\-")
                self.i += 1
            elif ch == "\n":
                raise _Untranslatable("a line break")
            else:
                members.append("\\]" if ch == "]" else ch)
                self.i += 1
                if self.may_ignore_case and ch in _DOTTED_AND_DOTLESS_I:
                    if negated:
                        raise _Untranslatable("a negated class of i under ignore case")
                    self.exact = False
                    members.append(_DOTTED_AND_DOTLESS_I)
        body = "".join(members)
        widened = _UNASSIGNED in body
        body = body.replace(_UNASSIGNED, "")
        if negated and "\\p{" in body:
            raise _Untranslatable("a negated class of properties")  # see ``property``
        if widened and not negated:
            return f"(?:[{body}&&[^\\n]]|{_UNASSIGNED_UNFOLDED})"
        if not body:
            raise _Untranslatable("empty class")
        return f"[^{body}\\n]" if negated else f"[{body}&&[^\\n]]"

    def is_range_dash(self, members: list[str]) -> bool:
        """Whether the "-" at the cursor joins two plain characters into a range;
        anywhere else (first, last, beside a class escape) it stands for itself."""
        after = self.peek(1)
        previous = members[-1] if members else ""
        return len(previous) == 1 and after not in ("]", "\\", "")

    def class_escape(self) -> str:
        ch = self.source[self.i + 1]
        self.i += 2
        if ch in _WIDENED_ESCAPES:
            self.exact = False
            return _WIDENED_ESCAPES[ch] + _UNASSIGNED
        if ch in _IN_CLASS_ESCAPES:
            if ch in _NEWER_IN_REGEX:
                self.exact = False
            return _IN_CLASS_ESCAPES[ch]
        if ch in "pP":
            return self.property(ch, in_class=True)
        if ch in _HEX_ESCAPES:
            return _class_literal(self.hex_char(ch))
        if ch.isascii() and ch.isalnum() or ch == "\n":
            raise _Untranslatable(f"\\{ch} in a class")  # \b, \n, octal, \N{...}, ...
        return _class_literal(ch)


def _literal(ch: str) -> str:
    """``ch`` matching itself in the native engine."""
    if ch in "\\.+*?()|[]{}^$#&-~" or ch.isspace():
        return f"\\x{{{ord(ch):x}}}" if ch.isspace() else "\\" + ch
    return ch


def _class_literal(ch: str) -> str:
    if ch in "\\[]^-&~" or ch.isspace():
        return f"\\x{{{ord(ch):x}}}" if ch.isspace() else "\\" + ch
    return ch
