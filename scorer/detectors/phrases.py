"""The shared shape of the lexicon-only detectors: every cue of one lexicon, in copy, typed.

Replies and anonymity reasons are phrases an editor looks for ("declined to comment",
"was not authorised to speak"); what they mean comes from their type alone.
"""

from __future__ import annotations

from scorer.detectors.reading import Reading
from scorer.signals import Signal


def detect_phrases(
    reading: Reading, lexicon_name: str, kind: str, *, skip_quotes: bool
) -> list[Signal]:
    """A `kind` signal with `type` and `cue` fields for each cue of the lexicon in copy.

    With `skip_quotes`, cues inside a direct quote are the speaker's words, not the story's.
    """
    doc = reading.doc
    cues = reading.lexicon(lexicon_name)
    signals = []
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        for cue in reading.cues(cues, sentence.start, sentence.end):
            if skip_quotes and doc.quote_at(cue.start) is not None:
                continue
            fields = {"type": cue.type, "cue": cue.phrase}
            signals.append(
                Signal(
                    kind, cue.start, cue.end, doc.text[cue.start : cue.end], sentence.index, fields
                )
            )
    return signals
