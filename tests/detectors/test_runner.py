"""The detectors' runner: each detector after the kinds it needs, run once, handed only those."""

from __future__ import annotations

import re

import pytest

from scorer import detectors
from scorer.detectors import Detector, detect
from scorer.detectors.reading import Reading
from scorer.load import load_string
from scorer.signals import KINDS

TEXT = "Police accused the minister of fraud. He may resign, officials said."


def test_every_detector_runs_after_the_kinds_it_needs():
    order = [d.kind for d in detectors.detectors()]
    for position, detector in enumerate(detectors.detectors()):
        assert set(detector.needs) <= set(order[:position]), detector.name
    made = {kind for d in detectors.detectors() for kind in (d.kind, *d.also)}
    assert made == set(KINDS) | {"accusation", "entity"}  # for the facts, for entities


def test_a_detector_is_handed_exactly_the_signals_it_needs(monkeypatch):
    seen: dict[str, set[str]] = {}
    real = detectors.detectors()

    def spying(detector: Detector) -> Detector:
        def detect_(reading, needed):
            seen[detector.kind] = set(needed)
            return detector.detect(reading, needed)

        return Detector(detector.kind, detector.needs, detect_, detector.name, detector.also)

    monkeypatch.setattr(detectors, "detectors", lambda: tuple(map(spying, real)))
    found = detect(Reading(load_string(TEXT)))
    assert seen == {d.kind: set(d.needs) for d in real}
    assert seen["claim"] == {"attribution", "hedge"}
    assert [s.text for s in found["accusation"]] == ["accused", "fraud"]
    assert [s.text for s in found["hedge"]] == ["may"]


def test_asking_for_one_kind_runs_it_and_what_it_needs_only():
    found = detect(Reading(load_string(TEXT)), ["claim"])
    # The attribution detector also makes its sources' entities; the hedge detector, weasels.
    assert set(found) == {"claim", "attribution", "entity", "hedge", "weasel"}


def test_house_lexicon_entries_travel_in_the_reading():
    doc = load_string("On the face of it the plan works.")
    assert detect(Reading(doc), ["hedge"])["hedge"] == []
    house = {"hedges": (("epistemic", ("on the face of it",)),)}
    (hedge,) = detect(Reading(doc, house, "house.toml"), ["hedge"])["hedge"]
    assert (hedge.text, hedge.fields["type"]) == ("On the face of it", "epistemic")


def _detector(kind: str, *needs: str) -> Detector:
    return Detector(kind, needs, lambda reading, needed: [], kind)


def test_detectors_are_ordered_by_their_needs_then_as_given():
    claims, hedges = _detector("claim", "hedge"), _detector("hedge")
    boilerplate = _detector("boilerplate")
    assert detectors.order([claims, boilerplate, hedges]) == (boilerplate, hedges, claims)


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ([_detector("claim", "rumour")], "nothing makes ['rumour']"),
        ([_detector("a", "b"), _detector("b", "a")], "they need each other: ['a', 'b']"),
    ],
)
def test_detectors_that_cannot_be_ordered_are_an_error(given, problem):
    with pytest.raises(RuntimeError, match=re.escape(problem)):
        detectors.order(given)
