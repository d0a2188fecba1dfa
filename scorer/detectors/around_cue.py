"""Spans a rule finds around an attribution's cue, in the cue's sentence.

The tagger finds most sources and contents; where it finds none, or where the attribution
is a rule's own ("according to", a house entry), these say which words name the source
and which are the content: the clause's subject ("Israel's Channel 12 reported"), the
subject before a parenthesis ("The complaint, filed in Manhattan, says"), the speaker
after an inverted cue ("..., said Adib Shishakly"), a passive's agent ("was told by a
senior police source"), what "who" refers to ("One person, who asked not to be named"),
the content beside a cue (a quote, else the rest of the sentence after "that"), and an
outlet named after a cue ("told Reuters"). Each looks at most `WINDOW` characters from
the cue: a run-on sentence of thousands of cues costs each cue a few words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scorer.detectors.source_types import type_phrase
from scorer.load.document import Document, Quote, Sentence

Span = tuple[int, int]

_STRIP = " \t\r\n,;:"
# "told the authors that...": up to five words, then the "that" that opens the content.
_THAT = re.compile(r"(?:[^.,;:!?\s]+\s+){0,5}?that\s+|,?\s*(?:however,\s*)?that\s+", re.I)
WORD = re.compile(r"[\w'’-]+")
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
_AFTER_STOP = re.compile(
    r"[,;:()\"“”]|\.(?:\s|$)|\b(?:that|who|which|because|when|while|after|before|as)\b", re.I
)
WINDOW = 200  # characters a rule looks through for a source phrase: more is no phrase
_GAP = 4  # at most ",  " or ": " between a quote and its attribution
_BY = re.compile(r"\s+(?:(?:this|that|it|so|me|him|her|us|them)\s+)?by\s+", re.I)
_FINITE = frozenset("is are was were has have had will would could should may might can".split())
_NOBODY = frozenset(["none", "agentless"])
# Who a rule lets stand behind some cues: "the poll found"; "BBC Sport has learnt", "I understand".
_ALLOWED = {
    "document": frozenset(["document", "named_organization"]),
    "self": frozenset(["self", "named_outlet", "named_organization"]),
}
# Words that end a noun phrase on its left: prepositions, verbs of being, conjunctions.
_BEFORE_PHRASE = frozenset(
    "by of to for with from at on in into among including like as than and or but that "
    "is are was were be been said says told".split()
)


def agent(doc: Document, cue: Span, sentence: Sentence) -> Span | None:
    """'was first reported by Axios': the passive's agent after 'by'."""
    by = _BY.match(doc.norm, cue[1])
    if by is None:
        return None
    span = phrase_after(doc, sentence, by.end())
    if span is None or type_phrase(doc.text[span[0] : span[1]]).type in _NOBODY:
        return None
    return span


def inverted(
    doc: Document, sentence: Sentence, source: Span, cue: Span
) -> tuple[Span, Span] | None:
    """'The inquiry is widening, said a source close to the probe.': when a comma stands
    between the model's source and the cue and a short phrase that names a source ends
    the sentence after it, that phrase is the source and the clause before the content."""
    text = doc.text
    between = text[source[1] : cue[0]]
    if "," not in between and not text[source[0] : source[1]].rstrip().endswith(","):
        return None
    after = trimmed(text, (cue[1], sentence_end(doc, sentence)))
    if after is None or after[1] - after[0] > 100:
        return None
    words = WORD.findall(text, after[0], after[1])
    if (
        not 1 <= len(words) <= 10
        or any(w.lower() in _FINITE for w in words)
        or type_phrase(text[source[0] : source[1]]).type != "none"
        or type_phrase(text[after[0] : after[1]]).type == "none"
    ):
        return None  # the model's source names somebody, or what follows is a clause
    return after, trimmed(text, source) or source


def named_by_rule(
    doc: Document, sentence: Sentence, start: int, end: int, verb: str
) -> Span | None:
    """A lexicon cue the model passed over: its source is the clause's subject ("Israel's
    Channel 12 reported"), the subject before a parenthesis ("The complaint, filed in
    Manhattan, says"), or the phrase after the cue ("..., said Adib Shishakly"), whichever
    first names somebody. A cue with none of these is no attribution ("The plan calls for")."""
    text = doc.text
    before = subject(doc, sentence, start)
    candidates = [before]
    if before is None and _COORDINATED.search(text, max(sentence.start, start - 8), start):
        candidates.append(_first_subject(doc, sentence, start))
    lo = before[0] if before is not None else start
    if text[max(sentence.start, lo - 3) : lo].rstrip().endswith(","):
        # A parenthesis or a quoted clause before: the subject before it, or an inverted
        # speaker after the cue that ends the sentence.
        comma = text.rfind(",", max(sentence.start, lo - WINDOW), lo)
        opening = text.rfind(",", max(sentence.start, comma - WINDOW), comma)
        if opening >= 0:
            candidates.append(subject(doc, sentence, opening))
        after = phrase_after(doc, sentence, end)
        if after is not None and after[1] == sentence_end(doc, sentence):
            candidates.append(after)
    allowed = _ALLOWED.get(verb)
    for span in candidates:
        if span is None:
            continue
        kind = type_phrase(text[span[0] : span[1]]).type
        if kind not in _NOBODY and (allowed is None or kind in allowed):
            return span
    return None


def phrase_after(doc: Document, sentence: Sentence, start: int) -> Span | None:
    """The short phrase after a cue, to a clause mark, a clause's first word ("that",
    "who") or the sentence's end; none when it runs on past a few words."""
    end = min(sentence_end(doc, sentence), start + WINDOW)
    stop = _AFTER_STOP.search(doc.text, start, end)
    span = trimmed(doc.text, (start, stop.start() if stop else end))
    if span is None or len(WORD.findall(doc.text, span[0], span[1])) > _MAX_SUBJECT:
        return None
    return span


def according_to(doc: Document, sentence: Sentence, cue_end: int) -> Span | None:
    """'according to two council officials who...': the phrase after 'according to', to
    the next comma or the end of the sentence."""
    text = doc.text
    end = min(sentence_end(doc, sentence), cue_end + WINDOW)
    m = _PHRASE_STOP.search(text, cue_end, end)
    return trimmed(text, (cue_end, m.start() if m else end))


def antecedent(doc: Document, sentence: Sentence, relative: int) -> Span | None:
    """'Our correspondent in Kyiv, who says', 'led by Jane Doe, who calls': the clause's
    subject before a relative pronoun when it names somebody, else the noun phrase right
    before it (back to a preposition, verb or clause mark)."""
    text = doc.text
    end = relative
    while end > sentence.start and text[end - 1] in " ,":
        end -= 1
    whole = subject(doc, sentence, end)
    if whole is not None and type_phrase(text[whole[0] : whole[1]]).type not in _NOBODY:
        return whole
    words = list(WORD.finditer(text, max(sentence.start, end - 80), end))
    start = end
    for word in reversed(words[-_MAX_SUBJECT:]):
        if word.group().lower() in _BEFORE_PHRASE or text[word.end() : start].strip(" "):
            break
        start = word.start()
    return (start, end) if start < end else None


def subject(doc: Document, sentence: Sentence, cue: int) -> Span | None:
    """The words before a cue back to the clause's start: at most a few, else none. A
    pronoun right before the cue is the subject alone ("In an interview with The Wall
    Street Journal he threatened")."""
    text = doc.text
    last = _LAST_WORD.search(text, max(sentence.start, cue - 12), cue)
    if last is not None and last.group(1).lower() in _PRONOUNS:
        return last.span(1)
    start = max(sentence.start, cue - WINDOW)
    for m in _SUBJECT_STOP.finditer(text, start, cue):
        start = m.end()
    span = trimmed(text, (start, cue))
    if span is None or len(WORD.findall(text, span[0], span[1])) > _MAX_SUBJECT:
        return None
    return span


def content(doc: Document, sentence: Sentence, cue: Span, source: Span | None) -> Span | None:
    """Where the tagger found none: a quote beside the cue and its source, else the rest
    of the sentence after them (after any 'that'), else the sentence before them."""
    lo = min(cue[0], source[0]) if source else cue[0]
    hi = max(cue[1], source[1]) if source else cue[1]
    quote = _adjacent_quote(doc, lo, hi)
    if quote is not None:
        return quote.inner_start, quote.inner_end
    text = doc.text
    rest = trimmed(text, (hi, sentence_end(doc, sentence)))
    if rest is not None and not _no_content(text, rest):
        that = _THAT.match(doc.norm, rest[0], rest[1])
        start = that.end() if that else rest[0]
        return trimmed(text, (start, rest[1]))
    return trimmed(text, (sentence.start, lo))


def _adjacent_quote(doc: Document, lo: int, hi: int) -> Quote | None:
    """A quote that ends just before the cue and its source, or starts just after them."""
    before, after = doc.quotes_around(lo, hi)
    if before is not None and _only_marks(doc.text, before.end, lo, " ,\r\n\u2014-"):
        return before
    if after is not None and _only_marks(doc.text, hi, after.start, " ,:\r\n\u2014-"):
        return after
    return None


def _only_marks(text: str, start: int, end: int, marks: str) -> bool:
    return _gap(text, start, end) <= _GAP and not text[start:end].strip(marks)


def _gap(text: str, start: int, end: int) -> int:
    """Characters from `start` to `end`, a CRLF counted as one: copy saved with either line
    break is as close to its quote (only short gaps are counted)."""
    if end - start > 2 * _GAP:
        return end - start
    return end - start - text.count("\r\n", start, end)


def outlet_at(doc: Document, start: int, end: int) -> Span | None:
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


def is_outlet(text: str, span: Span) -> bool:
    return type_phrase(text[span[0] : span[1]]).type == "named_outlet"


def joined(text: str, spans: Sequence[Span]) -> Span | None:
    """The tagger's content pieces as one span, first start to last end."""
    if not spans:
        return None
    return trimmed(text, (spans[0][0], spans[-1][1]))


def trimmed(text: str, span: Span) -> Span | None:
    """`span` without the spaces and clause marks around it; None when nothing is left."""
    start, end = span
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return (start, end) if start < end else None


def sentence_end(doc: Document, sentence: Sentence) -> int:
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
    words = WORD.findall(text, span[0], span[1])
    return all(w.lower() in _WHEN or w.lower().endswith("day") or w.isdigit() for w in words)


_LAST_WORD = re.compile(r"\b(\w+)\s*$")
_CONDITIONAL = frozenset("if unless until whether once".split())
_PRONOUNS = frozenset("he she they it we i".split())


def conditional(doc: Document, sentence: Sentence, cue: int) -> bool:
    """Whether the cue's clause opens with "if", "unless", "until", "whether" or "once"."""
    start = max(sentence.start, cue - WINDOW)
    for m in _SUBJECT_STOP.finditer(doc.text, start, cue):
        start = m.end()
    first = WORD.search(doc.text, start, cue)
    return first is not None and first.group().lower() in _CONDITIONAL


def cue_words(doc: Document, cue: Span) -> tuple[Span, Span | None]:
    """A tagged cue without marks and words of time at its end ("said:", "reported
    yesterday"), and the outlet it holds ("tell Reuters" -> "tell", "Reuters")."""
    text = doc.text
    start, end = cue
    words = list(WORD.finditer(text, start, end))
    while len(words) > 1 and words[-1].group().lower() in _WHEN | {"yesterday", "today"}:
        words.pop()
    if words:
        end = words[-1].end()
    outlet = None
    if len(words) > 1 and words[1].group()[:1].isupper():
        tail = (words[1].start(), end)
        if is_outlet(text, tail):
            outlet, end = tail, words[0].end()
    return (start, end), outlet


_COORDINATED = re.compile(r"\b(?:and|but)\s*$", re.I)


def _first_subject(doc: Document, sentence: Sentence, cue: int) -> Span | None:
    """'Damascus remained defiant ... and said': the shortest opening of the clause before
    the 'and' that names somebody (at most four words)."""
    text = doc.text
    start = max(sentence.start, cue - WINDOW)
    for m in _PHRASE_STOP.finditer(text, start, cue):
        start = m.end()
    words = list(WORD.finditer(text, start, cue))[:4]
    for word in words:
        span = (words[0].start(), word.end())
        if type_phrase(text[span[0] : span[1]]).type not in _NOBODY:
            return span
    return None


def whole_quote(doc: Document, cue: Span, content: Span) -> Span:
    """A content that starts inside a quotation the cue is not in is the whole quotation:
    the tagger can mark only its last sentence ('"A. B. C," he said')."""
    for offset in (content[0], content[0] + 1):
        quote = doc.quote_at(offset)
        if quote is not None:
            if quote.inner_start <= cue[0] < quote.inner_end:
                return content
            if quote.start <= content[0] and content[1] <= quote.end:
                return quote.inner_start, quote.inner_end  # the quoted words, without marks
            return min(content[0], quote.inner_start), max(content[1], quote.inner_end)
    return content


_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$", re.I)


def passive_agent(doc: Document, sentence: Sentence, start: int, end: int) -> Span | None:
    """'I was told this by a Western diplomatic official': the agent of a cue in the
    passive, when one is named."""
    if not _BE_BEFORE.search(doc.norm, max(sentence.start, start - 20), start):
        return None
    return agent(doc, (start, end), sentence)
