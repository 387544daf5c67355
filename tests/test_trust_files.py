"""Files: never written outside the tree, never through a link, never onto a source.

Every case is hostile on purpose: links swapped in while a run goes on, links in
the output tree, outputs that would land on inputs, hard links, metadata that
must survive --in-place, special files and unreadable folders in a tree."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cleanwire import exitcodes
from cleanwire.corpus.batch import BatchTask
from cleanwire.corpus.batch import process as CLEAN_ONE_FILE
from cleanwire.corpus.walk import Job
from cleanwire.files.atomic import stale_temp_files
from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.report.outcome import RecordDetail
from cleanwire.report.record import DocumentStatus
from cleanwire.settings.options import Settings

from .conftest import GOLD, SEEDS, seed_names
from .test_cli import run

NAME = seed_names()[0]
DIRTY = (SEEDS / NAME).read_bytes()
CLEAN = (GOLD / NAME).read_bytes()
SECRET = (SEEDS / seed_names()[1]).read_bytes()  # dirty too: a run that reached it would change it


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def dirty_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(DIRTY)
    return path


def outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / NAME
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_bytes(SECRET)
    return secret


def in_place(source: Path, root: Path, cleaner: Cleaner, swap: object = None) -> DocumentStatus:
    """Clean one file in place as a batch would, with ``swap`` run between reading
    and writing (while the rules work)."""

    class Swapping:
        rules = cleaner.rules
        settings = cleaner.settings

        def clean_bytes(self, data: bytes, url: str | None = None) -> object:
            result = cleaner.clean_bytes(data, url=url)
            if callable(swap):
                swap()
            return result

    job = Job(source, str(source), None, False, root)
    settings = Settings(in_place=True, jobs=1, use_cache=False)
    done = CLEAN_ONE_FILE(settings, RecordDetail.NOTHING, Swapping(), BatchTask(job))  # type: ignore[arg-type]
    return done.outcome.status


# --- Never through a link -------------------------------------------------------


def test_a_symlink_found_in_the_tree_is_skipped_listed_and_never_followed_even_inside_the_tree(tmp_path: Path) -> None:
    real = dirty_file(tmp_path / "tree" / "real.txt")
    (tmp_path / "tree" / "alias.txt").symlink_to(real)
    done = run("strip", "--in-place", "-v", str(tmp_path / "tree"))
    assert done.returncode == exitcodes.OK, done.stderr
    assert b"alias.txt: is a symbolic link; not followed" in done.stderr
    assert real.read_bytes() == CLEAN
    assert (tmp_path / "tree" / "alias.txt").is_symlink()


def test_a_symlink_named_on_the_command_line_is_an_error_and_what_it_points_to_is_untouched(tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    link = tmp_path / "tree" / "link.txt"
    link.parent.mkdir()
    link.symlink_to(secret)
    for mode in ("--in-place", "--check"):
        done = run("strip", mode, str(link), str(dirty_file(tmp_path / "tree" / "other.txt")))
        assert done.returncode == exitcodes.INPUT_ERROR
        assert f"error: {link}: is a symbolic link; not followed".encode() in done.stderr
    assert secret.read_bytes() == SECRET and link.is_symlink()


def test_in_place_never_writes_through_a_file_swapped_for_a_symlink_after_it_was_read(
    tmp_path: Path, cleaner: Cleaner
) -> None:
    secret = outside_file(tmp_path)
    source = dirty_file(tmp_path / "tree" / "doc.txt")

    def swap() -> None:
        source.unlink()
        source.symlink_to(secret)

    assert in_place(source, tmp_path / "tree", cleaner, swap) is DocumentStatus.FAILED
    assert secret.read_bytes() == SECRET and source.is_symlink()


def test_in_place_never_writes_through_a_folder_swapped_for_a_symlink_after_reading(
    tmp_path: Path, cleaner: Cleaner
) -> None:
    secret = outside_file(tmp_path)
    source = dirty_file(tmp_path / "tree" / "sub" / NAME)

    def swap() -> None:
        (tmp_path / "tree" / "sub").rename(tmp_path / "moved")
        (tmp_path / "tree" / "sub").symlink_to(secret.parent)

    assert in_place(source, tmp_path / "tree", cleaner, swap) is DocumentStatus.FAILED
    assert secret.read_bytes() == SECRET
    assert (tmp_path / "moved" / NAME).read_bytes() == DIRTY


def test_a_folder_swapped_for_a_symlink_before_reading_is_not_followed(tmp_path: Path, cleaner: Cleaner) -> None:
    secret = outside_file(tmp_path)
    source = tmp_path / "tree" / "sub" / NAME
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "sub").symlink_to(secret.parent)  # after the walk, before the read
    assert in_place(source, tmp_path / "tree", cleaner) is DocumentStatus.FAILED
    assert secret.read_bytes() == SECRET


def test_symlink_swaps_during_an_in_place_run_never_change_the_outside_file(tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    tree = tmp_path / "tree"
    files = [dirty_file(tree / f"d{i % 4}" / f"{i:03d}.txt") for i in range(300)]
    stop = threading.Event()

    def swapper() -> None:
        while files[0].read_bytes() == DIRTY and not stop.is_set():
            time.sleep(0.01)  # the run has begun writing: swap the files it has still to do
        for path in reversed(files[::3]):
            if stop.is_set():
                return
            temp = path.with_name(".swap")
            temp.symlink_to(secret)
            os.replace(temp, path)  # the name now leads out of the tree
            time.sleep(0.005)

    process = subprocess.Popen(
        [sys.executable, "-m", "cleanwire", "strip", "--in-place", "-q", "--no-cache", "--jobs", "2", str(tree)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    thread = threading.Thread(target=swapper)
    thread.start()
    _, stderr = process.communicate(timeout=300)
    stop.set()
    thread.join()
    assert b"Traceback" not in stderr
    assert secret.read_bytes() == SECRET
    for path in files:
        assert path.is_symlink() or path.read_bytes() in (DIRTY, CLEAN), path
    assert not [p for p in tree.rglob(".*") if p.name != ".swap"]


def test_two_concurrent_in_place_runs_leave_every_file_old_or_new_and_a_final_run_cleans_all(tmp_path: Path) -> None:
    names = seed_names()
    tree = tmp_path / "tree"
    for i in range(400):
        name = names[i % len(names)]
        target = tree / f"d{i % 5}" / f"{i:03d}_{name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SEEDS / name, target)
    command = [sys.executable, "-m", "cleanwire", "strip", "--in-place", "-q", "--no-cache", str(tree)]
    runs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for process in runs:
        _, stderr = process.communicate(timeout=300)
        assert b"Traceback" not in stderr
    for path in tree.rglob("*.txt"):
        name = path.name.split("_", 1)[1]
        assert path.read_bytes() in ((SEEDS / name).read_bytes(), (GOLD / name).read_bytes()), path
    assert stale_temp_files(tree) == [] and not list(tree.rglob(".*"))
    final = subprocess.run(command, capture_output=True)
    assert final.returncode == exitcodes.OK, final.stderr
    for path in tree.rglob("*.txt"):
        assert path.read_bytes() == (GOLD / path.name.split("_", 1)[1]).read_bytes(), path


# --- In place keeps what the file was ------------------------------------------


def test_in_place_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "tree" / "doc.txt")
    os.chown(source, 1234, 5678)
    source.chmod(0o2640)
    done = run("strip", "--in-place", str(tmp_path / "tree"))
    assert done.returncode == exitcodes.OK, done.stderr
    info = source.stat()
    assert source.read_bytes() == CLEAN
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 5678, 0o2640)


def _acl(*entries: tuple[int, int, int]) -> bytes:
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", tag, perm, ident) for tag, perm, ident in entries)


def test_in_place_keeps_extended_attributes_and_the_access_acl(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "tree" / "doc.txt")
    source.chmod(0o640)
    acl = _acl((1, 6, 0xFFFFFFFF), (2, 4, 4242), (4, 4, 0xFFFFFFFF), (0x10, 4, 0xFFFFFFFF), (0x20, 0, 0xFFFFFFFF))
    os.setxattr(source, "user.origin", b"crawler-7")
    os.setxattr(source, "system.posix_acl_access", acl)
    done = run("strip", "--in-place", str(tmp_path / "tree"))
    assert done.returncode == exitcodes.OK, done.stderr
    assert source.read_bytes() == CLEAN
    assert os.getxattr(source, "user.origin") == b"crawler-7"
    assert os.getxattr(source, "system.posix_acl_access") == acl


def test_in_place_refuses_a_file_whose_attributes_cannot_be_kept_and_leaves_it_as_it_was(
    tmp_path: Path, cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = dirty_file(tmp_path / "tree" / "doc.txt")
    os.setxattr(source, "user.origin", b"crawler-7")

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "setxattr", refuse)
    assert in_place(source, tmp_path / "tree", cleaner) is DocumentStatus.REFUSED
    assert source.read_bytes() == DIRTY
    assert not list(source.parent.glob(".*"))


def test_in_place_refuses_a_hard_linked_file_so_its_names_never_disagree(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "tree" / "doc.txt")
    other = tmp_path / "elsewhere.txt"
    os.link(source, other)
    done = run("strip", "--in-place", str(tmp_path / "tree"))
    assert done.returncode == exitcodes.REFUSED
    assert f"refused {source}: has 2 names; its other names would keep the old text".encode() in done.stderr
    assert source.read_bytes() == other.read_bytes() == DIRTY


def test_a_hard_linked_file_is_only_refused_when_it_would_be_written(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "tree" / "doc.txt")
    os.link(source, tmp_path / "elsewhere.txt")
    done = run("strip", "--check", str(tmp_path / "tree"))
    assert done.returncode == exitcodes.CHANGED, done.stderr
    assert source.read_bytes() == DIRTY


def test_a_folder_named_on_the_command_line_through_a_symlink_is_cleaned_as_named(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "real" / "doc.txt")
    (tmp_path / "named").symlink_to(tmp_path / "real", target_is_directory=True)
    done = run("strip", "--in-place", str(tmp_path / "named"))
    assert done.returncode == exitcodes.OK, done.stderr
    assert source.read_bytes() == CLEAN


# --- -o DIR: a complete mirror, never onto an input, never through a link ---


def test_output_dir_copies_a_refused_document_unchanged_so_the_mirror_is_complete(tmp_path: Path) -> None:
    dirty_file(tmp_path / "in" / "doc.txt")
    done = run("strip", "--max-removal", "0.01", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert done.returncode == exitcodes.REFUSED, done.stderr
    assert (tmp_path / "out" / "doc.txt").read_bytes() == DIRTY


def test_output_dir_copies_a_file_over_the_size_limit_unchanged_so_the_mirror_is_complete(tmp_path: Path) -> None:
    big = tmp_path / "in" / "big.txt"
    big.parent.mkdir()
    big.write_bytes(DIRTY * 40)
    big.chmod(0o640)
    done = run("strip", "--max-size", "1000", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert done.returncode == exitcodes.REFUSED, done.stderr
    copied = tmp_path / "out" / "big.txt"
    assert copied.read_bytes() == DIRTY * 40
    assert stat.S_IMODE(copied.stat().st_mode) == 0o640


@pytest.mark.parametrize("where", ["same folder", "the file's own folder", "input inside the output"])
def test_output_dir_that_would_write_onto_an_input_is_an_error_before_anything_is_written(
    tmp_path: Path, where: str
) -> None:
    source = dirty_file(tmp_path / "in" / "doc.txt")
    later = dirty_file(tmp_path / "in" / "zz.txt")
    inputs = {
        "same folder": (str(tmp_path / "in"), str(tmp_path / "in")),
        "the file's own folder": (str(source), str(tmp_path / "in")),
        "input inside the output": (str(tmp_path / "in"), str(tmp_path)),
    }[where]
    done = run("strip", inputs[0], "-o", inputs[1])
    assert done.returncode == exitcodes.INPUT_ERROR
    assert b"Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    assert b"input" in done.stderr
    assert source.read_bytes() == later.read_bytes() == DIRTY


def test_two_inputs_that_map_to_one_output_path_are_an_error_before_anything_is_written(tmp_path: Path) -> None:
    first = dirty_file(tmp_path / "a" / "doc.txt")
    second = dirty_file(tmp_path / "b" / "doc.txt")
    done = run("strip", str(first), str(second), "-o", str(tmp_path / "out"))
    assert done.returncode == exitcodes.INPUT_ERROR
    assert f"{first} and {second} would both be written to".encode() in done.stderr
    assert not (tmp_path / "out").exists()


def test_output_is_never_written_through_a_symlinked_folder_in_the_output_tree(tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    dirty_file(tmp_path / "in" / "sub" / NAME)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(secret.parent)
    done = run("strip", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert done.returncode == exitcodes.INPUT_ERROR
    assert b"symbolic link" in done.stderr and b"Traceback" not in done.stderr
    assert secret.read_bytes() == SECRET


def test_an_output_file_that_is_a_symlink_is_replaced_not_written_through(tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    dirty_file(tmp_path / "in" / "doc.txt")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "doc.txt").symlink_to(secret)
    done = run("strip", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert done.returncode == exitcodes.OK, done.stderr
    assert secret.read_bytes() == SECRET
    assert not (tmp_path / "out" / "doc.txt").is_symlink()
    assert (tmp_path / "out" / "doc.txt").read_bytes() == CLEAN


@pytest.mark.parametrize("source_mode, expected", [(0o600, 0o600), (0o666, 0o644), (0o640, 0o640)])
def test_output_files_get_the_source_mode_under_the_umask(tmp_path: Path, source_mode: int, expected: int) -> None:
    source = dirty_file(tmp_path / "in" / "doc.txt")
    source.chmod(source_mode)
    done = subprocess.run(
        ["sh", "-c", 'umask 022 && exec "$0" -m cleanwire strip "$1" -o "$2"', sys.executable,
         str(tmp_path / "in"), str(tmp_path / "out")],
        capture_output=True,
    )
    assert done.returncode == exitcodes.OK, done.stderr
    assert stat.S_IMODE((tmp_path / "out" / "doc.txt").stat().st_mode) == expected


def test_output_files_never_get_set_user_or_group_id_bits(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "in" / "doc.txt")
    source.chmod(0o6755)
    done = run("strip", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert done.returncode == exitcodes.OK, done.stderr
    assert stat.S_IMODE((tmp_path / "out" / "doc.txt").stat().st_mode) & 0o7000 == 0


# --- --report is never an input ----------------------------------------------------


def test_report_naming_an_input_file_is_an_error_before_anything_is_written(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "doc.txt")
    done = run("strip", "--in-place", str(source), "--report", str(source), "--report-format", "json")
    assert done.returncode == exitcodes.INPUT_ERROR
    assert f"--report {source}: it would be read as input".encode() in done.stderr
    assert source.read_bytes() == DIRTY


def test_report_through_a_symlink_to_an_input_is_an_error(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "doc.txt")
    (tmp_path / "report.json").symlink_to(source)
    done = run("strip", "--in-place", str(source), "--report", str(tmp_path / "report.json"))
    assert done.returncode == exitcodes.INPUT_ERROR
    assert b"it would be read as input" in done.stderr
    assert source.read_bytes() == DIRTY


def test_report_inside_an_input_folder_where_the_walk_would_read_it_is_an_error(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "tree" / "doc.txt")
    report = tmp_path / "tree" / "sub" / "report.txt"
    done = run("strip", "--in-place", str(tmp_path / "tree"), "--report", str(report), "--report-format", "json")
    assert done.returncode == exitcodes.INPUT_ERROR
    assert b"it would be read as input" in done.stderr
    assert source.read_bytes() == DIRTY and not report.exists()


def test_report_inside_an_input_folder_that_the_walk_would_not_read_is_allowed(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "tree" / "doc.txt")
    report = tmp_path / "tree" / "report.json"
    done = run("strip", "--in-place", str(tmp_path / "tree"), "--report", str(report))
    assert done.returncode == exitcodes.OK, done.stderr
    assert source.read_bytes() == CLEAN and report.exists()


# --- Special files and unreadable folders in a tree -----------------------------


def test_fifos_and_sockets_found_in_a_tree_are_skipped_unopened_and_listed_with_verbose(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    source = dirty_file(tree / "doc.txt")
    os.mkfifo(tree / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tree / "sock.txt"))
    try:
        done = run("strip", "--in-place", "-v", str(tree))  # opening the fifo for reading would hang
    finally:
        server.close()
    assert done.returncode == exitcodes.OK, done.stderr
    assert f"skipped {tree / 'pipe.txt'}: is a fifo; not opened".encode() in done.stderr
    assert f"skipped {tree / 'sock.txt'}: is a socket; not opened".encode() in done.stderr
    assert source.read_bytes() == CLEAN


def test_a_dangling_symlink_in_a_tree_is_skipped_not_a_failure(tmp_path: Path) -> None:
    source = dirty_file(tmp_path / "tree" / "doc.txt")
    (tmp_path / "tree" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    done = run("strip", "--check", "-v", str(tmp_path / "tree"))
    assert done.returncode == exitcodes.CHANGED, done.stderr
    assert b"gone.txt: is a symbolic link; not followed" in done.stderr
    assert source.read_bytes() == DIRTY


UNLISTABLE = """
import os, sys
real = os.scandir
def scandir(path='.'):
    if os.fsdecode(path).endswith('locked'):
        raise PermissionError(13, 'Permission denied', os.fsdecode(path))
    return real(path)
os.scandir = scandir
sys.argv[0] = 'cleanwire'
from cleanwire.cli.app import main
raise SystemExit(main())
"""


@pytest.mark.parametrize("mode", ["--check", "--in-place"])
def test_a_folder_the_walk_cannot_read_is_a_failed_item_and_the_gate_does_not_pass(tmp_path: Path, mode: str) -> None:
    tree = tmp_path / "tree"
    (tree / "ok").mkdir(parents=True)
    (tree / "ok" / "clean.txt").write_bytes(CLEAN)
    dirty_file(tree / "locked" / "doc.txt")
    done = subprocess.run([sys.executable, "-c", UNLISTABLE, "strip", mode, str(tree)], capture_output=True)
    assert done.returncode == exitcodes.INPUT_ERROR, done.stderr
    assert f"error: {tree / 'locked'}: cannot read this folder: Permission denied".encode() in done.stderr
    assert b"Traceback" not in done.stderr
