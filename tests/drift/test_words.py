"""The features compare aligns claims by: stems, numbers, names and paraphrase groups."""

from __future__ import annotations

from scorer.drift.words import features, title_case


def test_paraphrase_groups_join_newsroom_synonyms() -> None:
    assert features("He fled.") == features("He escaped.") == frozenset(["~flee"])
    assert features("after he resigned") == features("after he stepped down") - {"step"}
    assert features("kept under close guard") >= {"~arrest"}
    assert features("He was under house arrest") == frozenset(["~arrest", "hous"])


def test_places_are_one_name_and_us_is_not_the_united_states() -> None:
    assert features("across the Turkish border") == frozenset(
        ["across", "@~turkey", "~turkey", "~border"]
    )
    assert features("fled to Turkey") == frozenset(["~flee", "@~turkey", "~turkey"])
    assert "~america" in features("the U.S. and Russia") and "~america" in features("US troops")
    assert "~america" not in features("He told us")
    assert "~turkey" not in features("a turkey dinner")


def test_names_and_title_case() -> None:
    assert features("Kamal al-Labwani said") >= {"@labwani", "labwani"}
    assert features("Someone Really Important", names=False) == frozenset(
        ["someon", "realli", "import"]
    )
    assert title_case("Someone Really Important Just Defected From Syria")
    assert not title_case("Syria crisis: general deserts Damascus and flees to Turkey")


def test_the_words_as_written() -> None:
    assert features("General deserts Damascus", groups=False) >= {"desert"}
    assert "~defect" in features("General deserts Damascus")
