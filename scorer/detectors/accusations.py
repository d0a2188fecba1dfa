"""Accusations: words in copy that say someone did wrong ("accused", "alleged", "blamed"),
and whom they accuse.

Not a signal of the audit: the facts count them (`doc.accusations`), and the right-of-reply
rule weighs them against the replies reported, party by party (scorer.detectors.parties).
Cues from `rules/lexicons/accusations.toml` (with a configuration's house entries), in
copy only: not in the headline, standfirst or boilerplate. A cue whose party could not
answer ("The storm was blamed for scores of accidents") accuses nobody and is left out, and
so is one a reply answers in its own sentence ("denied any wrongdoing").
"""

from __future__ import annotations

from scorer.detectors import Needed, parties
from scorer.detectors.reading import Reading
from scorer.signals import Signal

KIND = "accusation"
NEEDS = ("reply",)

# Verbs whose object is the accused ("police accused the company"); the others name a
# deed whose doer is the accused ("he embezzled"), or are nouns ("fraud", "allegations").
_ACCUSING_VERBS = frozenset(
    "accused accuses accusing blamed blames blaming condemned condemns indicted implicated".split()
)
_NOUNS = frozenset(
    "accusation accusations allegation allegations wrongdoing misconduct corruption fraud "
    "embezzlement bribery bribes".split()
)
_PASSIVE = frozenset("was were is are be been being".split())


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    accusing = reading.lexicon("accusations")
    # Where each sentence's first reply starts: an accusing word after it is what the
    # reply answers ("Ms Smith denied any wrongdoing"), not another accusation.
    replied: dict[int, int] = {}
    for reply in needed["reply"]:
        replied[reply.sentence] = min(reply.start, replied.get(reply.sentence, reply.start))
    out = []
    for sentence in doc.copy_sentences:
        for cue in reading.cues(accusing, sentence.start, sentence.end):
            if cue.start >= replied.get(sentence.index, cue.end):
                continue
            party = _accused(doc.text, cue.start, cue.end, sentence.start, sentence.end)
            if party is not None and not parties.is_agent(party):
                continue  # "the storm was blamed": nobody who could answer
            fields = {
                "type": cue.type,
                "cue": cue.phrase,
                "party": party.to_dict() if party else None,
            }
            out.append(
                Signal(
                    KIND, cue.start, cue.end, doc.text[cue.start : cue.end], sentence.index, fields
                )
            )
    return out


def _accused(text: str, start: int, end: int, floor: int, ceiling: int) -> parties.Party | None:
    """The party a cue accuses, or None when the words do not say."""
    cue = text[start:end].lower().split()
    word_before = text[max(floor, start - 12) : start].lower().split()[-1:]
    if cue[0] in _PASSIVE or (word_before and word_before[0] in _PASSIVE):
        return parties.before(text, start, floor)  # "the company was accused of"
    head = cue[0]
    if head in _NOUNS:
        rest = text[end:ceiling]
        stripped = rest.lstrip()
        if stripped.lower().startswith("against "):
            at = end + (len(rest) - len(stripped)) + len("against ")
            return parties.after(text, at, ceiling)
        return None
    if head in _ACCUSING_VERBS:
        return parties.after(text, end, ceiling)  # "police accused the company of"
    if head == "alleged":
        return None  # "the alleged fraud", "police alleged that ...": the words do not say
    return parties.before(text, start, floor)  # "he allegedly embezzled"
