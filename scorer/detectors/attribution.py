"""Attribution: who is credited with a statement, by which cue, for which content.

The trained tagger (`scorer.models.attribution`, a CRF over PolNeAR) finds most of them:
cue, source and content spans ("The minister said on Tuesday that taxes would rise").
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
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from scorer.detectors import Needed, entities, lexicon
from scorer.detectors.reading import Reading
from scorer.detectors.source_types import type_phrase
from scorer.load.document import Document, Quote, Sentence
from scorer.models import attribution as tagger
from scorer.resources import read_toml, rules_dir
from scorer.signals import Signal

Span = tuple[int, int]

KIND = "attribution"
ALSO = ("entity",)  # the sources' entities (scorer.detectors.entities)
NEEDS = ()

_STRIP = " \t\r\n,;:"
# Words that tell a cue describes how a source spoke, not what it said.
_DESCRIBES_SOURCE = re.compile(r"\b(?:condition of anonymity|anonymously|on background)\b", re.I)
# "told the authors that...": up to five words, then the "that" that opens the content.
_THAT = re.compile(r"(?:[^.,;:!?\s]+\s+){0,5}?that\s+|,?\s*(?:however,\s*)?that\s+", re.I)
_AS_SAYING = re.compile(r"\bas (?:saying|telling|stating|writing)\b", re.I)
_WORD = re.compile(r"[\w'’-]+")
# "..., an aide said on Thursday.": words after a cue that are no content.
_WHEN = frozenset(
    "on last this late early in at today yesterday tonight morning afternoon evening night "
    "week month year earlier later".split()
)
# A recipient after the cue that may be an outlet: "told Reuters", "told the BBC's Today".
_RECIPIENT = re.compile(r"\s*((?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+)?[A-Z][\w&.'’-]*){0,4})")
_SUBJECT_STOP = re.compile(r"[,;:\"“”()]|\b(?:that|and|but|because|while|as|who|which)\b", re.I)
_MAX_SUBJECT = 6
_PHRASE_STOP = re.compile(r"[,;:()\"“”]|\.(?:\s|$)")
_WINDOW = 200  # characters a rule looks through for a source phrase: more is no phrase
_GAP = 4  # at most ",  " or ": " between a quote and its attribution


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
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        modelled = by_sentence.get(sentence.index, [])
        listed = list(reading.cues(cues, sentence.start, sentence.end))
        sourceless = list(reading.cues(_sourceless(), sentence.start, sentence.end))
        if not (modelled or listed or sourceless):
            continue
        found = _sentence(doc, sentence, modelled, listed, sourceless, house)
        signals.extend(_signal(doc, sentence, f) for f in found)
    attributions, found_entities = entities.assign(doc, _relay(doc, signals))
    return [*attributions, *found_entities]


def _sentence(
    doc: Document,
    sentence: Sentence,
    modelled: Sequence[tagger.Tagged],
    listed: Sequence[lexicon.Cue],
    sourceless: Sequence[lexicon.Cue],
    house: frozenset[str],
) -> list[Found]:
    """The attributions of one sentence: the model's, corrected and added to by rules."""
    found = _Found(f for t in modelled if (f := _from_model(doc, sentence, t, listed)))
    for cue in sourceless:
        _with_sourceless(doc, sentence, found, cue)
    for cue in listed:
        if found.at(cue.start, cue.end) is not None:
            continue
        if cue.type == "borrowed":
            _borrowed(doc, sentence, found, cue)
        elif cue.phrase.startswith("according to") or cue.phrase in house:
            source = _according_to(doc, sentence, cue) or _subject(doc, sentence, cue.start)
            if source is not None:
                content = _content(doc, sentence, (cue.start, cue.end), source)
                found.add(Found((cue.start, cue.end), cue.type, source, content,
                                sentence.index, "lexicon"))  # fmt: skip
    for made in _as_saying(doc, sentence, found):
        found.add(made)
    return [f if f.outlet else replace(f, outlet=_recipient(doc, f)) for f in found]


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


def _from_model(
    doc: Document, sentence: Sentence, tagged: tagger.Tagged, listed: Sequence[lexicon.Cue]
) -> Found | None:
    """The tagger's attribution, its cue typed by the lexicon; None when it is none."""
    cue = tagged.cue
    text = doc.text
    if _DESCRIBES_SOURCE.search(text, cue[0], cue[1]):
        return None
    verb = _verb(listed, cue)
    if verb == "borrowed":
        return None  # the outlet goes on the sentence's own attribution
    source = _trimmed(text, tagged.source) if tagged.source else None
    content = _joined(text, tagged.content)
    if source is not None and source[1] < cue[0]:
        inverted = _inverted(doc, sentence, source, cue)
        if inverted is not None:
            source, content = inverted
    if source is None:
        return None  # a cue with nobody behind it is kept only where a rule says so
    if content is None:
        content = _content(doc, sentence, cue, source)
    return Found(cue, verb, source, content, sentence.index, "model")


def _verb(listed: Sequence[lexicon.Cue], cue: Span) -> str:
    """The type of the lexicon cue that shares most words with the model's cue."""
    best, most = "stance", 0
    for c in listed:
        shared = min(c.end, cue[1]) - max(c.start, cue[0])
        if shared > most:
            best, most = c.type, shared
    return best


def _with_sourceless(doc: Document, sentence: Sentence, found: _Found, cue: lexicon.Cue) -> None:
    """A sourceless phrase types the model's attribution that shares its words, or is one."""
    n = found.at(cue.start, cue.end)
    vague = cue.type == "vague"
    if n is None:
        n = _source_at(found, cue.start, cue.end) if vague else None
    if n is not None:
        same = found[n]
        source = same.source
        if not vague:
            source = None  # "It was reported": nobody, whatever the model made of "It"
        elif source is None or not (source[0] < cue.end and cue.start < source[1]):
            source = (cue.start, cue.end)
        found[n] = replace(same, verb=cue.type, source=source, vague=vague)
        return
    source = (cue.start, cue.end) if vague else None
    content = _content(doc, sentence, (cue.start, cue.end), source)
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


def _inverted(
    doc: Document, sentence: Sentence, source: Span, cue: Span
) -> tuple[Span, Span] | None:
    """'The inquiry is widening, said a source close to the probe.': when a comma stands
    between the model's source and the cue and a short phrase that names a source ends
    the sentence after it, that phrase is the source and the clause before the content."""
    text = doc.text
    between = text[source[1] : cue[0]]
    if "," not in between and not text[source[0] : source[1]].rstrip().endswith(","):
        return None
    after = _trimmed(text, (cue[1], _end(doc, sentence)))
    if after is None or after[1] - after[0] > 100:
        return None
    words = _WORD.findall(text, after[0], after[1])
    if not 1 <= len(words) <= 10 or type_phrase(text[after[0] : after[1]]).type == "none":
        return None
    return after, _trimmed(text, source) or source


def _according_to(doc: Document, sentence: Sentence, cue: lexicon.Cue) -> Span | None:
    """'according to two council officials who...': the phrase after 'according to', to
    the next comma or the end of the sentence."""
    if not cue.phrase.startswith("according to"):
        return None
    text = doc.text
    end = min(_end(doc, sentence), cue.end + _WINDOW)
    m = _PHRASE_STOP.search(text, cue.end, end)
    return _trimmed(text, (cue.end, m.start() if m else end))


def _subject(doc: Document, sentence: Sentence, cue: int) -> Span | None:
    """The words before a cue back to the clause's start: at most a few, else none."""
    text = doc.text
    start = max(sentence.start, cue - _WINDOW)
    for m in _SUBJECT_STOP.finditer(text, start, cue):
        start = m.end()
    span = _trimmed(text, (start, cue))
    if span is None or len(_WORD.findall(text, span[0], span[1])) > _MAX_SUBJECT:
        return None
    return span


def _content(doc: Document, sentence: Sentence, cue: Span, source: Span | None) -> Span | None:
    """Where the tagger found none: a quote beside the cue and its source, else the rest
    of the sentence after them (after any 'that'), else the sentence before them."""
    lo = min(cue[0], source[0]) if source else cue[0]
    hi = max(cue[1], source[1]) if source else cue[1]
    quote = _adjacent_quote(doc, lo, hi)
    if quote is not None:
        return quote.inner_start, quote.inner_end
    text = doc.text
    rest = _trimmed(text, (hi, _end(doc, sentence)))
    if rest is not None and not _no_content(text, rest):
        that = _THAT.match(doc.norm, rest[0], rest[1])
        start = that.end() if that else rest[0]
        return _trimmed(text, (start, rest[1]))
    return _trimmed(text, (sentence.start, lo))


def _adjacent_quote(doc: Document, lo: int, hi: int) -> Quote | None:
    """A quote that ends just before the cue and its source, or starts just after them."""
    before, after = doc.quotes_around(lo, hi)
    text = doc.text
    if (
        before is not None
        and lo - before.end <= _GAP
        and not text[before.end : lo].strip(" ,\r\n\u2014-")
    ):
        return before
    if (
        after is not None
        and after.start - hi <= _GAP
        and not text[hi : after.start].strip(" ,:\r\n\u2014-")
    ):
        return after
    return None


def _borrowed(doc: Document, sentence: Sentence, found: _Found, cue: lexicon.Cue) -> None:
    """'In an interview with The Wall Street Journal he threatened...': the outlet goes on
    the sentence's attribution next after the phrase, or else the one before it."""
    outlet = _outlet_at(doc, cue.end, sentence.end)
    if outlet is None or not found:
        return
    n = min(bisect_left(found._starts, cue.start), len(found) - 1)
    found[n] = replace(found[n], outlet=outlet)


def _recipient(doc: Document, found: Found) -> Span | None:
    """'told Reuters', 'told the BBC': the outlet the source spoke to."""
    sentence_end = doc.sentences[found.sentence].end
    return _outlet_at(doc, found.cue[1], sentence_end)


def _outlet_at(doc: Document, start: int, end: int) -> Span | None:
    """The longest capitalised run at `start` that names an outlet."""
    m = _RECIPIENT.match(doc.text, start, end)
    if m is None:
        return None
    words = list(re.finditer(r"\S+", m.group(1)))
    for n in range(len(words), 0, -1):
        stop = m.start(1) + words[n - 1].end()
        if type_phrase(doc.text[m.start(1) : stop]).type == "named_outlet":
            return m.start(1), stop
    return None


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
        source = _trimmed(text, (outer.cue[1], m.start()))
        if (
            source is None
            or source[1] - source[0] > 100
            or len(_WORD.findall(text, source[0], source[1])) > 8
        ):
            continue
        outlet = outer.source if outer.source and _is_outlet(text, outer.source) else None
        cue = (m.start() + 3, m.end())
        content = _trimmed(text, (m.end(), _end(doc, sentence)))
        made.append(Found(cue, "neutral", source, content, sentence.index, "lexicon",
                          outlet=outlet))  # fmt: skip
    return made


def _is_outlet(text: str, span: Span) -> bool:
    return type_phrase(text[span[0] : span[1]]).type == "named_outlet"


def _joined(text: str, spans: Sequence[Span]) -> Span | None:
    """The tagger's content pieces as one span, first start to last end."""
    if not spans:
        return None
    return _trimmed(text, (spans[0][0], spans[-1][1]))


def _trimmed(text: str, span: Span) -> Span | None:
    """`span` without the spaces and clause marks around it; None when nothing is left."""
    start, end = span
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return (start, end) if start < end else None


def _end(doc: Document, sentence: Sentence) -> int:
    """The sentence's end before its closing mark and spaces."""
    text, end = doc.text, sentence.end
    while end > sentence.start and text[end - 1].isspace():
        end -= 1
    while end > sentence.start and text[end - 1] in ".!?":
        end -= 1
    return end


def _no_content(text: str, span: Span) -> bool:
    """Only words of time: 'on Thursday', 'last week'. (Looks at the first few words.)"""
    if span[1] - span[0] > 40:
        return False
    words = _WORD.findall(text, span[0], span[1])
    return all(w.lower() in _WHEN or w.lower().endswith("day") or w.isdigit() for w in words)


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
    ends = [cue, *([source] if source else []), *([content] if quote and content else [])]
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
    for signal in signals:
        quote = doc.quote_at(signal.fields["cue"]["start"])
        speaker = None if quote is None else speakers.get(quote.inner_start)
        if speaker is None or speaker is signal or not speaker.fields["source"]["text"]:
            continue
        signal.fields["relayed_by"] = dict(speaker.fields["source"])
    return signals
