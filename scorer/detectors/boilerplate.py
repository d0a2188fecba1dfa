"""Boilerplate spans as signals, so reports and JSON show what was set aside and why."""

from __future__ import annotations

from scorer.load.document import Document
from scorer.signals import Signal, sentence_at


def detect(doc: Document) -> list[Signal]:
    return [
        Signal(
            "boilerplate",
            b.start,
            b.end,
            doc.slice(b),
            sentence_at(doc, b.start),
            {"pattern": b.pattern},
        )
        for b in doc.boilerplate
    ]
