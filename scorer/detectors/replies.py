"""Replies: the subject's answer is reported, or that they were asked.

Flags "Syrian state television denied that", "declined to comment", "did not respond to
requests for comment", "said in response" (types denial, declined, no_response,
response); not the same words inside a direct quote ("“I deny nothing,” he said").
"""

from __future__ import annotations

from scorer.detectors import Needed
from scorer.detectors.phrases import detect_phrases
from scorer.detectors.reading import Reading
from scorer.signals import Signal

KIND = "reply"
NEEDS = ()


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    return detect_phrases(reading, "replies", "reply", skip_quotes=True)
