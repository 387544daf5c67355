"""Configuration cannot be turned against the user: discovery stops at the project
root, and a file another user could have written is ignored, with a warning."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleanwire.settings.options import DEFAULTS
from cleanwire.settings.resolve import resolve

from .conftest import GOLD, SEEDS

SEED = "000_f0b6f554ee90a507.txt"
# A configuration that would make --in-place remove everything it can.
HOSTILE = 'max_removal = 1.0\nrules = ["evil"]\n'
EVIL_RULES = """\
format: 1
rules:
  - id: generic.everything
    category: promo
    line: '.'
    tests:
      - text: "x\\n"
        expect: ""
"""


def plant(folder: Path, text: str = HOSTILE) -> Path:
    (folder / "evil").mkdir(parents=True, exist_ok=True)
    (folder / "evil" / "generic.yaml").write_text(EVIL_RULES, encoding="utf-8")
    config = folder / "cleanwire.toml"
    config.write_text(text, encoding="utf-8")
    return config


def run_in_place(project: Path) -> subprocess.CompletedProcess[str]:
    corpus = project / "corpus"
    corpus.mkdir(exist_ok=True)
    shutil.copyfile(SEEDS / SEED, corpus / SEED)
    return subprocess.run(
        [sys.executable, "-m", "cleanwire", "strip", "--in-place", "--no-cache", "corpus"],
        cwd=project, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("marker", [".git", ".hg", "pyproject.toml"])
def test_config_above_the_project_root_is_never_used(tmp_path: Path, marker: str) -> None:
    plant(tmp_path)
    project = tmp_path / "project"
    project.mkdir()
    (project / marker).mkdir() if marker != "pyproject.toml" else (project / marker).write_text("[project]\n")
    assert resolve({}, project) == DEFAULTS
    done = run_in_place(project)
    assert done.returncode == 0, done.stderr
    assert (project / "corpus" / SEED).read_bytes() == (GOLD / SEED).read_bytes()


def test_config_inside_the_project_root_is_used(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "cleanwire.toml").write_text('keep = ["tags"]\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert resolve({}, deep).keep == ("tags",)


def test_world_writable_config_is_ignored_with_a_warning(tmp_path: Path) -> None:
    config = plant(tmp_path)
    config.chmod(0o666)
    warnings: list[str] = []
    assert resolve({}, tmp_path, warn=warnings.append) == DEFAULTS
    assert warnings == [f"ignoring {config}: anyone may write it"]
    done = run_in_place(tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"cleanwire: warning: ignoring {config}: anyone may write it" in done.stderr
    assert (tmp_path / "corpus" / SEED).read_bytes() == (GOLD / SEED).read_bytes()


def test_world_writable_pyproject_is_ignored_too(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.cleanwire]\nkeep = ["tags"]\n', encoding="utf-8")
    pyproject.chmod(0o646)
    warnings: list[str] = []
    assert resolve({}, tmp_path, warn=warnings.append).keep == ()
    assert len(warnings) == 1 and "anyone may write it" in warnings[0]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_config_owned_by_another_user_is_ignored(tmp_path: Path) -> None:
    config = plant(tmp_path)
    os.chown(config, 65534, 65534)
    warnings: list[str] = []
    assert resolve({}, tmp_path, warn=warnings.append) == DEFAULTS
    assert warnings == [f"ignoring {config}: it belongs to another user (uid 65534)"]
    done = run_in_place(tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "corpus" / SEED).read_bytes() == (GOLD / SEED).read_bytes()


def test_own_config_in_a_folder_without_a_project_root_is_still_found(tmp_path: Path) -> None:
    (tmp_path / "cleanwire.toml").write_text('keep = ["copyright"]\n', encoding="utf-8")
    (tmp_path / "x").mkdir()
    assert resolve({}, tmp_path / "x").keep == ("copyright",)


def test_the_planted_config_would_change_the_run_if_it_were_trusted(tmp_path: Path) -> None:
    """The control for the tests above: the same file, safe, does take effect."""
    plant(tmp_path)
    done = run_in_place(tmp_path)
    cleaned = (tmp_path / "corpus" / SEED).read_bytes()
    assert done.returncode != 0 or cleaned != (GOLD / SEED).read_bytes(), done.stderr
