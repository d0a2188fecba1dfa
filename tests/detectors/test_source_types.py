"""Source typing, on its own: a phrase's type from its words, resolved against the copy
before it. The table is our blind-labelled set (bench/labels/source_phrases.jsonl)."""

from __future__ import annotations

import json

import pytest

from scorer.detectors.entities import type_in_text
from scorer.detectors.source_types import type_phrase
from tests.conftest import ROOT

ROWS = [
    json.loads(line)
    for line in (ROOT / "bench" / "labels" / "source_phrases.jsonl").read_text().splitlines()
]


def _typed(row: dict[str, str]) -> str:
    context, sentence, source = row["context"], row["sentence"], row["source"]
    text = f"{context} {sentence}" if context else sentence
    start = text.index(sentence) + sentence.index(source)
    return type_in_text(text, start, start + len(source))


def test_the_blind_labelled_table_is_typed_right_at_least_95_times_in_100():
    wrong = [(row["id"], row["type"], got) for row in ROWS if (got := _typed(row)) != row["type"]]
    assert len(ROWS) == 407
    assert len(wrong) <= 0.05 * len(ROWS), wrong


@pytest.mark.parametrize(
    ("sentence", "source", "expected"),
    [
        # The classes of issue 19, in sentences of our own.
        ("Sources familiar with the deal said it was done.", "Sources familiar with the deal", "anonymous"),
        ("The plan is dead, said a source close to the probe.", "a source close to the probe", "anonymous"),
        ("'It's over,' said one GOP operative.", "one GOP operative", "anonymous"),
        ("Sources within the party told the BBC he would go.", "Sources within the party", "anonymous"),
        ("One academic told the authors the data were thin.", "One academic", "anonymous"),
        ("The prime minister, Boris Johnson, said the deal was done.", "The prime minister, Boris Johnson", "named_person"),
        ("A senior administration official, speaking on condition of anonymity to discuss "
         "internal deliberations, said the talks had stalled.", "A senior administration official", "anonymous"),
        ("A Google spokesperson said the outage was over.", "A Google spokesperson", "named_organization"),
        ("Insiders expect a deal by Friday.", "Insiders", "anonymous"),
        ("Critics say the plan will fail.", "Critics", "vague"),
        ("It is understood the talks will resume.", "It is understood", "agentless"),
        ("The Times can reveal that the report was shelved.", "The Times", "self"),
        ("The striker left in October, Reuters reported.", "Reuters", "named_outlet"),
        ("Leaders meeting in October agreed a new timetable.", "October", "none"),
        ("The storm was blamed for the damage.", "The storm", "none"),
        ("The judge told Harris he would go to prison.", "Harris", "none"),
    ],
)  # fmt: skip
def test_the_classes_an_editor_names(sentence, source, expected):
    start = sentence.index(source)
    assert type_in_text(sentence, start, start + len(source)) == expected


@pytest.mark.parametrize(
    ("context", "sentence", "source", "expected"),
    [
        ("Barclays expects inflation to fall.", "It has recently forecast two rate cuts.", "It", "named_organization"),
        ("The prime minister's official spokesman briefed reporters.",
         "The spokesman declined to comment.", "The spokesman", "anonymous"),
        ("The boy was taken to St Mary's Hospital.", "A hospital spokeswoman said he was stable.",
         "A hospital spokeswoman", "named_organization"),
        ("Pentagon spokesman John Kirkland said the carrier would stay.",
         "The spokesman declined to say for how long.", "The spokesman", "named_person"),
        ("Mark Fenton visited the hospital.", "Mr Fenton warned it was at breaking point.", "Mr Fenton", "named_person"),
    ],
)  # fmt: skip
def test_references_take_the_type_of_what_they_point_to(context, sentence, source, expected):
    text = f"{context} {sentence}"
    start = text.index(sentence) + sentence.index(source)
    assert type_in_text(text, start, start + len(source)) == expected


def test_an_anonymous_source_is_described_by_more_than_a_rank_or_a_count():
    assert type_phrase("opposition sources").described
    assert type_phrase("a person familiar with the talks").described
    assert not type_phrase("sources").described
    assert not type_phrase("two sources").described
    assert not type_phrase("a senior official").described
