"""Finding the files a batch works on, and where each one's output goes."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanwire.files.names import display

# Names the walk never enters, besides hidden folders.
SKIP_DIRS = frozenset({"__pycache__", "node_modules"})


@dataclass(frozen=True)
class Job:
    """One file to clean: where it is, how to call it, where its output goes."""

    source: Path
    name: str
    target: Path | None
    explicit: bool  # named on the command line (an error if unusable) rather than found by walking


def matches(path: Path, root: Path, patterns: Sequence[str]) -> bool:
    """Glob match on the file name and on the path relative to ``root``."""
    relative = path.relative_to(root).as_posix() if path != root else path.name
    return any(fnmatch.fnmatchcase(path.name, p) or fnmatch.fnmatchcase(relative, p) for p in patterns)


def walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Path]:
    """Files under ``root`` in a stable order. Skips hidden entries and ``.git``, and
    never follows a symlink that leads out of ``root``."""
    real_root = root.resolve()
    for directory, subdirs, files in os.walk(root, followlinks=False):
        current = Path(directory)
        # os.walk does not descend into symlinked folders (followlinks=False).
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            path = current / name
            if name.startswith(".") or not matches(path, root, include) or matches(path, root, exclude):
                continue
            if path.is_symlink() and not _inside(path, real_root):
                continue
            yield path


def _inside(path: Path, real_root: Path) -> bool:
    if not path.is_symlink():
        return True
    try:
        path.resolve().relative_to(real_root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def collect_jobs(
    inputs: Sequence[str], include: Sequence[str], exclude: Sequence[str], output_dir: Path | None
) -> list[Job]:
    """Jobs for each input: a file, or every matching file in a directory's tree.

    With ``output_dir`` the tree is mirrored there: a directory's files keep their path
    relative to it, a file named on the command line keeps its name. A file reached
    twice (named twice, or through a symlink inside the tree) is one job.
    """
    jobs: list[Job] = []
    seen: set[Path] = set()
    output_root = output_dir.resolve() if output_dir else None
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for found in walk(path, include, exclude):
                if output_root and found.resolve().is_relative_to(output_root):
                    continue  # an output folder inside the input tree is not input
                if _first_time(found, seen):
                    target = output_dir / found.relative_to(path) if output_dir else None
                    jobs.append(Job(found, display(str(found)), target, explicit=False))
        elif _first_time(path, seen):
            target = output_dir / path.name if output_dir else None
            jobs.append(Job(path, display(raw), target, explicit=True))
    return jobs


def _first_time(path: Path, seen: set[Path]) -> bool:
    try:
        key = path.resolve()
    except (OSError, RuntimeError):
        key = path.absolute()
    if key in seen:
        return False
    seen.add(key)
    return True
