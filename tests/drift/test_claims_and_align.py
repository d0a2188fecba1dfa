"""Claims at clause level (asides the writer's own) and the alignment's rules, on small texts."""

from __future__ import annotations

import scorer
from scorer.drift.align import align
from scorer.drift.changes import changes
from scorer.drift.claims import Claim, claims_of

HEAD = "Council cuts\n\n"


def _claims(body: str) -> list[tuple[str, str]]:
    return [(claim.text, claim.status) for claim in claims_of(scorer.audit(HEAD + body), "A")][1:]


def test_a_relative_clause_is_the_writers_background_not_the_sources() -> None:
    assert _claims(
        "The general, who was Defence Minister from 2009 to August 2011, stepped down because "
        "of health reasons, according to the regime."
    ) == [
        ("The general, who was Defence Minister from 2009 to August 2011", "unattributed"),
        ("stepped down because of health reasons, according to the regime.", "named"),
    ]


def test_a_relative_clause_at_the_end_is_its_own_claim() -> None:
    assert _claims(
        "Opposition sources say he disagreed with the violent crackdown on protesters, which "
        "began several months before his resignation."
    ) == [
        ("Opposition sources say he disagreed with the violent crackdown on protesters",
         "anonymous"),
        ("which began several months before his resignation.", "unattributed"),
    ]  # fmt: skip


def test_an_aside_about_the_source_stays_with_it() -> None:
    said = (
        "Councillor Priya Anand, who holds the finance brief, said the authority faced a gap of "
        "£11 million over three years."
    )
    assert _claims(said) == [(said, "named")]
    after = "The gap is £11 million, said Councillor Priya Anand, who holds the finance brief."
    assert _claims(after) == [(after, "named")]


def test_an_aside_runs_over_a_number_and_on_past_and() -> None:
    assert [text for text, _ in _claims(
        "The closure has forced the regatta, which usually draws about 2,000 spectators and, in "
        "theory, a good many more, to move its start line."
    )] == [
        "The closure has forced the regatta",
        "which usually draws about 2,000 spectators and, in theory, a good many more, to move "
        "its start line.",
    ]  # fmt: skip


def _claim(n: int, text: str, role: str = "body") -> Claim:
    return Claim(f"X{n}", 0, len(text), text, n, role, "unattributed")


def test_names_alone_do_not_link_claims() -> None:
    a = [_claim(1, "From Paris, Kamal al-Labwani said that he was told by a diplomat.")]
    b = [_claim(1, "Kamal al-Labwani, living in Paris, thinks the general could lead.")]
    assert align(a, b) == ()
    b = [_claim(1, "Kamal al-Labwani, living in Paris, said he was told by a diplomat.")]
    assert [link.a for link in align(a, b)] == [(0,)]


def test_the_claim_after_the_previous_ones_counterpart_is_favoured() -> None:
    a = [
        _claim(1, "The minister stepped down because of health reasons."),
        _claim(
            2, "Rumours circulated that he was dismissed for opposing the killing of protesters."
        ),
        _claim(3, "Fishing quotas for the harbour were cut by half last spring."),
    ]
    b = [
        _claim(1, "He stepped down, ostensibly for health reasons."),
        _claim(2, "The real reason was that he opposed the crackdown on protesters, sources say."),
    ]
    links = align(a, b)
    assert [(link.b, link.a) for link in links] == [(0, (0,)), (1, (1,))]
    # Alone, the second claim is too unlike the rumour to be linked to it.
    assert align(a[1:2], b[1:]) == ()


def test_an_attribution_with_no_content_is_read_not_crashed_on() -> None:
    # "declined to comment" reports no content: its attribution's content is None.
    assert _claims("Hartwell's declined to comment on the speculation about a takeover bid.") == [
        ("Hartwell's declined to comment on the speculation about a takeover bid.", "named")
    ]


def test_a_sentence_of_punctuation_is_no_claim() -> None:
    # Scraped bodies hold "..." and "//<!" as sentences of their own: with no word, they
    # would show as added and dropped when a text is compared with itself.
    text = HEAD + "The mayor resigned on Monday. ... //<! The council meets on Friday."
    comparison = scorer.compare(text, text)
    assert [row.kinds for row in comparison.changes] == [("kept",)] * 3


def test_a_claim_copied_word_for_word_is_kept_whatever_its_words() -> None:
    a = [_claim(1, "This is Deandre Joshua."), _claim(2, "He did it again.")]
    b = [_claim(1, "He did it again."), _claim(2, "This is  Deandre Joshua.")]
    assert [(link.b, link.a, link.similarity) for link in align(a, b)] == [
        (0, (1,), (1.0,)),
        (1, (0,), (1.0,)),
    ]


def test_a_claim_restating_only_who_the_source_is_changes_no_sourcing() -> None:
    source = "Hartwell's, the supermarket chain based in Dunmarsh"
    a = Claim("A1", 0, 90, f"{source}, said it would review 14 stores.", 1, "body", "named",
              (), source)  # fmt: skip
    b = Claim("B1", 0, 40, "The Dunmarsh-based supermarket chain", 1, "body", "unattributed")
    assert changes([a], [b], align([a], [b]))[0].kinds == ("kept",)
    # What the source said, restated without it, is still lost.
    b = Claim("B1", 0, 40, "The chain will review 14 stores.", 1, "body", "unattributed")
    assert changes([a], [b], align([a], [b]))[0].kinds == ("lost",)


def test_an_unrelated_story_gets_no_headline_change() -> None:
    a = (
        "Council may cut jobs\n\nUp to 200 jobs could go if the budget is approved.\n\n"
        "The council meets on Thursday to vote on the plan, its leader said."
    )
    b = (
        "Bakery creates 200 jobs\n\nA family bakery in the harbour town is hiring.\n\n"
        "Its owners opened a second oven last spring, they said."
    )
    comparison = scorer.compare(a, b)
    assert comparison.unrelated and comparison.counts["headline"] == 0


def test_a_source_the_audit_reads_over_the_whole_claim_still_loses_it() -> None:
    a = "Flood warning\n\nThe Environment Agency is investigating, a spokesman confirmed."
    b = "Flood warning\n\nThe Environment Agency is investigating."
    row = next(row for row in scorer.compare(a, b).changes if row.b and row.b.role == "body")
    assert row.kinds == ("lost",)


def test_an_aside_inside_what_a_source_said_stays_there() -> None:
    said = "Officials said the dam, which was built in 1952, could fail within weeks."
    assert _claims(said) == [(said, "anonymous")]
    # Its own subject and verb stay together too, with no source in the sentence.
    plain = "The dam, which was built in 1952, could fail within weeks."
    assert _claims(plain) == [(plain, "unattributed")]
    row = scorer.compare(HEAD + said, HEAD + plain).changes[1]
    assert (row.kinds, row.b.text) == (("lost",), plain)
