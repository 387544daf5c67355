"""--disable and --enable: turning rules off by id or glob, from flags or the config."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleanwire import Cleaner
from cleanwire.rules.selection import UnknownRuleError
from cleanwire.settings.options import DEFAULTS, Settings

BODY = (
    "The council met on Monday to discuss the new budget for all schools.\n"
    "Teachers asked for smaller classes, and parents for longer opening hours in the libraries.\n"
    "The mayor said the city would decide in the spring, once the tax figures were in.\n"
)
ARTICLE = (
    BODY
    + "\n"
    + "\u00a9 2024 Example Media. All rights reserved.\n"
    + "Copyright 2021 Example Media Group\n"
    + "Your browser is out of date. Please update it to view this site.\n"
)


def fired(cleaner: Cleaner, text: str = ARTICLE) -> list[str]:
    return [d.rule_id for d in cleaner.clean(text).decisions]


def test_every_rule_runs_by_default() -> None:
    assert Cleaner(outlet="none").clean(ARTICLE).text == BODY


def test_disabling_a_rule_keeps_the_line_it_removed() -> None:
    result = Cleaner(outlet="none", disable=("generic.browser-notice",)).clean(ARTICLE)
    assert "Your browser is out of date. Please update it to view this site.\n" in result.text
    assert "generic.browser-notice" not in [d.rule_id for d in result.decisions]
    assert "Copyright 2021" not in result.text


def test_a_glob_disables_a_family() -> None:
    everything = fired(Cleaner(outlet="none"))
    assert {"generic.copyright-line", "generic.browser-notice"} <= set(everything)
    left = fired(Cleaner(outlet="none", disable=("generic.copyright-*",)))
    assert not [rule for rule in left if rule.startswith("generic.copyright-")]
    assert "generic.browser-notice" in left


def test_enable_runs_only_the_rules_named_and_disable_wins() -> None:
    assert set(fired(Cleaner(outlet="none", enable=("generic.browser-*",)))) == {"generic.browser-notice"}
    assert fired(Cleaner(outlet="none", enable=("generic.browser-*",), disable=("generic.browser-notice",))) == []


@pytest.mark.parametrize("option", ["enable", "disable"])
def test_a_glob_that_matches_no_rule_is_an_error_naming_it(option: str) -> None:
    with pytest.raises(UnknownRuleError, match=rf"{option} 'generic\.no-such-\*' matches no rule id"):
        Cleaner(outlet="none", **{option: ("generic.copyright-line", "generic.no-such-*")})


def test_disabled_rules_change_the_cache_key() -> None:
    assert Settings(disable=("generic.copyright-line",)).cache_key() != DEFAULTS.cache_key()
    assert Settings(enable=("generic.*",)).cache_key() != DEFAULTS.cache_key()
    assert Settings(disable=("b", "a", "a")).cache_key() == Settings(disable=("a", "b")).cache_key()


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "cleanwire", *args], capture_output=True, cwd=cwd, timeout=120)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "corpus"\n', encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_disable_on_the_command_line(project: Path) -> None:
    done = run("strip", "--outlet", "none", "--disable", "generic.browser-notice", "article.txt", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout == BODY + "\nYour browser is out of date. Please update it to view this site.\n"


def test_disable_in_the_config_file(project: Path) -> None:
    with (project / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write('[tool.cleanwire]\noutlet = "none"\ndisable = ["generic.browser-*"]\n')
    done = run("strip", "article.txt", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout == BODY + "\nYour browser is out of date. Please update it to view this site.\n"


def test_an_unknown_rule_is_a_usage_error(project: Path) -> None:
    done = run("strip", "--disable", "generic.copyrite-line", "article.txt", cwd=project)
    assert (done.returncode, done.stdout) == (2, "")
    assert "disable 'generic.copyrite-line' matches no rule id" in done.stderr
    (project / "cleanwire.toml").write_text('enable = ["nosuch.*"]\n', encoding="utf-8")
    done = run("explain", "article.txt", cwd=project)
    assert done.returncode == 2 and "enable 'nosuch.*' matches no rule id" in done.stderr


def test_a_wrong_type_in_the_config_names_the_key(project: Path) -> None:
    (project / "cleanwire.toml").write_text('disable = "generic.byline"\n', encoding="utf-8")
    done = run("strip", "article.txt", cwd=project)
    assert done.returncode == 2 and "key 'disable': must be a list of rule ids or globs" in done.stderr


def test_a_file_clean_with_a_rule_disabled_is_checked_again_without(project: Path) -> None:
    (project / "article.txt").write_text(BODY + "\nYour browser is out of date. Please update it.\n", "utf-8")
    relaxed = run("strip", "--check", "--outlet", "none", "--disable", "generic.browser-notice", ".", cwd=project)
    assert relaxed.returncode == 0, relaxed.stderr
    strict = run("strip", "--check", "--outlet", "none", ".", cwd=project)
    assert strict.returncode == 1, "the clean result cached with the rule disabled was reused"
