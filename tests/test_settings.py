"""One settings value: every command sees the same options, from the same places."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleanwire import Cleaner
from cleanwire.settings.configfile import ConfigError, parse_config
from cleanwire.settings.options import CONFIG_OPTIONS, DEFAULTS, OPTIONS, Settings, help_for
from cleanwire.settings.resolve import resolve

from .conftest import SEEDS

PROJECT_OUTLET = """\
format: 1
outlet:
  id: gazette
  name: The Gazette
  domains: [gazette.example]
  signatures: ['^The Gazette, all the news$']
rules:
  - id: gazette.slogan
    category: promo
    line: '^The Gazette, all the news$'
    tests:
      - text: "Headline\\n\\nThe Gazette, all the news\\n"
        expect: "Headline\\n\\nThe Gazette, all the news\\n"
  - id: gazette.footer
    category: copyright
    line: '^Gazette footer$'
"""
GAZETTE_PAGE = "Headline\n\nThe body of the article, long enough to be a paragraph of text.\n\nThe Gazette, all the news\n"


def run(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "cleanwire", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120
    )
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A corpus project whose configuration adds its own outlet's rule file."""
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "gazette.yaml").write_text(PROJECT_OUTLET, encoding="utf-8")
    (tmp_path / "cleanwire.toml").write_text('rules = ["my-rules"]\n', encoding="utf-8")
    (tmp_path / "page.txt").write_text(GAZETTE_PAGE, encoding="utf-8")
    return tmp_path


def test_project_rules_from_config_are_seen_by_strip(project: Path) -> None:
    done = run("strip", "page.txt", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "The Gazette, all the news" not in done.stdout


def test_project_rules_from_config_are_seen_by_detect(project: Path) -> None:
    done = run("detect", "page.txt", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "page.txt: gazette (The Gazette) by signature" in done.stdout


def test_project_rules_from_config_are_seen_by_explain(project: Path) -> None:
    done = run("explain", "page.txt", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "gazette.slogan" in done.stdout


def test_project_rules_from_config_are_seen_by_rules_list_and_show(project: Path) -> None:
    listed = run("rules", "list", "--outlet", "gazette", cwd=project)
    assert listed.returncode == 0, listed.stderr
    assert "gazette.slogan" in listed.stdout
    shown = run("rules", "show", "gazette.slogan", cwd=project)
    assert shown.returncode == 0, shown.stderr
    assert "^The Gazette, all the news$" in shown.stdout


def test_project_rules_from_config_are_run_by_rules_test(project: Path) -> None:
    # The project's one case expects the slogan to stay, which the rule removes.
    done = run("rules", "test", cwd=project)
    assert done.returncode == 1, done.stdout
    assert "FAIL gazette.slogan" in done.stdout


def test_project_rules_from_config_are_checked_by_rules_lint(project: Path) -> None:
    done = run("rules", "lint", cwd=project)
    assert done.returncode == 1, done.stdout
    assert "rule gazette.footer: has no tests" in done.stdout


def test_flags_win_over_config_and_config_over_defaults(tmp_path: Path) -> None:
    (tmp_path / "cleanwire.toml").write_text('keep = ["tags"]\nmax_removal = 0.8\njobs = 3\n', encoding="utf-8")
    configured = resolve({}, tmp_path)
    assert (configured.keep, configured.max_removal, configured.workers) == (("tags",), 0.8, 3)
    assert configured.config_file == tmp_path / "cleanwire.toml"
    flagged = resolve({"keep": ["copyright"], "max_removal": 0.5, "jobs": None}, tmp_path)
    assert (flagged.keep, flagged.max_removal, flagged.jobs) == (("copyright",), 0.5, 3)


def test_rule_directories_add_up_config_first(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    (tmp_path / "cleanwire.toml").write_text('rules = ["a"]\n', encoding="utf-8")
    assert resolve({"rule_dirs": [tmp_path / "b"]}, tmp_path).rule_dirs == (tmp_path / "a", tmp_path / "b")


def test_allow_large_removal_turns_off_every_limit_the_config_set(tmp_path: Path) -> None:
    (tmp_path / "cleanwire.toml").write_text(
        "max_removal = 0.7\n[max_removal_per_outlet]\nnewsmax = 0.9\n", encoding="utf-8"
    )
    assert resolve({}, tmp_path).removal_limits == {"newsmax": 0.9}
    relaxed = resolve({}, tmp_path, allow_large_removal=True)
    assert (relaxed.max_removal, relaxed.removal_limits) == (None, {})


def test_no_config_means_the_defaults(tmp_path: Path) -> None:
    # A folder with a pyproject.toml that has no [tool.cleanwire] stops nothing, sets nothing.
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert resolve({}, tmp_path) == DEFAULTS


def test_an_empty_include_list_in_config_means_the_default(tmp_path: Path) -> None:
    (tmp_path / "cleanwire.toml").write_text("include = []\n", encoding="utf-8")
    assert resolve({}, tmp_path).include == DEFAULTS.include


def test_settings_are_immutable_and_normalised() -> None:
    settings = Settings(keep=["tags", "copyright", "tags"], include=["*.md"])  # type: ignore[arg-type]
    assert settings.keep == ("copyright", "tags")
    assert settings.include == ("*.md",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.quiet = True  # type: ignore[misc]
    assert hash(settings) == hash(Settings(keep=("copyright", "tags"), include=("*.md",)))


def test_every_option_has_help_and_every_config_key_names_an_option() -> None:
    assert all(spec.help.strip() for spec in OPTIONS)
    assert set(CONFIG_OPTIONS) == {
        "rules", "include", "exclude", "keep", "enable", "disable", "outlet", "normalize", "fix_mojibake",
        "max_removal", "max_removal_per_outlet", "jobs", "max_size", "output_encoding", "force_exclude", "accepted",
    }


def test_command_line_help_is_the_option_table_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cleanwire", "strip", "--help"],
        capture_output=True, text=True, timeout=60, env={"COLUMNS": "400", "PATH": "", "PYTHONPATH": os.environ.get("PYTHONPATH", "")},
    )
    text = " ".join(done.stdout.split())
    for name in ("include", "exclude", "max_removal", "max_size", "report", "jobs", "rule_dirs", "outlet", "normalize", "enable", "disable",
                 "output_encoding"):
        assert " ".join(help_for(name).split()) in text, name


def test_the_removal_limit_has_one_default() -> None:
    cleaner = Cleaner(outlet="none")
    assert cleaner.settings.max_removal == DEFAULTS.max_removal == 0.6
    # All junk but one short line: over the default limit, so refused and left as it was.
    page = "Title\n\n" + "Share this\nFollow us\nSign up for our newsletter\n" * 10 + "Copyright 2024 Example\n"
    assert cleaner.clean(page).refused
    assert Cleaner(outlet="none", max_removal=None).clean(page).refused is None


def test_keyword_arguments_are_changes_to_the_settings_value() -> None:
    base = Settings(outlet="none", fix_mojibake=True)
    cleaner = Cleaner(settings=base, keep=("copyright",))
    assert cleaner.settings == dataclasses.replace(base, keep=("copyright",))
    with pytest.raises(TypeError):
        Cleaner(no_such_option=True)


def test_cache_key_changes_with_what_changes_output_only() -> None:
    assert Settings(keep=("tags",)).cache_key() != DEFAULTS.cache_key()
    assert Settings(encoding="cp1252").cache_key() != DEFAULTS.cache_key()
    assert Settings(normalize="full").cache_key() != DEFAULTS.cache_key()
    assert Settings(quiet=True, jobs=7, include=("*.md",)).cache_key() == DEFAULTS.cache_key()


def test_report_header_names_the_options_in_force() -> None:
    settings = Settings(outlet="newsmax", keep=("tags",), max_removal=None)
    assert settings.output_options() == {
        "outlet": "newsmax",
        "keep": ["tags"],
        "enable": [],
        "disable": [],
        "normalize": "safe",
        "fix_mojibake": False,
        "max_removal": None,
        "max_removal_per_outlet": {},
    }


def test_encoding_flag_is_honoured_in_batches(tmp_path: Path) -> None:
    # Latin-1 bytes that also decode as another code page: --encoding decides.
    source = tmp_path / "in" / "page.txt"
    source.parent.mkdir()
    source.write_bytes("Headline\n\nA caf\u00e9 in Z\u00fcrich opened its doors.\n".encode("latin-1"))
    done = run("strip", "in", "-o", "out", "--encoding", "cp1251", "--output-encoding", "utf-8", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\u0439" in (tmp_path / "out" / "page.txt").read_text(encoding="utf-8"), "decoded as cp1251"


def test_config_type_errors_name_file_and_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"key 'max_removal_per_outlet.newsmax': must be a share"):
        parse_config({"max_removal_per_outlet": {"newsmax": 3}}, tmp_path / "cleanwire.toml")
    with pytest.raises(ConfigError, match=r"key 'jobs': must be a positive integer"):
        parse_config({"jobs": 0}, tmp_path / "cleanwire.toml")


def test_seed_cleaned_with_settings_value_equals_keyword_form() -> None:
    data = (SEEDS / "000_f0b6f554ee90a507.txt").read_bytes()
    by_value = Cleaner(settings=Settings(outlet="none", keep=("tags",))).clean_bytes(data)
    by_keywords = Cleaner(outlet="none", keep=["tags"]).clean_bytes(data)
    assert by_value.text == by_keywords.text and by_value.decisions == by_keywords.decisions


def test_normalization_mode_from_the_config_file_and_the_flag(tmp_path: Path) -> None:
    (tmp_path / "cleanwire.toml").write_text('normalize = "full"\n', encoding="utf-8")
    (tmp_path / "code.txt").write_text("Run this:\n    make  test\n", encoding="utf-8")
    configured = run("strip", "code.txt", cwd=tmp_path)
    assert configured.stdout == "Run this:\nmake test\n", configured.stderr
    flagged = run("strip", "--normalize", "safe", "code.txt", cwd=tmp_path)
    assert flagged.stdout == "Run this:\n    make  test\n", flagged.stderr


def test_an_unknown_normalization_mode_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"key 'normalize': must be one of 'safe', 'full', 'none', not 'some'"):
        parse_config({"normalize": "some"}, tmp_path / "cleanwire.toml")
