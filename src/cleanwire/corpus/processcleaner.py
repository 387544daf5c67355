"""A Cleaner each process builds on first use, for steps other engines pickle to their workers."""

from __future__ import annotations

from typing import Any

from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.settings.options import Settings


class PerProcessCleaner:
    """Holds ``settings`` and, once asked, a ``Cleaner`` built from them. The cleaner
    is left out when the object is pickled, so each worker process loads the rules
    once itself instead of receiving them with every task."""

    settings: Settings
    _cleaner: Cleaner | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cleaner"] = None
        return state

    @property
    def cleaner(self) -> Cleaner:
        if self._cleaner is None:
            self._cleaner = Cleaner(settings=self.settings)
        return self._cleaner
