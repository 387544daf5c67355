"""The registered domain of a URL: the name an outlet bought, under its public suffix."""

from __future__ import annotations

from urllib.parse import urlsplit

# Second-level names under a country code that are public suffixes themselves
# (bbc.co.uk, abc.net.au): the registered domain is one label longer under them.
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "net", "org", "or", "ne", "go", "gob", "nic", "mil"})


def registered_domain(url: str) -> str | None:
    """``news.bbc.co.uk`` for ``http://news.bbc.co.uk/x`` gives ``bbc.co.uk``; None
    for a URL without a host name, or with an address for one."""
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def outlet_id_for(domain: str) -> str:
    """An outlet id from a registered domain: ``bbc.co.uk`` gives ``bbc``."""
    first = domain.split(".")[0]
    cleaned = "".join(c if c.isalnum() or c == "-" else "-" for c in first).strip("-")
    return cleaned or "outlet"
