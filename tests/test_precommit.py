"""The pre-commit hooks, run by the real pre-commit tool against this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GOLD, ROOT, SEEDS, seed_names

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or not (ROOT / ".git").exists(), reason="needs pre-commit and a git checkout"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, hook: str, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--files", *files],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture()
def corpus_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "corpus"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "corpus@example.org")
    git(repo, "config", "user.name", "Corpus")
    shutil.copyfile(SEEDS / seed_names()[1], repo / "article.txt")
    (repo / "notes.md").write_text("not an article\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "dirty article")
    return repo


def test_fixing_hook_fails_and_fixes_then_passes(corpus_repo: Path, pre_commit_home: Path) -> None:
    first = try_repo(corpus_repo, "cleanwire", pre_commit_home, "article.txt", "notes.md")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "cleaned article.txt" in first.stdout
    assert (corpus_repo / "article.txt").read_bytes() == (GOLD / seed_names()[1]).read_bytes()
    second = try_repo(corpus_repo, "cleanwire", pre_commit_home, "article.txt", "notes.md")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_checking_hook_fails_and_changes_nothing(corpus_repo: Path, pre_commit_home: Path) -> None:
    before = (corpus_repo / "article.txt").read_bytes()
    result = try_repo(corpus_repo, "cleanwire-check", pre_commit_home, "article.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "would clean article.txt" in result.stdout
    assert (corpus_repo / "article.txt").read_bytes() == before


def test_checking_hook_says_one_line_per_file_one_summary_and_the_fix(
    corpus_repo: Path, pre_commit_home: Path
) -> None:
    names = ["a.txt", "b.txt", "c.txt"]
    for name, seed in zip(names, seed_names()[2:]):
        shutil.copyfile(SEEDS / seed, corpus_repo / name)
    result = try_repo(corpus_repo, "cleanwire-check", pre_commit_home, "article.txt", *names)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert sorted(line for line in lines if line.startswith("would clean ")) == [
        f"would clean {name}" for name in sorted(["article.txt", *names])
    ]
    assert [line for line in lines if " files: " in line] == ["4 files: 4 would be cleaned, 0 unchanged"]
    assert not any(line.startswith("would remove") for line in lines)
    assert "to clean them: cleanwire strip --in-place --force-exclude --short-summary " in result.stdout


def test_hooks_leave_out_files_the_project_excludes(corpus_repo: Path, pre_commit_home: Path) -> None:
    (corpus_repo / "drafts").mkdir()
    shutil.copyfile(SEEDS / seed_names()[0], corpus_repo / "drafts" / "draft.txt")
    (corpus_repo / "cleanwire.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    before = (corpus_repo / "drafts" / "draft.txt").read_bytes()
    result = try_repo(corpus_repo, "cleanwire", pre_commit_home, "drafts/draft.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (corpus_repo / "drafts" / "draft.txt").read_bytes() == before
