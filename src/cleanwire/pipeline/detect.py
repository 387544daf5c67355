"""Which outlet a text came from: a forced choice, a URL's domain, or signatures."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import regex

from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.rules.model import Detection, RuleFile
from cleanwire.rules.literals import PROPERTY, ignores_case, required_literals

SIGNATURE_TIMEOUT = 1.0
# Outlets sign their pages in headers and footers: on a long text, signatures are
# looked for in its first and last SIGNATURE_WINDOW characters only.
SIGNATURE_WINDOW = 64 * 1024
# A substring search per literal: beyond a few, the signature's own search is cheaper.
_MAX_LITERALS = 4


def detect_outlet(
    text: str, outlets: dict[str, RuleFile], forced: str | None = None, url: str | None = None
) -> Detection:
    """``forced``: an outlet id, or ``none`` for the generic set only.

    Signatures decide only when one outlet clearly leads: a tie means no outlet,
    since applying the wrong outlet's rules is worse than applying none.
    """
    if forced == "none":
        return Detection(None, "forced", ["--outlet none: generic rules only"])
    if forced:
        return Detection(forced, "forced", [f"--outlet {forced}"])
    if url:
        by_domain = outlet_for_url(url, outlets)
        if by_domain:
            return Detection(by_domain, "domain", [f"URL {url} is on a domain of {by_domain}"])
    scores: dict[str, list[str]] = {}
    windows = _windows(text)
    for outlet_id, rule_file in sorted(outlets.items()):
        assert rule_file.outlet is not None
        evidence = []
        for signature in rule_file.outlet.signatures:
            for offset, window in windows:
                if not may_match(signature, window):
                    continue
                try:
                    found = signature.search(window, timeout=SIGNATURE_TIMEOUT)
                except TimeoutError:
                    # Taken as no match, a slow signature would decide the outlet by the clock.
                    raise RuleTimeoutError(
                        f"{outlet_id} signature /{signature.pattern}/", None, SIGNATURE_TIMEOUT, "outlet",
                        str(rule_file.path),
                    ) from None  # fmt: skip
                if found:
                    line = text.count("\n", 0, offset + found.start()) + 1
                    evidence.append(f"line {line} matches signature /{signature.pattern}/")
                    break
        if len(evidence) >= rule_file.outlet.min_signatures:
            scores[outlet_id] = evidence
    if not scores:
        return Detection(None, "none", ["no outlet's signatures matched"])
    best = max(len(e) for e in scores.values())
    leaders = [o for o, e in scores.items() if len(e) == best]
    if len(leaders) > 1:
        return Detection(None, "none", [f"tie between {', '.join(leaders)}: generic rules only"])
    return Detection(leaders[0], "signature", scores[leaders[0]])


def may_match(signature: regex.Pattern[str], window: str) -> bool:
    """False only where ``signature`` cannot match: ``window`` holds none of the
    literals every match of it holds."""
    literals = _plain_literals(signature)
    return literals is None or any(literal in window for literal in literals)


@lru_cache(maxsize=1024)
def _plain_literals(signature: regex.Pattern[str]) -> tuple[str, ...] | None:
    """What every match of ``signature`` holds, as written; None when that is unknown,
    needs case folding, or takes more searches than the signature's own."""
    if ignores_case(signature):
        return None
    literals = required_literals(signature.pattern, False)
    if not literals or len(literals) > _MAX_LITERALS or any(literal.startswith(PROPERTY) for literal in literals):
        return None
    return literals


def _windows(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the parts signatures are looked for in, cut at line breaks."""
    if len(text) <= 2 * SIGNATURE_WINDOW:
        return [(0, text)]
    head_end = text.rfind("\n", 0, SIGNATURE_WINDOW) + 1 or SIGNATURE_WINDOW
    tail_start = text.find("\n", len(text) - SIGNATURE_WINDOW) + 1 or len(text) - SIGNATURE_WINDOW
    return [(0, text[:head_end]), (tail_start, text[tail_start:])]


def outlet_for_url(url: str, outlets: dict[str, RuleFile]) -> str | None:
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:
        return None
    for outlet_id, rule_file in sorted(outlets.items()):
        assert rule_file.outlet is not None
        for domain in rule_file.outlet.domains:
            if host == domain or host.endswith("." + domain):
                return outlet_id
    return None
