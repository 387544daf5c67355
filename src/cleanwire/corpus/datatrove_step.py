"""cleanwire as a datatrove pipeline step: a formatter that cleans ``Document.text``.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanwire.corpus.datatrove_step import CleanwireFormatter

    LocalPipelineExecutor(
        pipeline=[JsonlReader("crawl/"), CleanwireFormatter(), JsonlWriter("clean/")],
        tasks=8,
    ).run()

Each document's ``metadata["cleanwire"]`` says what happened to it: its status
(changed, unchanged, refused, failed), the outlet whose rules ran, and per
category the lines and bytes removed. A document a guard refused or a rule timed
out on keeps its text, as on the command line. The step's stats count documents
by status, in datatrove's stats files.

The rules are loaded once per process that runs the step (on its first
document), not when the pipeline is built or pickled to the executor's tasks.
The step's ``url_key`` names the metadata field whose URL picks the outlet (the
readers put a record's other fields in the metadata).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cleanwire.corpus.processcleaner import PerProcessCleaner
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.report.outcome import removed_by_category
from cleanwire.settings.options import DEFAULTS, Settings

try:
    from datatrove.pipeline.formatters.base import BaseFormatter
except ImportError as missing:  # the optional engine is not installed
    raise ImportError("cleanwire's datatrove step needs datatrove: pip install 'cleanwire[datatrove]'") from missing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cleanwire.pipeline.cleaner import CleanResult

METADATA_KEY = "cleanwire"


class CleanwireFormatter(BaseFormatter, PerProcessCleaner):  # type: ignore[misc]
    name = "🧹 cleanwire"

    def __init__(self, settings: Settings = DEFAULTS, url_key: str = "url") -> None:
        super().__init__()
        self.settings = settings
        self.url_key = url_key

    def format(self, text: str) -> str:
        """The clean text (datatrove's formatter interface); ``run`` also records why."""
        result = self.cleaner.clean(text)
        return text if result.refused else result.text

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                url = doc.metadata.get(self.url_key)
                try:
                    result = self.cleaner.clean(doc.text, url=url if isinstance(url, str) else None)
                except RuleTimeoutError as exc:
                    doc.metadata[METADATA_KEY] = {"status": "failed", "message": str(exc)}
                else:
                    doc.metadata[METADATA_KEY] = _summary(result)
                    if not result.refused:
                        doc.text = result.text
            self.stat_update(doc.metadata[METADATA_KEY]["status"])
            yield doc


def _summary(result: CleanResult) -> dict[str, Any]:
    if result.refused:
        return {"status": "refused", "message": result.refused, "outlet": result.detection.outlet}
    removed = removed_by_category(result) if result.changed else {}
    return {
        "status": "changed" if result.changed else "unchanged",
        "outlet": result.detection.outlet,
        "removed": {category: {"lines": lines, "bytes": size} for category, (lines, size) in sorted(removed.items())},
    }
