"""Headline: the headline (or standfirst) states as fact what the body only hedges.

"General deserts Damascus and flees to Turkey" over a body whose matching sentence says
the general "has reportedly defected ... fleeing across the border to Turkey" is flagged;
a headline that hedges itself ("If confirmed, ...", a question, a modal, words in quotation
marks: "Election 'could be terror target'") or whose best match in the body is stated
plainly is not. The body sentence that matches best (most shared content words,
at least two, first in the text on a tie) decides: if it carries a hedge of the copy,
the headline overstates it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scorer.detectors import Needed
from scorer.detectors import span as span_of
from scorer.detectors.reading import Reading
from scorer.load.document import Document, Span
from scorer.signals import Signal

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset(
    "the a an and or but of to in on at for from with by as is are was were be been has have"
    " had it its his her their this that these those just not no more most than then into"
    " after before over under about after who what when where why how will would could may"
    " might should can did does do says said say new".split()
)
# What makes a display hedge itself where the hedge detector does not look (it leaves out
# quotations): a question, a quoted phrase (a claim the headline attributes), a modal.
# "May" only lower case or before "be"/"have": in title case it is a month or a name.
_HEDGES_ITSELF = re.compile(
    r"\?\s*$"
    r"|(?:^|[\s(:])['‘\"“]\w[^'‘’\"“”\n]{0,200}['’\"”](?=$|[\s,.:;?!)])"
    r"|\b(?:[Cc]ould|COULD|[Mm]ight|MIGHT|may|May(?=\s+(?:[Bb]e|[Hh]ave)\b)|MAY)\b",
)
_MIN_SHARED = 2
_STEM = 4  # letters two words of one stem share at least


KIND = "headline"
NEEDS = ("hedge",)


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    all_hedges = needed["hedge"]
    body_hedges = [h for h in all_hedges if _in_body(doc, h.sentence)]
    out = []
    for kind, span, text in _displays(doc):
        if span is not None and any(span.start <= h.start < span.end for h in all_hedges):
            continue  # "If confirmed, Ali Habib would be...": the display hedges itself
        if _HEDGES_ITSELF.search(text):
            continue  # "Election 'could be terror target'", "Is Habib in Turkey?"
        match = _best_match(doc, _stems(text))
        if match is None:
            continue
        hedged = [h for h in body_hedges if h.sentence == match]
        if not hedged:
            continue
        start, end = (span.start, span.end) if span is not None else (0, 0)
        fields = {
            "display": kind,
            "headline": {"start": start, "end": end, "text": text},
            "hedges": [_hedge(h) for h in hedged],
            "body": span_of(doc, doc.sentences[match].start, doc.sentences[match].end),
        }
        sentence = doc.sentence_at(start) if span is not None else 0
        out.append(Signal("headline", start, end, doc.text[start:end], sentence, fields))
    return out


def _hedge(signal: Signal) -> dict[str, object]:
    return {
        "id": signal.id,
        "start": signal.start,
        "end": signal.end,
        "text": signal.text,
        "type": signal.fields["type"],
    }


def _displays(doc: Document) -> Iterable[tuple[str, Span | None, str]]:
    if doc.title:
        yield "headline", doc.title_span, doc.title
    if doc.standfirst:
        yield "standfirst", doc.standfirst_span, doc.standfirst


def _in_body(doc: Document, sentence: int) -> bool:
    return doc.paragraphs[doc.sentences[sentence].paragraph].kind in ("body", "heading")


def _best_match(doc: Document, display: list[str]) -> int | None:
    best, best_shared = None, _MIN_SHARED - 1
    wanted = {word for word in set(display) if len(word) >= _STEM}
    for sentence in doc.copy_sentences:
        shared = _shared(wanted, _stems(doc.slice(sentence)))
        if shared > best_shared:
            best, best_shared = sentence.index, shared
    return best


def _stems(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP]


def _shared(display: set[str], sentence: list[str]) -> int:
    """How many display words share a stem with a word of the sentence.

    Words sharing a stem share their first `_STEM` letters, so each display word is held
    only against the sentence's words that start as it does: a long article costs a few
    lookups a sentence, not every pair of words.
    """
    by_start: dict[str, list[str]] = {}
    for word in sentence:
        if len(word) >= _STEM:
            by_start.setdefault(word[:_STEM], []).append(word)
    return sum(
        1
        for word in display
        if any(_same_stem(word, other) for other in by_start.get(word[:_STEM], ()))
    )


def _same_stem(a: str, b: str) -> bool:
    """'flees' and 'fleeing', 'Syria' and 'Syrian', 'defected' and 'defection'."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(_STEM, min(len(a), len(b)) - 3)
