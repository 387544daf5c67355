"""Which outlet a text came from: a forced choice, a URL's domain, or signatures."""

from __future__ import annotations

from urllib.parse import urlsplit

from .model import Detection, RuleFile

SIGNATURE_TIMEOUT = 1.0


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
    for outlet_id, rule_file in sorted(outlets.items()):
        assert rule_file.outlet is not None
        evidence = []
        for signature in rule_file.outlet.signatures:
            try:
                found = signature.search(text, timeout=SIGNATURE_TIMEOUT)
            except TimeoutError:
                found = None
            if found:
                line = text.count("\n", 0, found.start()) + 1
                evidence.append(f"line {line} matches signature /{signature.pattern}/")
        if len(evidence) >= rule_file.outlet.min_signatures:
            scores[outlet_id] = evidence
    if not scores:
        return Detection(None, "none", ["no outlet's signatures matched"])
    best = max(len(e) for e in scores.values())
    leaders = [o for o, e in scores.items() if len(e) == best]
    if len(leaders) > 1:
        return Detection(None, "none", [f"tie between {', '.join(leaders)}: generic rules only"])
    return Detection(leaders[0], "signature", scores[leaders[0]])


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
