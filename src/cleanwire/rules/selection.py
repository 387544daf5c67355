"""Which loaded rules run: ``--enable`` and ``--disable`` globs over rule ids.

Every rule is on by default, so, as ruff's ``select`` does, ``enable`` names the
only rules that run; ``disable`` then takes rules out of what is left, and wins
over ``enable`` when both match a rule. A glob that matches no loaded rule is an
error, so a typo cannot leave a rule running unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase


class UnknownRuleError(ValueError):
    """An ``enable`` or ``disable`` entry that matches no rule id."""


def disabled_rules(rule_ids: Iterable[str], enable: Sequence[str], disable: Sequence[str]) -> frozenset[str]:
    """The ids of the rules that must not run."""
    ids = sorted(rule_ids)
    for option, globs in (("enable", enable), ("disable", disable)):
        for glob in globs:
            if not any(fnmatchcase(rule_id, glob) for rule_id in ids):
                raise UnknownRuleError(
                    f"{option} {glob!r} matches no rule id "
                    "(see 'cleanwire rules list'; globs such as 'generic.page-*' work)"
                )
    off = {rule_id for rule_id in ids if any(fnmatchcase(rule_id, glob) for glob in disable)}
    if enable:
        off |= {rule_id for rule_id in ids if not any(fnmatchcase(rule_id, glob) for glob in enable)}
    return frozenset(off)
