"""Everyday use: the details users of black, ruff and pre-commit expect, each as
the command they type and what they see."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SEEDS

NEWSMAX = SEEDS / "000_f0b6f554ee90a507.txt"


def run(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleanwire", *args],
        input=stdin.decode("utf-8"), capture_output=True, text=True, cwd=cwd, timeout=120,
    )


# -V prints the version, as black -V and ruff -V do


def test_short_version_flag_prints_the_version() -> None:
    from cleanwire import __version__

    done = run("-V")
    assert (done.returncode, done.stdout) == (0, f"cleanwire {__version__}\n")


# Shell completion comes from Typer: the flags are there and print a script


def test_shell_completion_is_offered_and_prints_a_script() -> None:
    assert "--install-completion" in run("--help").stdout
    done = run("--show-completion", "bash")
    assert done.returncode == 0, done.stderr
    assert "COMPLETE=complete_bash" in done.stdout
    assert "complete -o default -F" in done.stdout


def seed_tree(root: Path, count: int = 3) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt"))[:count]:
        (root / seed.name).write_bytes(seed.read_bytes())
    return root


# The messages say what happened to which file, in words that read right


def test_output_dir_names_the_file_written_not_the_input(tmp_path: Path) -> None:
    corpus = seed_tree(tmp_path / "corpus")
    done = run("strip", str(corpus), "-o", str(tmp_path / "clean"))
    assert done.returncode == 0, done.stderr
    for seed in sorted(corpus.iterdir()):
        assert f"wrote {tmp_path / 'clean' / seed.name}\n" in done.stderr
        assert f"wrote {seed}\n" not in done.stderr


def test_counts_read_as_a_sentence_under_every_mode(tmp_path: Path) -> None:
    corpus = seed_tree(tmp_path / "corpus")
    written = run("strip", str(corpus), "-o", str(tmp_path / "clean"))
    assert "3 files: 3 cleaned, 0 unchanged\n" in written.stderr
    diffed = run("strip", "--diff", str(corpus))
    assert "wrote" not in diffed.stderr and "3 files: 3 would be cleaned, 0 unchanged\n" in diffed.stderr
    assert "\nwould remove:" in diffed.stderr and "\nremoved:" not in diffed.stderr


def test_a_refusal_shows_enough_digits_to_be_above_its_limit() -> None:
    import re

    done = run("strip", "--max-removal", "0.19", str(NEWSMAX))
    assert done.returncode == 3
    said = re.search(r"would remove (\d+(?:\.\d+)?)% of the text \(limit 19%\)", done.stderr)
    assert said is not None, done.stderr
    assert float(said.group(1)) > 19


# The removal counts: one line per category when piped, a small table on a terminal


def test_piped_summary_has_one_removal_line_per_category(tmp_path: Path) -> None:
    done = run("strip", "--check", str(seed_tree(tmp_path / "corpus")))
    removal_lines = [line for line in done.stderr.splitlines() if line.startswith("would remove: ")]
    assert len(removal_lines) > 3
    assert all(re_category_line(line) for line in removal_lines), removal_lines


def re_category_line(line: str) -> bool:
    import re

    return re.fullmatch(r"would remove: [a-z-]+ \d+ lines? / \d+(\.\d)? (B|kB|MB)", line) is not None


def terminal_lines(args: list[str], cwd: Path | None = None) -> list[str]:
    """What a person sees on a terminal for stderr: each line as it ends up after
    carriage returns and erasures (colours dropped)."""
    import os
    import pty
    import re

    main, side = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env.update(COLUMNS="100", TERM="xterm")
    process = subprocess.Popen(
        [sys.executable, "-m", "cleanwire", *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=side, cwd=cwd, env=env,
    )
    os.close(side)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(main)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8"))
    return [line.rstrip("\r").split("\r")[-1] for line in text.split("\n")]


def test_terminal_summary_lays_removals_out_as_a_table(tmp_path: Path) -> None:
    lines = terminal_lines(["strip", "--check", str(seed_tree(tmp_path / "corpus"))])
    header = next(i for i, line in enumerate(lines) if line.startswith("would remove"))
    assert lines[header].split() == ["would", "remove", "lines", "size"]
    rows = [line for line in lines[header + 1:] if line.strip() and not line.startswith("to clean")]
    assert len(rows) > 3
    size_column = {len(row) for row in rows}
    assert len(size_column) == 1, rows  # right-aligned: every row ends in the same column


# -v under the progress bar: every per-file line on a line of its own


def test_verbose_lines_never_glue_onto_the_progress_bar(tmp_path: Path) -> None:
    corpus = seed_tree(tmp_path / "corpus", 5)
    lines = terminal_lines(["strip", "-v", "--no-cache", str(corpus), "-o", str(tmp_path / "clean")])
    assert any(line.startswith("cleaning ") for line in lines), lines  # the bar was shown
    said = [line for line in lines if "wrote " in line]
    assert len(said) == 5 and all(line.startswith("wrote ") for line in said), said


# --check says how to make the changes it found


def test_check_names_the_command_that_fixes_what_it_found(tmp_path: Path) -> None:
    corpus = seed_tree(tmp_path / "corpus")
    done = run("strip", "--check", "--outlet", "none", str(corpus))
    assert done.returncode == 1
    hint = done.stderr.splitlines()[-1]
    assert hint.startswith("to clean them: cleanwire strip --in-place --outlet none "), hint
    assert sorted(hint.split()[-3:]) == sorted(str(p) for p in corpus.iterdir())


# --report - (and /dev/stdout, /dev/stderr) writes the report to the stream


def test_report_dash_writes_the_report_to_stdout_and_no_file_named_dash(tmp_path: Path) -> None:
    import json

    corpus = seed_tree(tmp_path / "corpus")
    done = run("strip", "--check", "-q", str(corpus), "--report", "-", cwd=tmp_path)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert [doc["status"] for doc in report["documents"]] == ["changed"] * 3
    assert not (tmp_path / "-").exists()


def test_report_to_dev_stdout_takes_report_format(tmp_path: Path) -> None:
    import json

    corpus = seed_tree(tmp_path / "corpus")
    done = run("strip", "--check", "-q", str(corpus), "--report", "/dev/stdout", "--report-format", "jsonl")
    records = [json.loads(line)["record"] for line in done.stdout.splitlines()]
    assert records == ["header", "document", "document", "document", "summary"]


def test_report_to_dev_stderr_leaves_stdout_to_the_clean_text() -> None:
    import json

    done = run("strip", "--report", "/dev/stderr", stdin=NEWSMAX.read_bytes())
    assert done.returncode == 0
    assert done.stdout == (SEEDS.parent / "tests" / "fixtures" / "gold" / NEWSMAX.name).read_text(encoding="utf-8")
    assert json.loads(done.stderr)["documents"][0]["source"] == "<stdin>"


def test_report_to_stdout_beside_the_clean_text_is_a_usage_error(tmp_path: Path) -> None:
    done = run("strip", str(NEWSMAX), "--report", "-", cwd=tmp_path)
    assert done.returncode == 2
    assert "--report -: stdout already carries the clean text" in done.stderr
    assert done.stdout == "" and not (tmp_path / "-").exists()


# strip takes --url and --stdin-filename, as explain and detect take --url

PAGE = "An article about the harbour, long enough to be an article.\n\nIt goes on for a second paragraph.\n"


def test_stdin_text_gets_its_outlet_from_url() -> None:
    import json

    plain = run("strip", "--report", "/dev/stderr", stdin=PAGE.encode())
    by_url = run("strip", "--url", "https://www.newsmax.com/world/a/1", "--report", "/dev/stderr", stdin=PAGE.encode())
    assert json.loads(plain.stderr)["documents"][0]["outlet"]["id"] is None
    outlet = json.loads(by_url.stderr)["documents"][0]["outlet"]
    assert (outlet["id"], outlet["method"]) == ("newsmax", "domain")


def test_stdin_filename_names_stdin_in_messages_and_the_report() -> None:
    import json

    refused = run("strip", "--stdin-filename", "harbour/page.txt", "--max-removal", "0.01", "--check", "-v",
                  stdin=NEWSMAX.read_bytes())
    assert "refused harbour/page.txt: " in refused.stderr
    reported = run("strip", "--stdin-filename", "harbour/page.txt", "--report", "/dev/stderr", stdin=PAGE.encode())
    assert json.loads(reported.stderr)["documents"][0]["source"] == "harbour/page.txt"


def test_url_for_several_files_is_a_usage_error(tmp_path: Path) -> None:
    done = run("strip", "--check", "--url", "https://www.newsmax.com/a", str(seed_tree(tmp_path / "corpus")))
    assert done.returncode == 2 and "--url is one page's address" in done.stderr


def test_one_file_checked_takes_its_outlet_from_url(tmp_path: Path) -> None:
    import json

    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    report = tmp_path / "report.json"
    run("strip", "--check", "--url", "https://www.newsmax.com/world/a/1", str(page), "--report", str(report))
    assert json.loads(report.read_text(encoding="utf-8"))["documents"][0]["outlet"]["id"] == "newsmax"


# rules test runs the cases of what it is given, and labels a failure's diff


HARBOUR = """format: 1
outlet:
  id: harbour
  name: Harbour Times
  domains: [harbour.example]
rules:
  - id: harbour.subscribe
    category: newsletter
    line: '^Subscribe to the Harbour Times'
    tests:
      - text: "Story.\\nSubscribe to the Harbour Times today\\n"
        expect: "Story.\\nSubscribe to the Harbour Times today\\n"
"""


def test_rules_test_runs_only_the_named_outlet_and_rule() -> None:
    everything = run("rules", "test", "-v")
    picked = run("rules", "test", "-v", "newsmax", "generic.copyright-line")
    assert picked.returncode == 0, picked.stdout
    ran = [line.split()[1] for line in picked.stdout.splitlines() if line.startswith("ok ")]
    assert all(r == "newsmax" or r.startswith("newsmax.") or r == "generic.copyright-line" for r in ran), ran
    assert "generic.copyright-line" in ran and any(r.startswith("newsmax.") for r in ran)
    assert len(ran) < len([line for line in everything.stdout.splitlines() if line.startswith("ok ")])


def test_rules_test_takes_a_rule_file_and_labels_its_failure_expected_and_got(tmp_path: Path) -> None:
    rule_file = tmp_path / "harbour.yaml"
    rule_file.write_text(HARBOUR, encoding="utf-8")
    done = run("rules", "test", str(rule_file))
    assert done.returncode == 1
    assert done.stdout.startswith(f"FAIL harbour.subscribe @ {rule_file}:")
    assert "--- expected\n+++ got\n" in done.stdout
    assert "-Subscribe to the Harbour Times today\n" in done.stdout
    assert done.stdout.endswith("rules test: 0 passed, 1 failed\n")


def test_rules_test_of_an_unknown_name_says_so() -> None:
    done = run("rules", "test", "no-such-outlet")
    assert done.returncode == 2
    assert "no rule file, outlet or rule named 'no-such-outlet'" in done.stderr


# Directories respect .gitignore; exclude and include have gitignore semantics


def git_corpus(root: Path) -> Path:
    """A corpus repository: articles, and files git ignores or the project excludes."""
    seeds = sorted(SEEDS.glob("*.txt"))
    root.mkdir()
    (root / ".git").mkdir()  # the repository's root, for .gitignore and the configuration
    for relative, seed in {
        "news/a.txt": seeds[0], "news/b.txt": seeds[1], "scratch/c.txt": seeds[2],
        "news/tmp-d.txt": seeds[3], "news/keep-tmp.txt": seeds[4], "drafts/e.txt": seeds[0],
    }.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(seed.read_bytes())
    (root / ".gitignore").write_text("scratch/\n", encoding="utf-8")
    (root / "news" / ".gitignore").write_text("tmp-*.txt\n!keep-tmp.txt\n", encoding="utf-8")
    return root


def would_clean(stderr: str) -> list[str]:
    return sorted(line.split(" ", 2)[2] for line in stderr.splitlines() if line.startswith("would clean "))


def test_a_directory_leaves_out_what_git_ignores(tmp_path: Path) -> None:
    corpus = git_corpus(tmp_path / "corpus")
    done = run("strip", "--check", ".", cwd=corpus)
    assert would_clean(done.stderr) == ["drafts/e.txt", "news/a.txt", "news/b.txt", "news/keep-tmp.txt"]


def test_exclude_takes_a_folder_pattern_as_gitignore_does(tmp_path: Path) -> None:
    corpus = git_corpus(tmp_path / "corpus")
    done = run("strip", "--check", ".", "--exclude", "drafts/", "--exclude", "b.txt", cwd=corpus)
    assert would_clean(done.stderr) == ["news/a.txt", "news/keep-tmp.txt"]


# --force-exclude: files named on the command line (as pre-commit names them) obey exclude and .gitignore


def test_force_exclude_leaves_out_named_files_the_configuration_excludes(tmp_path: Path) -> None:
    corpus = git_corpus(tmp_path / "corpus")
    (corpus / "cleanwire.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    named = ["drafts/e.txt", "news/a.txt", "scratch/c.txt"]
    plain = run("strip", "--check", *named, cwd=corpus)
    assert would_clean(plain.stderr) == named
    forced = run("strip", "--check", "--force-exclude", "-v", *named, cwd=corpus)
    assert would_clean(forced.stderr) == ["news/a.txt"]
    assert "skipped drafts/e.txt: excluded (--force-exclude)" in forced.stderr
    assert "skipped scratch/c.txt: ignored by .gitignore (--force-exclude)" in forced.stderr


def test_force_exclude_can_be_set_in_the_configuration(tmp_path: Path) -> None:
    corpus = git_corpus(tmp_path / "corpus")
    (corpus / "cleanwire.toml").write_text('exclude = ["drafts/"]\nforce_exclude = true\n', encoding="utf-8")
    done = run("strip", "--check", "drafts/e.txt", "news/a.txt", cwd=corpus)
    assert would_clean(done.stderr) == ["news/a.txt"]


def test_stdin_named_as_an_excluded_file_comes_back_unchanged_under_force_exclude(tmp_path: Path) -> None:
    corpus = git_corpus(tmp_path / "corpus")
    (corpus / "cleanwire.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    text = NEWSMAX.read_bytes()
    excluded = run("strip", "--force-exclude", "--stdin-filename", "drafts/e.txt", "-", stdin=text, cwd=corpus)
    assert (excluded.returncode, excluded.stdout) == (0, text.decode("utf-8"))
    cleaned = run("strip", "--force-exclude", "--stdin-filename", "news/e.txt", "-", stdin=text, cwd=corpus)
    assert cleaned.returncode == 0 and cleaned.stdout != text.decode("utf-8")


# A reviewed refusal can be accepted; the acceptance goes stale when the file changes


def test_an_accepted_refusal_passes_until_the_file_changes(tmp_path: Path) -> None:
    corpus = git_corpus(tmp_path / "corpus")
    config = corpus / "cleanwire.toml"
    config.write_text("# the corpus's settings\nmax_removal = 0.15\n", encoding="utf-8")
    refused = run("strip", "--check", "news/a.txt", cwd=corpus)
    assert refused.returncode == 3 and "refused news/a.txt" in refused.stderr

    accepted = run("accept", "news/a.txt", cwd=corpus)
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.startswith(f"accepted news/a.txt in {config} (sha256:")
    assert config.read_text(encoding="utf-8").startswith("# the corpus's settings\nmax_removal = 0.15\n\n[accepted]\n")

    passing = run("strip", "--check", "-v", "news/a.txt", cwd=corpus)
    assert passing.returncode == 0, passing.stderr
    assert "skipped news/a.txt: refused, and the refusal is accepted in the configuration" in passing.stderr

    with (corpus / "news" / "a.txt").open("a", encoding="utf-8") as article:
        article.write("\nA new paragraph nobody has reviewed.\n")
    stale = run("strip", "--check", "news/a.txt", cwd=corpus)
    assert stale.returncode == 3
    assert "its acceptance in the configuration is stale: the file changed since it was accepted" in stale.stderr


def test_accepting_again_replaces_the_entry_in_pyproject(tmp_path: Path) -> None:
    import tomllib

    corpus = git_corpus(tmp_path / "corpus")
    (corpus / "pyproject.toml").write_text("[tool.cleanwire]\nmax_removal = 0.15\n", encoding="utf-8")
    assert run("accept", "news/a.txt", cwd=corpus).returncode == 0
    (corpus / "news" / "a.txt").write_text((corpus / "news" / "a.txt").read_text(encoding="utf-8") + "More.\n")
    assert run("accept", "news/a.txt", cwd=corpus).returncode == 0
    table = tomllib.loads((corpus / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["cleanwire"]["accepted"]
    assert list(table) == ["news/a.txt"]
    assert run("strip", "--check", "news/a.txt", cwd=corpus).returncode == 0


def test_accept_turns_down_a_file_no_guard_refuses(tmp_path: Path) -> None:
    corpus = git_corpus(tmp_path / "corpus")
    done = run("accept", "news/a.txt", cwd=corpus)
    assert done.returncode == 2
    assert "news/a.txt: no guard refuses it; nothing to accept" in done.stderr
    assert not (corpus / "cleanwire.toml").exists()


# make demo installs the package alone; make test installs the test tools and builds the API page


def make_dry_run(target: str, *variables: str) -> list[str]:
    root = SEEDS.parent
    done = subprocess.run(
        ["make", "-n", "-f", str(root / "Makefile"), target, "VENV=/nonexistent/venv", *variables],
        cwd=root, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_make_demo_installs_only_the_package() -> None:
    installs = [line for line in make_dry_run("demo") if "pip install" in line]
    assert installs and all(line.rstrip().endswith(" -e .") for line in installs), installs


def test_make_test_installs_the_test_tools_and_builds_the_api_page() -> None:
    commands = make_dry_run("test")
    assert any("pip install" in line and ".[test]" in line for line in commands)
    assert any("pdoc" in line for line in commands)
    assert commands.index(next(line for line in commands if "pdoc" in line)) < commands.index(
        next(line for line in commands if "pytest" in line)
    )


def test_make_docs_renders_the_api_page_with_its_examples(tmp_path: Path) -> None:
    import os

    [build] = [line for line in make_dry_run("docs", f"DOCS={tmp_path}", f"BIN={Path(sys.executable).parent}") if "pdoc" in line]
    done = subprocess.run(["bash", "-c", build], capture_output=True, text=True, timeout=300, env=os.environ)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "cleanwire.html").read_text(encoding="utf-8")
    for name in ("Cleaner", "CleanResult", "clean", "Settings"):
        assert f'id="{name}"' in page, name
    assert "A pandas column" in page and "datasets.map" in page
    assert "does not resolve" not in done.stderr


# The Python API: the README's examples work, the list-of-strings one as a doctest


def test_the_api_page_examples_run_as_doctests() -> None:
    import doctest

    import cleanwire
    import cleanwire.pipeline.cleaner

    examples = [example.source for test in doctest.DocTestFinder().find(cleanwire) for example in test.examples]
    assert any("for page in pages" in source for source in examples)  # the list of strings
    for module in (cleanwire, cleanwire.pipeline.cleaner):
        failed, attempted = doctest.testmod(module)
        assert (failed, attempted > 0) == (0, True), module.__name__


def test_clean_cleans_a_list_of_strings_without_a_cleaner() -> None:
    from cleanwire import clean

    pages = ["Headline\n\nBody text.\n\nAll rights reserved.\n"] * 3
    assert [clean(page, outlet="none").text for page in pages] == ["Headline\n\nBody text.\n"] * 3
    assert clean(pages[0], outlet="none", keep=["copyright"]).text == pages[0]
