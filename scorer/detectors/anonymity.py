"""Anonymity reasons: why a source was granted anonymity, and how they know.

Flags "for fear of reprisals" (reason), "was not authorised to speak publicly"
(rote_reason: the formula NYT standards called worse than none), "who attended the
meeting", "briefed on" (knowledge). A bare "on condition of anonymity" gives no reason
and is not flagged here: the rules see an anonymous source with no reason.
"""

from __future__ import annotations

from scorer.detectors import Needed
from scorer.detectors.phrases import detect_phrases
from scorer.detectors.reading import Reading
from scorer.signals import Signal

KIND = "anonymity_reason"
NEEDS = ()


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    return detect_phrases(reading, "anonymity", "anonymity_reason", skip_quotes=True)
