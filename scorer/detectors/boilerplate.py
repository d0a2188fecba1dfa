"""Boilerplate spans as signals, so reports and JSON show what was set aside and why."""

from __future__ import annotations

from scorer.detectors import Needed
from scorer.detectors.reading import Reading
from scorer.signals import Signal

KIND = "boilerplate"
NEEDS = ()


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    return [
        Signal(
            "boilerplate",
            b.start,
            b.end,
            doc.slice(b),
            doc.sentence_at(b.start),
            {"pattern": b.pattern},
        )
        for b in doc.boilerplate
    ]
