"""How many files to clean at once by default: every core this process may use."""

from __future__ import annotations

import os


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
