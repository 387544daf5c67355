"""cleanwire for Hugging Face ``datasets``: a batched ``map`` function.

    from datasets import load_dataset
    from cleanwire.corpus.hf_map import CleanBatch

    clean = load_dataset("json", data_files="crawl/*.jsonl.gz", split="train").map(
        CleanBatch(), batched=True, num_proc=8
    )

Each row's ``text`` is replaced by its clean text (a row a guard refused, or a
rule timed out on, keeps it), and two columns are added: ``cleanwire_status``
(changed, unchanged, refused, failed) and ``cleanwire_removed_bytes`` (UTF-8
bytes the rules took out). The function pickles small: each of ``map``'s
processes loads the rules once, on its first batch, and ``datasets`` can hash it
for its cache. This module needs nothing from ``datasets`` itself.
"""

from __future__ import annotations

from typing import Any

from cleanwire.corpus.processcleaner import PerProcessCleaner
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.report.outcome import removed_by_category
from cleanwire.settings.options import DEFAULTS, Settings


class CleanBatch(PerProcessCleaner):
    """``datasets.map(CleanBatch(), batched=True)``: clean ``text_column``, with
    ``url_column`` (when the dataset has it) picking the outlet."""

    def __init__(self, settings: Settings = DEFAULTS, text_column: str = "text", url_column: str = "url") -> None:
        self.settings = settings
        self.text_column = text_column
        self.url_column = url_column

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        texts = batch[self.text_column]
        urls = batch.get(self.url_column) or [None] * len(texts)
        out: dict[str, list[Any]] = {self.text_column: [], "cleanwire_status": [], "cleanwire_removed_bytes": []}
        for text, url in zip(texts, urls):
            clean, status, removed = self._clean(text, url if isinstance(url, str) else None)
            out[self.text_column].append(clean)
            out["cleanwire_status"].append(status)
            out["cleanwire_removed_bytes"].append(removed)
        return out

    def _clean(self, text: str, url: str | None) -> tuple[str, str, int]:
        try:
            result = self.cleaner.clean(text, url=url)
        except RuleTimeoutError:
            return text, "failed", 0
        if result.refused:
            return text, "refused", 0
        if not result.changed:
            return text, "unchanged", 0
        return result.text, "changed", sum(size for _, size in removed_by_category(result).values())
