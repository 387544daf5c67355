from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"


def seed_names() -> list[str]:
    return sorted(p.name for p in GOLD.glob("*.txt"))


@pytest.fixture(scope="session")
def cleaner():  # type: ignore[no-untyped-def]
    from cleanwire import Cleaner

    return Cleaner()
