"""Build benchmark corpora from the seeds and ../shared/devset (both flavors)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"


def source_texts() -> list[tuple[str, bytes]]:
    """(name, bytes) of every seed and dev-set page, in a stable order."""
    sources = [(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for flavor in ("extracted", "fullpage"):
        folder = DEVSET / flavor
        if folder.is_dir():
            sources += [(f"{flavor}-{p.name}", p.read_bytes()) for p in sorted(folder.glob("*.txt"))]
    return sources


def cycle(count: int) -> Iterator[tuple[str, bytes]]:
    sources = source_texts()
    for i in range(count):
        name, data = sources[i % len(sources)]
        yield f"{i:05d}-{name}", data


def build_tree(root: Path, count: int, per_folder: int = 500) -> tuple[int, int]:
    """``count`` files in folders of ``per_folder``; returns (files, bytes)."""
    total = 0
    for i, (name, data) in enumerate(cycle(count)):
        folder = root / f"part{i // per_folder:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        total += len(data)
    return count, total
