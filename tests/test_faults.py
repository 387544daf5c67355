"""Fault injection: an --in-place batch over 2,000 files killed with SIGKILL at 20
random moments. After every kill each file is byte-equal to its original or to its
fully cleaned version, no temporary file is left, and a re-run finishes the job.
The same holds for SIGTERM and SIGINT sent to the command alone, at 10 random
moments, and no process of the run is left behind."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from cleanwire.files.atomic import stale_temp_files

from .conftest import GOLD, SEEDS, seed_names

FILES = 2000
KILLS = 20


def assert_no_stray_files(corpus: Path, cleaned: dict[str, bytes]) -> None:
    # The one instant a kill can leave a temporary file is between giving the
    # nameless new file its name and renaming it over the target: what is left
    # then is the whole, verified clean text, never part of it.
    left = stale_temp_files(corpus)
    for temp in left:
        name = temp.name.split("_", 1)[1].split(".txt", 1)[0] + ".txt"
        assert temp.read_bytes() == cleaned[name], f"{temp} is not a whole clean copy"
    assert len(left) <= 1, "only a kill in that instant leaves one"
    hidden = [p for p in corpus.rglob(".*") if p not in left]
    assert not hidden, "no other temporary or hidden files appear"


def test_sigkill_at_twenty_random_moments(tmp_path: Path) -> None:
    names = seed_names()
    originals = {name: (SEEDS / name).read_bytes() for name in names}
    cleaned = {name: (GOLD / name).read_bytes() for name in names}
    corpus = tmp_path / "corpus"
    for i in range(FILES):
        folder = corpus / f"d{i % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = names[i % len(names)]
        shutil.copyfile(SEEDS / name, folder / f"{i:04d}_{name}")
    env = {**os.environ, "CLEANWIRE_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "cleanwire", "strip", "--in-place", "-q", "--jobs", "2", str(corpus)]
    rng = random.Random(20261123)
    history = []
    for _ in range(KILLS):
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(rng.uniform(0.05, 2.5))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the command and its workers, wherever they are
        process.wait()
        new = 0
        for path in corpus.rglob("*.txt"):
            content = path.read_bytes()
            name = path.name.split("_", 1)[1]
            assert content in (originals[name], cleaned[name]), f"{path} is neither old nor new"
            new += content == cleaned[name]
        assert_no_stray_files(corpus, cleaned)
        history.append(new)
    assert history == sorted(history), "a kill never undoes finished work"
    finish = subprocess.run(command, env=env, capture_output=True)
    assert finish.returncode == 0, finish.stderr
    for path in corpus.rglob("*.txt"):
        assert path.read_bytes() == cleaned[path.name.split("_", 1)[1]]
    print(f"cleaned files after each kill: {history}")


STOPS = 10  # SIGTERM and SIGINT, by turns


def cleanwire_processes(corpus: Path) -> list[int]:
    """Live processes (not zombies) working on ``corpus``: the command and its workers."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and str(corpus) in cmdline and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def test_sigterm_and_sigint_to_the_parent_at_random_moments(tmp_path: Path) -> None:
    """The signal goes to the command alone, not its process group: the command
    itself must stop its workers, and nothing of the run may survive it."""
    names = seed_names()
    originals = {name: (SEEDS / name).read_bytes() for name in names}
    cleaned = {name: (GOLD / name).read_bytes() for name in names}
    corpus = tmp_path / "corpus"
    for i in range(FILES):
        folder = corpus / f"d{i % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = names[i % len(names)]
        shutil.copyfile(SEEDS / name, folder / f"{i:04d}_{name}")
    env = {**os.environ, "CLEANWIRE_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "cleanwire", "strip", "--in-place", "-q", "--jobs", "2", str(corpus)]
    rng = random.Random(20261201)
    history = []
    for stop in range(STOPS):
        signum = signal.SIGTERM if stop % 2 == 0 else signal.SIGINT
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        time.sleep(rng.uniform(0.5, 10.0))
        if process.poll() is None:
            os.kill(process.pid, signum)
        _, stderr = process.communicate(timeout=120)
        assert b"Traceback" not in stderr
        assert process.returncode in (0, 128 + signum), stderr
        deadline = time.monotonic() + 5
        while cleanwire_processes(corpus) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cleanwire_processes(corpus) == [], "no worker outlives the command"
        new = 0
        for path in corpus.rglob("*.txt"):
            content = path.read_bytes()
            name = path.name.split("_", 1)[1]
            assert content in (originals[name], cleaned[name]), f"{path} is neither old nor new"
            new += content == cleaned[name]
        assert_no_stray_files(corpus, cleaned)
        history.append(new)
    assert history == sorted(history), "a stop never undoes finished work"
    finish = subprocess.run(command, env=env, capture_output=True)
    assert finish.returncode == 0, finish.stderr
    for path in corpus.rglob("*.txt"):
        assert path.read_bytes() == cleaned[path.name.split("_", 1)[1]]
    print(f"cleaned files after each stop: {history}")
