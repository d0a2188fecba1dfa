"""Attribution: who is credited with a statement, by which cue, for which content.

The trained tagger (`scorer.models.attribution`, a CRF over PolNeAR; its spans are checked
and typed by `scorer.detectors.tagged`) finds most of them: cue, source and content spans
("The minister said on Tuesday that taxes would rise").
Rules, from `rules/lexicons/attribution.toml` and a configuration's house entries, add
what a rule knows better, and say so (`by`: "model" or "lexicon"):

* A sourceless phrase ("it was reported", "critics say", "is widely believed to") is
  always an attribution with no source (`agentless`) or a crowd (`vague`); where the
  model found the same cue, the phrase gives its type and, for agentless forms, takes
  away the source the model gave it ("It" in "It was reported").
* "according to X" and a house entry's cue are attributions even where the model saw
  none; the source is the phrase after "according to", else the clause's subject.
* "reports a union source as saying": the inner speaker is a source, relayed by the
  outer one; "told Reuters", "in an interview with the BBC": the outlet is recorded.
* The model's cue takes the type of the lexicon cue it covers (neutral, loaded,
  document...); a cue no lexicon lists is a `stance` (wants, plans, worries).
* Not attributions: "speaking on condition of anonymity" (it describes the source),
  a cue with no source unless a sourceless phrase or "according to" stands there.
* "X, said a source close to the probe": the inverted speaker the tagger reads as
  content becomes the source, and the clause before the cue the content.

Sources are then typed and gathered into entities (`entities.assign`); an attribution
inside a quote is relayed by the quote's speaker (`relayed_by`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from scorer.detectors import Needed, entities, lexicon
from scorer.detectors import around_cue as around
from scorer.detectors.reading import Reading
from scorer.detectors.source_types import type_phrase
from scorer.detectors.tagged import PASSIVE, Found, Span, from_model
from scorer.load.document import Document, Sentence
from scorer.models import attribution as tagger
from scorer.resources import read_toml, rules_dir
from scorer.signals import Signal

KIND = "attribution"
ALSO = ("entity",)  # the sources' entities (scorer.detectors.entities)
NEEDS = ()

_AS_SAYING = re.compile(r"\bas (?:saying|telling|stating|writing)\b", re.I)
# "Sanders: Endorsements prove...": a headline's speaker, a colon, what they said.
_COLON_SPEAKER = re.compile(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s*:\s+(?=\S)")
_SPEECH = frozenset(["neutral", "loaded", "declined", "document"])  # verbs of saying
_ADOPT_FROM = 2  # sentences back that a cue with no source of its own may take one from
_SAID = frozenset(["neutral", "loaded", "document", "self"])  # cues a rule may stand behind


@cache
def _sourceless() -> lexicon.Lexicon:
    """Phrases that are the cue and the (missing or vague) source at once."""
    path = rules_dir() / "lexicons" / "attribution.toml"
    data = read_toml(path)
    types = {"agentless": data["agentless"]["phrases"], "vague": data["vague"]["phrases"]}
    return lexicon.compile_lexicon("sourceless", types, str(path))


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    by_sentence: dict[int, list[tagger.Tagged]] = {}
    for tagged in tagger.tag(doc):
        by_sentence.setdefault(tagged.sentence, []).append(tagged)
    cues = reading.lexicon("attribution")
    house = reading.house_phrases("attribution")
    signals: list[Signal] = []
    last: Found | None = None  # the last attribution with a source
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        modelled = by_sentence.get(sentence.index, [])
        listed = list(reading.cues(cues, sentence.start, sentence.end))
        sourceless = list(reading.cues(_sourceless(), sentence.start, sentence.end))
        if (
            not (modelled or listed or sourceless)
            and doc.text.find(":", sentence.start, sentence.end) < 0
        ):
            continue  # most sentences: nothing to look at
        before = last if last and sentence.index - last.sentence <= _ADOPT_FROM else None
        found = _sentence(doc, sentence, modelled, listed, sourceless, house, before)
        signals.extend(_signal(doc, sentence, f) for f in found)
        last = next((f for f in reversed(found) if f.source), last)
    attributions, found_entities = entities.assign(doc, _relay(doc, signals))
    return [*attributions, *found_entities]


def _sentence(
    doc: Document,
    sentence: Sentence,
    modelled: Sequence[tagger.Tagged],
    listed: Sequence[lexicon.Cue],
    sourceless: Sequence[lexicon.Cue],
    house: frozenset[str],
    before: Found | None,
) -> list[Found]:
    """The attributions of one sentence: the model's, corrected and added to by rules."""
    found = _Found(f for t in modelled if (f := from_model(doc, sentence, t, listed)))
    for cue in sourceless:
        _with_sourceless(doc, sentence, found, cue)
    for cue in listed:
        if cue.type == "borrowed" or found.at(cue.start, cue.end) is not None:
            continue
        if cue.phrase.startswith("according to") or cue.phrase in house:
            source = (
                around.according_to(doc, sentence, cue.end)
                if cue.phrase.startswith("according to")
                else around.subject(doc, sentence, cue.start)
            )
            if source is not None:
                content = around.content(doc, sentence, (cue.start, cue.end), source)
                found.add(Found((cue.start, cue.end), cue.type, source, content,
                                sentence.index, "lexicon"))  # fmt: skip
        elif cue.type in _SAID and (
            not modelled or (agent := around.passive_agent(doc, sentence, cue.start, cue.end))
        ):
            # A lexicon cue in a sentence the model found nothing in (tried for every cue
            # the model passed over: PolNeAR dev F1 the same, precision 3 points lower),
            # or one in the passive with its agent ("I was told this by a diplomat").
            source = (
                agent
                if modelled
                else around.named_by_rule(doc, sentence, cue.start, cue.end, cue.type)
            )
            if source is not None:
                content = around.content(doc, sentence, (cue.start, cue.end), source)
                found.add(Found((cue.start, cue.end), cue.type, source, content,
                                sentence.index, "lexicon"))  # fmt: skip
    for made in _as_saying(doc, sentence, found):
        found.add(made)
    if not found:
        colon = _colon_speaker(doc, sentence)
        if colon is not None:
            found.add(colon)
    for cue in listed:
        if cue.type == "borrowed":
            _borrowed(doc, sentence, found, cue)
    kept = _adopted(doc, found, before)
    return [f if f.outlet else replace(f, outlet=_recipient(doc, f)) for f in kept]


def _colon_speaker(doc: Document, sentence: Sentence) -> Found | None:
    """'Sanders: Endorsements prove Clinton is the establishment candidate.' A name (not a
    label in capitals, "STRESS:", nor a count, "Two:") before a colon opening the
    sentence is the speaker of what follows."""
    m = _COLON_SPEAKER.match(doc.text, sentence.start, sentence.end)
    if m is None or m.group(1).isupper():
        return None
    if type_phrase(m.group(1)).type not in ("named_person", "named_organization", "named_outlet"):
        return None
    colon = doc.text.index(":", m.end(1))
    content = around.trimmed(doc.text, (m.end(), around.sentence_end(doc, sentence)))
    return Found((colon, colon + 1), "neutral", m.span(1), content, sentence.index, "lexicon")


def _adopted(doc: Document, found: Sequence[Found], before: Found | None) -> list[Found]:
    """Sources for the cues the model found alone. A passive ("is expected", "was first
    reported by Axios") has its agent after "by", or nobody. Another cue takes the
    subject a rule finds (`around.named_by_rule`); a verb of saying, else, the source of
    the attribution before it in the sentence or in the two sentences before ("...,
    adding that", "He said A. Asked about B, ..."). A cue with none of these, or in a
    conditional clause ("if it is confirmed"), is no attribution."""
    kept = []
    for f in found:
        if f.orphan:
            sentence = doc.sentences[f.sentence]
            if around.conditional(doc, sentence, f.cue[0]):
                continue  # "If his defection is confirmed": a hedge, not a report
            if PASSIVE.match(doc.norm, f.cue[0], f.cue[1]):
                agent = around.agent(doc, f.cue, sentence)
                f = replace(f, orphan=False, source=agent, verb=f.verb if agent else "agentless")
            elif named := around.named_by_rule(doc, sentence, f.cue[0], f.cue[1], f.verb):
                f = replace(f, orphan=False, source=named)
            elif f.verb in _SPEECH and before is not None and before.source is not None:
                f = replace(f, orphan=False, source=before.source, inherited=True)
            else:
                continue
        kept.append(f)
        if f.source is not None:
            before = f
    return kept


class _Found(list[Found]):
    """A sentence's attributions in cue order, with the question rules ask of them
    answered by bisection: which one's cue (or crowd source) overlaps a span? A run-on
    sentence can hold thousands; asking each of them for each lexicon cue was quadratic."""

    def __init__(self, found: Iterable[Found]) -> None:
        super().__init__(sorted(found, key=lambda f: f.cue))
        self._starts = [f.cue[0] for f in self]

    def at(self, start: int, end: int) -> int | None:
        """The index of the attribution whose cue or crowd source overlaps start..end."""
        n = bisect_left(self._starts, end) - 1
        for k in range(n, max(n - 3, -1), -1):  # cues never overlap: the last before `end`
            f = self[k]
            if f.cue[1] > start or (f.vague and f.source and f.source[1] > start):
                return k
        return None

    def add(self, found: Found) -> None:
        n = bisect_left(self._starts, found.cue[0])
        self.insert(n, found)
        self._starts.insert(n, found.cue[0])


def _with_sourceless(doc: Document, sentence: Sentence, found: _Found, cue: lexicon.Cue) -> None:
    """A sourceless phrase types the model's attribution that shares its words, or is one."""
    n = found.at(cue.start, cue.end)
    vague = cue.type == "vague"
    if n is None:
        n = _source_at(found, cue.start, cue.end) if vague else None
    if n is not None:
        same = found[n]
        source, said = same.source, same.cue
        if not vague:
            # "It was reported", "Rumours circulated": nobody, whatever the model made of
            # "It"; the whole phrase is the cue.
            source, said = None, (min(cue.start, said[0]), max(cue.end, said[1]))
        elif source is None or not (source[0] < cue.end and cue.start < source[1]):
            source = (cue.start, cue.end)
        found[n] = replace(same, cue=said, verb=cue.type, source=source, vague=vague,
                           orphan=False)  # fmt: skip
        return
    source = (cue.start, cue.end) if vague else None
    content = around.content(doc, sentence, (cue.start, cue.end), source)
    found.add(Found((cue.start, cue.end), cue.type, source, content, sentence.index, "lexicon",
                    vague=vague))  # fmt: skip


def _source_at(found: _Found, start: int, end: int) -> int | None:
    """'Some critics said': the model's attribution whose source the crowd phrase names.
    Its cue follows the source closely: look at the few cues after the phrase."""
    n = bisect_left(found._starts, start)
    for k in range(n, min(n + 3, len(found))):
        source = found[k].source
        if source is not None and source[0] < end and start < source[1]:
            return k
    return None


def _borrowed(doc: Document, sentence: Sentence, found: _Found, cue: lexicon.Cue) -> None:
    """'In an interview with The Wall Street Journal he threatened...': the outlet goes on
    the sentence's attribution next after the phrase, or else the one before it."""
    outlet = around.outlet_at(doc, cue.end, sentence.end)
    if outlet is None or not found:
        return
    n = min(bisect_left(found._starts, cue.start), len(found) - 1)
    found[n] = replace(found[n], outlet=outlet)


def _recipient(doc: Document, found: Found) -> Span | None:
    """'told Reuters', 'told the BBC': the outlet the source spoke to."""
    sentence_end = doc.sentences[found.sentence].end
    return around.outlet_at(doc, found.cue[1], sentence_end)


def _as_saying(doc: Document, sentence: Sentence, found: _Found) -> list[Found]:
    """'Reuters reports a union source as saying...': the phrase between an attribution's
    cue and 'as saying' is a source of its own, relayed by the first one's source."""
    text = doc.text
    made = []
    for m in _AS_SAYING.finditer(doc.norm, sentence.start, sentence.end):
        n = bisect_left(found._starts, m.start()) - 1
        if n < 0 or found.at(m.start() + 3, m.end()) is not None:
            continue
        outer = found[n]
        source = around.trimmed(text, (outer.cue[1], m.start()))
        if (
            source is None
            or source[1] - source[0] > 100
            or len(around.WORD.findall(text, source[0], source[1])) > 8
        ):
            continue
        outlet = outer.source if outer.source and around.is_outlet(text, outer.source) else None
        cue = (m.start() + 3, m.end())
        content = around.trimmed(text, (m.end(), around.sentence_end(doc, sentence)))
        made.append(Found(cue, "neutral", source, content, sentence.index, "lexicon",
                          outlet=outlet))  # fmt: skip
    return made


def _span(doc: Document, span: Span, **extra: Any) -> dict[str, Any]:
    return {"start": span[0], "end": span[1], "text": doc.text[span[0] : span[1]], **extra}


def _signal(doc: Document, sentence: Sentence, found: Found) -> Signal:
    cue, source, content = found.cue, found.source, found.content
    quote = content is not None and _is_quote(doc, cue, content)
    if source is None:
        source_fields = {"start": cue[0], "end": cue[0], "text": "", "type": "agentless"}
    else:
        source_fields = _span(doc, source)
        if found.vague:
            source_fields["type"] = "vague"
    fields: dict[str, Any] = {
        "cue": _span(doc, cue, verb=found.verb),
        "source": source_fields,
        "quote": quote,
        "content": _span(doc, content) if content else None,
        "by": found.by,
    }
    if found.outlet is not None:
        fields["outlet"] = _span(doc, found.outlet)
    own_source = source is not None and not found.inherited
    ends = [cue, *([source] if own_source else [])]
    if quote and content:
        marks = doc.quote_at(content[0]) or doc.quote_at(content[0] + 1)
        ends.append((marks.start, marks.end) if marks else content)
    lo, hi = min(a for a, _ in ends), max(b for _, b in ends)
    return Signal(KIND, lo, hi, doc.text[lo:hi], sentence.index, fields)


def _is_quote(doc: Document, cue: Span, content: Span) -> bool:
    """Content that is a direct quote: it lies in a quotation the cue is not inside."""
    for offset in (content[0], content[0] + 1):
        quote = doc.quote_at(offset)
        if quote is not None:
            return not quote.inner_start <= cue[0] < quote.inner_end
    return False


def _relay(doc: Document, signals: list[Signal]) -> list[Signal]:
    """An attribution inside a quote is passed on by the quote's speaker: report both."""
    speakers: dict[int, Signal] = {}
    for s in signals:
        content = s.fields["content"]
        if s.fields["quote"] and content:
            quote = doc.quote_at(content["start"]) or doc.quote_at(content["start"] + 1)
            if quote is not None:
                speakers.setdefault(quote.inner_start, s)
    text = doc.text
    for signal in signals:
        quote = doc.quote_at(signal.fields["cue"]["start"])
        speaker = None if quote is None else speakers.get(quote.inner_start)
        if quote is None or speaker is None or speaker is signal:
            continue
        if not speaker.fields["source"]["text"]:
            continue
        signal.fields["relayed_by"] = dict(speaker.fields["source"])
        end = doc.sentences[signal.sentence].start
        while end > quote.inner_start and text[end - 1].isspace():
            end -= 1
        if not signal.fields["quote"] and end > quote.inner_start:
            # "I was told this by...": what was told is the quote before its sentence.
            signal.fields["content"] = _span(doc, (quote.inner_start, end))
    return signals
