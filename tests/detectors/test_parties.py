"""Right of reply, party by party; sources that are only the story's subject; evidence quoted."""

from __future__ import annotations

import scorer
from scorer.config import Config
from scorer.detectors.parties import Party, same, unanswered

NEWS = Config(engine="python", genre="news")


def _findings(text: str, rule: str) -> list[str]:
    return [f.message for f in scorer.audit(text, config=NEWS).findings if f.rule == rule]


def _replies(text: str) -> list[tuple[str, str, str | None]]:
    audit = scorer.audit(text, config=NEWS)
    return [
        (s.fields["type"], s.text, (s.fields["party"] or {}).get("text"))
        for s in audit.signals
        if s.kind == "reply"
    ]


def test_a_request_for_comment_is_a_reply_naming_its_party():
    text = "Prince Andrew was accused of misconduct. CNN has reached out to the royal family for comment."
    assert _replies(text) == [
        ("request", "reached out to the royal family for comment", "the royal family")
    ]
    assert _replies("The firm has been approached for comment.") == [
        ("request", "has been approached for comment", "The firm")
    ]


def test_a_reply_from_the_accused_answers_and_one_from_someone_else_does_not():
    answered = "Police accused the company of fraud on Tuesday. The company denied the claims."
    assert _findings(answered, "no-right-of-reply") == []
    other = (
        "Police accused the company of fraud on Tuesday. "
        "The union said in response that it welcomed the inquiry."
    )
    # "fraud" names nobody, so the union's reply may answer it; "accused" names the company.
    assert _findings(other, "no-right-of-reply") == [
        "1 of 2 accusation(s) with no reply, denial or request for comment from the party "
        "accused: 'accused' (the company); replies from: 'The union'"
    ]


def test_an_accusation_of_something_that_cannot_answer_accuses_nobody():
    text = "The storm was blamed for scores of accidents across the region on Tuesday."
    audit = scorer.audit(text, config=NEWS)
    assert [f.rule for f in audit.findings if f.rule == "no-right-of-reply"] == []


def test_parties_are_one_when_they_share_a_name_or_one_is_a_pronoun():
    def party(text: str) -> Party:
        return Party(0, len(text), text)

    assert same(party("Prince Andrew"), party("a spokesman for Andrew"))
    assert same(party("the company"), party("companies"))
    assert same(party("the minister"), party("He"))
    assert not same(party("the company"), party("The union"))
    assert unanswered([party("the company"), None], [party("The union")]) == [0]
    assert unanswered([party("the company")], []) == [0]
    assert unanswered([party("the company")], [party("she")]) == []


def test_a_story_sourced_only_to_its_subject_is_found_and_one_with_an_outside_voice_is_not():
    only = (
        "Acme to cut 500 jobs\n\nAcme will cut 500 jobs at its Leeds plant, Acme said on "
        "Tuesday. \u201cThis was a hard decision,\u201d said Jane Doe, Acme's chief executive."
    )
    assert _findings(only, "subject-only-sources") == [
        "every source is the story's own subject ('Acme', 'Jane Doe, Acme's chief "
        "executive'): nobody independent is on record"
    ]
    outside = (
        only + " \u201cWe were not told,\u201d said Tom Green, the union's regional secretary."
    )
    assert _findings(outside, "subject-only-sources") == []
    # "The union" names nobody, but it is not the subject; nor is an unresolved "the company".
    for other in ("The union said the cuts were a betrayal.", "The company said so too."):
        assert _findings(only + " " + other, "subject-only-sources") == []


def test_findings_quote_their_evidence():
    text = (
        "Bridge closed for good\n\nThe bridge carried 40,000 cars a day in 2019 and cost "
        "$12 million to repair last year, according to council figures. It is reportedly "
        "closed for good."
    )
    [headline] = _findings(text, "headline-overstates")
    assert headline == (
        "the headline states as fact what the body hedges with 'reportedly': "
        "'It is reportedly closed for good.'"
    )


def test_a_request_for_comment_is_the_newsrooms_not_anyones():
    residents = (
        "Police accused the landlord of negligence. Residents have repeatedly contacted "
        "the landlord for a response about the damp."
    )
    assert _replies(residents) == []
    assert _replies("The judge asked prosecutors for a response by Friday.") == []
    assert _replies("We contacted the landlord for comment.") == [
        ("request", "contacted the landlord for comment", "the landlord")
    ]


def test_titles_and_stems_do_not_make_two_parties_one():
    for text in (
        "Mr Smith accused Mr Jones of fraud on Tuesday. Mr Brown denied the claims.",
        "Prince Harry was accused of lying on Tuesday. Prince Andrew denied it.",
        "The police were accused of lying on Tuesday. The policy unit denied it.",
    ):
        assert len(_findings(text, "no-right-of-reply")) == 1, text


def test_a_capital_that_starts_a_sentence_is_no_party_and_a_replys_own_words_no_accusation():
    assert (
        _findings("Heavy rain was blamed for the crash on the M1 on Tuesday.", "no-right-of-reply")
        == []
    )
    assert _findings("Flooding was blamed for delays across the region.", "no-right-of-reply") == []
    # Answered; and "wrongdoing" inside the denial is what it denies, no second accusation.
    answered = "Mr Smith accused Mr Jones of fraud. Mr Jones denied any wrongdoing."
    assert _findings(answered, "no-right-of-reply") == []


def test_a_wire_story_telling_its_own_agency_is_not_a_relay():
    wire = (
        "LONDON (Reuters) - The minister will resign on Friday, his spokesman told Reuters. "
        "Jane Doe, a party official, told Reuters the decision was final. Officials told "
        "Reuters the cabinet would meet."
    )
    assert _findings(wire, "relayed-story") == []
    [relay] = _findings(wire.removeprefix("LONDON (Reuters) - "), "relayed-story")
    assert relay.startswith("3 of 3 attributions rest on other outlets' reporting ('Reuters')")
