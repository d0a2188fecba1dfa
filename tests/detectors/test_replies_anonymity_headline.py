"""Replies, anonymity reasons and headlines that overstate the body."""

from __future__ import annotations

import pytest

import scorer
from tests.conftest import INDEPENDENT, REWRITE


def kinds(text: str, kind: str, title: str | None = "") -> list[tuple[str, str]]:
    return [
        (s.text, s.fields["type"])
        for s in scorer.audit(text, title=title).signals
        if s.kind == kind
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syrian state television denied that Gen Habib had left Syria.", ("denied", "denial")),
        ("A spokesman declined to comment.", ("declined to comment", "declined")),
        (
            "The ministry did not respond to requests for comment.",
            ("did not respond", "no_response"),
        ),
        ("The ministry could not be reached for comment.", ("could not be reached", "no_response")),
        (
            "In response to the report, the ministry said it was false.",
            ("In response to", "response"),
        ),
    ],
)
def test_reply_types(text, expected):
    assert kinds(text, "reply") == [expected]


def test_a_denial_inside_a_quote_is_the_speakers_word_not_a_reply():
    assert kinds("“They denied everything,” she said.", "reply") == []


def test_independent_seed_reply_is_state_televisions_denial():
    replies = [
        (s.text, s.fields["type"], s.start)
        for s in scorer.audit_file(str(INDEPENDENT)).signals
        if s.kind == "reply"
    ]
    assert replies == [("denied", "denial", 1817)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The official, who was not authorized to speak publicly, said talks had failed.",
            ("not authorized to speak", "rote_reason"),
        ),
        ("An aide who attended the meeting said talks had failed.", ("who attended", "knowledge")),
        ("A person briefed on the talks said they had failed.", ("briefed on", "knowledge")),
        (
            "A resident, who asked not to be named for fear of reprisals, said troops came.",
            ("for fear of", "reason"),
        ),
        (
            "People familiar with the matter said the deal was close.",
            ("familiar with the matter", "knowledge"),
        ),
    ],
)
def test_anonymity_reason_types(text, expected):
    assert kinds(text, "anonymity_reason") == [expected]


def test_both_seed_headlines_overstate_a_hedged_body():
    first = [s for s in scorer.audit_file(str(INDEPENDENT)).signals if s.kind == "headline"]
    second = [s for s in scorer.audit_file(str(REWRITE)).signals if s.kind == "headline"]
    assert [(s.start, s.end, [h["text"] for h in s.fields["hedges"]]) for s in first] == [
        (0, 58, ["reportedly"])
    ]
    assert first[0].fields["body"]["text"].startswith("A former Syrian defence minister")
    assert [(s.start, s.end, [h["text"] for h in s.fields["hedges"]]) for s in second] == [
        (0, 49, ["reportedly"])
    ]


def test_the_standfirst_that_hedges_itself_is_not_flagged():
    signals = scorer.audit_file(str(INDEPENDENT)).signals
    assert [s.fields["display"] for s in signals if s.kind == "headline"] == ["headline"]


BODY = "\nThe election could be a terror target, officials reportedly fear.\n"


@pytest.mark.parametrize(
    ("headline", "flagged"),
    [
        ("Election is terror target", True),
        ("Election 'could be terror target'", False),  # quoted: the headline attributes it
        ("Election could be terror target", False),
        ("Is the election a terror target?", False),
        ("Election ‘a terror target’", False),
        ("Theresa May: election is terror target", True),  # a name, not a modal
    ],
)
def test_a_headline_that_hedges_itself_is_not_flagged(headline, flagged):
    signals = scorer.audit(headline + BODY, title=None).signals
    assert [s.text for s in signals if s.kind == "headline"] == ([headline] if flagged else [])


def test_a_headline_whose_body_states_it_plainly_is_not_flagged():
    text = "Minister resigns over budget row\nThe minister resigned over the budget row on Tuesday, her office said."
    assert kinds(text, "headline", title=None) == []


def test_a_headline_given_by_the_caller_has_an_empty_span_and_its_text_in_the_field():
    text = "The general has reportedly defected to Turkey, fleeing at night."
    (signal,) = [
        s
        for s in scorer.audit(text, title="General defects to Turkey").signals
        if s.kind == "headline"
    ]
    assert (signal.start, signal.end, signal.text) == (0, 0, "")
    assert signal.fields["headline"]["text"] == "General defects to Turkey"
