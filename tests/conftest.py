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


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the tests' cache (and that of the processes they start) out of ~/.cache,
    and its key out of ~/.config."""
    import os

    os.environ["CLEANWIRE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["CLEANWIRE_CACHE_KEY_DIR"] = str(tmp_path_factory.mktemp("cache-key"))
