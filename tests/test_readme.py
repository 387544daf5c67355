"""The README's rule-file example is a working rule file whose embedded tests pass."""

from __future__ import annotations

import re
from pathlib import Path

from cleanwire.rules.loader import load_rule_file
from cleanwire.rules.ruleset import RuleSet
from cleanwire.pipeline.selftest import run_all

from .conftest import ROOT


def test_readme_rule_example_loads_and_its_tests_pass(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = [block for block in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "outlet:" in block]
    path = tmp_path / "example-news.yaml"
    path.write_text(example, encoding="utf-8")
    rule_file = load_rule_file(path)
    assert rule_file.outlet is not None and rule_file.outlet.id == "example-news"
    rules = RuleSet.from_files([*RuleSet.load().files, rule_file])
    results = [r for r in run_all(rules) if r.rule_file is rule_file]
    assert len(results) == 3
    assert all(r.passed for r in results), [r.name for r in results if not r.passed]


def test_readme_documents_every_exit_code() -> None:
    from cleanwire import exitcodes

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codes = [value for name, value in vars(exitcodes).items() if name.isupper() and isinstance(value, int)]
    assert len(codes) >= 6
    for code in codes:
        assert f"| {code} |" in readme
