"""Fifos, sockets and devices are never read as documents, and no command reads
more than --max-size of an endless or huge input."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cleanwire import exitcodes
from cleanwire.files.reading import NotARegularFile, read_document

from .conftest import SEEDS

SEED = SEEDS / "000_f0b6f554ee90a507.txt"


def run(*args: str, stdin: object = subprocess.DEVNULL, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleanwire", *args], stdin=stdin, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", [("strip",), ("detect",), ("explain",), ("strip", "--check")])
def test_a_fifo_named_on_the_command_line_is_an_error_not_a_hang(fifo: Path, command: tuple[str, ...]) -> None:
    done = run(*command, str(fifo), timeout=30)  # a blocking open would hang until the timeout
    assert done.returncode == exitcodes.INPUT_ERROR
    assert f"{fifo}: is a fifo, not a regular file" in done.stderr


@pytest.mark.parametrize("command", [("strip",), ("detect",), ("explain",)])
def test_a_device_named_on_the_command_line_is_an_error_not_an_endless_read(command: tuple[str, ...]) -> None:
    done = run(*command, "/dev/zero", timeout=30)
    assert done.returncode == exitcodes.INPUT_ERROR
    assert "/dev/zero: is a character device, not a regular file" in done.stderr


def test_a_socket_is_never_read(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(NotARegularFile, match="is a socket"):
            read_document(path)
    finally:
        server.close()


def test_a_directory_is_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a directory"):
        read_document(tmp_path)


@pytest.mark.parametrize("command", ["detect", "explain"])
def test_detect_and_explain_honour_max_size_on_an_endless_stdin(command: str) -> None:
    with open("/dev/zero", "rb") as endless:
        done = run(command, "-", "--max-size", "4096", stdin=endless, timeout=30)
    assert done.returncode == exitcodes.INPUT_ERROR
    assert "over the size limit of 4,096 bytes" in done.stderr


@pytest.mark.parametrize("command", ["detect", "explain"])
def test_detect_and_explain_honour_max_size_on_a_file(command: str) -> None:
    done = run(command, str(SEED), "--max-size", "100")
    assert done.returncode == exitcodes.INPUT_ERROR
    assert "5,468 bytes is over the size limit of 100 bytes" in done.stderr


@pytest.mark.parametrize("command", ["detect", "explain"])
def test_detect_and_explain_take_max_size_from_the_config(tmp_path: Path, command: str) -> None:
    (tmp_path / "cleanwire.toml").write_text("max_size = 100\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cleanwire", command, str(SEED)], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == exitcodes.INPUT_ERROR
    assert "over the size limit of 100 bytes" in done.stderr
