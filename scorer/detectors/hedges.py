"""Hedges and weasel wording: the reporter's own uncertainty, and support implied for nobody.

Two readers of each sentence, the lexicon and a trained model, and the words stay the
evidence:

* The lexicon: "reportedly", "if confirmed", "it is believed", "could not be
  independently verified"... from `rules/lexicons/hedges.toml`, typed reporting,
  epistemic, conditional, unconfirmed or speculation. Not hedges: "May" the month ("in May
  2011"), "could" of past inability ("could not attend"), "might" the noun ("military
  might"), a modal of what things can or sometimes do ("may be used", "could include"),
  "more likely" comparing frequencies.
* The model (`scorer/models/uncertainty.json`, its card beside it): is the sentence
  uncertain? When it says yes, `linear.uncertainty_kind` reads its evidence words: a
  weasel (an unnamed crowd, passive belief, unnamed authority, peacock wording; signal
  kind `weasel`, which takes the place of a lexicon hedge on the same words) or a hedge.
  A hedge the lexicon did not find is a signal at the model's heaviest evidence words
  that are not only function words, with their weights, unless they are an
  attribution's cue ("state media reported": the attribution rules judge it).

How they combine: a cue of the lexicon (shipped or house) that the rules above accept
always fires, and the model adds what the lexicon misses. The model cannot overrule a
cue: its lexicon features carry fixed weights (see its card), so a shipped cue the rules
accept is uncertain to the model too; the rules read the words closer ("May has
struggled": a name before a finite verb; "may be reached at": a contact line).

Every signal says `by`: "lexicon" or "model". Nothing inside a direct quote counts: there
the source hedges, not the reporter. Boilerplate is skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from itertools import accumulate

from scorer.detectors import Needed
from scorer.detectors.lexicon import Cue
from scorer.detectors.reading import Reading
from scorer.errors import ScorerError
from scorer.load.document import Document, Sentence
from scorer.models import linear
from scorer.resources import read_toml, rules_dir
from scorer.signals import Signal

_MONTH_BEFORE = frozenset(
    [
        "in",
        "on",
        "of",
        "since",
        "until",
        "till",
        "by",
        "from",
        "early",
        "late",
        "mid",
        "last",
        "next",
        "this",
        "before",
        "after",
        "between",
        "during",
        "through",
    ]
)
_MIGHT_NOUN_BEFORE = frozenset(
    ["military", "economic", "naval", "full", "its", "their", "his", "her", "our", "the", "with"]
)
# "could see", "could not attend": ability, not possibility.
_ABILITY_AFTER = frozenset(
    [
        "not",
        "n't",
        "never",
        "hardly",
        "barely",
        "only",
        "see",
        "hear",
        "feel",
        "smell",
        "taste",
        "remember",
        "recall",
    ]
)
_NEXT_WORD = re.compile(r"\s*([\w']+)")
_PREV_WORD = re.compile(r"([\w']+)\s*$")
_NUMBER_NEXT = re.compile(r"\s*\d")
_WORDS = re.compile(r"[A-Za-z][\w']*")
_MODALS = frozenset(["may", "might", "could"])
# A modal is followed by a verb's bare form; these after "May" make it a name ("May has
# struggled", "May said"), and after "might" a noun.
_FINITE_AFTER = frozenset(
    "has is was had does did says said reported posted announced added told will would 's".split()
)
_COMPARED = frozenset(["more", "less", "as", "equally"])


class _Dynamic:
    """Word sets from `[dynamic]` in hedges.toml: modals that mean ability or habit."""

    def __init__(self, table: object, path: str) -> None:
        if not isinstance(table, dict) or not all(
            isinstance(table.get(key), list) and all(isinstance(w, str) for w in table[key])
            for key in ("adverbs", "verbs", "passive")
        ):
            raise ScorerError(
                "[dynamic] needs 'adverbs', 'verbs' and 'passive' lists of words", path=path
            )
        self.adverbs = frozenset(w.lower() for w in table["adverbs"])
        self.verbs = frozenset(w.lower() for w in table["verbs"])
        self.passive = frozenset(w.lower() for w in table["passive"])


@cache
def _dynamic() -> _Dynamic:
    path = rules_dir() / "lexicons" / "hedges.toml"
    return _Dynamic(read_toml(path).get("dynamic"), str(path))


KIND = "hedge"
ALSO = ("weasel",)
NEEDS = ("attribution",)


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    hedges = reading.lexicon("hedges")
    model = linear.load("uncertainty")
    titled: dict[int, bool] = {}  # title case by sentence: "May May May..." asked per "May"
    quoted = _Quoted(doc)
    reported = _Reported(needed["attribution"])
    signals: list[Signal] = []
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        cues, rejected = [], []
        for cue in reading.cues(hedges, sentence.start, sentence.end):
            if quoted.holds(cue.start):
                continue
            if _is_hedge(doc, cue.phrase, cue.start, cue.end, sentence, titled):
                cues.append(cue)
            else:
                rejected.append((cue.start, cue.end))
        decision = linear.score(model, doc.text[sentence.start : sentence.end])
        if not decision.positive:
            signals.extend(_hedge(doc, sentence, c) for c in cues)
            continue
        kind = linear.uncertainty_kind(decision)
        span = _absolute(sentence, kind.span if kind.by == "lexicon" else _content(decision))
        if span is not None and quoted.holds(span[0]):
            span = None  # the model's words are a source's, inside a quote
        if span is not None and any(a < span[1] and span[0] < b for a, b in rejected):
            span = None  # words the rules read closer: "May" the name, "could not attend"
        if kind.kind == "weasel" and span is not None:
            signals.append(_found("weasel", doc, sentence, span, kind, decision))
            cues = [c for c in cues if not (c.start < span[1] and span[0] < c.end)]
        if cues:
            signals.extend(_hedge(doc, sentence, c) for c in cues)
        elif kind.kind == "hedge" and span is not None and not reported.overlaps(span):
            signals.append(_found("hedge", doc, sentence, span, kind, decision))
    return signals


# Words too common to be the evidence of a hedge on their own ("have been hoping": "been").
_PLAIN = frozenset(
    "a an the of to in on at by for and or but that this these those it its is are was were "
    "be been being has have had there their they he she we you his her which who".split()
)


def _content(decision: linear.Decision) -> tuple[int, int] | None:
    """Where the model's heaviest n-gram that is not only plain words lies in the sentence."""
    for evidence in decision.evidence:
        if ":" in evidence.feature or not evidence.spans:
            continue
        if all(word in _PLAIN for word in evidence.feature.split(" ")):
            continue
        return evidence.spans[0]
    return None


class _Reported:
    """Whether an offset lies in an attribution's cue ("state media reported", "it is
    believed"): the attribution rules judge those words, not the hedge rules. What the
    source reports is read as the lexicon reads it: only a direct quote is the source's."""

    def __init__(self, attributions: Sequence[Signal]) -> None:
        spans = sorted((s.fields["cue"]["start"], s.fields["cue"]["end"]) for s in attributions)
        self._starts = [a for a, _ in spans]
        self._reach = list(accumulate((b for _, b in spans), max))

    def overlaps(self, span: tuple[int, int]) -> bool:
        n = bisect_left(self._starts, span[1])  # the cues that start before the span ends
        return n > 0 and self._reach[n - 1] > span[0]


class _Quoted:
    """Whether an offset lies inside a direct quote, asked in text order (one pass)."""

    def __init__(self, doc: Document) -> None:
        self._spans = [(q.inner_start, q.inner_end) for q in doc.quotes]
        self._at = 0

    def holds(self, offset: int) -> bool:
        spans = self._spans
        while self._at < len(spans) and spans[self._at][1] <= offset:
            self._at += 1
        return self._at < len(spans) and spans[self._at][0] <= offset


def _absolute(sentence: Sentence, span: tuple[int, int] | None) -> tuple[int, int] | None:
    return None if span is None else (sentence.start + span[0], sentence.start + span[1])


def _hedge(doc: Document, sentence: Sentence, cue: Cue) -> Signal:
    fields = {"type": cue.type, "cue": cue.phrase, "by": "lexicon"}
    return Signal("hedge", cue.start, cue.end, doc.text[cue.start : cue.end], sentence.index,
                  fields)  # fmt: skip


def _evidence(decision: linear.Decision) -> list[dict[str, object]]:
    """The features that carried the model's decision, largest first, with their weights."""
    return [{"feature": e.feature, "weight": round(e.weight, 4)} for e in decision.evidence]


def _found(
    kind: str,
    doc: Document,
    sentence: Sentence,
    span: tuple[int, int],
    decided: linear.Kind,
    decision: linear.Decision,
) -> Signal:
    """A hedge or weasel at the words that decided the model: a phrase of a lexicon the
    model reads (`by` lexicon) or its heaviest n-gram (`by` model)."""
    text = doc.text[span[0] : span[1]]
    fields = {
        "type": decided.type,
        "cue": " ".join(text.lower().split()),
        "by": decided.by,
        "evidence": _evidence(decision),
    }
    return Signal(kind, span[0], span[1], text, sentence.index, fields)


def _is_hedge(
    doc: Document, phrase: str, start: int, end: int, sentence: Sentence, titled: dict[int, bool]
) -> bool:
    if phrase in _MODALS and _is_dynamic(doc, end, sentence.end):
        return False
    if phrase in _MODALS and _next_word(doc, end) in _FINITE_AFTER:
        return False
    if phrase == "may":
        return not _is_month(doc, start, end, sentence, titled)
    if phrase == "might":
        return _previous_word(doc, start, sentence.start) not in _MIGHT_NOUN_BEFORE
    if phrase == "could":
        return _next_word(doc, end) not in _ABILITY_AFTER
    if phrase == "likely":
        return _previous_word(doc, start, sentence.start) not in _COMPARED
    return True


def _is_dynamic(doc: Document, end: int, limit: int) -> bool:
    """Whether the modal ending at `end` says what can or does happen: "may be used"."""
    dynamic = _dynamic()
    words = [m.group(1).lower() for m in _following_words(doc, end, limit, 3)]
    if words and words[0] in dynamic.adverbs:
        words = words[1:]
    if not words:
        return False
    if words[0] in dynamic.verbs:
        return True
    return len(words) > 1 and words[0] == "be" and words[1] in dynamic.passive


def _following_words(doc: Document, end: int, limit: int, count: int) -> list[re.Match[str]]:
    found = []
    for _ in range(count):
        match = _NEXT_WORD.match(doc.norm, end, limit)
        if not match:
            break
        found.append(match)
        end = match.end()
    return found


def _is_month(
    doc: Document, start: int, end: int, sentence: Sentence, titled: dict[int, bool]
) -> bool:
    if doc.text[start] != "M":
        return False  # "may" in lower case is always the verb
    if _NUMBER_NEXT.match(doc.text, end):
        return True  # "May 2011", "May 4"
    if start == sentence.start:
        return False  # "May I ask..." or a sentence-initial verb
    if sentence.index not in titled:
        titled[sentence.index] = _title_case(doc.slice(sentence))
    if titled[sentence.index]:
        # "Minister May Resign": in a title-case headline only a date word marks the month.
        return _previous_word(doc, start, sentence.start) in _MONTH_BEFORE
    return True  # mid-sentence, the modal is written in lower case


def _title_case(text: str) -> bool:
    words = _WORDS.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _next_word(doc: Document, end: int) -> str:
    match = _NEXT_WORD.match(doc.norm, end)
    return match.group(1).lower() if match else ""


def _previous_word(doc: Document, start: int, floor: int) -> str:
    match = _PREV_WORD.search(doc.norm, max(floor, start - 40), start)
    return match.group(1).lower() if match else ""
