"""The invariants hold, always: one run leaves nothing a second run would change
(no pass-limit artefacts, no combining mark fused onto a new letter, no protected
line lost once the outlet's signatures are gone), and the output is the input
minus what the rules decided."""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanwire.pipeline.cleaner import Cleaner
from cleanwire.pipeline.guard import is_deletion_only
from cleanwire.pipeline.normalize import normalize
from cleanwire.rules.ruleset import RuleSet

BODY = "The council met on Monday to discuss the budget for the next year, and it ran long."
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

GENERIC = Cleaner(outlet="none", max_removal=None)


def _rules(tmp_path: Path, text: str) -> Path:
    (tmp_path / "demo.yaml").write_text("format: 1\n" + text, encoding="utf-8")
    return tmp_path


def _assert_settled(cleaner: Cleaner, source: str) -> str:
    """Clean ``source``; the output is NFC, deletion-only and a fixed point. Returns it."""
    result = cleaner.clean(source)
    assert result.refused is None, result.refused
    out = result.text
    assert unicodedata.is_normalized("NFC", out), f"output not NFC: {out!r}"
    assert normalize(out)[0] == out
    assert is_deletion_only(result.normalized, out)
    again = cleaner.clean(out)
    assert again.text == out, f"second run changed {out!r} into {again.text!r}"
    assert again.decisions == []
    return out


# --- Repeated inline junk: clean after one run, whatever the repetition count ---


def test_twenty_trailing_read_more_are_all_gone_after_one_run() -> None:
    out = _assert_settled(GENERIC, BODY + " Read more" * 20 + "\n")
    assert out == BODY + "\n"


def test_trailing_read_more_in_every_language_and_form_are_all_gone_after_one_run() -> None:
    tail = " Read more » Weiterlesen Lire la suite … leer más Continue reading" * 3
    assert _assert_settled(GENERIC, BODY + tail + "\n") == BODY + "\n"


def test_hundreds_of_repetitions_of_an_anchored_inline_rule_leave_a_clean_line(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "outlet: {id: demo}\nrules:\n  - id: demo.ad\n    category: promo\n    inline: ' ?\\[ad\\]$'\n")
    cleaner = Cleaner(rule_dirs=[rules], outlet="demo", max_removal=None)
    assert _assert_settled(cleaner, BODY + " [ad]" * 400 + "\n") == BODY + "\n"


def test_junk_nested_deeper_than_any_pass_limit_is_removed_in_one_run(tmp_path: Path) -> None:
    # Each cut of "<>" makes a new "<>" of the two around it: fifty rounds to clean.
    rules = _rules(tmp_path, "outlet: {id: demo}\nrules:\n  - id: demo.empty-tag\n    category: promo\n    inline: '<>'\n")
    cleaner = Cleaner(rule_dirs=[rules], outlet="demo", max_removal=None)
    assert _assert_settled(cleaner, BODY + " " + "<" * 50 + ">" * 50 + " end.\n") == BODY + " end.\n"


def test_an_inline_cut_that_exposes_another_rules_match_is_settled_in_one_run(tmp_path: Path) -> None:
    rules = _rules(
        tmp_path,
        "outlet: {id: demo}\nrules:\n"
        "  - id: demo.ad\n    category: promo\n    inline: ' ?\\[ad\\]$'\n"
        "  - id: demo.sponsor\n    category: promo\n    inline: ' ?\\[sponsored\\]$'\n",
    )
    cleaner = Cleaner(rule_dirs=[rules], outlet="demo", max_removal=None)
    assert _assert_settled(cleaner, BODY + " [ad] [sponsored]" * 12 + "\n") == BODY + "\n"


# --- Combining marks at cut edges: the output is NFC, and a subsequence of the input ---


def test_a_combining_mark_after_a_cut_never_fuses_with_a_new_letter() -> None:
    out = _assert_settled(GENERIC, "Intro line.\n\nThe mayor opens the bridge (Photo: Jane Doe)\u0301 today.\n")
    assert out == "Intro line.\n\nThe mayor opens the bridge today.\n"
    assert "\u00e9" not in out  # no "é" that was never in the text


def test_a_hangul_vowel_after_a_cut_never_composes_a_new_syllable() -> None:
    source = f"{BODY}\n\nA sign read \u1100 (Photo: Jane Doe)\u1161\u11a8 in the square.\n"
    out = _assert_settled(GENERIC, source)
    assert "\uac00" not in out and "\uac01" not in out


def test_stacked_combining_marks_of_a_removed_character_all_go_with_it() -> None:
    source = f"{BODY}\n\nThe mayor opens the bridge (Photo: Jane Doe)\u0316\u0301\u0327 today.\n"
    assert _assert_settled(GENERIC, source).endswith("the bridge today.\n")


def test_the_cut_that_takes_a_removed_characters_marks_reports_them() -> None:
    result = GENERIC.clean("Intro line.\n\nThe mayor opens the bridge (Photo: Jane Doe)\u0301 today.\n")
    [cut] = result.decisions
    assert result.normalized[cut.start : cut.end] == " (Photo: Jane Doe)\u0301"


# --- Protection does not hang on the outlet's signatures ---

_SIGNED_OUTLET = (
    "outlet:\n  id: demo\n  signatures: ['^Demo Wire Service$']\n"
    "protect:\n  - id: demo.keep\n    pattern: '^Read also: Ten tips'\n"
    "rules:\n  - id: demo.signature\n    category: notice\n    line: '^Demo Wire Service$'\n"
)


def test_a_protected_line_stays_protected_on_the_second_run_after_the_signature_is_gone(tmp_path: Path) -> None:
    cleaner = Cleaner(rule_dirs=[_rules(tmp_path, _SIGNED_OUTLET)], max_removal=None)
    source = f"Demo Wire Service\n\n{BODY}\nRead also: Ten tips for the garden\n"
    first = cleaner.clean(source)
    assert first.detection.outlet == "demo"
    assert "Demo Wire Service" not in first.text
    assert "Read also: Ten tips for the garden" in first.text
    assert cleaner.clean(first.text).text == first.text


def test_a_protected_line_stays_protected_in_later_passes_of_the_same_run(tmp_path: Path) -> None:
    cleaner = Cleaner(rule_dirs=[_rules(tmp_path, _SIGNED_OUTLET)], max_removal=None)
    quote = "Read also: Ten tips for the garden that every grower should know by heart"
    source = f"Demo Wire Service\n\n{BODY}\n\n{quote}\n\n{BODY} More.\n\n{quote}\n"
    out = _assert_settled(cleaner, source)
    assert out.count(quote) == 2


def test_a_protected_line_is_protected_whichever_outlet_the_text_is_found_to_be(tmp_path: Path) -> None:
    cleaner = Cleaner(rule_dirs=[_rules(tmp_path, _SIGNED_OUTLET)], outlet="none", max_removal=None)
    out = _assert_settled(cleaner, f"{BODY}\nRead also: Ten tips for the garden\n")
    assert "Read also: Ten tips for the garden" in out


@functools.cache
def _signed_rules() -> RuleSet:
    return Cleaner(rule_dirs=[_rules(Path(tempfile.mkdtemp()), _SIGNED_OUTLET)]).rules


# --- Properties over inputs built to stress the three cases ---

_JUNK_TAILS = st.sampled_from([" Read more", " Read more »", " Weiterlesen", " … Lire la suite", " (Photo: Jane Doe)"])
_MARKS = st.text(alphabet="\u0301\u0316\u0327\u0308\u1161\u11a8\u0bbe\u3099", max_size=3)
_LETTERS = st.text(alphabet="aeiouAEn\u1100\u0bc6\u304b\u00e9 .", min_size=1, max_size=12)


@st.composite
def _junk_lines(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        line = BODY + draw(_LETTERS)
        for _ in range(draw(st.integers(0, 25))):
            line += draw(_JUNK_TAILS) + draw(_MARKS)
        lines.append(line + draw(_LETTERS))
    return "\n\n".join(lines) + "\n"


@PROPERTY
@given(_junk_lines())
def test_property_repeated_junk_and_marks_at_cut_edges_settle_in_one_run(source: str) -> None:
    _assert_settled(GENERIC, source)


@PROPERTY
@given(_junk_lines(), st.booleans())
def test_property_protected_lines_survive_both_runs_whatever_the_signatures(source: str, signed: bool) -> None:
    protected = Cleaner(rules=_signed_rules(), max_removal=None)
    quote = "Read also: Ten tips for the garden"
    text = ("Demo Wire Service\n\n" if signed else "") + source + f"\n{quote}\n\n{quote} Read more\n"
    out = _assert_settled(protected, text)
    assert out.count(quote) == 2


# --- Memory stays bounded whatever the line lengths ---

_UNDER_ADDRESS_LIMIT = """
import resource, sys
from cleanwire.pipeline.cleaner import Cleaner
cleaner = Cleaner(max_removal=None)
cleaner.clean("warm up the rules.\\n")
data = b"a\\n" * 1_000_000
with open("/proc/self/status") as status:
    in_use = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
limit = in_use + 30 * len(data)
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
result = cleaner.clean_bytes(data)
print(len(result.text))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmSize from /proc")
def test_a_million_one_letter_lines_clean_within_thirty_times_their_size() -> None:
    done = subprocess.run([sys.executable, "-c", _UNDER_ADDRESS_LIMIT], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == str(2_000_000)
