"""The phase profile times each phase and leaves the pipeline as it found it."""

from __future__ import annotations

from bench.phases import PHASES, run_once
from cleanwire.pipeline import cleaner

DOCUMENTS = [
    ("one.txt", b"Headline\n\nBody text of the article, long enough to stay.\n\nAll rights reserved.\n"),
    ("two.txt", "Zweite Meldung\n\nDer Text bleibt.\n\n\u00a9 2024 Verlag\n".encode()),
]


def test_every_timed_phase_is_restored_and_the_parts_fit_in_the_whole() -> None:
    before = [getattr(owner, attribute) for _, owner, attribute, _ in PHASES]
    total, spent = run_once(DOCUMENTS)
    assert [getattr(owner, attribute) for _, owner, attribute, _ in PHASES] == before
    assert spent["decide (all rule phases)"] > 0 and spent["structure rules"] > 0
    assert spent["structure rules"] <= spent["decide (all rule phases)"] <= total
    text = "Headline\n\nBody text.\n\nAll rights reserved.\n"
    assert cleaner.Cleaner(outlet="none").clean(text).text == "Headline\n\nBody text.\n"
