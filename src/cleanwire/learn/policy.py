"""How much evidence each kind of learned rule needs: one place for every threshold."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Policy:
    min_docs: int = 5  # fewer pages than this teach nothing reliable
    line_share: float = 0.05  # a line repeats on this share of pages (and on line_pages) ...
    line_pages: int = 2
    prose_share: float = 0.2  # ... but a line that reads like prose needs this share
    prose_pages: int = 4
    max_block_lines: int = 40  # non-blank lines from a block's start to its end
    tail_agreement: float = 1.0  # share of pages holding a marker whose whole tail is chrome
    tail_stray_share: float = 0.15  # lone sentences in a chrome tail hold at most this share of a page's sentence words
    tail_pages: int = 3  # and on this many pages at least: on two, it is often a teaser's title
    # A marker that may be a teaser's title (one whose tail other rules take whole,
    # or longer than a label's few words) ends the tail on this share of pages.
    title_marker_share: float = 0.25
    label_words: int = 4
    label_pages: int = 3  # a line known by its label alone ("Photo: …"): on two pages, often a title's first words
    marker_words: int = 2
    marker_chars: int = 10
    list_agreement: float = 0.5  # share of pages where a label heads a list
    max_signatures: int = 3
    signature_share: float = 0.3
    verify_pages: int = 2000  # candidate rules are run over this many pages at most
    variants_kept: int = 16  # distinct lines kept per shape, to make its pattern from

    def line_support(self, pages: int) -> int:
        return max(self.line_pages, math.ceil(self.line_share * pages))

    def prose_support(self, pages: int) -> int:
        return max(self.prose_pages, math.ceil(self.prose_share * pages))

    def label_support(self, pages: int) -> int:
        return max(self.label_pages, self.line_support(pages))

    def title_marker_support(self, pages: int) -> int:
        return max(self.line_support(pages), math.ceil(self.title_marker_share * pages))

    def support_for(self, prose: bool, pages: int) -> int:
        return self.prose_support(pages) if prose else self.line_support(pages)
