"""How many pages hold each line shape, in bounded memory.

Lossy counting (Manku and Motwani, 2002) over pages: counts are kept per shape
hash (eight bytes of BLAKE2b), and after every ``bucket`` pages the shapes whose
count could not reach one page in ``bucket`` are dropped. A count is then low by
at most the number of buckets seen before the shape was (re)admitted, which is
recorded beside it; no shape held by more than one page in ``bucket`` is lost.
With fewer pages than ``bucket`` nothing is dropped and every count is exact.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

DEFAULT_BUCKET = 500


def shape_key(shape: str) -> int:
    return int.from_bytes(hashlib.blake2b(shape.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


K = TypeVar("K", bound=Hashable)


class PageCounter(Generic[K]):
    def __init__(self, bucket: int = DEFAULT_BUCKET) -> None:
        self.bucket = bucket
        self.pages = 0
        self._counts: dict[K, int] = {}
        self._errors: dict[K, int] = {}

    def add_page(self, keys: Iterable[K]) -> None:
        current = self.pages // self.bucket
        for key in set(keys):
            if key in self._counts:
                self._counts[key] += 1
            else:
                self._counts[key] = 1
                self._errors[key] = current
        self.pages += 1
        if self.pages % self.bucket == 0:
            self._prune(self.pages // self.bucket)

    def _prune(self, buckets: int) -> None:
        dropped = [key for key, count in self._counts.items() if count + self._errors[key] <= buckets]
        for key in dropped:
            del self._counts[key]
            del self._errors[key]

    def count(self, key: K) -> int:
        """Pages seen holding ``key`` (a lower bound once pages were dropped)."""
        return self._counts.get(key, 0)

    def __len__(self) -> int:
        return len(self._counts)

    def __contains__(self, key: object) -> bool:
        return key in self._counts

    def items(self) -> list[tuple[K, int]]:
        return list(self._counts.items())
