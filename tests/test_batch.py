"""Corpus workflows: trees, -o, --in-place, --check, --diff, jobs, cache, failures, kills."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanwire.corpus.batch import process as CLEAN_ONE_FILE
from cleanwire.files.atomic import stale_temp_files

from .conftest import GOLD, SEEDS, seed_names
from .test_cli import run


def make_tree(root: Path) -> dict[str, bytes]:
    """A corpus with nested folders, a clean file, a binary, a cp1252 file and hidden things.
    Returns the expected content of every file that should be cleaned."""
    names = seed_names()
    layout = {
        names[0]: names[0],
        f"a/{names[1]}": names[1],
        f"a/b/{names[2]}": names[2],
        f"a/b/c/{names[3]}": names[3],
        f"z/{names[4]}": names[4],
    }
    expected: dict[str, bytes] = {}
    for relative, seed in layout.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SEEDS / seed, path)
        expected[relative] = (GOLD / seed).read_bytes()
    (root / "a" / "already-clean.txt").write_bytes((GOLD / names[0]).read_bytes())
    (root / "a" / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + bytes(100))
    legacy = "Les élèves ont reçu leurs diplômes, a dit le maire de la commune. " * 6
    (root / "z" / "legacy.txt").write_bytes(legacy.encode("cp1252") + b"\n")
    expected["z/legacy.txt"] = legacy.strip().encode("cp1252") + b"\n"  # written back in the encoding it was read in
    (root / ".git").mkdir()
    shutil.copyfile(SEEDS / names[0], root / ".git" / "inside-git.txt")
    (root / ".hidden").mkdir()
    shutil.copyfile(SEEDS / names[0], root / ".hidden" / "hidden.txt")
    shutil.copyfile(SEEDS / names[0], root / "a" / "notes.md")
    return expected


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_output_dir_mirrors_the_tree(tmp_path: Path) -> None:
    source = tmp_path / "in"
    expected = make_tree(source)
    before = snapshot(source)
    done = run("strip", str(source), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    written = snapshot(tmp_path / "out")
    for relative, content in expected.items():
        assert written[relative] == content
    assert written["a/already-clean.txt"] == (source / "a" / "already-clean.txt").read_bytes()
    assert not any(name.startswith((".git", ".hidden")) or name.endswith(("picture.txt", ".md")) for name in written)
    assert snapshot(source) == before, "-o must not touch the input"
    assert b"8 files: 6 cleaned, 1 unchanged, 1 skipped" in done.stderr


def test_in_place_and_check(tmp_path: Path) -> None:
    expected = make_tree(tmp_path)
    (tmp_path / "a" / "already-clean.txt").chmod(0o640)
    os.chmod(tmp_path / "z" / "legacy.txt", 0o600)
    check = run("strip", "--check", str(tmp_path))
    assert check.returncode == 1
    assert check.stdout == b""
    assert check.stderr.count(b"would clean") == 6
    done = run("strip", "--in-place", str(tmp_path))
    assert done.returncode == 0, done.stderr
    for relative, content in expected.items():
        assert (tmp_path / relative).read_bytes() == content
    assert (tmp_path / ".git" / "inside-git.txt").read_bytes() == (SEEDS / seed_names()[0]).read_bytes()
    assert oct((tmp_path / "z" / "legacy.txt").stat().st_mode & 0o777) == oct(0o600), "mode bits are kept"
    assert run("strip", "--check", str(tmp_path)).returncode == 0
    assert stale_temp_files(tmp_path) == []


def test_diff_over_a_batch(tmp_path: Path) -> None:
    make_tree(tmp_path)
    done = run("strip", "--diff", str(tmp_path))
    assert done.returncode == 0
    diff = done.stdout.decode()
    assert diff.count(" (cleaned)\n") == 6
    assert f"--- {tmp_path / seed_names()[0]}" in diff


def test_failures_are_reported_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanwire import exitcodes
    from cleanwire.pipeline.cleaner import Cleaner
    from cleanwire.cli.strip import run_strip
    from cleanwire.settings.options import Settings

    expected = make_tree(tmp_path)
    (tmp_path / "a" / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    unreadable = tmp_path / "a" / "b" / "locked.txt"
    shutil.copyfile(SEEDS / seed_names()[0], unreadable)
    import cleanwire.corpus.batch

    original_read = cleanwire.corpus.batch.read_document

    def read_document(path: Path, limit: int, **options):  # type: ignore[no-untyped-def]
        if path == unreadable:
            raise PermissionError(13, "Permission denied", str(path))
        return original_read(path, limit, **options)

    monkeypatch.setattr(cleanwire.corpus.batch, "read_document", read_document)
    inputs = (str(tmp_path),)
    code = run_strip(Settings(in_place=True, jobs=1, use_cache=False), inputs, lambda: Cleaner())
    assert code == exitcodes.INPUT_ERROR
    monkeypatch.undo()
    for relative, content in expected.items():
        assert (tmp_path / relative).read_bytes() == content, relative
    assert unreadable.read_bytes() == (SEEDS / seed_names()[0]).read_bytes()


POISON = b"POISON\n\nAll rights reserved.\n"


def killing_poison(settings, detail, cleaner, task):  # type: ignore[no-untyped-def]
    """``process``, but a worker process that meets the poison is killed, as the
    kernel's out-of-memory killer would kill it."""
    if multiprocessing.parent_process() is not None and task.job.source.read_bytes() == POISON:
        os.kill(os.getpid(), signal.SIGKILL)
    return CLEAN_ONE_FILE(settings, detail, cleaner, task)


def test_a_worker_killed_during_a_batch_fails_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cleanwire import exitcodes
    from cleanwire.cli.strip import run_strip
    from cleanwire.corpus import batch
    from cleanwire.settings.options import Settings
    from cleanwire.pipeline.cleaner import Cleaner

    source = tmp_path / "in"
    expected = make_tree(source)
    poison = source / "a" / "b" / "poison.txt"
    poison.write_bytes(POISON)
    monkeypatch.setattr(batch, "process", killing_poison)
    settings = Settings(output_dir=tmp_path / "out", jobs=2, use_cache=False)
    code = run_strip(settings, (str(source),), lambda: Cleaner())
    err = capsys.readouterr().err
    assert code == exitcodes.INPUT_ERROR
    assert f"error: {poison}: the worker process cleaning it died\n" in err
    assert "9 files: 6 cleaned, 1 unchanged, 1 failed, 1 skipped" in err, err
    written = snapshot(tmp_path / "out")
    for relative, content in expected.items():
        assert written[relative] == content, relative
    assert "a/b/poison.txt" not in written


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    make_tree(tmp_path)
    locked = tmp_path / "locked.txt"
    shutil.copyfile(SEEDS / seed_names()[0], locked)
    locked.chmod(0)
    done = run("strip", "--in-place", str(tmp_path))
    assert done.returncode == 2 and b"locked.txt" in done.stderr


def test_explicit_binary_file_is_an_error_but_the_rest_is_cleaned(tmp_path: Path) -> None:
    make_tree(tmp_path)
    picture = tmp_path / "a" / "picture.txt"
    first = tmp_path / seed_names()[0]
    done = run("strip", "--in-place", str(picture), str(first))
    assert done.returncode == 2
    assert f"error: {picture}: binary".encode() in done.stderr
    assert first.read_bytes() == (GOLD / seed_names()[0]).read_bytes()


def test_symlinks_are_not_followed_out_of_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    shutil.copyfile(SEEDS / seed_names()[0], outside)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.txt").symlink_to(outside)
    (tree / "linkdir").symlink_to(tmp_path, target_is_directory=True)
    done = run("strip", "--in-place", "-v", str(tree))
    assert done.returncode == 0
    assert outside.read_bytes() == (SEEDS / seed_names()[0]).read_bytes()
    assert b"0 cleaned, 0 unchanged, 2 skipped" in done.stderr
    assert b"link.txt: is a symbolic link; not followed" in done.stderr


def test_include_and_exclude(tmp_path: Path) -> None:
    make_tree(tmp_path)
    done = run("strip", "--check", "--include", "*.md", str(tmp_path))
    assert done.returncode == 1 and b"notes.md" in done.stderr and b".txt" not in done.stderr
    done = run("strip", "--check", "--exclude", "a/*", str(tmp_path))
    assert b"would clean" in done.stderr and f"{tmp_path}/a/".encode() not in done.stderr


def test_parallel_and_serial_give_identical_outputs_and_reports(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for i in range(12):
        make_tree(corpus / f"part{i}")
    serial = run("strip", str(corpus), "-o", str(tmp_path / "serial"), "--jobs", "1", "-v")
    parallel = run("strip", str(corpus), "-o", str(tmp_path / "parallel"), "--jobs", "2", "-v")
    assert serial.returncode == parallel.returncode == 0
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")
    # Each names the files it wrote, in its own output folder.
    assert serial.stderr.replace(b"/serial/", b"/out/") == parallel.stderr.replace(b"/parallel/", b"/out/")
    checks = [run("strip", "--diff", str(corpus), "--jobs", jobs).stdout for jobs in ("1", "2")]
    assert checks[0] == checks[1] and checks[0]


def test_cache_skips_clean_files_and_rule_changes_invalidate_it(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    tree = tmp_path / "tree"
    make_tree(tree)
    env = {**os.environ, "CLEANWIRE_CACHE_DIR": str(cache_dir)}

    def strip(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "cleanwire", "strip", *args], capture_output=True, env=env)

    assert strip("--in-place", str(tree)).returncode == 0
    assert list(cache_dir.glob("cache.*.json"))
    again = strip("--in-place", "-v", str(tree))
    assert b"8 files: 0 cleaned, 8 unchanged" in again.stderr
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "extra.yaml").write_text(
        "format: 1\noutlet: {id: extra}\nrules:\n  - id: extra.x\n    category: promo\n    line: '^Buy now$'\n"
    )
    assert len(list(cache_dir.glob("cache.*.json"))) == 1
    strip("--check", "--rules", str(rules), str(tree))
    assert len(list(cache_dir.glob("cache.*.json"))) == 2, "new rules, new cache"
    edited = tree / seed_names()[0]
    edited.write_bytes(edited.read_bytes() + b"\n\nAll rights reserved.\n")
    assert strip("--check", str(tree)).returncode == 1, "an edited file is not taken from the cache"


def test_config_file_sets_defaults_and_flags_win(tmp_path: Path) -> None:
    make_tree(tmp_path / "corpus")
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "newsmax.yaml").write_text(
        "format: 1\noutlet: {id: newsmax, signatures: ['^Newsmax Media, Inc\\.$']}\nrules: []\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "corpus"\n\n[tool.cleanwire]\nrules = ["my-rules"]\nkeep = ["copyright"]\n'
        'include = ["*.txt"]\nexclude = ["z/*"]\n'
    )
    done = run("strip", "corpus", "-o", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = (tmp_path / "out" / seed_names()[0]).read_text()
    assert "russia, north korea, kim jong un" in out, "the project's newsmax.yaml (no rules) replaced the shipped one"
    assert "All Rights Reserved" in out, "copyright kept by config"
    assert not (tmp_path / "out" / "z").exists(), "excluded by config"
    flags = run("strip", "corpus", "-o", "out2", "--keep", "tags", "--exclude", "nothing", cwd=tmp_path)
    assert flags.returncode == 0
    assert (tmp_path / "out2" / "z").exists()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[tool.cleanwire]\nkepp = ['copyright']\n", b"key 'kepp': unknown key"),
        ("[tool.cleanwire]\nkeep = ['recipes']\n", b"key 'keep': unknown category 'recipes'"),
        ("[tool.cleanwire]\nmax_removal = 2\n", b"key 'max_removal'"),
        ("[tool.cleanwire\n", b"invalid TOML"),
    ],
)
def test_invalid_config_names_file_and_key(tmp_path: Path, config: str, message: bytes) -> None:
    (tmp_path / "pyproject.toml").write_text(config)
    done = run("strip", "--check", str(SEEDS), cwd=tmp_path)
    assert done.returncode == 2
    assert str(tmp_path / "pyproject.toml").encode() in done.stderr and message in done.stderr


def test_cleanwire_toml_is_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "cleanwire.toml").write_text('keep = ["tags"]\n')
    deep = tmp_path / "x" / "y"
    deep.mkdir(parents=True)
    out = run("strip", str(SEEDS / seed_names()[0]), cwd=deep).stdout.decode()
    assert out.startswith("Tags: russia")


def test_sigkill_during_in_place_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    names = seed_names()
    originals = {name: (SEEDS / name).read_bytes() for name in names}
    cleaned = {name: (GOLD / name).read_bytes() for name in names}
    corpus = tmp_path / "corpus"
    for i in range(250):
        folder = corpus / f"d{i % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(SEEDS / name, folder / f"{i}_{name}")
    env = {**os.environ, "CLEANWIRE_CACHE_DIR": str(tmp_path / "cache")}
    rng = random.Random(7)
    for _ in range(3):
        process = subprocess.Popen(
            [sys.executable, "-m", "cleanwire", "strip", "--in-place", "-q", "--jobs", "2", str(corpus)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        time.sleep(0.4 + rng.random() * 0.6)
        os.killpg(process.pid, signal.SIGKILL)  # the command and its worker processes, mid-batch
        process.wait()
        for path in corpus.rglob("*.txt"):
            name = path.name.split("_", 1)[1]
            assert path.read_bytes() in (originals[name], cleaned[name]), f"{path} is neither old nor new"
        assert stale_temp_files(corpus) == [], "no temporary files left behind"
        assert sorted(p.name for p in corpus.rglob("*") if p.name.startswith(".")) == []
    finish = subprocess.run(
        [sys.executable, "-m", "cleanwire", "strip", "--in-place", "-q", str(corpus)], env=env, capture_output=True
    )
    assert finish.returncode == 0, finish.stderr
    for path in corpus.rglob("*.txt"):
        assert path.read_bytes() == cleaned[path.name.split("_", 1)[1]]


def test_output_dir_inside_the_input_tree_is_not_read_as_input(tmp_path: Path) -> None:
    make_tree(tmp_path)
    first = run("strip", str(tmp_path), "-o", str(tmp_path / "clean"))
    second = run("strip", str(tmp_path), "-o", str(tmp_path / "clean"))
    assert first.returncode == second.returncode == 0
    assert not (tmp_path / "clean" / "clean").exists()
    assert first.stderr == second.stderr
