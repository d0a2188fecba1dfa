"""Hedges: wording that marks a statement as uncertain or unconfirmed.

Flags "reportedly", "if confirmed", "it is believed", "could not be independently
verified"... from `rules/lexicons/hedges.toml`, typed reporting, epistemic, conditional,
unconfirmed or speculation. Not hedges: "May" the month ("in May 2011"), "could" of past
inability ("could not attend"), "might" the noun ("military might"), and anything inside
a direct quote: there the source hedges, not the reporter. Boilerplate is skipped.
"""

from __future__ import annotations

import re

from scorer import lexicon
from scorer.document import Document, Sentence
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


def detect(doc: Document) -> list[Signal]:
    hedges = lexicon.load("hedges")
    quoted = [(q.inner_start, q.inner_end) for q in doc.quotes]
    signals: list[Signal] = []
    q = 0
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        for cue in hedges.finditer(doc.norm, sentence.start, sentence.end):
            while q < len(quoted) and quoted[q][1] <= cue.start:
                q += 1
            if q < len(quoted) and quoted[q][0] <= cue.start < quoted[q][1]:
                continue
            if not _is_hedge(doc, cue.phrase, cue.start, cue.end, sentence):
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


def _is_hedge(doc: Document, phrase: str, start: int, end: int, sentence: Sentence) -> bool:
    if phrase == "may":
        return not _is_month(doc, start, end, sentence)
    if phrase == "might":
        return _previous_word(doc, start, sentence.start) not in _MIGHT_NOUN_BEFORE
    if phrase == "could":
        return _next_word(doc, end) not in _ABILITY_AFTER
    return True


def _is_month(doc: Document, start: int, end: int, sentence: Sentence) -> bool:
    if doc.text[start] != "M":
        return False  # "may" in lower case is always the verb
    if _NUMBER_NEXT.match(doc.text, end):
        return True  # "May 2011", "May 4"
    if start == sentence.start:
        return False  # "May I ask..." or a sentence-initial verb
    if _title_case(doc.slice(sentence)):
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
