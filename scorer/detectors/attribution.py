"""Attribution: who is credited with a statement, by which cue, for which content.

Cues come from `rules/lexicons/attribution.toml`. The source is the noun phrase before
the cue ("Mr Labwani said"), after it ("said Adib Shishakly", "according to the
regime"), behind an appositive ("Kamal al-Labwani, a senior member of the Syrian
National Coalition said"), after "by" in the passive ("I was told this by a Western
diplomatic official"), or the subject of a coordinated verb ("Damascus remained defiant
... and said"). Pronouns resolve to the last named person. A quote beside the cue is
the content of a direct attribution; otherwise the clause after the cue is. Agentless
forms ("it was reported", "Rumours circulated") are attributions with no source. An
attribution inside a quote is relayed by the quote's speaker (`relayed_by`).
Not attribution: "the claims" or "media reports" (nouns), "declined to comment" (a reply).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, cached_property
from heapq import heappop, heappush
from itertools import accumulate
from operator import itemgetter
from typing import Any, NamedTuple

from scorer.detectors import Needed, entities, lexicon, sources
from scorer.detectors.reading import Reading
from scorer.load.document import Document, Quote, Sentence
from scorer.resources import read_toml, rules_dir
from scorer.signals import Signal

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:]\d+)*%?|\w+(?:[-'.]\w+)*|[^\w\s]")
_NOUN_BEFORE = frozenset(
    "a an the his her their its our my your this that these those such media news press"
    " local recent earlier unconfirmed initial conflicting several many some no any other"
    " whose".split()
)
# Words that end a source phrase when walking away from the cue.
_BOUNDARY = frozenset(
    "that which who whom whose when where while because if as and but or nor so than then"
    " after before since although though also not never only just yet still even"
    " what how why whether said says told according is are was were be been being has have"
    " had will would can could may might should must do does did to in on at for with from"
    " about into over under against during without within there here it's do don't doesn't"
    " didn't he's she's i'd we'd i'm we're they're i've we've can't won't wouldn't".split()
)
_SKIP_BEFORE_CUE = frozenset(
    "also has have had is are was were will would later previously recently earlier then"
    " further repeatedly publicly privately once still again already reportedly yesterday"
    " today has been have been not however too instead quickly do does did don't doesn't"
    " didn't won't wouldn't can't cannot could should may might must never now".split()
)
_NAMED_OR_PRONOUN = frozenset(["named_person", "named_organization", "named_outlet", "pronoun"])
_LEADING = frozenset(
    ["but", "and", "so", "yet", "however", "also", "still", "then", ",", "meanwhile"]
)
_NOT_SOURCE_START = frozenset(
    "of most more less some percent oh well yes no so um uh like just only even".split()
)
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april"
    " may june july august september october november december today yesterday tonight"
    " tomorrow morning afternoon evening night week month year last this next on".split()
)
_TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen gov sen rep lt col maj capt sgt adm rev prof st jr sr".split()
)
_INNER_PREPOSITIONS = frozenset(["of", "for", "at", "from", "with"])
_RELATIVE = frozenset(["who", "which", "whose", "whom"])
_APPOSITIVE_START = frozenset(
    ["a", "an", "the", "one", "its", "his", "her", "their", "who", "which"]
)
_QUOTE_CLOSE = set("\"'")
# Labels, not speakers, before a colon: "Update: ...", "Q: ...".
_NOT_HEADLINE_SPEAKERS = frozenset(
    "update updated note correction editor's editors photo photos video watch read related"
    " breaking exclusive q a analysis opinion live sources source where when what why how"
    " who bottom first second third last final next".split()
)
_OBJECTS_BEFORE_BY = frozenset(["this", "that", "so", "it", "me", "him", "her", "us", "them"])
_MAX_PHRASE = 9
_QUOTE_GAP = 4  # at most ",  " or ": " between a quote and its attribution
_NOUNABLE = frozenset(
    "report reports claim claims comment comments answer answers estimate estimates"
    " promise promises pledge pledges tweet tweets post posts warning call calls thought"
    " quote quotes threat threats statement statements".split()
)
# Before these a cue word is a noun or an adjective: "his views", "the proposed plan",
# "her speaking fees", "a reported $1.2 million".
_DETERMINER_ONLY = frozenset("a an the his her its their our my your whose every each".split())
_DETERMINER_WORDS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their"]
)
# What may stand between the cue and "that": "reported yesterday that", "tell Reuters that".
_THAT = re.compile(r"(?:[^.,;:!?\s]+\s+){0,5}?that\s+|,?\s*(?:however,\s*)?that\s+", re.I)
_CLAUSE_BREAK = re.compile(r"[;]|,\s*(?:but|and|while|whereas|yet|though|although)\s", re.I)
# The lookbehind starts a try only where a run of spaces and commas starts: it changes no
# match (one starting inside a run would start earlier still), but without it `.sub` tried
# every position of a run that is not the tail, each scanning to the run's end (quadratic).
_CONJUNCTION_TAIL = re.compile(r"(?<![\s,;])[\s,;]*(?:\b(?:and|but|while|as|or)\b[\s,]*)?$", re.I)
_STRIPPABLE = re.compile(r"[ ,:;]*")
_NON_SPACE = re.compile(r"\S+")
_OPINION = frozenset(
    "think thinks thought believe believes believed feel feels know knows hope hopes".split()
)
_FIRST_PERSON = frozenset(["i", "we", "you"])
_BE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
_PERSONAL = frozenset(["he", "she", "they", "it", "i", "we", "you"])
_NAME_PARTICLE = re.compile(r"(?:al|el|bin|ibn|abu|de|van|von|da|di|le|la)-?[A-Z]")
_END = itemgetter(1)  # a _Tok's end


class _Tok(NamedTuple):  # a tuple: tens of thousands are made for a long article
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


class _Tokens(list[_Tok]):
    """A sentence's tokens, and what is worked out from them once, when first asked: which
    `(` each `)` closes, and the sentence's subject."""

    __slots__ = ("_opens", "_stripped_end", "subjects")

    def __init__(self, toks: list[_Tok]) -> None:
        super().__init__(toks)
        self._opens: dict[int, int] | None = None
        self._stripped_end: int | None = None
        self.subjects: dict[bool, dict[str, Any] | None] = {}  # by `in_quote`

    def stripped_end(self, text: str, sentence: Sentence) -> int:
        """Where the sentence ends without its trailing " ,:;": once, not once per cue."""
        if self._stripped_end is None:
            kept = text[sentence.start : sentence.end].rstrip(" ,:;")
            self._stripped_end = sentence.start + len(kept)
        return self._stripped_end

    def opening(self, close: int) -> int:
        """The index of the `(` that the `)` at `close` closes, or `close` if none does.

        Paired in one pass: walking back from each `)` made a sentence of n unclosed ones
        cost n times its length.
        """
        if self._opens is None:
            pending: list[int] = []
            self._opens = {}
            for n, tok in enumerate(self):
                if tok.text == "(":
                    pending.append(n)
                elif tok.text == ")" and pending:
                    self._opens[n] = pending.pop()
        return self._opens.get(close, close)


class _Found(list[Signal]):
    """A sentence's attributions in the order they are found, and what the cues after them
    ask of them, kept up to date as they are appended (only appended: `_trim_contents`
    changes contents once the sentence is done).

    Each cue looking through every attribution before it made a sentence of n cues cost n
    squared: "it is said ... and said and said" or "he claimed it; he claimed it; ...".
    """

    __slots__ = ("_breaks", "_offset", "_open", "_seen", "_sourced", "_waiting")

    def __init__(self, breaks: _Breaks) -> None:
        super().__init__()
        self._breaks = breaks
        self._seen = 0  # attributions taken into account below
        self._sourced: Signal | None = None  # the last one whose source has words
        self._waiting: list[tuple[int, int]] = []  # contents (start, end) after the offset
        self._open: list[tuple[int, int]] = []  # contents (-end, start) begun by the offset
        self._offset = -1  # the last offset asked about

    def _catch_up(self) -> None:
        for signal in self[self._seen :]:
            if signal.fields["source"]["text"]:
                self._sourced = signal
            content = signal.fields["content"]
            if content:
                heappush(self._waiting, (content["start"], content["end"]))
        self._seen = len(self)

    def last_sourced(self) -> Signal | None:
        """The last attribution whose source is some words, not an agentless nobody."""
        self._catch_up()
        return self._sourced

    def in_content(self, offset: int) -> bool:
        """Whether `offset` is inside the reported content of an earlier attribution, before
        any clause boundary: in "Clinton proposed a debate, but Sanders rejected that" the
        rejection is the copy's own report, not part of what Clinton proposed.

        Asked in text order, so a content that ends by the offset, or that a clause break
        stands in before it, is set aside for good.
        """
        self._catch_up()
        floor = self._breaks.last_start(offset)
        if offset < self._offset:  # out of order, never in `_sentence`: look at them all
            contents = (s.fields["content"] for s in self)
            return any(c and floor < c["start"] <= offset < c["end"] for c in contents)
        self._offset = offset
        while self._waiting and self._waiting[0][0] <= offset:
            start, end = heappop(self._waiting)
            heappush(self._open, (-end, start))
        while self._open:
            end, start = -self._open[0][0], self._open[0][1]
            if end > offset and start > floor:
                return True
            heappop(self._open)
        return False


@cache
def _sourceless() -> lexicon.Lexicon:
    """Phrases that are the cue and the (missing or vague) source at once."""
    path = rules_dir() / "lexicons" / "attribution.toml"
    data = read_toml(path)
    types = {"agentless": data["agentless"]["phrases"], "vague": data["vague"]["phrases"]}
    return lexicon.compile_lexicon("sourceless", types, str(path))


KIND = "attribution"
ALSO = ("entity",)  # the sources' entities (scorer.detectors.entities)
NEEDS = ()


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    cues = reading.lexicon("attribution")
    context = sources.Context()
    breaks = _Breaks(doc)
    signals: list[Signal] = []
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        found = _sentence(reading, sentence, cues, context, breaks)
        signals.extend(_trim_contents(doc, found))
        for mention in sources.named_people(doc.text, sentence.start, sentence.end):
            context.remember(mention)
    attributions, found_entities = entities.assign(doc, _relay(doc, signals))
    return [*attributions, *found_entities]


def _sentence(
    reading: Reading,
    sentence: Sentence,
    cues: lexicon.Lexicon,
    context: sources.Context,
    breaks: _Breaks,
) -> list[Signal]:
    doc = reading.doc
    norm = doc.norm
    sourceless = list(reading.cues(_sourceless(), sentence.start, sentence.end))
    said = list(reading.cues(cues, sentence.start, sentence.end))
    if not sourceless and not said and norm.find(":", sentence.start, sentence.end) < 0:
        return []  # no cue and no colon: most sentences, and no tokens to make for them
    toks = _Tokens(
        [
            _Tok(m.start(), m.end(), m.group())
            for m in _TOKEN.finditer(norm, sentence.start, sentence.end)
        ]
    )
    found = _Found(breaks)
    # The sourceless cues: the lexicon finds them in order and never overlapping.
    taken_starts = [cue.start for cue in sourceless]
    for cue in sourceless:
        if cue.type == "vague":
            # "some critics", "by many": the crowd is the source; the phrase is the cue.
            source = {
                "start": cue.start,
                "end": cue.end,
                "text": doc.text[cue.start : cue.end],
                "type": "vague",
            }
        else:
            source = {"start": cue.start, "end": cue.start, "text": "", "type": "agentless"}
        found.append(_signal(doc, sentence, cue.start, cue.end, cue.type, source, None, toks))
    borrowed = []
    for cue in said:
        under = bisect_right(taken_starts, cue.start) - 1
        if (under >= 0 and cue.start < sourceless[under].end) or _not_a_cue(toks, cue):
            continue
        if cue.type == "borrowed":
            borrowed.append(cue)
            continue
        if cue.type in ("stance", "loaded") and (
            _inside_quote(doc, cue.start)
            or (found.in_content(cue.start) and not _coordinated(toks, cue.start))
        ):
            continue  # "...was that he disagreed with": a stance inside reported words
        i = _index(toks, cue.start)
        j = _index(toks, cue.end - 1)
        source, outlet = _find_source(doc, toks, i, j, cue.phrase, found)
        if source is None and (cue.type == "neutral" or (i > 0 and toks[i - 1].text == ",")):
            # "..., saying that", "Rachel Berg ... said": the clause's subject is the source.
            source = _subject(doc, toks, _inside_quote(doc, cue.start))
        if (
            source is not None
            and source["text"].lower() in _FIRST_PERSON
            and (
                cue.phrase in _OPINION
                or cue.type in ("stance", "loaded")
                or _inside_quote(doc, cue.start)
            )
        ):
            # "I think", "we support", '"I said no," he said': the speaker's own view or
            # words, not a source the copy relies on.
            continue
        if source is not None and cue.type == "document":
            source = _document_head(doc, source, _inside_quote(doc, cue.start))
        if source is None or (
            cue.type == "document" and source["type"] not in ("document", "named_organization")
        ):
            continue
        if cue.type in ("stance", "loaded") and not _can_hold_a_view(source):
            continue  # "a persistent fear", "the bill supports": no one to credit
        source = sources.resolve(source, context)
        context.remember(source)
        found.append(_signal(doc, sentence, cue.start, cue.end, cue.type, source, outlet, toks))
    for cue in borrowed:
        found.extend(_borrowed(doc, sentence, toks, cue, found, context))
    found.extend(_colon_quotes(doc, sentence, toks, found, context))
    return found


def _colon_quotes(
    doc: Document,
    sentence: Sentence,
    toks: _Tokens,
    found: _Found,
    context: sources.Context,
) -> list[Signal]:
    """'Trump: "I will win"' - a name, a colon, a quote: the colon is the cue. Without the
    quote only as a headline does it: 'Sanders: Endorsements prove Clinton is the
    establishment', the name opening the sentence and a clause after the colon."""
    out = []
    # From each attribution's cue to its end, sorted, with the furthest end reached so far:
    # a colon is covered when one starting by it reaches it.
    covered = sorted((s.fields["cue"]["start"], s.end) for s in found)
    starts = [a for a, _ in covered]
    reach = list(accumulate((b for _, b in covered), max))
    for n, tok in enumerate(toks[1:-1], 1):
        if tok.text != ":":
            continue
        quoted = toks[n + 1].text in _QUOTE_CLOSE
        if not quoted and (len(toks) - n < 4 or toks[0].lower in _NOT_HEADLINE_SPEAKERS):
            continue
        before = bisect_right(starts, tok.start)
        if before and reach[before - 1] >= tok.start:
            continue  # 'Mokdad said: "..."' has its cue already
        source = _phrase_left(doc, toks, n - 1, _inside_quote(doc, tok.start))
        if source is None or source["type"] not in (
            "named_person",
            "named_organization",
            "pronoun",
        ):
            continue
        if not quoted and (
            source["start"] != toks[0].start
            or source["type"] == "pronoun"
            or not all(w[0].isupper() for w in source["text"].split())
        ):
            continue  # "Syria crisis: General deserts Damascus" is a topic, not a speaker
        source = sources.resolve(source, context)
        out.append(_signal(doc, sentence, tok.start, tok.end, "neutral", source, None, toks))
    return out


def _not_a_cue(toks: _Tokens, cue: lexicon.Cue) -> bool:
    i = _index(toks, cue.start)
    before = toks[i - 1].lower if i > 0 else ""
    if cue.phrase in _NOUNABLE and before in _NOUN_BEFORE:
        return True  # "the claims", "media reports", "his comments"
    if (before in _DETERMINER_ONLY or before == "of") and " " not in cue.phrase:
        return True  # "his views", "the proposed platform", "a lot of calls": a noun
    progressive = cue.phrase.split()[0].endswith("ing") and cue.type != "stance"
    if not progressive and _passive_without_agent(toks, i, cue.end):
        # "if his defection is confirmed": nobody is credited. "He was saying" is no
        # passive, but "they have been hoping" is a state of mind, not words on record.
        return True
    # "declined to comment", "plans to support": not said or done yet
    return before == "to" and cue.type != "declined"


def _passive_without_agent(toks: _Tokens, i: int, end: int) -> bool:
    k = i - 1
    while k >= 0 and toks[k].lower in ("not", "also", "independently", "officially", "yet"):
        k -= 1
    return k >= 0 and toks[k].lower in _BE and _passive_agent(toks, _index(toks, end)) is None


def _index(toks: _Tokens, offset: int) -> int:
    """Index of the first token that ends after `offset`.

    By bisection (tokens do not overlap, so their ends rise): a scan from the first token
    made a sentence of n cues cost n times its length ("said said said ...": quadratic).
    """
    return bisect_right(toks, offset, key=_END)


def _find_source(
    doc: Document,
    toks: _Tokens,
    i: int,
    j: int,
    phrase: str,
    found: _Found,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(source, outlet) for the cue spanning tokens i..j."""
    in_quote = _inside_quote(doc, toks[i].start)
    if phrase.startswith("according to"):
        return _phrase_right(doc, toks, j + 1, in_quote), None
    by = _passive_agent(toks, j + 1)
    if by is not None:
        return _phrase_right(doc, toks, by, in_quote), None
    k = i - 1
    while k >= 0 and toks[k].lower in _SKIP_BEFORE_CUE:
        k -= 1
    outlet = (
        _recipient_outlet(doc, toks, j + 1)
        if phrase in ("told", "tells", "tell", "telling")
        else None
    )
    participle = toks[k].text == "," and phrase.split()[0].endswith("ing") if k >= 0 else False
    if k >= 0 and (toks[k].lower in ("and", "but") or participle):
        # "... and said", "Twitter said in a statement, adding that": the same speaker.
        own = found.last_sourced()
        if own is not None:
            return dict(own.fields["source"]), outlet
        return _subject(doc, toks, in_quote), outlet
    if (
        k < 0
        or toks[k].text in _QUOTE_CLOSE
        or (toks[k].text == "," and k > 0 and toks[k - 1].text in _QUOTE_CLOSE)
    ):
        return _phrase_right(doc, toks, j + 1, in_quote), outlet
    left = _phrase_left(doc, toks, k, in_quote)
    if left is None and toks[k].text == ",":
        return _phrase_right(
            doc, toks, j + 1, in_quote
        ), outlet  # ", the race will be tight, said X"
    return left, outlet


def _subject(doc: Document, toks: _Tokens, in_quote: bool) -> dict[str, Any] | None:
    """The sentence's opening noun phrase: 'Damascus' in 'Damascus remained defiant ... and
    said'. Capitalised words and determiners, then at most two lower-case nouns.

    Found once a sentence (a copy each time, as each attribution owns its source): the run
    of capitalised words has no bound, and walking it again for each of n cues cost n
    times its length.
    """
    if in_quote not in toks.subjects:
        toks.subjects[in_quote] = _find_subject(doc, toks, in_quote)
    subject = toks.subjects[in_quote]
    return None if subject is None else dict(subject)


def _find_subject(doc: Document, toks: _Tokens, in_quote: bool) -> dict[str, Any] | None:
    first = 0
    while first < len(toks) and toks[first].lower in _LEADING:
        first += 1
    n, lower = first, 0
    while n < len(toks) and _in_phrase(toks, n):
        word = toks[n]
        if not (word.text[0].isupper() or word.lower in _DETERMINER_WORDS):
            if lower == 2 or word.lower.endswith("ed") or word.lower in _BE:
                break
            lower += 1
        n += 1
    if n == first or not _plausible(doc.text[toks[first].start : toks[n - 1].end]):
        return None
    return _source(doc, toks[first].start, toks[n - 1].end, in_quote)


def _passive_agent(toks: _Tokens, n: int) -> int | None:
    """Token index after 'by' in 'was told (this) by X', or None."""
    if n < len(toks) and toks[n].lower in _OBJECTS_BEFORE_BY:
        n += 1
    if n < len(toks) and toks[n].lower == "by":
        return n + 1
    return None


def _phrase_left(doc: Document, toks: _Tokens, k: int, in_quote: bool) -> dict[str, Any] | None:
    """The noun phrase ending at token k, looking through an appositive, a relative clause
    and a parenthesis: 'Rep. Elijah Cummings (D-Md.), chair of the committee, said'."""
    if k >= 0 and toks[k].text == ")":
        k = toks.opening(k) - 1
    if k < 0:
        return None
    if toks[k].lower in _PERSONAL:
        return _source(doc, toks[k].start, toks[k].end, in_quote)  # "... Journal he threatened"
    if toks[k].text == ",":
        return _behind_appositive(doc, toks, k, in_quote)
    if toks[k].lower in ("who", "which") and k >= 1:
        # "the Mexican president, who said", "voters who support him": the relative pronoun
        # names the source, as "he" does, and resolves to the phrase it follows.
        head = k - 2 if toks[k - 1].text == "," else k - 1
        antecedent = _phrase_left(doc, toks, head, in_quote) if head >= 0 else None
        if antecedent is None:
            return None
        by = antecedent["text"].rfind(" by ")
        if by >= 0:  # "praised by Senator Warren, who said": the agent is the antecedent
            start = antecedent["start"] + by + 4
            antecedent = _source(doc, start, antecedent["end"], in_quote)
        return {
            **_span(doc, toks[k].start, toks[k].end),
            "type": antecedent["type"],
            "resolved": {key: antecedent[key] for key in ("start", "end", "text")},
        }
    start = k
    while start >= 0 and k - start < _MAX_PHRASE and _in_phrase(toks, start):
        start -= 1
    start += 1
    if start > k:
        return None
    if start >= 2 and toks[start - 1].text == "," and toks[start].lower in _APPOSITIVE_START:
        # "Kamal al-Labwani, a senior member of the Syrian National Coalition said"
        head = _phrase_left(doc, toks, start - 2, in_quote)
        if _appositive_head(toks, head):
            head["description"] = _span(doc, toks[start].start, toks[k].end)
            return head
    return _source(doc, toks[start].start, toks[k].end, in_quote)


def _appositive_head(toks: _Tokens, head: dict[str, Any] | None) -> bool:
    """Whether `head` can carry an appositive: a name in subject position. In "releasing
    them to the public, an aide said" the aide is the source, not "the public"."""
    if head is None or head["type"] not in _NAMED_OR_PRONOUN:
        return False
    k = _index(toks, head["start"]) - 1
    while k >= 0 and (toks[k].text == "." or toks[k].lower in _TITLE_ABBREVIATIONS):
        k -= 1  # "Mr. Labwani"
    return k < 0 or toks[k].lower in _LEADING or not toks[k].is_word


def _behind_appositive(
    doc: Document, toks: _Tokens, comma: int, in_quote: bool
) -> dict[str, Any] | None:
    """'Rachel Berg, a philanthropist from Monsey, New York, said': the named phrase before
    a comma-enclosed description, which may hold commas of its own."""
    opening = comma
    for _ in range(3):
        opening = _comma_before(toks, opening - 1)
        if opening is None or opening == 0 or comma - opening > 24:
            return None
        head = _phrase_left(doc, toks, opening - 1, in_quote)
        # A relative clause may follow any subject: "An official, who was not authorised
        # to speak, said"; a noun-phrase description needs a name or pronoun before it.
        relative = head is not None and toks[opening + 1].lower in _RELATIVE
        if relative or _appositive_head(toks, head):
            head["description"] = _span(doc, toks[opening + 1].start, toks[comma - 1].end)
            return head
    return None


def _comma_before(toks: _Tokens, n: int) -> int | None:
    while n >= 0 and toks[n].text != ",":
        n -= 1
    return n if n >= 0 else None


def _phrase_right(doc: Document, toks: _Tokens, n: int, in_quote: bool) -> dict[str, Any] | None:
    while n < len(toks) and toks[n].text in (",", ":"):
        n += 1
    end = n
    while end < len(toks) and end - n < _MAX_PHRASE and _in_phrase(toks, end):
        end += 1
    if end == n:
        return None
    text = doc.text[toks[n].start : toks[end - 1].end]
    if not (_plausible(text) or _titled(text)):
        return None  # what follows a cue is often no source: "said of stock", "said Friday"
    return _source(doc, toks[n].start, toks[end - 1].end, in_quote)


def _titled(text: str) -> bool:
    """'former South Carolina Gov. Jim Hodges', 'master of ceremonies Asab Al-Tabchi': lower-case
    words before a name, as after an inverted 'said'."""
    words = text.split()
    first = words[0].lower()
    return (
        first.isalpha()
        and first not in _NOT_SOURCE_START
        and first not in _TIME_WORDS
        and any(w[0].isupper() and w.lower() not in _TIME_WORDS for w in words[1:])
    )


def _in_phrase(toks: _Tokens, n: int) -> bool:
    """Whether token n can belong to a source phrase; 'of', 'for', 'with'... can, between two
    words that can ('a spokesman for the ministry', 'people familiar with the matter')."""
    tok = toks[n]
    if tok.lower in _INNER_PREPOSITIONS:
        return 0 < n < len(toks) - 1 and _word(toks[n - 1]) and _word(toks[n + 1])
    if tok.text == ".":
        # "Mr. Emanuel", "former South Carolina Gov. Jim Hodges": a title's full stop.
        return (
            0 < n < len(toks) - 1
            and toks[n - 1].lower in _TITLE_ABBREVIATIONS
            and toks[n + 1].text[0].isupper()
        )
    return _word(tok) or tok.text in ("-", "&", "/")


def _word(tok: _Tok) -> bool:
    return tok.is_word and tok.lower not in _BOUNDARY


def _plausible(text: str) -> bool:
    """Whether a phrase can name a source: not 'of stock', '48 percent', 'Friday', 'Oh'."""
    words = text.split()
    if not words:
        return False
    first = words[0].lower().strip(",.")
    if first in _NOT_SOURCE_START or first[:1].isdigit():
        return False
    if all(w.lower().strip(",.") in _TIME_WORDS for w in words):
        return False
    known = sources.words()
    return (
        words[0][:1].isupper()
        or first in _DETERMINER_WORDS
        or first in _PERSONAL
        or first in known.anonymous
        or first in known.vague
        or words[-1].lower() in known.anonymous | known.vague | known.document
    )


def _source(doc: Document, start: int, end: int, in_quote: bool) -> dict[str, Any]:
    text = doc.text[start:end]
    kind, described = sources.classify(text, in_quote=in_quote)
    source = {"start": start, "end": end, "text": text, "type": kind}
    if kind == "anonymous":
        source["described"] = described
    return source


def _recipient_outlet(doc: Document, toks: _Tokens, n: int) -> dict[str, Any] | None:
    """'told Reuters', 'tell the AFP press agency': the recipient when it is an outlet."""
    end = n
    while end < len(toks) and end - n < 5 and _in_phrase(toks, end):
        end += 1
    if end == n:
        return None
    text = doc.text[toks[n].start : toks[end - 1].end]
    if sources.classify(text)[0] == "named_outlet":
        return _span(doc, toks[n].start, toks[end - 1].end)
    return None


def _borrowed(
    doc: Document,
    sentence: Sentence,
    toks: _Tokens,
    cue: lexicon.Cue,
    found: _Found,
    context: sources.Context,
) -> list[Signal]:
    """'In an interview with The Wall Street Journal he threatened...': the outlet goes on the
    sentence's own attribution, or makes one whose source is the clause's subject."""
    j = _index(toks, cue.end - 1)
    end = _outlet_end(doc, toks, j + 1)
    if end is None:
        return []
    outlet = _span(doc, toks[j + 1].start, toks[end - 1].end)
    if found:  # all of the sentence
        found[-1].fields["outlet"] = outlet
        return []
    source = _phrase_right(doc, toks, end, _inside_quote(doc, cue.start))
    if source is None:
        return []
    source = sources.resolve(source, context)
    return [_signal(doc, sentence, cue.start, cue.end, "borrowed", source, outlet, toks)]


def _outlet_end(doc: Document, toks: _Tokens, n: int) -> int | None:
    """End (exclusive token index) of the outlet named at token n: the longest phrase the
    outlet list knows, else the run of capitalised words."""
    for length in range(min(6, len(toks) - n), 0, -1):
        text = doc.text[toks[n].start : toks[n + length - 1].end]
        if sources.classify(text)[0] == "named_outlet":
            return n + length
    end = n
    while end < len(toks) and (toks[end].text[0].isupper() or toks[end].lower == "the"):
        end += 1
    return end if end > n else None


def _signal(
    doc: Document,
    sentence: Sentence,
    start: int,
    end: int,
    verb: str,
    source: dict[str, Any],
    outlet: dict[str, Any] | None,
    toks: _Tokens,
) -> Signal:
    quote = _adjacent_quote(doc, sentence, start, end, source)
    if quote is not None:
        content = _span(doc, quote.inner_start, quote.inner_end)
    else:
        content = _indirect_content(doc, sentence, start, end, source, toks)
    lo = min(start, source["start"] if source["text"] else start, quote.start if quote else start)
    hi = max(end, source["end"], quote.end if quote else end)
    fields: dict[str, Any] = {
        "cue": _span(doc, start, end, verb=verb),
        "source": source,
        "quote": quote is not None,
        "content": content,
    }
    if outlet is not None:
        fields["outlet"] = outlet
    return Signal("attribution", lo, hi, doc.text[lo:hi], sentence.index, fields)


def _adjacent_quote(
    doc: Document, sentence: Sentence, start: int, end: int, source: dict[str, Any]
) -> Quote | None:
    """A quote that ends just before the cue and its source, or starts just after them."""
    lo = min(start, source["start"]) if source["text"] else start
    hi = max(end, source["end"])
    before, after = doc.quotes_around(lo, hi)
    if (
        before is not None
        and _gap(doc.text, before.end, lo) <= _QUOTE_GAP
        and not doc.text[before.end : lo].strip(" ,\r\n\u2014-")
    ):
        return before
    if (
        after is not None
        and _gap(doc.text, hi, after.start) <= _QUOTE_GAP
        and not doc.text[hi : after.start].strip(" ,:\r\n\u2014-")
    ):
        return after
    return None


def _gap(text: str, start: int, end: int) -> int:
    """Characters from `start` to `end`, a CRLF counted as one: copy saved with either line
    break is as close to its quote."""
    return end - start - text.count("\r\n", start, end)


def _indirect_content(
    doc: Document,
    sentence: Sentence,
    start: int,
    end: int,
    source: dict[str, Any],
    toks: _Tokens,
) -> dict[str, Any] | None:
    """The content reported without quotes: the rest of the sentence after the cue and its
    source (after any "that"), or the sentence before them when nothing follows.

    Only its offsets: `_trim_contents` cuts it at the next cue of the sentence and adds the
    text. Nothing here slices or splits the rest of the sentence, which for a sentence of n
    cues would cost n times its length.
    """
    text = doc.text
    after = max(end, source["end"])
    # The rest of the sentence, stripped of " ,:;" at both ends.
    lo = _STRIPPABLE.match(text, after, sentence.end).end()  # type: ignore[union-attr]
    hi = max(lo, toks.stripped_end(text, sentence))
    if all(w.group().lower().strip(".,") in _TIME_WORDS for w in _NON_SPACE.finditer(text, lo, hi)):
        hi = lo  # "..., an aide said Thursday.": the content is before the cue
    if hi - lo > 3:
        offset = lo
        that = _THAT.match(doc.norm, offset)
        if that:
            offset = that.end()
        end = sentence.end - (1 if text[sentence.end - 1] in ".!?" else 0)
        if end - offset > 3:
            return {"start": offset, "end": end}
        return None
    before = min(start, source["start"]) if source["text"] else start
    head = len(text[sentence.start : before].rstrip(" ,"))
    if head > 3:
        return {"start": sentence.start, "end": sentence.start + head}
    return None


def _trim_contents(doc: Document, found: list[Signal]) -> list[Signal]:
    """An indirect content stops where the next attribution of its sentence begins:
    'denied that Gen Habib had left Syria | and said he was still at his home'. Its text
    is added here, once it is cut."""
    cues = sorted(s.fields["cue"]["start"] for s in found)
    for signal in found:
        content = signal.fields["content"]
        if signal.fields["quote"] or not content:
            continue
        start, end = content["start"], content["end"]
        # The first cue after the content's start, if it is before its end.
        n = bisect_right(cues, start)
        if n < len(cues) and cues[n] < end:
            kept = _CONJUNCTION_TAIL.sub("", doc.text[start : cues[n]])
            if len(kept) > 3:
                end = start + len(kept)
        signal.fields["content"] = _span(doc, start, end)
    return found


class _Breaks:
    """The document's clause breaks, found once, when first asked: a content from `start`
    runs on to `offset` unbroken when `start` is after the last break that ends by `offset`.

    That is `not _CLAUSE_BREAK.search(doc.norm, start, offset)`, told from the document's
    breaks: they cannot overlap (a `;`, or a comma, spaces, a word and a space) and each
    depends only on the text from its mark on, so one search of the whole text finds every
    match a search of a slice could. A search per content and cue cost the content's
    length each time.
    """

    def __init__(self, doc: Document) -> None:
        self._doc = doc

    @cached_property
    def _spans(self) -> tuple[list[int], list[int]]:
        found = [m.span() for m in _CLAUSE_BREAK.finditer(self._doc.norm)]
        return [a for a, _ in found], [b for _, b in found]

    def last_start(self, offset: int) -> int:
        """Where the last break that ends by `offset` starts, or -1."""
        starts, ends = self._spans
        n = bisect_right(ends, offset)
        return starts[n - 1] if n else -1


def _document_head(doc: Document, source: dict[str, Any], in_quote: bool) -> dict[str, Any]:
    """'A Des Moines Register poll released Saturday found': the source ends at its
    document noun, so it is typed as the poll, not as 'Saturday'."""
    if source["type"] == "document":
        return source
    known = sources.words().document
    text = source["text"]
    ends = [m.end() for m in re.finditer(r"[\w'-]+", text) if m.group().lower() in known]
    if not ends:
        return source
    return _source(doc, source["start"], source["start"] + ends[-1], in_quote)


def _coordinated(toks: _Tokens, offset: int) -> bool:
    """'Clinton said X and argued that Y': a second verb of the same subject."""
    k = _index(toks, offset) - 1
    while k >= 0 and toks[k].lower in _SKIP_BEFORE_CUE:
        k -= 1
    return k >= 0 and toks[k].lower in ("and", "but")


def _can_hold_a_view(source: dict[str, Any]) -> bool:
    """A stance needs somebody to hold it: a name, a pronoun, a role ('the senator'), an
    organisation or a crowd; not a determiner before an unknown noun ('the bill')."""
    if source["type"] in ("document", "agentless"):
        return False
    words = source["text"].lower().split()
    if source["type"] != "pronoun" or len(words) < 2:
        return True
    known = sources.words()
    head = words[-1]
    return (
        head in known.titles
        or head in known.anonymous
        or head in known.vague
        or head in known.organization
        or head in known.people
    )


def _inside_quote(doc: Document, offset: int) -> bool:
    return doc.quote_at(offset) is not None


def _span(doc: Document, start: int, end: int, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "text": doc.text[start:end], **extra}


def _relay(doc: Document, signals: list[Signal]) -> list[Signal]:
    """An attribution inside a quote is passed on by the quote's speaker: report both."""
    by_content = {
        (s.fields["content"]["start"], s.fields["content"]["end"]): s
        for s in signals
        if s.fields["quote"] and s.fields["content"]
    }
    for signal in signals:
        cue = signal.fields["cue"]["start"]
        quote = doc.quote_at(cue)
        if quote is None:
            continue
        a, b = quote.inner_start, quote.inner_end
        speaker = by_content.get((a, b))
        if speaker is None or speaker is signal:
            continue
        signal.fields["relayed_by"] = dict(speaker.fields["source"])
        before = doc.text[a : doc.sentences[signal.sentence].start].rstrip()
        if not signal.fields["quote"] and before:
            # "I was told this by...": what was told is the quote before it.
            signal.fields["content"] = _span(doc, a, a + len(before))
    return signals
