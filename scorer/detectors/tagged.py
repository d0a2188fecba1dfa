"""The tagger's attributions read into `Found`: the spans the CRF gave, checked and typed.

scorer.detectors.attribution asks the tagger (`scorer.models.attribution`) for each
sentence's cue, source and content, and gives each to `from_model`, which keeps it only
when the tagger is confident enough, types its cue by the lexicon cue it covers, and mends
what a sequence tagger gets wrong: a passive's subject is never its speaker, "who" is its
antecedent, "declined to comment" has no content, "he found the keys" is not a finding.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from scorer.detectors import around_cue as around
from scorer.detectors import lexicon
from scorer.detectors.source_types import type_phrase
from scorer.load.document import Document, Sentence
from scorer.models import attribution as tagger

Span = tuple[int, int]

# Words that tell a cue describes how a source spoke, not what it said.
_DESCRIBES_SOURCE = re.compile(
    r"\b(?:condition of anonymity|anonymity|anonymously|on background|requested anonymity"
    r"|insisted on anonymity|not to be (?:named|identified)|to be (?:named|identified))\b",
    re.I,
)
# Below this marginal probability a cue of the tagger is right less than half the time
# on PolNeAR dev (0.2-0.4: 38 of 126), and a wrong cue costs an editor more than a miss.
MIN_CONFIDENCE = 0.4
# A cue no lexicon lists ("stepped down", "plans") is right half the time at 0.6-0.8 and
# a third of the time below (PolNeAR dev): it needs more of the model's confidence.
MIN_UNLISTED = 0.6
_UNLISTED = "stance"  # the type of a cue no lexicon lists: wants, plans, worries
_QUOTED = re.compile(r"\bquoted\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|n't)\b", re.I)
_DOCUMENTS = frozenset(["document", "named_organization"])
_THAT_CLAUSE = re.compile(r"\b(?:that|how|whether|what|why)\b", re.I)
_RELATIVE = frozenset(["who", "whom", "which", "that"])
_HEDGED = re.compile(r"\b(?:reportedly|allegedly|purportedly|reputedly|supposedly)\b", re.I)
PASSIVE = re.compile(
    r"(?:is|are|was|were|been|be|being)\s+(?:\w+\s+)?\w+(?:ed|en|wn|ld|id)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution before its source is typed: spans into the document's text."""

    cue: Span
    verb: str
    source: Span | None  # None: nobody ("it was reported")
    content: Span | None
    sentence: int
    by: str  # "model" or "lexicon"
    vague: bool = False  # the source is a crowd a lexicon phrase names ("critics say")
    outlet: Span | None = None
    orphan: bool = False  # the model found no source: one is looked for (`_adopted`)
    inherited: bool = False  # the source is an earlier attribution's ("..., adding that")


def from_model(
    doc: Document, sentence: Sentence, tagged: tagger.Tagged, listed: Sequence[lexicon.Cue]
) -> Found | None:
    """The tagger's attribution, its cue typed by the lexicon; None when it is none."""
    cue = tagged.cue
    text = doc.text
    if (
        tagged.confidence < MIN_CONFIDENCE
        or _DESCRIBES_SOURCE.search(text, cue[0], cue[1])
        or _DESCRIBES_SOURCE.match(text, cue[1] + 1, cue[1] + 40)
    ):
        return None  # "speaking on condition of anonymity", "asked not to be named"
    cue, outlet = around.cue_words(doc, cue)
    hedged = _HEDGED.search(text, cue[0], cue[1])
    if hedged is not None:  # "The man allegedly threatened": nobody says who alleges it
        said = hedged.span()
        content = around.content(doc, sentence, said, None)
        return Found(said, "agentless", None, content, sentence.index, "model")
    verb = _verb(listed, cue)
    if verb == "borrowed":
        return None  # the outlet goes on the sentence's own attribution
    if verb == _UNLISTED and tagged.confidence < MIN_UNLISTED:
        return None
    source = around.trimmed(text, tagged.source) if tagged.source else None
    content = around.joined(text, tagged.content)
    if source is not None and source[1] < cue[0]:
        inverted = around.inverted(doc, sentence, source, cue)
        if inverted is not None:
            source, content = inverted
    if content is None:
        content = around.content(doc, sentence, cue, source)
    else:
        content = around.whole_quote(doc, cue, content)
    first = around.WORD.match(text, source[0]) if source is not None else None
    if source is not None and first is not None and first.group().lower() in _RELATIVE:
        # "One person, who asked not to be named, said": the source is the person.
        source = around.antecedent(doc, sentence, source[0])
    if PASSIVE.match(doc.norm, cue[0], cue[1]) and not _QUOTED.search(text, cue[0], cue[1]):
        # A passive's subject is what was said or who heard it, never who said it: the
        # source is the agent ("Sky News was told by a senior police source") or nobody.
        if _NEGATED.search(doc.norm, max(sentence.start, cue[0] - 12), cue[1]):
            return None  # "Media reports were not confirmed": nobody said anything
        if source is not None and around.is_outlet(text, source):
            outlet = source
        source = around.agent(doc, cue, sentence)
    if verb == "declined":  # "declined to comment": on record, saying nothing
        cue, content = _widened(listed, cue), None
    if verb == "document" and not _finding(doc, source, content):
        return None  # "He found the keys under the mat": a find, not a finding
    return Found(cue, verb, source, content, sentence.index, "model", outlet=outlet,
                 orphan=source is None)  # fmt: skip


def _widened(listed: Sequence[lexicon.Cue], cue: Span) -> Span:
    """The cue and the lexicon phrases it overlaps, as one span."""
    start, end = cue
    for c in listed[max(bisect_left(listed, (cue[0],)) - 1, 0) :]:
        if c.start >= cue[1]:
            break
        if cue[0] < c.end:
            start, end = min(start, c.start), max(end, c.end)
    return start, end


def _finding(doc: Document, source: Span | None, content: Span | None) -> bool:
    """A document verb ("found", "shows") reports a finding when a document or
    organisation is its subject, or when a clause follows ("He found that...")."""
    if source is not None and type_phrase(doc.text[source[0] : source[1]]).type in _DOCUMENTS:
        return True
    if content is None:
        return False
    return _THAT_CLAUSE.search(doc.norm, max(0, content[0] - 6), content[0] + 8) is not None


def _verb(listed: Sequence[lexicon.Cue], cue: Span) -> str:
    """The type of the lexicon cue that shares most words with the model's cue. Lexicon
    cues come in order and never overlap: only those from the last one starting before
    the cue can share words with it."""
    best, most = _UNLISTED, 0
    n = max(bisect_left(listed, (cue[0],)) - 1, 0)
    for c in listed[n:]:
        if c.start >= cue[1]:
            break
        shared = min(c.end, cue[1]) - max(c.start, cue[0])
        if shared > most:
            best, most = c.type, shared
    return best
