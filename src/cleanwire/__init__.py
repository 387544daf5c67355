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
    from cleanwire.pipeline.cleaner import CleanResult, Cleaner
    from cleanwire.rules.model import Category, Decision
    from cleanwire.rules.ruleset import RuleSet

_EXPORTS = {
    "Cleaner": "pipeline.cleaner",
    "CleanResult": "pipeline.cleaner",
    "Category": "rules.model",
    "Decision": "rules.model",
    "RuleSet": "rules.ruleset",
}


def __getattr__(name: str) -> Any:
    # Imported on first use so `cleanwire --help` does not pay for the engine.
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cleanwire' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
