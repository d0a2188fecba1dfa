"""Accusations: words in copy that say someone did wrong ("accused", "alleged", "blamed").

Not a signal of the audit: the facts count them (`doc.accusations`), and the right-of-reply
rule weighs them against the replies reported. Cues from `rules/lexicons/accusations.toml`
(with a configuration's house entries), in copy only: not in the headline, standfirst or
boilerplate.
"""

from __future__ import annotations

from scorer.detectors import Needed
from scorer.detectors.reading import Reading
from scorer.signals import Signal

KIND = "accusation"
NEEDS = ()


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    accusing = reading.lexicon("accusations")
    return [
        Signal(
            KIND,
            cue.start,
            cue.end,
            doc.text[cue.start : cue.end],
            sentence.index,
            {"type": cue.type, "cue": cue.phrase},
        )
        for sentence in doc.copy_sentences
        for cue in reading.cues(accusing, sentence.start, sentence.end)
    ]
