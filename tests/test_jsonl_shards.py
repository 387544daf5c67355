"""Compressed and remote JSON Lines: .jsonl.gz and .jsonl.zst read and written as
the plain shard is, paths, globs and URLs through fsspec, and a damaged shard
failing alone."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import fsspec
import pytest
import zstandard
from typer.testing import CliRunner

from .conftest import SEEDS, seed_names
from .test_cli import run

# As the gzip and zstd tools write them: zstd with its content checksum.
COMPRESS = {
    ".gz": lambda data: gzip.compress(data, mtime=0),
    ".zst": zstandard.ZstdCompressor(write_checksum=True).compress,
}
DECOMPRESS = {".gz": gzip.decompress, ".zst": lambda data: zstandard.ZstdDecompressor().decompressobj().decompress(data)}


def records(count: int, salt: int = 0) -> bytes:
    """JSON Lines of seed articles, every one with boilerplate to remove."""
    texts = [(SEEDS / name).read_text(encoding="utf-8") for name in seed_names()]
    return b"".join(
        json.dumps({"id": f"{salt}-{n}", "text": texts[(n + salt) % len(texts)]}).encode() + b"\n" for n in range(count)
    )


def plain_run(tmp_path: Path, data: bytes) -> bytes:
    plain = tmp_path / "plain.jsonl"
    plain.write_bytes(data)
    done = run("strip", "--jsonl", str(plain))
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_a_compressed_shard_is_cleaned_as_the_plain_shard_is(tmp_path: Path, suffix: str) -> None:
    data = records(12)
    shard = tmp_path / f"crawl.jsonl{suffix}"
    shard.write_bytes(COMPRESS[suffix](data))
    done = run("strip", "--jsonl", str(shard))
    assert done.returncode == 0, done.stderr
    assert done.stdout == plain_run(tmp_path, data)
    assert done.stdout != data, "the records had boilerplate to remove"


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_compressed_stdin_is_told_by_its_magic_bytes(tmp_path: Path, suffix: str) -> None:
    data = records(6)
    done = run("strip", "--jsonl", "-", stdin=COMPRESS[suffix](data))
    assert done.returncode == 0, done.stderr
    assert done.stdout == plain_run(tmp_path, data)


@pytest.mark.parametrize("suffix", ["", ".gz", ".zst"])
def test_each_output_shard_keeps_its_compression_and_holds_the_clean_records(tmp_path: Path, suffix: str) -> None:
    data = records(8)
    source = tmp_path / "src"
    source.mkdir()
    (source / f"part-0.jsonl{suffix}").write_bytes(COMPRESS[suffix](data) if suffix else data)
    done = run("strip", "--jsonl", str(source / "part-0.jsonl*"), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "out" / f"part-0.jsonl{suffix}").read_bytes()
    assert (DECOMPRESS[suffix](written) if suffix else written) == plain_run(tmp_path, data)


@pytest.mark.parametrize(
    ("suffix", "damage", "said"),
    [
        (".gz", lambda blob: blob[: len(blob) // 2], "truncated gzip data"),
        (".zst", lambda blob: blob[: len(blob) // 2], "truncated zstd data"),
        (".gz", lambda blob: blob[:200] + b"\x00" * 64 + blob[264:], "corrupt gzip data"),
        (".zst", lambda blob: blob[:200] + b"\x00" * 64 + blob[264:], "corrupt zstd data"),
    ],
    ids=["gz-truncated", "zst-truncated", "gz-corrupt", "zst-corrupt"],
)
def test_a_damaged_shard_fails_alone_naming_itself_and_the_others_are_written(
    tmp_path: Path, suffix: str, damage: object, said: str
) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    source.mkdir()
    for n in range(3):
        blob = COMPRESS[suffix](records(20, salt=n))
        (source / f"part-{n}.jsonl{suffix}").write_bytes(damage(blob) if n == 1 else blob)  # type: ignore[operator]
    done = run("strip", "--jsonl", str(source / f"*{suffix}"), "-o", str(out))
    assert done.returncode == 2
    bad = f"part-1.jsonl{suffix}"
    errors = [line for line in done.stderr.decode().splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and bad in errors[0] and said in errors[0], done.stderr
    assert b"Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        f"part-0.jsonl{suffix}", f"part-2.jsonl{suffix}"
    ], "no half-written output for the damaged shard"


def test_a_damaged_shard_on_stdout_fails_with_its_name_and_the_next_shard_is_cleaned(tmp_path: Path) -> None:
    broken = tmp_path / "a.jsonl.gz"
    broken.write_bytes(gzip.compress(records(10))[:300])
    whole = tmp_path / "b.jsonl.gz"
    whole.write_bytes(gzip.compress(records(3)))
    done = run("strip", "--jsonl", str(broken), str(whole))
    assert done.returncode == 2
    assert f"error: {broken}: truncated gzip data".encode() in done.stderr, done.stderr
    assert done.stdout.endswith(plain_run(tmp_path, records(3)))


def test_file_urls_and_their_globs_are_read_through_fsspec(tmp_path: Path) -> None:
    for n in range(2):
        (tmp_path / f"part-{n}.jsonl.gz").write_bytes(gzip.compress(records(4, salt=n)))
    done = run("strip", "--jsonl", f"file://{tmp_path}/part-*.jsonl.gz")
    assert done.returncode == 0, done.stderr
    assert done.stdout == plain_run(tmp_path, records(4, salt=0) + records(4, salt=1))


def test_memory_urls_are_read_and_written_whole(tmp_path: Path) -> None:
    from cleanwire.cli.app import app

    memory = fsspec.filesystem("memory")
    for n in range(2):
        with memory.open(f"/crawl/part-{n}.jsonl.zst", "wb") as handle:
            handle.write(COMPRESS[".zst"](records(5, salt=n)))
    result = CliRunner().invoke(app, ["strip", "--jsonl", "memory://crawl/*.jsonl.zst", "-o", "memory://clean"])
    assert result.exit_code == 0, result.output
    for n in range(2):
        written = memory.cat(f"/clean/part-{n}.jsonl.zst")
        assert DECOMPRESS[".zst"](written) == plain_run(tmp_path, records(5, salt=n))
    assert not [path for path in memory.find("/clean") if ".cleanwire-" in path], "no temporary object is left"


def test_the_plain_local_path_does_not_go_through_fsspec(tmp_path: Path) -> None:
    """A plain file never imports fsspec: its speed and behaviour stay as they were."""
    shard = tmp_path / "crawl.jsonl"
    shard.write_bytes(records(2))
    code = (
        "import sys; from cleanwire.cli.app import main; rc = main(); "
        "sys.stderr.write('FSSPEC' if 'fsspec' in sys.modules else 'NO-FSSPEC'); sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "strip", "--jsonl", str(shard)], capture_output=True, timeout=60, env=os.environ
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith(b"NO-FSSPEC")


def test_a_file_whose_name_looks_like_a_glob_is_read_as_named(tmp_path: Path) -> None:
    literal = tmp_path / "crawl[1].jsonl"
    literal.write_bytes(records(2))
    (tmp_path / "crawl1.jsonl").write_bytes(records(3, salt=1))  # what the name would match as a glob
    done = run("strip", "--jsonl", str(literal))
    assert done.returncode == 0, done.stderr
    assert done.stdout == plain_run(tmp_path, records(2))
