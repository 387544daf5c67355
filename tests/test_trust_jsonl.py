"""JSON Lines keeps every other byte, and never a traceback: a cleaned record goes
out as the line it came in with only its text value replaced, and any hostile
line is cleaned or passed through unchanged with one line naming it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire import Cleaner
from cleanwire.corpus.jsonl import MAX_DEPTH, JsonlCleaner
from cleanwire.report.outcome import Outcome
from cleanwire.report.record import DocumentStatus
from cleanwire.settings.options import Settings

from .test_cli import run

ARTICLE = "Plain text of a short article.\n\nAll rights reserved.\n"
CLEAN = "Plain text of a short article.\n"
ARTICLE_JSON = json.dumps(ARTICLE).encode()
CLEAN_JSON = json.dumps(CLEAN).encode()


def clean_stream(cleaner: Cleaner, data: bytes, **options: object) -> tuple[bytes, list[Outcome]]:
    """What one job writes for ``data``, and the outcomes of its records."""
    out = io.BytesIO()
    with JsonlCleaner(cleaner, out, Settings(jobs=1, **options)) as records:  # type: ignore[arg-type]
        outcomes = list(records.clean(io.BytesIO(data), "crawl.jsonl"))
    return out.getvalue(), outcomes


def assert_passed_through_with(cleaner: Cleaner, line: bytes, said: str) -> None:
    out, outcomes = clean_stream(cleaner, line)
    assert out == line, "passed through byte for byte"
    [outcome] = outcomes
    assert outcome.status is DocumentStatus.FAILED and outcome.name == "crawl.jsonl:1"
    assert said in outcome.message and "\n" not in outcome.message


def no_traceback(stderr: bytes) -> bool:
    return b"Traceback" not in stderr and b"internal error" not in stderr


# --- a changed record keeps every byte but its text value ---


def test_changed_record_keeps_big_integers_and_exact_floats_as_written(cleaner: Cleaner) -> None:
    numbers = b'"big": 1180591620717411303424, "exact": 0.1000000000000000055511151231257827, "huge": 1e400'
    numbers += b', "minus_zero": -0.0, "e": 1E+2, "digits": ' + b"7" * 5000 + b', "nan": NaN, "inf": -Infinity'
    out, _ = clean_stream(cleaner, b'{' + numbers + b', "text": ' + ARTICLE_JSON + b"}\n")
    assert out == b'{' + numbers + b', "text": ' + CLEAN_JSON + b"}\n"


def test_changed_record_keeps_key_order_spacing_and_escapes_of_other_fields(cleaner: Cleaner) -> None:
    head = b'{ "z" :\t"caf\\u00e9 \\/ caf\xc3\xa9" ,"a":[ 1 ,{"b" : "}\\"]"} ] ,\t"text"  :  '
    tail = b'  , "m": {"text": "All rights reserved."},"url":"https:\\/\\/example.org\\/a"   }\n'
    out, _ = clean_stream(cleaner, head + ARTICLE_JSON + tail)
    assert out == head + CLEAN_JSON + tail


def test_duplicate_text_field_cleans_the_last_and_keeps_the_first_as_written(cleaner: Cleaner) -> None:
    first = b'{"text": "All rights reserved.\\n", "id": 1, "text": '
    out, _ = clean_stream(cleaner, first + ARTICLE_JSON + b"}\n")
    assert out == first + CLEAN_JSON + b"}\n"
    assert json.loads(out)["text"] == CLEAN, "the one a JSON reader sees is the one cleaned"


def test_text_field_named_with_escapes_is_the_one_cleaned(cleaner: Cleaner) -> None:
    out, _ = clean_stream(cleaner, b'{"t\\u0065xt": ' + ARTICLE_JSON + b', "id": 2}\n')
    assert out == b'{"t\\u0065xt": ' + CLEAN_JSON + b', "id": 2}\n'


def test_text_written_with_unicode_escapes_stays_escaped(cleaner: Cleaner) -> None:
    escaped = json.dumps("Caf\u00e9 " + ARTICLE, ensure_ascii=True).encode()
    out, _ = clean_stream(cleaner, b'{"text": ' + escaped + b"}\n")
    assert out == b'{"text": "Caf\\u00e9 Plain text of a short article.\\n"}\n'


def test_text_written_as_raw_utf8_stays_raw(cleaner: Cleaner) -> None:
    raw = json.dumps("Café " + ARTICLE, ensure_ascii=False).encode()
    out, _ = clean_stream(cleaner, b'{"text": ' + raw + b"}\n")
    assert out == '{"text": "Café Plain text of a short article.\\n"}\n'.encode()


def test_lone_surrogate_in_text_stays_escaped_and_the_line_stays_utf8(cleaner: Cleaner) -> None:
    line = b'{"text": "Caf\xc3\xa9 \\ud800 ' + ARTICLE_JSON[1:] + b', "k": "\xc3\xa9"}\n'
    out, _ = clean_stream(cleaner, line)
    out.decode("utf-8")  # no raw surrogate written
    assert out == b'{"text": "Caf\\u00e9 \\ud800 Plain text of a short article.\\n", "k": "\xc3\xa9"}\n'


@pytest.mark.parametrize("end", [b"\r\n", b"\r\r\n", b"\n"])
def test_line_end_of_a_changed_record_is_kept(cleaner: Cleaner, end: bytes) -> None:
    out, _ = clean_stream(cleaner, b'{"text": ' + ARTICLE_JSON + b"}" + end + b'{"text": ' + ARTICLE_JSON + b"}" + end)
    assert out == (b'{"text": ' + CLEAN_JSON + b"}" + end) * 2


def test_byte_order_mark_at_start_of_file_is_kept_and_the_record_cleaned(cleaner: Cleaner) -> None:
    out, outcomes = clean_stream(cleaner, b'\xef\xbb\xbf{"text": ' + ARTICLE_JSON + b', "id": 1}\n')
    assert out == b'\xef\xbb\xbf{"text": ' + CLEAN_JSON + b', "id": 1}\n'
    assert [o.status for o in outcomes] == [DocumentStatus.CHANGED]


def test_last_line_without_newline_gets_one_changed_or_not(cleaner: Cleaner) -> None:
    changed, _ = clean_stream(cleaner, b'{"text": ' + ARTICLE_JSON + b"}")
    assert changed == b'{"text": ' + CLEAN_JSON + b"}\n"
    unchanged, _ = clean_stream(cleaner, b'{"text": ' + CLEAN_JSON + b"}")
    assert unchanged == b'{"text": ' + CLEAN_JSON + b"}\n"


def test_text_field_inside_nested_objects_is_never_touched(cleaner: Cleaner) -> None:
    nested = b'{"a": {"text": ' + ARTICLE_JSON + b'}, "b": [{"text": ' + ARTICLE_JSON + b'}], "text": '
    out, _ = clean_stream(cleaner, nested + ARTICLE_JSON + b"}\n")
    assert out == nested + CLEAN_JSON + b"}\n"


JSON_SPACE = st.text(alphabet=" \t\r", max_size=3)  # no newline: that would end the line
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def members(draw: st.DrawFn, keys: st.SearchStrategy[str]) -> bytes:
    """``"key": value`` as some writer might have spelled it."""
    ascii_only = draw(st.booleans())
    key = json.dumps(draw(keys), ensure_ascii=ascii_only)
    separators = (draw(st.sampled_from([",", ", ", "\t,  "])), draw(st.sampled_from([":", ": ", " :\t"])))
    value = json.dumps(draw(JSON_VALUES), ensure_ascii=ascii_only, separators=separators)
    spelled = draw(JSON_SPACE) + key + draw(JSON_SPACE) + ":" + draw(JSON_SPACE) + value + draw(JSON_SPACE)
    return spelled.encode("utf-8", "surrogatepass")


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(members(st.text(max_size=6)), max_size=4),
    after=st.lists(members(st.text(max_size=6).filter(lambda key: key != "text")), max_size=4),
    space=st.tuples(JSON_SPACE, JSON_SPACE),
    text=st.sampled_from([ARTICLE, "Caf\u00e9 " + ARTICLE, "\ud83c " + ARTICLE, "\u2028\"\\/" + ARTICLE]),
    ascii_only=st.booleans(),
)
def test_only_the_text_value_bytes_change_whatever_the_other_fields(
    cleaner: Cleaner, before: list[bytes], after: list[bytes], space: tuple[str, str], text: str, ascii_only: bool
) -> None:
    value = json.dumps(text, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    head = b"{" + b"".join(member + b"," for member in before) + space[0].encode() + b'"text"' + b":"
    tail = space[1].encode() + b"".join(b"," + member for member in after) + b"}"
    line = head + value + tail + b"\n"
    out, _ = clean_stream(cleaner, line)
    assert out.startswith(head) and out.endswith(tail + b"\n"), "every byte outside the text value kept"
    expected = json.loads(line)
    expected["text"] = json.loads(out[len(head) : len(out) - len(tail) - 1])
    assert json.loads(out) == expected


# --- deep nesting fails its record alone ---


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_record_nested_100000_deep_fails_alone_and_the_run_goes_on(tmp_path: Path, jobs: str) -> None:
    deep = b'{"text": ' + ARTICLE_JSON + b', "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_bytes(deep + b'{"text": ' + ARTICLE_JSON + b"}\n" + b"{" * 100_000 + b"\n" + deep)
    report = tmp_path / "report.json"
    done = run("strip", "--jsonl", "--jobs", jobs, "--report", str(report), str(crawl))
    assert done.returncode == 2 and no_traceback(done.stderr)
    errors = [line for line in done.stderr.splitlines() if line.startswith(b"error:")]
    assert errors == [
        f"error: {crawl}:1: nested more than {MAX_DEPTH} levels deep; passed through unchanged".encode(),
        f"error: {crawl}:3: nested more than {MAX_DEPTH} levels deep; passed through unchanged".encode(),
        f"error: {crawl}:4: nested more than {MAX_DEPTH} levels deep; passed through unchanged".encode(),
    ]
    assert done.stdout == deep + b'{"text": ' + CLEAN_JSON + b"}\n" + b"{" * 100_000 + b"\n" + deep
    assert json.loads(report.read_bytes()), "the report is written"


def test_nesting_within_the_limit_and_brackets_inside_strings_are_cleaned(cleaner: Cleaner) -> None:
    nested = b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1)
    brackets = json.dumps("[{" * 100_000).encode()
    line = b'{"x": ' + nested + b', "y": ' + brackets + b', "text": ' + ARTICLE_JSON + b"}\n"
    out, outcomes = clean_stream(cleaner, line)
    assert [o.status for o in outcomes] == [DocumentStatus.CHANGED]
    assert out == b'{"x": ' + nested + b', "y": ' + brackets + b', "text": ' + CLEAN_JSON + b"}\n"


@pytest.mark.parametrize(
    "hide",
    [b'"' + b"]" * 1000 + b'"', b'"\\\\", "z": "' + b"]" * 1000 + b'"', b'"\\"' + b"]" * 1000 + b'"'],
    ids=["closing-brackets-in-a-string", "after-an-escaped-backslash", "after-an-escaped-quote"],
)
def test_closing_brackets_inside_strings_do_not_hide_deep_nesting(cleaner: Cleaner, hide: bytes) -> None:
    deep = b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)
    line = b'{"text": ' + ARTICLE_JSON + b', "y": ' + hide + b', "x": ' + deep + b"}\n"
    assert_passed_through_with(cleaner, line, f"nested more than {MAX_DEPTH} levels deep")


def test_spaces_around_the_record_are_kept(cleaner: Cleaner) -> None:
    out, _ = clean_stream(cleaner, b' \t {"text":' + ARTICLE_JSON + b"} \t \r\n")
    assert out == b' \t {"text":' + CLEAN_JSON + b"} \t \r\n"


# --- any other hostile line: cleaned, or passed through with one line naming it ---


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (b'{"text": "caf\xe9 ' + ARTICLE_JSON[1:] + b"}\n", "not valid JSON ('utf-8' codec can't decode byte 0xe9"),
        (b'{"text": ' + ARTICLE_JSON + b', "k": "\xed\xa0"}\n', "not valid JSON ('utf-8' codec"),
        (b'{"text": "a\x00b"}\n', "not valid JSON (Invalid control character"),
        (b'{"text": "a"}\x00\n', "not valid JSON (Extra data"),
        (b"\x00" * 10 + b"\n", "not valid JSON"),
        ('{"text": "Body."}'.encode("utf-16-le") + b"\n", "not valid JSON"),
        (b"1" * 100_000 + b"\n", "not a JSON object"),
        (b"-" + b"9" * 5000 + b".5e99999999999\n", "not a JSON object"),
        (b"[" + ARTICLE_JSON + b"]\n", "not a JSON object"),
        (ARTICLE_JSON + b"\n", "not a JSON object"),
        (b'{"text": 5}\n', "no string field 'text'"),
        (b'{"text": null}\n', "no string field 'text'"),
        (b'{"text": ["a"]}\n', "no string field 'text'"),
        (b'{"text": ' + ARTICLE_JSON + b', "text": {"a": 1}}\n', "no string field 'text'"),
        (b'{"text": ' + ARTICLE_JSON + b"}\r" + b'{"text": ' + ARTICLE_JSON + b"}\n", "not valid JSON (Extra data"),
        (b'\xef\xbb\xbf\xef\xbb\xbf{"text": "a"}\n', "not valid JSON"),
        (b'{"text": ' + ARTICLE_JSON[:-1] + b"\n", "not valid JSON (Unterminated string"),
    ],
    ids=[
        "invalid-utf8", "utf8-encoded-surrogate-cut", "nul-in-string", "nul-after-object", "only-nuls", "utf16",
        "huge-number", "huge-float", "array", "string", "text-number", "text-null", "text-list",
        "last-duplicate-not-a-string", "lone-cr-between-records", "two-boms", "unterminated",
    ],
)
def test_hostile_line_passes_through_unchanged_with_one_line_naming_it(cleaner: Cleaner, line: bytes, said: str) -> None:
    assert_passed_through_with(cleaner, line, said)


@pytest.mark.parametrize("line", [b"\n", b"   \t\r\n", b"\r\n", b"\x0b\x0c \n"])
def test_whitespace_only_line_passes_through_without_a_word(cleaner: Cleaner, line: bytes) -> None:
    out, outcomes = clean_stream(cleaner, line)
    assert (out, outcomes) == (line, [])


def test_empty_text_and_escaped_nul_are_records_like_any_other(cleaner: Cleaner) -> None:
    lines = b'{"text": "", "id": 1}\n{"text": "Plain\\u0000 text of a short article.\\n\\nAll rights reserved.\\n", "id": 2}\n'
    out, outcomes = clean_stream(cleaner, lines)
    assert [o.status for o in outcomes] == [DocumentStatus.UNCHANGED, DocumentStatus.CHANGED]
    first, second = out.splitlines(keepends=True)
    assert first == b'{"text": "", "id": 1}\n'
    assert second == b'{"text": "Plain\\u0000 text of a short article.\\n", "id": 2}\n'


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_hostile_crawl_loses_and_reorders_no_line(tmp_path: Path, jobs: str) -> None:
    good = b'{"text": ' + ARTICLE_JSON + b"}\n"
    hostile = [
        b"\xef\xbb\xbf" + good, b'{"text": "\xff"}\n', b"\x00\x00\n", b"9" * 50_000 + b"\n", b"[1]\n",
        b'{"text": 1}\n', b"  \n", good.replace(b"\n", b"\r\n"), b"{" * 100_000 + b"\n", good,
        b'{"text": "", "n": 1e400}\n', b'{"text": ' + ARTICLE_JSON + b', "n": -0.0}',
    ]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_bytes(b"".join(hostile))
    done = run("strip", "--jsonl", "--jobs", jobs, str(crawl))
    assert done.returncode == 2 and no_traceback(done.stderr)
    out = done.stdout.splitlines(keepends=True)
    assert len(out) == len(hostile), "one line out for every line in"
    cleaned = b'{"text": ' + CLEAN_JSON + b"}\n"
    assert out[0] == b"\xef\xbb\xbf" + cleaned and out[7] == cleaned.replace(b"\n", b"\r\n") and out[9] == cleaned
    assert out[11] == b'{"text": ' + CLEAN_JSON + b', "n": -0.0}\n'
    assert [out[i] for i in (1, 2, 3, 4, 5, 6, 8, 10)] == [hostile[i] for i in (1, 2, 3, 4, 5, 6, 8, 10)]
    errors = [line for line in done.stderr.splitlines() if line.startswith(b"error:")]
    assert [line.split(b":")[2] for line in errors] == [b"2", b"3", b"4", b"5", b"6", b"9"]
