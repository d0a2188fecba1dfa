"""Claims: checkable sentences, and whether anyone is on record for them."""

from __future__ import annotations

import re

import pytest

import scorer
from scorer import document_from_text
from scorer.detectors.claims import _feature, model, rule_scores
from tests.conftest import INDEPENDENT, REWRITE


def claims(text: str) -> list[tuple[str, str]]:
    return [
        (s.text, s.fields["status"])
        for s in scorer.audit(text, title="").signals
        if s.kind == "claim"
    ]


def statuses(path) -> dict[int, str]:
    return {
        s.sentence: s.fields["status"]
        for s in scorer.audit_file(str(path)).signals
        if s.kind == "claim"
    }


def test_rewrite_seed_claim_statuses():
    assert statuses(REWRITE) == {
        1: "unverified",  # "has reportedly defected to Turkey"
        3: "unattributed",  # "General Ali Habib was appointed defense minister in 2009."
        4: "attributed",  # "opposition sources say ..."
        5: "unverified",  # "Assad reportedly kept Habib under close guard"
        6: "attributed",  # "multiple sources tell Reuters"
        7: "unattributed",  # "There have been a lot of defections ..."
        8: "unattributed",  # "he's one of the highest-level members ..."
        9: "unattributed",  # "most other defectors have been Sunni Muslims"
        11: "unattributed",  # "The country is majority Sunni"
        14: "attributed",  # "Kamal al-Labwani ... thinks"
        15: "attributed",  # a direct quote, "Labwani said"
        17: "hedged",  # "could entice other Alawites"
    }  # not 10 ("This is significant given ..."), 13 ("It's been suggested ... can be
    # prevented if"), 16 ("I am all for this roadmap."): a judgement, a speculation, an opinion


def test_independent_seed_claim_statuses():
    found = statuses(INDEPENDENT)
    assert found[11] == "unverified"  # "has reportedly defected"
    assert found[12] == "hedged"  # "If his defection is confirmed"
    assert found[17] == "unverified"  # "Rumours circulated that ..."
    assert found[21] == "attributed"  # the end of Mr Labwani's three-sentence quote
    assert found[25] == "attributed"  # carries on "He says eight other generals ..."
    assert found[22] == "hedged"  # "have been hoping that ... would lead": the model's "would"
    assert 20 not in found  # "Habib has had a long military career.": the model says no
    assert sorted(found) == [11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 28, 29]


@pytest.mark.parametrize(
    "text",
    [
        "I am all for this roadmap.",
        "We will fight for every family in this country.",
        "Is this the right way forward?",
        "I think we should change course.",
        "Thank you all for coming tonight.",
    ],
)
def test_opinions_intentions_and_questions_are_not_claims(text):
    assert claims(text) == []


def test_figures_and_records_are_claims_and_say_why():
    (signal,) = [
        s
        for s in scorer.audit("Unemployment rose to 8.1 percent in 2009.", title="").signals
        if s.kind == "claim"
    ]
    assert signal.fields["status"] == "unattributed"
    assert signal.fields["features"] == ["figure", "percentage", "change", "time", "policy"]


def test_boilerplate_is_never_a_claim():
    text = "Minister resigns\nThe minister resigned on Tuesday, her office said.\nSubscribe to our newsletter for $1 a week"
    assert [status for _, status in claims(text)] == ["attributed"]


def statuses_of(text: str) -> list[str]:
    """The rules' verdict on a one-sentence text (["unattributed"] for a claim): the rules
    of claims.toml are read here, as the trained model reads their verdict as a feature."""
    doc = document_from_text(text, title="")
    threshold = model().threshold
    return ["unattributed" for _, score, _ in rule_scores(doc) if score >= threshold]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "one" is mostly a pronoun: it weighs half what a real count does.
        ("No one is in the budget talks.", []),
        ("Twelve states are in the budget talks.", ["unattributed"]),
    ],
)
def test_one_is_a_weak_number_word(text, expected):
    assert statuses_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't think the army was ready for this war.", []),
        ("I thought the army was ready for this war.", []),
        ("I agree with Senator Smith that the army was not ready.", []),
        ("The army was not ready for this war, General Smith said.", ["unattributed"]),
    ],
)
def test_negated_past_and_agreeing_opinions_are_not_claims(text, expected):
    assert statuses_of(text) == expected


def test_a_claim_the_model_finds_with_its_speaker_named_is_attributed():
    assert claims("The army was not ready for this war, General Smith said.") == [
        ("The army was not ready for this war, General Smith said.", "attributed")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What the speaker can do is a promise; what was done is a record.
        ("We can create two million jobs.", []),
        ("The economy created two million jobs.", ["unattributed"]),
        # Values are argued, not checked; the same frame with an actor is a claim.
        (
            "Freedom and opportunity have been the strength of this nation for two hundred years.",
            [],
        ),
        ("The army has been in this nation for two hundred years.", ["unattributed"]),
    ],
)
def test_abilities_and_values_are_not_claims(text, expected):
    assert statuses_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A third person or named actor doing something in the past is an event.
        ("They closed the plant in Ohio.", ["unattributed"]),
        ("Habib defected to Turkey.", ["unattributed"]),
        # Saying is not an event; nor is the speaker's own errand.
        ("He said it was a good day.", []),
        ("I went home early.", []),
    ],
)
def test_actors_doing_things_in_the_past_are_claims(text, expected):
    assert statuses_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Periodic and open-ended time ("every year", "since") dates a statement.
        ("The mill has hired workers every year.", ["unattributed"]),
        ("The mill has hired workers.", []),
        # The present state of things is as checkable as a past one.
        ("Inflation is now at its worst.", ["unattributed"]),
        ("Inflation is at its worst.", []),
    ],
)
def test_periods_and_the_present_date_a_claim(text, expected):
    assert statuses_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A vote is on the record; "voted" alone says less than how.
        ("Most members voted against it.", ["unattributed"]),
        ("Most members voted.", []),
        # A comparison or approximation on a quantity says how much.
        ("Nearly half of the workers are women.", ["unattributed"]),
        ("It takes more than words.", []),
    ],
)
def test_votes_and_compared_quantities_are_claims(text, expected):
    assert statuses_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A named institution is an actor whose record can be consulted.
        ("The Supreme Court struck down the law.", ["unattributed"]),
        # A judgement grades what happened instead of stating it; "right now" is no judgement.
        ("It was a good budget for the economy last year.", []),
        ("It was a balanced budget last year.", ["unattributed"]),
        ("Right now, the army is in Syria.", ["unattributed"]),
    ],
)
def test_institutions_count_for_and_judgements_against(text, expected):
    assert statuses_of(text) == expected


def test_a_conjunction_is_no_actor():
    assert "actor-past" in model().score("Officials declined to comment.")[1]
    assert "actor-past" not in model().score("When asked, the officials declined.")[1]


def test_case_insensitive_features_match_whatever_the_case():
    words = _feature({"id": "w", "pattern": r"\bvoted (for|against)\b", "weight": 1.0})
    assert words.lowered and not words.pattern.flags & re.IGNORECASE
    assert {"record", "vote"} <= set(model().score("They VOTED Against it.")[1])
    # A pattern that spells an upper-case letter keeps IGNORECASE, so it still matches.
    spelled = _feature({"id": "s", "pattern": r"\bUN\b|\d", "weight": 1.0})
    assert spelled.lowered and spelled.pattern.flags & re.IGNORECASE
    assert spelled.pattern.search("the un voted".lower())
    # Escapes such as \D or \S are not upper-case letters.
    escaped = _feature({"id": "e", "pattern": r"\S+\D", "weight": 1.0})
    assert not escaped.pattern.flags & re.IGNORECASE
    sensitive = _feature({"id": "c", "pattern": r"[A-Z]\w+", "weight": 1.0, "case_sensitive": True})
    assert not sensitive.lowered and not sensitive.pattern.search("lower case only")
