"""Hedges: wording that marks a statement as uncertain or unconfirmed.

Flags "reportedly", "if confirmed", "it is believed", "could not be independently
verified"... from `rules/lexicons/hedges.toml`, typed reporting, epistemic, conditional,
unconfirmed or speculation. Not hedges: "May" the month ("in May 2011"), "could" of past
inability ("could not attend"), "might" the noun ("military might"), a modal of what
things can or sometimes do ("may be used", "could include"), "more likely" comparing
frequencies, and anything inside a direct quote: there the source hedges, not the
reporter. Boilerplate is skipped.
"""

from __future__ import annotations

import re
from functools import cache

from scorer.detectors import Needed
from scorer.detectors.reading import Reading
from scorer.errors import ScorerError
from scorer.load.document import Document, Sentence
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
NEEDS = ()


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    hedges = reading.lexicon("hedges")
    titled: dict[int, bool] = {}  # title case by sentence: "May May May..." asked per "May"
    quoted = [(q.inner_start, q.inner_end) for q in doc.quotes]
    signals: list[Signal] = []
    q = 0
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        for cue in reading.cues(hedges, sentence.start, sentence.end):
            while q < len(quoted) and quoted[q][1] <= cue.start:
                q += 1
            if q < len(quoted) and quoted[q][0] <= cue.start < quoted[q][1]:
                continue
            if not _is_hedge(doc, cue.phrase, cue.start, cue.end, sentence, titled):
                continue
            fields = {"type": cue.type, "cue": cue.phrase}
            signals.append(
                Signal(
                    "hedge",
                    cue.start,
                    cue.end,
                    doc.text[cue.start : cue.end],
                    sentence.index,
                    fields,
                )
            )
    return signals


def _is_hedge(
    doc: Document, phrase: str, start: int, end: int, sentence: Sentence, titled: dict[int, bool]
) -> bool:
    if phrase in _MODALS and _is_dynamic(doc, end, sentence.end):
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
