"""Written back in the encoding it was read in: a legacy file comes out in its own code
page (or is refused, untouched), and UTF-8 only when asked for."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

from cleanwire import exitcodes

from .legacy_samples import CODE_PAGES, sample
from .test_cli import run

FOOTER = "\n\nCopyright 2024 Example Media Group\n"  # what the generic set removes, in any code page


def _corpus(root: Path) -> dict[Path, tuple[str, str]]:
    """One file a code page and language, long and short: its path -> (codec, clean text)."""
    files = {}
    for codec, language, adapt in CODE_PAGES:
        for length in ("short", "long"):
            text = sample(codec, language, adapt, length).strip() + "\n"
            path = root / f"{codec}-{language}-{length}.txt"
            path.write_bytes((text + FOOTER).encode(codec))
            files[path] = (codec, text)
    return files


def test_every_legacy_file_is_cleaned_in_its_own_code_page_or_left_untouched(tmp_path: Path) -> None:
    files = _corpus(tmp_path)
    originals = {path: path.read_bytes() for path in files}
    # One copyright line is much of a one-sentence file: the removal limit is not what is tested.
    done = run("strip", "--in-place", "-v", "--no-cache", "--allow-large-removal", str(tmp_path))
    assert b"Traceback" not in done.stderr
    refused = 0
    for path, (codec, text) in files.items():
        if path.read_bytes() == originals[path]:
            refused += 1
            assert f"{path}: cannot tell the encoding".encode() in done.stderr, path
        else:
            assert path.read_bytes() == text.encode(codec), path
    assert done.returncode == (exitcodes.INPUT_ERROR if refused else 0)
    assert refused < len(files) // 4, "most real text decodes"


def test_utf8_output_is_a_choice_and_converts_every_file(tmp_path: Path) -> None:
    files = _corpus(tmp_path)
    for path, (codec, text) in files.items():
        done = run("strip", "--encoding", codec, "--output-encoding", "utf-8", "--allow-large-removal", str(path))
        assert done.returncode == 0, done.stderr
        assert done.stdout == text.encode("utf-8"), path


def test_the_output_encoding_can_be_set_in_the_project_configuration(tmp_path: Path) -> None:
    (tmp_path / "cleanwire.toml").write_text('output_encoding = "utf-8"\n')
    page = tmp_path / "page.txt"
    text = sample("cp1250", "polish", "", "long").strip() + "\n"
    page.write_bytes((text + FOOTER).encode("cp1250"))
    done = run("strip", "--encoding", "cp1250", "page.txt", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == text.encode("utf-8")
    (tmp_path / "cleanwire.toml").write_text('output_encoding = "latin-2"\n')
    wrong = run("strip", "page.txt", cwd=tmp_path)
    assert wrong.returncode == exitcodes.INPUT_ERROR
    assert b"cleanwire.toml: key 'output_encoding': must be 'input' or 'utf-8'" in wrong.stderr


def test_a_byte_order_mark_stays_when_the_text_is_written_back(tmp_path: Path) -> None:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        path = tmp_path / f"{codec}.txt"
        text = "Headline\n\nThe article's only paragraph, with an é.\n"
        path.write_bytes(bom + (text + FOOTER).encode(codec))
        done = run("strip", "--in-place", "--no-cache", str(path))
        assert done.returncode == 0, done.stderr
        assert path.read_bytes() == bom + text.encode(codec)


def test_text_the_code_page_cannot_hold_is_refused_with_the_way_out(tmp_path: Path) -> None:
    # Mojibake of "ń" (UTF-8 c5 84) in a cp1252 file: repaired, it has no cp1252 byte.
    text = "Dziennik: PoznaÅ„ i GdaÅ„sk, Å‚Ã³dÅº.\n"
    path = tmp_path / "mixed.txt"
    data = text.encode("cp1252")
    path.write_bytes(data)
    done = run("strip", "--in-place", "--encoding", "cp1252", "--fix-mojibake", "--no-cache", str(path))
    assert done.returncode == exitcodes.INPUT_ERROR
    err = done.stderr.decode()
    assert f"{path}: cannot write the clean text back in cp1252" in err and "'ń' (U+0144" in err
    assert "--output-encoding utf-8" in err
    assert path.read_bytes() == data
    converted = run(
        "strip", "--in-place", "--encoding", "cp1252", "--fix-mojibake", "--output-encoding", "utf-8",
        "--no-cache", str(path),
    )
    assert converted.returncode == 0, converted.stderr
    assert "Poznań" in path.read_text(encoding="utf-8")


def test_stdin_is_written_back_in_its_encoding_too() -> None:
    text = sample("koi8-r", "russian", "plain", "long").strip() + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "cleanwire", "strip", "--encoding", "koi8-r", "-"],
        input=(text + FOOTER).encode("koi8-r"), capture_output=True, timeout=60,
    )
    assert done.returncode == 0 and done.stdout == text.encode("koi8-r")
