"""The package's layers: each subpackage imports only from the layers below it.

    files  <  rules  <  settings  <  pipeline  <  report  <  corpus  <  learn  <  cli

A module may import from its own layer and any layer below; an import that runs
upward (a rule importing the pipeline, a driver importing the command line) fails
here, naming the module, the line and the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cleanwire"
LAYERS = ("files", "rules", "settings", "pipeline", "report", "corpus", "learn", "cli")
# The package root: the version, the exit codes and stop signals are for everyone; __init__
# and __main__ sit on top and may import anything.
BASE = {"cleanwire", "cleanwire.exitcodes", "cleanwire.stopping"}
TOP = {"cleanwire.__main__"}
# The compiled core (native/src/lib.rs): it imports nothing of the package, so any layer may use it.
COMPILED = {"cleanwire._native"}
# The drivers of corpus work are peers: none may borrow from another.
DRIVERS = {"cleanwire.corpus.batch", "cleanwire.corpus.cluster", "cleanwire.corpus.jsonl", "cleanwire.corpus.single"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """The layer's rank, or None for the package root's modules."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return None
    return LAYERS.index(parts[1])


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of a cleanwire module, deferred ones included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "cleanwire":
                found += [(node.lineno, f"cleanwire.{alias.name}") for alias in node.names]
            elif node.module.startswith("cleanwire."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("cleanwire")]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_layer() -> None:
    outside = [module_name(p) for p in MODULES if layer_of(module_name(p)) is None]
    assert sorted(outside) == sorted(BASE | TOP)


def test_no_relative_imports() -> None:
    relative = [
        f"{module_name(p)}:{node.lineno}"
        for p in MODULES
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert relative == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_run_only_downward(path: Path) -> None:
    importer = module_name(path)
    if importer in TOP or importer == "cleanwire":
        return
    own = layer_of(importer)
    upward = []
    for line, imported in imports(path):
        if imported in BASE or imported in COMPILED or imported == "cleanwire.__version__":
            continue
        rank = layer_of(imported)
        if own is None or rank is None or rank > own:
            upward.append(f"{importer}:{line} imports {imported}")
        elif importer in DRIVERS and imported in DRIVERS:
            upward.append(f"{importer}:{line} imports its peer {imported}")
    assert upward == []


def test_the_layer_test_sees_an_upward_import(tmp_path: Path) -> None:
    upward = tmp_path / "upward.py"
    upward.write_text("from cleanwire.cli.app import main\nimport cleanwire.corpus.batch\n", encoding="utf-8")
    assert [imported for _, imported in imports(upward)] == ["cleanwire.cli.app", "cleanwire.corpus.batch"]
    assert layer_of("cleanwire.cli.app") > layer_of("cleanwire.rules.model")  # type: ignore[operator]
