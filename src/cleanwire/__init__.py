"""cleanwire: strip boilerplate from scraped article text, and say why.

>>> from cleanwire import Cleaner
>>> result = Cleaner().clean(text)           # doctest: +SKIP
>>> result.text, result.decisions            # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Category", "CleanResult", "Cleaner", "Decision", "RuleSet", "__version__"]

if TYPE_CHECKING:
    from .cleaner import CleanResult, Cleaner
    from .model import Category, Decision
    from .ruleset import RuleSet

_EXPORTS = {
    "Cleaner": "cleaner",
    "CleanResult": "cleaner",
    "Category": "model",
    "Decision": "model",
    "RuleSet": "ruleset",
}


def __getattr__(name: str) -> Any:
    # Imported on first use so `cleanwire --help` does not pay for the engine.
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cleanwire' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
