"""The word gate skips only searches that would fail: claims are the same with and without."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.detectors.claims import model
from scorer.detectors.wordgate import WordGate, leading_words
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (r"\b(voted|passed)\b", {"voted", "passed"}),
        (r"\bvot(ed|es|e|ing) (for|against)\b", {"vot"}),
        (r"\b(dollars?|euros?)\b", {"dollar", "euro"}),
        (r"\b(i|we)('ll| will)\b|\bin my (view|opinion)\b", {"i", "we", "in"}),
        (r"\b((this|a) (year|month)|ago)\b", {"this", "a", "ago"}),
        (r"\b(?:has|have)\s+been", {"has", "have"}),
        (r"\bright(?! now)", {"right"}),
    ],
)
def test_the_literal_starts_of_simple_patterns(pattern: str, starts: set[str]) -> None:
    assert leading_words(pattern) == starts


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d",  # no word start
        r"%|\bper ?cent\b",  # one branch has none
        r"\b(?!(If|When)\b)([Hh]e|[A-Z][a-z]+)\s+said",  # a lookahead first
        r"\b(than\s+)?more",  # an optional group first
        r"\bs?aid",  # an optional first letter
        r"(?<=\w )[A-Z][a-z]+",
        r"\b(unbalanced",
    ],
)
def test_other_shapes_are_never_gated(pattern: str) -> None:
    assert leading_words(pattern) is None


def _searched(text: str) -> set[int]:
    """The claim features that match `text`, every one searched."""
    features = model().features
    lowered = text.lower()
    return {i for i, f in enumerate(features) if f.pattern.search(lowered if f.lowered else text)}


def _gate() -> WordGate:
    features = model().features
    return WordGate(
        [(f.pattern.pattern, bool(f.pattern.flags & re.IGNORECASE), f.lowered) for f in features]
    )


def test_every_matching_feature_of_real_sentences_is_left_possible() -> None:
    gate = _gate()
    bodies = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    sentences = [s for body in bodies for s in re.split(r"(?<=[.!?])\s+", body) if s]
    skipped = 0
    for sentence in sentences:
        possible = gate.possible(sentence, sentence.lower())
        assert _searched(sentence) <= possible, sentence
        skipped += len(model().features) - len(possible)
    assert len(sentences) > 40
    assert skipped > 10 * len(sentences)  # it does skip: most features, most sentences


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "voted",
                "Voted",
                "VOTE",
                "for",
                "dollars",
                "euro",
                "I",
                "we'll",
                "has",
                "hasn't",
                "been",
                "K",
                "\u212a",
                "one",
                "ONE",
                "thank",
                "thanks",
                "Court",
                "court",
                "right",
                "now",
                "per",
                "cent",
                "%",
                "$",
                "5",
                "ago",
                "in",
                "my",
                "view",
                "?",
                "é",
                "ſ",
            ]
        ),
        max_size=12,
    ),
    st.sampled_from([" ", "  ", "-", "\n", ", "]),
)
def test_the_gate_never_hides_a_match_of_generated_text(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert _searched(text) <= _gate().possible(text, text.lower())
