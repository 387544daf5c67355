"""Processes and caches: a stop signal stops every worker, keeps what was done and
leaves nothing half-written; closed standard streams are clear errors; the
clean-file cache is only ever a hint, never a reason to skip a file that is not
clean."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cleanwire import exitcodes
from cleanwire.corpus.pool import OrderedPool, Work
from cleanwire.files.atomic import stale_temp_files

from .conftest import GOLD, SEEDS, seed_names

DIRTY = "000_f0b6f554ee90a507.txt"  # a seed the rules change
COMMAND = [sys.executable, "-m", "cleanwire", "strip"]


def make_corpus(root: Path, files: int) -> Path:
    names = seed_names()
    corpus = root / "corpus"
    for i in range(files):
        folder = corpus / f"d{i % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        name = names[i % len(names)]
        shutil.copyfile(SEEDS / name, folder / f"{i:04d}_{name}")
    return corpus


def env_with_cache(cache: Path) -> dict[str, str]:
    return {**os.environ, "CLEANWIRE_CACHE_DIR": str(cache)}


def living_processes_mentioning(text: str) -> list[int]:
    """Pids of processes (not zombies) whose command line contains ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def children_of(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return kids


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def gone_within(corpus: Path, seconds: float) -> list[int]:
    """The cleanwire processes still working on ``corpus`` after ``seconds``."""
    wait_for(lambda: not living_processes_mentioning(str(corpus)), seconds)
    return living_processes_mentioning(str(corpus))


def start_in_place(corpus: Path, cache: Path, *extra: str, **popen: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*COMMAND, "--in-place", "-q", "--jobs", "2", *extra, str(corpus)],
        env=env_with_cache(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, **popen,  # type: ignore[call-overload]
    )


def files_cleaned(corpus: Path) -> int:
    """How many files of ``corpus`` the run has rewritten so far."""
    cleaned = {name: (GOLD / name).read_bytes() for name in seed_names()}
    return sum(
        p.read_bytes() == cleaned[p.name.split("_", 1)[1]] != (SEEDS / p.name.split("_", 1)[1]).read_bytes()
        for p in corpus.rglob("*.txt")
    )


def stop_mid_run(tmp_path: Path, signum: int, *extra: str) -> tuple[Path, subprocess.Popen[bytes], list[int], str]:
    """A run over a large corpus, sent ``signum`` (to the parent alone) once its
    workers have cleaned a few chunks' worth; returns the corpus, the process, the workers
    it had and its stderr."""
    corpus = make_corpus(tmp_path, 1500)
    process = start_in_place(corpus, tmp_path / "cache", *extra)
    assert wait_for(lambda: files_cleaned(corpus) >= 150, 120), "the run got going"
    workers = children_of(process.pid)
    assert process.poll() is None, "still running when signalled"
    os.kill(process.pid, signum)
    _, stderr = process.communicate(timeout=60)
    return corpus, process, workers, stderr.decode()


def assert_one_line_and_no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


def assert_every_file_whole(corpus: Path) -> None:
    for path in corpus.rglob("*.txt"):
        name = path.name.split("_", 1)[1]
        assert path.read_bytes() in ((SEEDS / name).read_bytes(), (GOLD / name).read_bytes()), path
    assert stale_temp_files(corpus) == []


# --- a stop signal stops every worker, keeps what was done, leaves nothing half-written


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, exitcodes.TERMINATED), (signal.SIGHUP, exitcodes.HANGUP), (signal.SIGINT, exitcodes.INTERRUPTED)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_stop_signal_to_the_parent_alone_stops_every_worker_before_it_exits(
    tmp_path: Path, signum: int, code: int
) -> None:
    corpus, process, workers, stderr = stop_mid_run(tmp_path, signum)
    assert workers, "the run had worker processes"
    assert process.returncode == code
    assert_one_line_and_no_traceback(stderr)
    assert stderr.startswith(f"cleanwire: interrupted ({signal.Signals(signum).name}); ")
    assert living_processes_mentioning(str(corpus)) == [], "no worker outlives its parent"
    assert_every_file_whole(corpus)


def test_files_done_before_sigterm_are_remembered_by_the_cache(tmp_path: Path) -> None:
    corpus, process, _, stderr = stop_mid_run(tmp_path, signal.SIGTERM)
    done = int(stderr.split("; ")[1].split()[0])
    assert done > 0
    (cache_file,) = (tmp_path / "cache").glob("cache.*.json")
    assert len(json.loads(cache_file.read_text())) >= done
    finish = subprocess.run([*COMMAND, "--in-place", "-q", str(corpus)], env=env_with_cache(tmp_path / "cache"))
    assert finish.returncode == 0
    assert_every_file_whole(corpus)
    assert not [p for p in corpus.rglob("*.txt") if p.read_bytes() != (GOLD / p.name.split("_", 1)[1]).read_bytes()]


def test_a_stop_signal_leaves_no_report_file_and_no_temporary_file(tmp_path: Path) -> None:
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    corpus, process, _, stderr = stop_mid_run(tmp_path, signal.SIGTERM, "--no-cache", "--report", str(report))
    assert process.returncode == exitcodes.TERMINATED
    assert_one_line_and_no_traceback(stderr)
    assert list(report.parent.iterdir()) == [], "neither the report nor a temporary file of it"
    assert_every_file_whole(corpus)


def test_workers_of_a_parent_killed_outright_stop_instead_of_rewriting_files(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 1500)
    process = start_in_place(corpus, tmp_path / "cache")
    assert wait_for(lambda: len(children_of(process.pid)) == 2, 120)
    os.kill(process.pid, signal.SIGKILL)  # the parent only: it cannot stop anything
    process.wait()
    assert gone_within(corpus, 15) == [], "no orphan goes on cleaning"
    assert_every_file_whole(corpus)


def test_a_hangup_ignored_when_the_run_started_stays_ignored(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 300)
    process = start_in_place(corpus, tmp_path / "cache", preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    assert wait_for(lambda: children_of(process.pid) != [] or process.poll() is not None, 120)
    os.kill(process.pid, signal.SIGHUP)  # as under nohup: the run goes on
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert not [p for p in corpus.rglob("*.txt") if p.read_bytes() != (GOLD / p.name.split("_", 1)[1]).read_bytes()]


def test_a_second_signal_does_not_cut_the_clean_up_short(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 1500)
    process = start_in_place(corpus, tmp_path / "cache")
    assert wait_for(lambda: files_cleaned(corpus) > 0, 120)
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGTERM):
        os.kill(process.pid, signum)
        time.sleep(0.02)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == exitcodes.TERMINATED, "the first signal decides"
    assert_one_line_and_no_traceback(stderr.decode())
    assert gone_within(corpus, 5) == []
    assert_every_file_whole(corpus)


def test_a_stop_while_starting_up_is_one_line_without_traceback(tmp_path: Path) -> None:
    # Enough files that no run can finish before its signal, on a fast machine too;
    # a fresh cache each time, so a later run cannot skip what an earlier one did.
    corpus = make_corpus(tmp_path, 1000)
    for delay in (0.3, 0.6, 1.2):  # loading the command line, the rules, the first files
        process = start_in_place(corpus, tmp_path / f"cache-{delay}")
        time.sleep(delay)
        assert process.poll() is None, "the run ended before it could be stopped"
        os.kill(process.pid, signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == exitcodes.TERMINATED, stderr
        assert_one_line_and_no_traceback(stderr.decode())
    assert_every_file_whole(corpus)


# The command has its result; the signal lands while the interpreter shuts down.
SIGNAL_AFTER_THE_RESULT = """
import os, signal, sys
from cleanwire.cli import main
code = main()
os.kill(os.getpid(), signal.{name})
sys.exit(code)
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_after_the_run_ended_does_not_change_its_exit_code(tmp_path: Path, signum: int) -> None:
    corpus = make_corpus(tmp_path, 3)
    done = subprocess.run(
        [sys.executable, "-c", SIGNAL_AFTER_THE_RESULT.format(name=signal.Signals(signum).name),
         "strip", "--in-place", "-q", "--no-cache", str(corpus)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert_every_file_whole(corpus)


# The signal lands while a worker is being forked: in the interpreter's at-fork
# callbacks, where an exception cannot propagate and is printed as "ignored".
SIGNAL_WHILE_FORKING = """
import os, signal, sys
sent = []
def signal_once():
    if not sent:
        sent.append(True)
        os.kill(os.getpid(), signal.SIGTERM)
os.register_at_fork(after_in_parent=signal_once)
from cleanwire.cli import main
sys.exit(main())
"""


def test_a_stop_signal_while_a_worker_is_forked_stops_the_run_in_one_line(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 300)
    done = subprocess.run(
        [sys.executable, "-c", SIGNAL_WHILE_FORKING, "strip", "--in-place", "--jobs", "2", "--no-cache", str(corpus)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == exitcodes.TERMINATED, done.stderr
    assert_one_line_and_no_traceback(done.stderr)
    assert gone_within(corpus, 5) == []
    assert_every_file_whole(corpus)


# The signal lands in a weak reference's callback, where an exception is printed as
# "ignored" and the run would go on: as it does when it lands in an import's.
SIGNAL_IN_A_CALLBACK = """
import os, signal, sys, weakref
import cleanwire.pipeline.cleaner as cleaner
class Thing:
    pass
def signal_in_callback(ref):
    os.kill(os.getpid(), signal.SIGTERM)
clean_bytes = cleaner.Cleaner.clean_bytes
refs = []
def clean_bytes_once_signalled(self, *args, **kwargs):
    if not refs:
        thing = Thing()
        refs.append(weakref.ref(thing, signal_in_callback))
        del thing
    return clean_bytes(self, *args, **kwargs)
cleaner.Cleaner.clean_bytes = clean_bytes_once_signalled
from cleanwire.cli import main
sys.exit(main())
"""


def test_a_stop_signal_swallowed_by_a_callback_still_stops_the_run(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 40)
    done = subprocess.run(
        [sys.executable, "-c", SIGNAL_IN_A_CALLBACK, "strip", "--in-place", "-q", "--jobs", "1", "--no-cache", str(corpus)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == exitcodes.TERMINATED, done.stderr
    assert_one_line_and_no_traceback(done.stderr)
    assert done.stderr.startswith("cleanwire: interrupted (SIGTERM); 1 file done"), done.stderr
    assert files_cleaned(corpus) < 40
    assert_every_file_whole(corpus)


def test_a_stop_held_while_forking_is_raised_when_the_fork_is_done() -> None:
    from cleanwire.stopping import Interrupted, held, stop

    with pytest.raises(Interrupted) as raised:
        with held():
            with held():
                stop(signal.SIGTERM)
                stop(signal.SIGINT)  # the first one decides
            reached_the_outer_block = True
    assert reached_the_outer_block and raised.value.signum == signal.SIGTERM
    with held():
        pass  # nothing held: nothing raised
    with pytest.raises(Interrupted):
        stop(signal.SIGHUP)


def _slow_square(numbers: list[int]) -> list[int]:
    time.sleep(0.2 if numbers[0] == 0 else 60)
    return [n * n for n in numbers]


def test_a_pool_abandoned_mid_run_stops_its_workers_at_once() -> None:
    from concurrent.futures import ProcessPoolExecutor

    started: list[ProcessPoolExecutor] = []

    def start(workers: int) -> ProcessPoolExecutor:
        started.append(ProcessPoolExecutor(workers))
        return started[-1]

    work: Work[int, int] = Work(remote=_slow_square, local=_slow_square, died=lambda n: -n, start=start)
    # Helpers another library left running for the session (a resource tracker, a
    # fork server) are not this pool's workers.
    already_running = set(children_of(os.getpid()))
    began = time.monotonic()
    with pytest.raises(RuntimeError), OrderedPool(work, workers=2, window=4) as pool:
        for _ in pool.map([[0], [1], [2], [3]]):
            raise RuntimeError("the consumer gives up")
    assert time.monotonic() - began < 30, "workers busy for a minute were not waited for"
    assert set(children_of(os.getpid())) - already_running == set()


def _send_half_a_result_and_die(writer_fd: int) -> None:
    # What a worker stopped in the middle of sending its result leaves behind: a
    # message header that promises more bytes than ever come.
    os.write(writer_fd, (1000).to_bytes(4, "big", signed=True) + b"half")
    os._exit(0)


def test_a_worker_stopped_while_sending_its_result_does_not_hang_the_stop() -> None:
    import threading
    from concurrent.futures import ProcessPoolExecutor

    from cleanwire.corpus.pool import stop_now

    pool = ProcessPoolExecutor(1)
    writer_fd = pool._result_queue._writer.fileno()  # type: ignore[attr-defined]
    pool.submit(_send_half_a_result_and_die, writer_fd)
    time.sleep(1)  # the pool's manager thread is now waiting for the rest of the message
    stopped = threading.Thread(target=stop_now, args=(pool,), daemon=True)
    stopped.start()
    stopped.join(30)
    assert not stopped.is_alive(), "stopping the pool hung on half a result"


# --- closed standard streams: a clear error or a quiet end, never a traceback


def run_with_closed(fd: int, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``cleanwire`` with descriptor ``fd`` closed, as by ``<&-`` or ``>&-``."""
    shell = f'exec "$@" {fd}>&-' if fd else 'exec "$@" <&-'
    command = ["sh", "-c", shell, "sh", sys.executable, "-m", "cleanwire", *args]
    stdout = None if fd == 1 else subprocess.PIPE
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, timeout=120)


def test_a_closed_stdin_is_a_one_line_error_naming_stdin() -> None:
    result = run_with_closed(0, "strip", "-")
    assert result.returncode == exitcodes.INPUT_ERROR
    stderr = result.stderr.decode()
    assert_one_line_and_no_traceback(stderr)
    assert "<stdin>" in stderr and "closed" in stderr


def test_a_closed_stdout_is_a_one_line_error_and_the_file_is_left_alone(tmp_path: Path) -> None:
    source = tmp_path / DIRTY
    shutil.copyfile(SEEDS / DIRTY, source)
    result = run_with_closed(1, "strip", str(source))
    assert result.returncode == exitcodes.INPUT_ERROR
    stderr = result.stderr.decode()
    assert_one_line_and_no_traceback(stderr)
    assert "stdout" in stderr and "closed" in stderr
    assert source.read_bytes() == (SEEDS / DIRTY).read_bytes()


def test_a_closed_stdout_does_not_stop_an_in_place_run_that_writes_nothing_there(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 10)
    result = run_with_closed(1, "strip", "--in-place", "--no-cache", str(corpus))
    assert result.returncode == exitcodes.OK, result.stderr
    assert_every_file_whole(corpus)
    assert not [p for p in corpus.rglob("*.txt") if p.read_bytes() != (GOLD / p.name.split("_", 1)[1]).read_bytes()]


def test_with_stderr_closed_errors_never_land_in_stdout(tmp_path: Path) -> None:
    result = run_with_closed(2, "strip", str(tmp_path / "missing.txt"))
    assert result.returncode == exitcodes.INPUT_ERROR
    assert result.stdout == b""


@pytest.mark.parametrize("args", [["strip"], ["strip", "--jsonl"]], ids=["text", "jsonl"])
def test_stdout_a_pipe_closed_by_its_reader_ends_quietly(args: list[str]) -> None:
    if "--jsonl" in args:
        line = json.dumps({"text": (SEEDS / DIRTY).read_text(encoding="utf-8")}) + "\n"
        data = (line * 3000).encode()
    else:
        data = "".join(f"Paragraph {i} of a long article, in plain words.\n\n" for i in range(5000)).encode()
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    result = subprocess.run([*COMMAND[:-1], *args, "-"], input=data, stdout=reader.stdin, stderr=subprocess.PIPE,
                            timeout=300)
    reader.stdin.close()
    reader.wait()
    assert result.returncode == exitcodes.OK
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr


# --- the clean-file cache is a hint: never a crash, never a reason to skip a dirty file


def check(target: Path, cache: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*COMMAND, "--check", "-q", str(target)], env=env_with_cache(cache), capture_output=True,
                          timeout=120)


def clean_tree_with_a_cache(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A tree of one clean file the cache knows; (tree, the file, the cache dir)."""
    tree = tmp_path / "tree"
    tree.mkdir()
    clean = tree / DIRTY
    clean.write_bytes((GOLD / DIRTY).read_bytes())
    cache = tmp_path / "cache"
    assert check(tree, cache).returncode == 0
    assert list(cache.glob("cache.*.json"))
    return tree, clean, cache


def dirty_same_size(clean: bytes) -> bytes:
    """Boilerplate the rules remove, in a text of exactly ``clean``'s size."""
    junk = b"\n\nAdvertisement\n\n"
    return clean[: len(clean) - len(junk)] + junk


def test_a_same_size_edit_with_the_modification_time_put_back_is_read_again(tmp_path: Path) -> None:
    tree, clean, cache = clean_tree_with_a_cache(tmp_path)
    before = clean.stat()
    edited = dirty_same_size(clean.read_bytes())
    assert len(edited) == before.st_size
    clean.write_bytes(edited)
    os.utime(clean, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    assert clean.stat().st_mtime_ns == before.st_mtime_ns
    assert check(tree, cache).returncode == exitcodes.CHANGED


def test_another_file_renamed_into_place_with_the_same_size_and_time_is_read_again(tmp_path: Path) -> None:
    tree, clean, cache = clean_tree_with_a_cache(tmp_path)
    before = clean.stat()
    impostor = tmp_path / "impostor.txt"
    impostor.write_bytes(dirty_same_size(clean.read_bytes()))
    os.utime(impostor, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(impostor, clean)
    assert check(tree, cache).returncode == exitcodes.CHANGED


HOSTILE_CACHES: dict[str, Callable[[Path, Path], object]] = {
    "garbage": lambda path, _: path.write_bytes(os.urandom(4096)),
    "not an object": lambda path, _: path.write_text("[1, 2, 3]"),
    "wrong types": lambda path, f: path.write_text(json.dumps({str(f.resolve()): {"size": "big"}})),
    "strings for numbers": lambda path, f: path.write_text(json.dumps({str(f.resolve()): ["1", "2", "3", "4", "h"]})),
    "old three-field entry": lambda path, f: path.write_text(
        json.dumps({str(f.resolve()): [f.stat().st_size, f.stat().st_mtime_ns, "0" * 64]})
    ),
    "nested a million deep": lambda path, _: path.write_text("[" * 1_000_000 + "]" * 1_000_000),
    "symlink to a device": lambda path, _: path.symlink_to("/dev/zero"),
    "symlink to a forged cache": lambda path, f: symlink_to_forged_cache(path, f),
    "fifo": lambda path, _: os.mkfifo(path),
    "huge": lambda path, _: sparse_file(path, 2 << 30),
    "a directory": lambda path, _: path.mkdir(),
}


def symlink_to_forged_cache(path: Path, dirty: Path) -> None:
    """A cache elsewhere that vouches for ``dirty`` with its exact stamp, linked in."""
    info = dirty.stat()
    forged = path.with_name("forged")
    stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, "0" * 64]
    forged.write_text(json.dumps({str(dirty.resolve()): stamp}))
    path.symlink_to(forged)


def sparse_file(path: Path, size: int) -> None:
    path.touch()
    os.truncate(path, size)  # sparse: costs no disk


@pytest.mark.parametrize("damage", list(HOSTILE_CACHES), ids=list(HOSTILE_CACHES))
def test_a_damaged_foreign_or_hostile_cache_file_is_only_a_miss(tmp_path: Path, damage: str) -> None:
    tree, clean, cache = clean_tree_with_a_cache(tmp_path)
    (cache_file,) = cache.glob("cache.*.json")
    cache_file.unlink()
    clean.write_bytes((SEEDS / DIRTY).read_bytes())  # dirty now, and the cache must not say otherwise
    HOSTILE_CACHES[damage](cache_file, clean)
    result = check(tree, cache)
    assert result.returncode == exitcodes.CHANGED, result.stderr
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
    assert check(tree, cache).returncode == exitcodes.CHANGED, "and the next run too"
