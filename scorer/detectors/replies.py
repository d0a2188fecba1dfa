"""Replies: the subject's answer is reported, or that they were asked, and by whom.

Flags "Syrian state television denied that", "declined to comment", "did not respond to
requests for comment", "said in response" (types denial, declined, no_response, response)
and requests for comment ("CNN has reached out to the royal family for comment", type
request: the newsroom's own, not "residents contacted the landlord for a response"); not
the same words inside a direct quote ("“I deny nothing,” he said"). Each
reply names its `party` where the words do (scorer.detectors.parties): the right-of-reply
rule counts only a reply from the party accused.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from scorer.detectors import Needed, parties
from scorer.detectors.phrases import detect_phrases
from scorer.detectors.reading import Reading
from scorer.detectors.source_types import type_phrase
from scorer.signals import Signal

KIND = "reply"
NEEDS = ()

# "reached out to the royal family for comment": the party between the verb and "for
# comment", at most eight words, none of them a clause boundary.
_REQUEST = re.compile(
    r"\b(?:reached out to|contacted|approached|asked|emailed|called|messaged|sought comment from)"
    r"((?:[^\S\n]{1,3}[\w'’.&-]{1,40}){1,8}?)[^\S\n]{1,3}for (?:a |further )?"
    r"(?:comment|response|reaction)\b"
    r"|\b(?:has|have|had|was|were) been (?:approached|contacted|asked) for (?:a )?comment\b"
)


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    found = []
    for signal in detect_phrases(reading, "replies", KIND, skip_quotes=True):
        floor = doc.sentences[signal.sentence].start
        party = parties.before(doc.text, signal.start, floor)
        found.append(_with_party(signal, party))
    taken = _Spans([(s.start, s.end) for s in found])
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        for match in _REQUEST.finditer(doc.text, sentence.start, sentence.end):
            if doc.quote_at(match.start()) is not None or taken.overlap(*match.span()):
                continue
            if match.group(1):
                if not _asked_by_the_newsroom(doc.text, match.start(), sentence.start):
                    continue  # "Residents contacted the landlord for a response"
                party: parties.Party | None = parties.Party(
                    *_trimmed(doc.text, match.start(1), match.end(1))
                )
            else:
                party = parties.before(doc.text, match.start(), sentence.start)
            fields = {"type": "request", "cue": match.group().lower()}
            signal = Signal(KIND, match.start(), match.end(), match.group(), sentence.index, fields)
            found.append(_with_party(signal, party))
    return sorted(found, key=lambda s: (s.start, s.end))


def _asked_by_the_newsroom(text: str, start: int, floor: int) -> bool:
    """Whether the asker of "reached out to X for comment" is the story's own newsroom: an
    outlet ("CNN has reached out"), "we", "reporters", or nobody named before the verb."""
    asker = parties.before(text, start, floor)
    if asker is None:
        return True
    if asker.text.lower() in ("reporters", "a reporter", "the reporter", "journalists"):
        return True
    return type_phrase(asker.text).type in ("named_outlet", "self")


def _with_party(signal: Signal, party: parties.Party | None) -> Signal:
    fields = {**signal.fields, "party": party.to_dict() if party else None}
    return Signal(signal.kind, signal.start, signal.end, signal.text, signal.sentence, fields)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int, str]:
    while start < end and text[start].isspace():
        start += 1
    return start, end, text[start:end]


class _Spans:
    """Spans sorted by start, with the furthest end reached so far: whether a span overlaps
    one of them is a binary search, however many there are."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self._starts = [a for a, _ in spans]
        self._reach = list(accumulate((b for _, b in spans), max))

    def overlap(self, start: int, end: int) -> bool:
        before_end = bisect_left(self._starts, end)
        return before_end > 0 and self._reach[before_end - 1] > start
