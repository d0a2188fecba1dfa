"""Hedges: the wording an editor would mark, and the look-alikes that are not hedges."""

from __future__ import annotations

import pytest

import scorer
from tests.conftest import INDEPENDENT, REWRITE


def hedges(text: str) -> list[tuple[str, str]]:
    return [
        (s.text, s.fields["type"])
        for s in scorer.audit(text, title="").signals
        if s.kind == "hedge"
    ]


def test_independent_seed_hedges():
    found = [
        (s.text, s.fields["type"], s.start)
        for s in scorer.audit_file(str(INDEPENDENT)).signals
        if s.kind == "hedge"
    ]
    assert found == [
        ("If confirmed", "conditional", 59),
        ("reportedly", "reporting", 1208),
        ("If his defection is confirmed", "conditional", 1312),
        ("Rumours circulated", "speculation", 2018),
        ("would", "epistemic", 2541),  # the model's: "hoping that ... would lead to"
    ]


def test_rewrite_seed_hedges():
    found = [
        (s.text, s.fields["type"], s.start)
        for s in scorer.audit_file(str(REWRITE)).signals
        if s.kind == "hedge"
    ]
    assert found == [
        ("reportedly", "reporting", 114),
        ("may", "epistemic", 274),
        ("ostensibly", "reporting", 424),
        ("reportedly", "reporting", 670),
        ("It’s been suggested", "speculation", 1910),
        ("might", "epistemic", 2146),
        ("could", "epistemic", 2415),
        ("in theory", "epistemic", 2527),
        ("may", "epistemic", 2603),
        ("before Habib’s defection is confirmed", "unconfirmed", 2618),
        ("if it’s true", "conditional", 2661),
        ("could", "epistemic", 2678),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The general resigned in May 2011.",
        "The talks began on May 4 and ended a week later.",
        "Elections were held in May, officials said.",
        "He could not attend the meeting.",
        "She couldn't see the border from the camp.",
        "The country's military might was on display.",
        "The claims were rejected by the court.",
        "The drug may be used as an astringent.",
        "Smaller gatherings may also be called potlucks.",
        "The sauce may contain nuts.",
        "Lactation may vary from 4 to 50 days.",
        "Smokers are more likely to develop the disease.",
    ],
)
def test_look_alikes_are_not_hedges(text):
    assert hedges(text) == []


def test_may_at_the_start_of_a_sentence_is_the_month_only_before_a_number():
    assert hedges("May 5 was the deadline. He may resign.") == [("may", "epistemic")]


def test_may_in_a_title_case_headline_is_the_verb_unless_a_date_word_precedes_it():
    assert hedges("Minister May Resign Over Scandal") == [("May", "epistemic")]
    assert hedges("Talks Collapse In May After Row") == []


def test_a_hedge_inside_a_direct_quote_belongs_to_the_source_not_the_reporter():
    text = "“He may well be in Turkey,” Mr Labwani said. The general may be in Turkey."
    assert hedges(text) == [("may", "epistemic")]
    assert scorer.audit(text, title="").signals[-1].start == text.rindex("may")


def test_the_longest_cue_wins():
    assert hedges("The video could not be independently verified.") == [
        ("could not be independently verified", "unconfirmed")
    ]


def test_curly_and_straight_apostrophes_match_alike():
    curly = [
        s
        for s in scorer.audit("It’s been suggested that he left.", title="").signals
        if s.kind == "hedge"
    ]
    straight = [
        s
        for s in scorer.audit("It's been suggested that he left.", title="").signals
        if s.kind == "hedge"
    ]
    assert [(s.start, s.end, s.fields) for s in curly] == [
        (s.start, s.end, s.fields) for s in straight
    ]
    assert [s.fields["type"] for s in curly] == ["speculation"]


def test_boilerplate_is_not_scanned_for_hedges():
    assert (
        hedges("Minister resigns\nThe minister resigned.\nRead more: Why ministers may resign")
        == []
    )


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The general may have fled to Turkey.", "may"),
        ("The drug may be dangerous.", "may"),
        ("He could also face charges.", "could"),
        ("The talks might include Iran.", "might"),
        ("The repairs could cost billions.", "could"),
        ("A deal is likely to be signed.", "likely"),
    ],
)
def test_modals_of_ability_or_habit_are_told_from_modals_of_doubt(text, cue):
    assert hedges(text) == ([(cue, "epistemic")] if cue else [])


# -- the uncertainty model beside the lexicon -------------------------------------------


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [
        (s.kind, s.text, s.fields["type"], s.fields["by"])
        for s in scorer.audit(text, title=None).signals
        if s.kind in ("hedge", "weasel")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "May has struggled to win shoppers this year.",  # a name before a finite verb
        "Matt Friedman may be reached at 555-0100.",  # a contact line
        '"It may rain tomorrow," he said.',  # the source's hedge, inside a quote
    ],
)
def test_what_is_no_hedge_stays_none_with_the_model(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Many experts believe the plan is doomed.", ("weasel", "Many experts", "quantifier")),
        (
            "It is widely regarded as the best hospital in the region.",
            ("weasel", "is widely regarded", "passive_belief"),
        ),
        ("The legendary coach won again on Sunday.", ("weasel", "legendary", "peacock")),
        ("The minister may resign on Friday.", ("hedge", "may", "epistemic")),
    ],
)
def test_the_evidence_words_make_a_weasel_or_a_hedge(text, expected):
    assert found(text) == [(*expected, "lexicon")]


def test_a_hedge_only_the_model_finds_points_at_its_words_with_their_weights():
    (signal,) = [
        s
        for s in scorer.audit_file(str(INDEPENDENT)).signals
        if s.kind == "hedge" and s.fields["by"] == "model"
    ]
    # "Syrian opposition members have been hoping that ... would lead to ...": "been"
    # weighs most, but a function word alone is no evidence to show.
    assert (signal.start, signal.text, signal.fields["type"]) == (2541, "would", "epistemic")
    assert signal.fields["evidence"] == [
        {"feature": "been", "weight": 0.4222},
        {"feature": "would", "weight": 0.3806},
        {"feature": "lead", "weight": 0.2812},
    ]


def test_a_house_entry_fires_where_neither_the_lexicon_nor_the_model_would(tmp_path):
    path = tmp_path / ".scorer.toml"
    path.write_text('[lexicons.hedges]\nspeculation = ["on the grapevine"]\n')
    text = "On the grapevine the minister resigned."
    signals = scorer.audit(text, config=path).signals
    assert [(s.text, s.fields["by"]) for s in signals if s.kind == "hedge"] == [
        ("On the grapevine", "lexicon")
    ]
    assert found(text) == []
