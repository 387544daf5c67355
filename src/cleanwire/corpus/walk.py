"""Finding the files a batch works on, and where each one's output goes.

Patterns have git's semantics (pathspec's gitignore matching, as black's):
``*.txt`` matches at any depth, ``drafts/*`` only under the walked folder's
``drafts``, ``drafts/`` any folder of that name. A tree's ``.gitignore`` files
(the walked folder's, its ancestors' up to the repository's root, and those
found below it) leave out what git ignores, negations included.

Only regular files are taken from a tree. A symbolic link found by walking is
skipped, never followed (whether it points inside the tree or out of it), and so
are fifos, sockets and devices, which are never opened: each is listed with -v as
skipped, with the reason. A folder the walk cannot list is a failed item naming it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cleanwire.files.names import STDIN, display
from cleanwire.files.reading import kind_of
from cleanwire.report.record import DocumentStatus

if TYPE_CHECKING:
    import pathspec

# Names the walk never enters, besides hidden folders.
SKIP_DIRS = frozenset({"__pycache__", "node_modules"})


class OutputConflict(Exception):
    """Outputs that would land on an input, or two outputs on one path: found before
    anything is written."""


@dataclass(frozen=True)
class Job:
    """One file to clean: where it is, how to call it, where its output goes."""

    source: Path
    name: str
    target: Path | None
    explicit: bool  # named on the command line (an error if unusable) rather than found by walking
    root: Path  # no symbolic link below it is followed on the way to ``source``
    output_root: Path | None = None  # nor on the way to ``target`` below this one
    unread: tuple[DocumentStatus, str] | None = None  # known at walk time not to be read, and why


@dataclass(frozen=True)
class Found:
    path: Path
    unread: tuple[DocumentStatus, str] | None = None


@lru_cache(maxsize=64)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    import pathspec  # here, not above: its import costs a pre-commit run that names files much of its start-up

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def matches(path: Path, root: Path, patterns: Sequence[str], folder: bool = False) -> bool:
    """Does a pattern match ``path``, relative to ``root``, as a line of a
    ``.gitignore`` in ``root`` would? (``folder``: ``path`` is a folder.)"""
    if not patterns:
        return False
    relative = path.relative_to(root).as_posix() if path != root else path.name
    return _spec(tuple(patterns)).match_file(relative + ("/" if folder else ""))


def wanted_folder(name: str) -> bool:
    return not name.startswith(".") and name not in SKIP_DIRS


def wanted_file(path: Path, root: Path, include: Sequence[str], exclude: Sequence[str]) -> bool:
    return not path.name.startswith(".") and matches(path, root, include) and not matches(path, root, exclude)


@dataclass
class GitIgnores:
    """The ``.gitignore`` files that apply to a tree, outermost first."""

    specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = field(default_factory=list)

    @classmethod
    def above(cls, root: Path) -> GitIgnores:
        """Those of ``root`` and of its ancestors up to the repository's root (the
        folder holding ``.git``); only ``root``'s when it is in no repository."""
        start = root.absolute()
        chain = [start]
        for folder in start.parents:
            if (chain[-1] / ".git").exists():
                break
            chain.append(folder)
        if not (chain[-1] / ".git").exists():
            chain = [start]
        ignores = cls()
        for folder in reversed(chain):
            ignores.add(folder)
        return ignores

    def add(self, folder: Path) -> None:
        """Take in ``folder``'s ``.gitignore``, if it has one that can be read."""
        try:
            lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        self.specs.append((folder.absolute(), _spec(tuple(lines))))

    def ignores(self, path: Path, folder: bool = False) -> bool:
        """Would git ignore ``path``? A deeper file's verdict wins over an outer one's."""
        absolute = path.absolute()
        ignored = False
        for base, spec in self.specs:
            if absolute != base and absolute.is_relative_to(base):
                relative = absolute.relative_to(base).as_posix() + ("/" if folder else "")
                verdict = spec.check_file(relative).include
                if verdict is not None:
                    ignored = verdict
        return ignored


def walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Found]:
    """Files under ``root`` in a stable order, each with the reason it will not be
    read if it will not be. Skips hidden entries and ``.git``, what ``exclude``
    matches (folders too) and what git ignores."""
    errors: list[OSError] = []
    ignores = GitIgnores.above(root)
    for directory, subdirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        yield from _unlisted(errors)
        current = Path(directory)
        if current != root:
            ignores.add(current)
        subdirs[:] = sorted(
            d for d in subdirs
            if wanted_folder(d) and not matches(current / d, root, exclude, folder=True)
            and not ignores.ignores(current / d, folder=True)
        )
        linked = [d for d in subdirs if (current / d).is_symlink()]
        subdirs[:] = [d for d in subdirs if d not in linked]  # os.walk would not enter them: say so
        for name in sorted(linked):
            yield Found(current / name, (DocumentStatus.SKIPPED, "is a symbolic link to a folder; not followed"))
        for name in sorted(files):
            path = current / name
            if wanted_file(path, root, include, exclude) and not ignores.ignores(path):
                yield Found(path, _not_a_file(path))
    yield from _unlisted(errors)


def _unlisted(errors: list[OSError]) -> Iterator[Found]:
    for error in errors:
        folder = Path(error.filename if error.filename is not None else ".")
        yield Found(folder, (DocumentStatus.FAILED, f"cannot read this folder: {error.strerror or error}"))
    errors.clear()


def _not_a_file(path: Path) -> tuple[DocumentStatus, str] | None:
    """Why ``path`` is not read, told from its lstat alone: it is never opened."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None  # gone already: reading it says so
    if stat.S_ISREG(mode):
        return None
    return DocumentStatus.SKIPPED, f"{kind_of(mode)}; not {'followed' if stat.S_ISLNK(mode) else 'opened'}"


def collect_jobs(
    inputs: Sequence[str],
    include: Sequence[str],
    exclude: Sequence[str],
    output_dir: Path | None,
    force_exclude_from: Path | None = None,
) -> list[Job]:
    """Jobs for each input: a file, or every matching file in a directory's tree.

    With ``output_dir`` the tree is mirrored there: a directory's files keep their path
    relative to it, a file named on the command line keeps its name. A file named
    twice is one job. ``OutputConflict`` when an output would land on an input or two
    outputs on one path. With ``force_exclude_from`` (the folder ``exclude`` is
    relative to), a named file that ``exclude`` or ``.gitignore`` leaves out is
    skipped, as a walk would leave it out.
    """
    jobs: list[Job] = []
    seen: set[Path] = set()
    output_root = output_dir.resolve() if output_dir else None
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            _check_not_inside_output(path, output_dir, output_root)
            for found in walk(path, include, exclude):
                if output_root and _key(found.path).is_relative_to(output_root):
                    continue  # an output folder inside the input tree is not input
                if _first_time(found.path, seen):
                    target = output_dir / found.path.relative_to(path) if output_dir else None
                    name = display(str(found.path))
                    jobs.append(Job(found.path, name, target, False, path, output_dir, found.unread))
        elif _first_time(path, seen):
            target = output_dir / path.name if output_dir else None
            left_out = force_excluded(path, exclude, force_exclude_from) if force_exclude_from else None
            unread = (DocumentStatus.SKIPPED, left_out) if left_out else None
            jobs.append(Job(path, display(raw), target, True, path.parent, output_dir, unread))
    _check_outputs(jobs)
    return jobs


def force_excluded(path: Path, exclude: Sequence[str], base: Path) -> str | None:
    """Why a named file is left out under --force-exclude, or ``None``. ``exclude``
    is matched against its path relative to ``base`` (the configuration's folder)."""
    absolute = path.absolute()
    if absolute.is_relative_to(base.absolute()) and matches(absolute, base.absolute(), exclude):
        return "excluded (--force-exclude)"
    if GitIgnores.above(absolute.parent).ignores(absolute):
        return "ignored by .gitignore (--force-exclude)"
    return None


def _check_not_inside_output(folder: Path, output_dir: Path | None, output_root: Path | None) -> None:
    if output_dir is not None and output_root is not None and _key(folder).is_relative_to(output_root):
        raise OutputConflict(
            f"-o {display(str(output_dir))}: the input folder {display(str(folder))} is inside it;"
            " the output would overwrite the input"
        )


def _check_outputs(jobs: Sequence[Job]) -> None:
    sources = {_key(job.source): job for job in jobs if job.unread is None}
    targets: dict[Path, Job] = {}
    for job in jobs:
        if job.target is None or job.unread is not None:
            continue
        key = _key(job.target)
        if key in sources:
            raise OutputConflict(
                f"{sources[key].name}: -o would write {display(str(job.target))} over this input; nothing written"
            )
        if key in targets:
            raise OutputConflict(
                f"{targets[key].name} and {job.name} would both be written to {display(str(job.target))};"
                " nothing written"
            )
        targets[key] = job


def input_that_reads(
    candidate: Path, inputs: Sequence[str], include: Sequence[str], exclude: Sequence[str]
) -> str | None:
    """The input (as named) that would read ``candidate`` as a document, if any."""
    key = _key(candidate)
    for raw in inputs:
        if raw == STDIN:
            continue
        path = Path(raw)
        if _key(path) == key:
            return raw
        root = _key(path)
        if path.is_dir() and key.is_relative_to(root) and _walked(key, root, include, exclude):
            return raw
    return None


def _walked(path: Path, root: Path, include: Sequence[str], exclude: Sequence[str]) -> bool:
    folders = path.relative_to(root).parts[:-1]
    return all(wanted_folder(part) for part in folders) and wanted_file(path, root, include, exclude)


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _first_time(path: Path, seen: set[Path]) -> bool:
    key = _key(path.parent) / path.name  # a link is itself, not what it points to
    if key in seen:
        return False
    seen.add(key)
    return True
