"""The phrase language of `rules/lexicons/*.toml`: wildcards, endings and choices."""

from __future__ import annotations

import pytest

from scorer.detectors import lexicon
from scorer.errors import ScorerError


def matches(phrases: list[str], text: str) -> list[tuple[str, str]]:
    compiled = lexicon.compile_lexicon("test", {"cue": phrases}, "test.toml")
    return [(text[c.start : c.end], c.phrase) for c in compiled.finditer(text)]


def test_choices_match_any_one_word_and_index_every_first_word():
    phrases = ["is/are widely/often regarded as"]
    assert matches(phrases, "He is widely regarded as the best.") == [
        ("is widely regarded as", "is widely/often regarded as")
    ]
    assert matches(phrases, "They are often regarded as rivals.") == [
        ("are often regarded as", "are widely/often regarded as")
    ]
    assert matches(phrases, "He is rarely regarded as the best.") == []


def test_wildcards_and_endings():
    assert matches(["if _? _ is confirmed"], "If true, if the report is confirmed") == [
        ("if the report is confirmed", "if _? _ is confirmed")
    ]
    assert matches(["spread rumo*"], "They spread rumours; we spread rumors") == [
        ("spread rumours", "spread rumo*"),
        ("spread rumors", "spread rumo*"),
    ]


def test_the_longest_phrase_wins():
    assert matches(["could", "could not be verified"], "It could not be verified.") == [
        ("could not be verified", "could not be verified")
    ]


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("_ said", "must start with a plain word"),
        ("is/ regarded", "empty choice"),
        ("is //regarded", "empty choice"),
    ],
)
def test_a_malformed_phrase_names_the_file_and_the_phrase(phrase, problem):
    with pytest.raises(ScorerError, match=problem) as raised:
        lexicon.compile_lexicon("test", {"cue": [phrase]}, "house.toml")
    assert raised.value.path == "house.toml"
    assert repr(phrase) in str(raised.value)


def test_one_phrase_in_two_types_is_refused():
    with pytest.raises(ScorerError, match="listed as both 'a' and 'b'"):
        lexicon.compile_lexicon("test", {"a": ["is/was said"], "b": ["was said"]}, "x.toml")
