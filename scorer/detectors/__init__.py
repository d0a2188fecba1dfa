"""Detectors: each a pure function `Document -> list[Signal]`, one module each.

They read the Document only; they know nothing of rules or reports.
"""

from __future__ import annotations

from collections.abc import Callable

from scorer.load.document import Document
from scorer.signals import Signal

Detector = Callable[[Document], list[Signal]]


def all_detectors() -> tuple[Detector, ...]:
    """The detectors in the order they run (later ones may not depend on earlier ones)."""
    from scorer.detectors import (
        anonymity,
        attribution,
        boilerplate,
        claims,
        headline,
        hedges,
        replies,
    )

    return (
        boilerplate.detect,
        hedges.detect,
        attribution.detect,
        replies.detect,
        anonymity.detect,
        claims.detect,
        headline.detect,
    )


def run(doc: Document, detector: Detector) -> list[Signal]:
    """The detector's signals for this document, computed once however often asked (once
    per set of house lexicon entries: a Document audited under two configs is two runs)."""
    from scorer.detectors import lexicon

    key = (detector.__module__, detector.__qualname__, lexicon.house_key())
    return doc.memo(key, lambda: detector(doc))


def detect(doc: Document) -> list[Signal]:
    signals = [signal for detector in all_detectors() for signal in run(doc, detector)]
    signals.sort(key=lambda s: (s.start, s.end, s.kind))
    return signals
