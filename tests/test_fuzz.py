"""The coverage-guided fuzz target, run briefly (a long run is `python -m fuzz.clean_target -max_total_time=600`)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris has no build for this platform")
def test_fuzz_target_finds_nothing_in_a_short_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for selector, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        (corpus / seed.name).write_bytes(bytes([selector]) + seed.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "fuzz.clean_target", "-runs=3000", "-max_len=6000", str(corpus)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done 3000 runs" in done.stderr
    assert not list(tmp_path.glob("crash-*"))
