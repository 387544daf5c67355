"""Rules mean what they say, and rule files and the rule cache cannot hurt.

The literal prefilter never keeps a rule from a line its regex matches, whatever
escape or construct the regex uses; a rule file that is a fifo, a device, deeply
nested YAML or a deeply nested regex is one clear error; two generic rule files
are an error naming both; slow signatures and protect patterns are errors naming
their file; the compiled cache holds data only, used only when this user wrote it.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex

import cleanwire
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.pipeline.detect import detect_outlet, may_match
from cleanwire.pipeline.engine import RuleTimeoutError
from cleanwire.rules.compiled import load_rules
from cleanwire.rules.lint import lint
from cleanwire.rules.literals import LiteralIndex
from cleanwire.rules.loader import RuleFileError, load_rule_file, load_rule_files, shipped_rules_dir
from cleanwire.rules.ruleset import RuleSet

SRC = Path(cleanwire.__file__).resolve().parents[1]  # the code under test, for the processes started
SLOW = "(a|aa)+$"
SLOW_TEXT = "a" * 60 + "!"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "cleanwire", *args],
        input=stdin, capture_output=True, text=True, env=environment, timeout=120,
    )  # fmt: skip


# --- The prefilter lets through every line the regex matches -----------------------

# (pattern, a text it may match): atoms using every escape and construct the
# regex module offers, combined by sequence, alternation, groups and quantifiers.
_ATOMS = st.sampled_from([
    ("ab", "ab"), ("news", "news"), ("x", "x"), ("É", "é"), ("ß", "SS"), ("İ", "i"), ("Ω", "ω"),
    (r"\x41", "A"), (r"\x62c", "bc"), (r"\u00e9t", "ét"), (r"\U0001F600", "😀"),
    (r"\N{LATIN SMALL LETTER A}b", "ab"), (r"\N{CYRILLIC SMALL LETTER A}", "а"),
    (r"\pLx", "Qx"), (r"\PLx", "1x"), (r"\p{L}y", "zy"), (r"\P{L}y", "2y"), (r"\p{Cyrillic}", "ж"),
    (r"\pNq", "7q"), (r"\0", "\x00"), (r"\101b", "Ab"), (r"\012", "\n"),
    (r"\.", "."), (r"\(", "("), (r"\|", "|"), (r"\{", "{"), (r"\[", "["), (r"\*", "*"), (r"\ ", " "),
    (r"\d", "5"), (r"\w", "w"), (r"\s", " "), (r"\b", ""), (r"\t", "\t"), (".", "q"),
    ("[ab]", "b"), ("[^a]", "z"), ("[a-c]", "c"), ("[[:alpha:]]", "k"), (r"[\x41b]", "A"),
    ("[[a-z]--[aeiou]]", "b"), (r"[\w&&[a-f]]", "e"), ("[[]", "["), ("[.]", "."),
    ("(?i)", ""), ("(?-i:AB)", "AB"), ("(?i:news)", "NEWS"), ("{", "{"), ("a{b}", "a{b}"), ("}", "}"),
])  # fmt: skip
_QUANTIFIERS = st.sampled_from(
    ["", "", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{,2}", "++", "*+", "?+", "*?", "{1,2}+", "{e<=1}", "{e}"]
)
_WRAPPERS = st.sampled_from([
    ("(", ")"), ("(?:", ")"), ("(?P<n>", ")"), ("(?<m>", ")"), ("(?=", ")"), ("(?!", ")"), ("(?<=", ")"),
    ("(?<!", ")"), ("(?>", ")"), ("(?i:", ")"), ("(?x:", ")"), ("(?f:", ")"), ("(?:", "){e<=1}"),
])  # fmt: skip
_PREFIXES = st.sampled_from(["", "", "(?i)", "(?V1)", "(?x)", "(?fi)", "(?m)", "^", "(?r)"])


def _quantified(atom: tuple[str, str], quantifier: str) -> tuple[str, str]:
    pattern, sample = atom
    return pattern + quantifier, sample * 2 if quantifier in ("+", "{2}", "++") else sample


def _sequence(parts: list[tuple[str, str]]) -> tuple[str, str]:
    return "".join(p for p, _ in parts), "".join(s for _, s in parts)


def _patterns(children: st.SearchStrategy[tuple[str, str]]) -> st.SearchStrategy[tuple[str, str]]:
    wrapped = st.tuples(_WRAPPERS, children).map(lambda w: (w[0][0] + w[1][0] + w[0][1], w[1][1]))
    quantified = st.tuples(st.one_of(children, wrapped), _QUANTIFIERS).map(lambda q: _quantified(*q))
    sequence = st.lists(quantified, min_size=1, max_size=4).map(_sequence)
    alternation = st.lists(sequence, min_size=2, max_size=3).map(
        lambda branches: ("|".join(p for p, _ in branches), branches[-1][1])
    )
    return st.one_of(sequence, alternation)


PATTERNS = st.recursive(_ATOMS.map(lambda a: a), _patterns, max_leaves=8)
FRAGMENTS = st.sampled_from(
    ["ab", "AB", "a", "A", "b", "news", "NEWS", "x", "é", "É", "ß", "ss", "SS", "i", "I", "İ", "ı", "ω", "Ω",
     "😀", "а", "ж", "{", "}", "[", "]", ".", "(", "|", "*", " ", "\t", "\x00", "1", "7", "q", "z", "y", "k", "c"]
)  # fmt: skip


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(PATTERNS, _PREFIXES, st.booleans(), st.lists(st.lists(FRAGMENTS, max_size=6).map("".join), max_size=6), st.data())
def test_the_prefilter_lets_through_every_line_the_regex_matches(
    generated: tuple[str, str], prefix: str, ignore_case: bool, noise: list[str], data: st.DataObject
) -> None:
    source, sample = generated
    source = prefix + source
    try:
        pattern = regex.compile(source, regex.IGNORECASE if ignore_case else 0)
    except (regex.error, OverflowError, RecursionError):
        assume(False)
        raise
    around = data.draw(st.tuples(FRAGMENTS, FRAGMENTS))
    lines = [*noise, sample, around[0] + sample + around[1], sample.upper(), sample.lower()]
    lines = [line for text in lines for line in text.split("\n")]
    candidates = LiteralIndex.of([pattern]).lines(lines).candidates_for(pattern)
    for position, line in enumerate(lines):
        try:
            matched = pattern.search(line, timeout=1.0) is not None
        except TimeoutError:
            continue
        if matched:
            assert candidates is None or position in candidates, (source, ignore_case, line)
            assert may_match(pattern, line), (source, line)


@pytest.mark.parametrize(
    ("source", "line"),
    [
        (r"\x41bc", "Abc"),  # the escape's hex digits are not text
        (r"\u00e9tude", "étude"),
        (r"\U0001F600smile", "😀smile"),
        (r"\pLogin", "Xogin"),  # \pL: one letter, no braces
        (r"abc[[]x|y]", "y]"),  # V0: "[" in a set is a literal, and the "|" is at the top
    ],
)
def test_a_rule_written_with_any_regex_escape_fires_where_the_regex_matches(tmp_path: Path, source: str, line: str) -> None:
    rule = f"format: 1\nrules:\n  - id: demo.drop\n    category: promo\n    line: {json.dumps(source)}\n"
    rules = RuleSet.from_directories([write(tmp_path, "generic.yaml", rule).parent])
    assert regex.search(source, line)
    result = Cleaner(rules, outlet="none").clean(f"Body text that stays.\n{line}\n")
    assert [d.rule_id for d in result.decisions] == ["demo.drop"]


# --- Two generic rule files -------------------------------------------------------

GENERIC = "format: 1\nrules:\n  - id: {id}\n    category: promo\n    line: '^{word}$'\n"


def test_a_second_generic_rule_file_is_an_error_naming_both_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GENERIC.format(id="mine.a", word="Alpha"))
    write(tmp_path, "b.yaml", GENERIC.format(id="mine.b", word="Beta"))
    with pytest.raises(RuleFileError) as info:
        RuleSet.load([tmp_path])
    assert "a.yaml" in str(info.value) and "b.yaml" in str(info.value)


def test_a_second_generic_rule_file_in_another_rules_directory_fails_the_cli_with_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "one", "generic.yaml", GENERIC.format(id="mine.a", word="Alpha"))
    write(tmp_path / "two", "generic.yaml", GENERIC.format(id="mine.b", word="Beta"))
    done = run_cli("strip", "--rules", str(tmp_path / "one"), "--rules", str(tmp_path / "two"), "-", stdin="Alpha\n")
    assert done.returncode == 2
    assert str(tmp_path / "one" / "generic.yaml") in done.stderr and str(tmp_path / "two" / "generic.yaml") in done.stderr
    assert "Traceback" not in done.stderr


def test_a_lone_generic_rule_file_replacing_the_shipped_set_is_said_aloud(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", GENERIC.format(id="mine.a", word="Alpha"))
    warnings: list[str] = []
    rules = RuleSet.load([tmp_path], warn=warnings.append)
    assert rules.generic is not None and rules.generic.path == path
    assert len(warnings) == 1 and str(path) in warnings[0]
    done = run_cli("strip", "--rules", str(tmp_path), "-", stdin="Alpha\nBody text that stays here.\n")
    assert done.returncode == 0, done.stderr
    assert "warning" in done.stderr and str(path) in done.stderr
    # From the compiled cache too, not only when the YAML is read.
    again = run_cli("strip", "--rules", str(tmp_path), "-", stdin="Alpha\nBody text that stays here.\n")
    assert "warning" in again.stderr and str(path) in again.stderr


# --- Slow signatures and protect patterns ------------------------------------------

OUTLET = "format: 1\noutlet:\n  id: slowpoke\n  signatures: ['{signature}']\nrules: []\n"


def test_a_signature_that_times_out_is_an_error_naming_its_rule_file_not_a_silent_miss(tmp_path: Path) -> None:
    path = write(tmp_path, "slowpoke.yaml", OUTLET.format(signature=SLOW))
    rules = RuleSet.from_directories([tmp_path])
    started = time.monotonic()
    with pytest.raises(RuleTimeoutError) as info:
        detect_outlet("a" * 5000 + "!", rules.outlets)
    assert time.monotonic() - started < 30
    assert str(path) in str(info.value) and SLOW in str(info.value)


def test_a_slow_signature_fails_that_document_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    write(tmp_path, "slowpoke.yaml", OUTLET.format(signature=SLOW))
    document = write(tmp_path / "docs", "doc.txt", "a" * 5000 + "!\n")
    for command in ("strip", "detect"):
        done = run_cli(command, "--rules", str(tmp_path), str(document))
        assert done.returncode == 2, (command, done.stderr)
        assert "slowpoke.yaml" in done.stderr and "Traceback" not in done.stderr
    assert document.read_text(encoding="utf-8") == "a" * 5000 + "!\n"


def test_a_protect_pattern_that_times_out_names_its_rule_file_and_entry(tmp_path: Path) -> None:
    protect = f"format: 1\nprotect:\n  - id: keep.slow\n    pattern: '{SLOW}'\nrules: []\n"
    path = write(tmp_path, "generic.yaml", protect)
    rules = RuleSet.from_directories([tmp_path])
    with pytest.raises(RuleTimeoutError) as info:
        Cleaner(rules, outlet="none", match_timeout=0.2).clean("a" * 3000 + "!\n")
    assert f"{path}:3" in str(info.value) and "keep.slow" in str(info.value)


def test_rules_lint_flags_backtracking_signatures_and_protect_patterns(tmp_path: Path) -> None:
    write(tmp_path, "slowpoke.yaml", OUTLET.format(signature=SLOW))
    protect = f"format: 1\nprotect:\n  - id: keep.slow\n    pattern: '{SLOW}'\nrules: []\n"
    write(tmp_path, "generic.yaml", protect)
    findings = lint(RuleSet.from_directories([tmp_path]))
    assert any("slowpoke" in f and "signature" in f and SLOW in f for f in findings)
    assert any("keep.slow" in f and SLOW in f for f in findings)


# --- Hostile rule files -------------------------------------------------------------


def test_a_rule_file_that_is_a_fifo_is_refused_by_type_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "generic.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(RuleFileError) as info:
        load_rule_file(fifo)
    assert time.monotonic() - started < 5
    assert str(fifo) in str(info.value) and "fifo" in str(info.value)


def test_a_fifo_among_rule_files_fails_the_cli_with_exit_2_instead_of_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "generic.yaml")
    done = run_cli("strip", "--rules", str(tmp_path), "-", stdin="Body text that stays here.\n")
    assert done.returncode == 2
    assert "generic.yaml" in done.stderr and "fifo" in done.stderr and "Traceback" not in done.stderr


def test_a_rule_file_that_is_a_device_is_refused_by_type_not_by_size(tmp_path: Path) -> None:
    link = tmp_path / "generic.yaml"
    link.symlink_to("/dev/zero")  # endless, and its size says 0
    with pytest.raises(RuleFileError) as info:
        load_rule_files([tmp_path])
    assert "generic.yaml" in str(info.value) and "device" in str(info.value)


@pytest.mark.parametrize(
    "document",
    [
        "format: 1\nrules: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "format: 1\nrules: " + "{a: " * 100_000 + "b" + "}" * 100_000 + "\n",
        "format: 1\nrules:\n" + "".join("  " * i + "- \n" for i in range(1, 400)),
    ],
    ids=["lists", "mappings", "block-lists"],
)
def test_deeply_nested_yaml_is_an_error_naming_the_file_and_line_quickly(tmp_path: Path, document: str) -> None:
    path = write(tmp_path, "generic.yaml", document)
    started = time.monotonic()
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    assert time.monotonic() - started < 10
    assert info.value.path == path and info.value.line >= 2
    assert "nested" in str(info.value)


def test_a_regex_of_100000_nested_groups_is_an_error_naming_file_line_and_rule(tmp_path: Path) -> None:
    deep = "(" * 100_000 + "a" + ")" * 100_000
    path = write(tmp_path, "generic.yaml", f"format: 1\nrules:\n  - id: demo.deep\n    category: promo\n    line: '{deep}'\n")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    assert (info.value.path, info.value.line, info.value.rule_id) == (path, 5, "demo.deep")


def test_a_signature_of_100000_nested_groups_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    deep = "(" * 100_000 + "a" + ")" * 100_000
    write(tmp_path, "deep.yaml", OUTLET.format(signature=deep).replace("slowpoke", "deep"))
    done = run_cli("detect", "--rules", str(tmp_path), "-", stdin="a\n")
    assert done.returncode == 2
    assert "deep.yaml:4" in done.stderr and "Traceback" not in done.stderr


# --- The compiled cache ------------------------------------------------------------


@pytest.fixture()
def cache_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    cache, key = tmp_path / "cache", tmp_path / "key"
    monkeypatch.setenv("CLEANWIRE_CACHE_KEY_DIR", str(key))
    return cache, key


def test_the_rules_cache_never_unpickles_what_another_hand_put_there(
    tmp_path: Path, cache_dirs: tuple[Path, Path]
) -> None:
    cache, _ = cache_dirs
    load_rules([shipped_rules_dir()], cache)
    marker = tmp_path / "pwned"
    payload = b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."
    for cached in cache.iterdir():
        cached.write_bytes(payload)
        (cache / (cached.stem + ".pickle")).write_bytes(payload)
    rules = load_rules([shipped_rules_dir()], cache)
    assert not marker.exists()
    assert set(rules.by_id) == set(RuleSet.load().by_id)


def test_a_cache_file_forged_without_the_key_is_not_used(tmp_path: Path, cache_dirs: tuple[Path, Path]) -> None:
    cache, _ = cache_dirs
    rules_dir = tmp_path / "rules"
    write(rules_dir, "generic.yaml", GENERIC.format(id="mine.a", word="Alpha"))
    load_rules([rules_dir], cache)
    [cached] = cache.glob("rules.*.json")
    tag, _, body = cached.read_bytes().partition(b"\n")
    forged = body.replace(b"^Alpha$", b"^Body$")  # a rule no rule file holds
    cached.write_bytes(tag + b"\n" + forged)
    cached.chmod(0o600)
    rules = load_rules([rules_dir], cache)
    assert rules.by_id["mine.a"].match.pattern.pattern == "^Alpha$"  # type: ignore[union-attr]


def test_a_cache_directory_others_can_write_is_passed_over(tmp_path: Path, cache_dirs: tuple[Path, Path]) -> None:
    cache, key = cache_dirs
    rules_dir = tmp_path / "rules"
    write(rules_dir, "generic.yaml", GENERIC.format(id="mine.a", word="Alpha"))
    load_rules([rules_dir], cache)
    [cached] = cache.glob("rules.*.json")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700 and stat.S_IMODE(cached.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.stat().st_mode) == 0o700
    assert not cached.is_relative_to(key) and not (key / "cache.key").is_relative_to(cache)
    # A genuine file, but in a directory anyone could have swapped it into.
    original = cached.read_bytes().replace(b"^Alpha$", b"^Omega$")
    cache.chmod(0o777)
    cached.write_bytes(original)
    rules = load_rules([rules_dir], cache)
    assert rules.by_id["mine.a"].match.pattern.pattern == "^Alpha$"  # type: ignore[union-attr]


def test_the_cache_notices_a_same_size_edit_with_the_mtime_put_back(tmp_path: Path, cache_dirs: tuple[Path, Path]) -> None:
    cache, _ = cache_dirs
    path = write(tmp_path / "rules", "generic.yaml", GENERIC.format(id="mine.a", word="Alpha"))
    before = path.stat()
    first = load_rules([path.parent], cache)
    path.write_text(GENERIC.format(id="mine.a", word="Omega"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    second = load_rules([path.parent], cache)
    assert first.by_id["mine.a"].match.pattern.pattern == "^Alpha$"  # type: ignore[union-attr]
    assert second.by_id["mine.a"].match.pattern.pattern == "^Omega$"  # type: ignore[union-attr]


def test_a_rule_set_from_the_cache_cleans_and_reports_lines_exactly_as_from_yaml(
    tmp_path: Path, cache_dirs: tuple[Path, Path]
) -> None:
    cache, _ = cache_dirs
    built = load_rules([shipped_rules_dir()], cache)
    assert list(cache.glob("rules.*.json"))
    loaded = load_rules([shipped_rules_dir()], cache)
    assert loaded is not built
    assert {r.id: r.source for r in loaded.by_id.values()} == {r.id: r.source for r in built.by_id.values()}
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[:20]
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        assert Cleaner(loaded).clean(text).decisions == Cleaner(built).clean(text).decisions


def test_a_run_from_a_warm_cache_imports_no_yaml_library(tmp_path: Path) -> None:
    """The cache holds the rules already read: a run from it does not pay for
    importing either YAML reader."""
    seed = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[0]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "CLEANWIRE_CACHE_KEY_DIR": str(tmp_path / "key")}
    env.pop("CLEANWIRE_CACHE_DIR", None)
    probe = (
        "import sys\n"
        "from cleanwire.cli import main\n"
        "sys.argv = ['cleanwire', 'strip', sys.argv[1]]\n"
        "code = main()\n"
        "sys.stdout.flush()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'yaml', 'ruamel'}), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    first = subprocess.run([sys.executable, "-c", probe, str(seed)], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "yaml" in first.stderr.splitlines()[-1]  # the first run parses the rule files
    warm = subprocess.run([sys.executable, "-c", probe, str(seed)], env=env, capture_output=True, text=True)
    assert warm.returncode == 0, warm.stderr
    assert warm.stderr.splitlines()[-1] == "[]"
    assert warm.stdout == first.stdout
