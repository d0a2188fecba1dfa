"""Parties: who an accusation accuses, who a reply comes from, and whether they are one.

Right of reply is owed to the party accused: "The company denied the claims" answers
"Police accused the company of fraud"; "The union welcomed the inquiry" does not, and
"The storm was blamed for scores of accidents" accuses nobody who could answer. The
party is read from the words around the cue, within its clause and at most a few words
away, so each cue costs a bounded look:

* a passive or adverbial accusation ("X was accused of", "X allegedly stole") and every
  reply ("X denied", "a spokesman for X declined to comment") take the noun phrase before;
* an active accusation ("accused X of", "blamed X for") takes the one after, and a noun
  ("allegations against X") the words after "against";
* a request for comment names its party ("reached out to X for comment").

Two parties are one when they share a content word, titles left out and plurals made
singular ("Andrew" and "Prince Andrew"; "company" and "companies"; not "Mr Smith" and
"Mr Brown"), or when either is a pronoun or a bare "spokesman": the copy is given the
benefit of the doubt it cannot be held to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.detectors.source_words import words

_MAX_WORDS = 8  # a party is at most this many words
_LOOK = 120  # characters looked at on either side of a cue
_WORD = re.compile(r"[\w'’.-]+")
_BOUNDARY = re.compile(r"[,;:()\[\]“”\"—–]|\s-\s")
_BE = frozenset(
    "was were is are be been being 's has have had also reportedly allegedly once".split()
)
_SKIP_BEFORE = frozenset(
    "has have had did does do also not never still immediately already and but yet then".split()
)
_DETERMINERS = frozenset("the a an this that these those its his her their our".split())
_RELATIVE = frozenset("who which that whom whose".split())
_STOP_AFTER = frozenset(
    "of for over in with after on at to by about from as because when while since".split()
)
_CARRIERS = frozenset(
    "spokesman spokeswoman spokesperson spokespeople representative representatives lawyer "
    "lawyers attorney attorneys solicitor press office officials official aide aides team "
    "for of from at the a an and".split()
)
_PRONOUNS = frozenset("he she they it him her them we i".split())


@dataclass(frozen=True)
class Party:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


def before(text: str, start: int, floor: int) -> Party | None:
    """The noun phrase ending just before `start`, within its clause (not before `floor`).
    A relative pronoun ("Acme, which was accused") is its antecedent, one clause back."""
    for _ in range(2):  # the clause, and for a relative pronoun the one before it
        lo = max(floor, start - _LOOK)
        chunk = text[lo:start]
        cut = max((m.end() for m in _BOUNDARY.finditer(chunk)), default=0)
        found = [(lo + m.start(), lo + m.end(), m.group()) for m in _WORD.finditer(chunk, cut)]
        while found and found[-1][2].lower() in _SKIP_BEFORE | _BE:
            found.pop()
        found = found[-_MAX_WORDS:]
        if not (found and found[-1][2].lower() in _RELATIVE and cut > 0):
            break
        start = lo + cut - 1
    return _party(text, found)


def after(text: str, end: int, ceiling: int) -> Party | None:
    """The noun phrase starting just after `end`, up to a preposition or the clause's end."""
    hi = min(ceiling, end + _LOOK)
    chunk = text[end:hi]
    stop = _BOUNDARY.search(chunk)
    limit = stop.start() if stop else len(chunk)
    found = []
    for m in _WORD.finditer(chunk, 0, limit):
        if m.group().lower() in _STOP_AFTER or len(found) == _MAX_WORDS:
            break
        found.append((end + m.start(), end + m.end(), m.group()))
    return _party(text, found)


def _party(text: str, found: list[tuple[int, int, str]]) -> Party | None:
    if not found:
        return None
    start, end = found[0][0], found[-1][1]
    end -= len(text[start:end]) - len(text[start:end].rstrip(".’'"))
    return Party(start, end, text[start:end]) if end > start else None


def is_agent(party: Party) -> bool:
    """Whether the party could answer: a name, a pronoun, or a noun that speaks ("the
    company", "police"); not "the storm"."""
    tokens = [t for t in party.text.split() if t.strip(".,'’").lower() not in _DETERMINERS]
    speaking = words().speaking
    if any(t.strip(".,'’").lower() in speaking | _PRONOUNS for t in tokens):
        return True
    # A name: capitalised words only ("Acme", "Prince Andrew"). A capital followed by lower
    # case words starts a sentence ("Heavy rain"), and "Flooding" is an event.
    named = [t for t in tokens if t[:1].isupper()]
    if not named or len(named) < len(tokens):
        return False
    return not (len(named) == 1 and named[0].lower().endswith("ing"))


def same(accused: Party | None, replying: Party | None) -> bool:
    """Whether a reply from `replying` answers an accusation of `accused`."""
    return not unanswered([accused], [replying])


def _content(text: str) -> set[str]:
    """The words that say who, each in its singular: not a determiner, a title ("Mr",
    "Prince") or a carrier ("spokesman for")."""
    titles = words().titles
    out = set()
    for token in text.split():
        word = token.strip(".,").lower().removesuffix("'s").removesuffix("’s")
        if word and word not in _CARRIERS and word not in _DETERMINERS and word not in titles:
            out.add(_singular(word))
    return out


def _singular(word: str) -> str:
    """'companies' -> 'company', 'ministers' -> 'minister'; 'police' and 'policy' stay apart."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def unanswered(accused: list[Party | None], replying: list[Party | None]) -> list[int]:
    """The indexes of the accusations no reply answers (`same`), in one pass over each list:
    a reply with no party, a pronoun or a bare carrier answers every accusation."""
    if not replying:
        return list(range(len(accused)))
    heard: set[str] = set()
    for party in replying:
        words_of = _content(party.text) if party is not None else set()
        if not words_of or words_of & _PRONOUNS:
            return []
        heard |= words_of
    out = []
    for i, party in enumerate(accused):
        words_of = _content(party.text) if party is not None else set()
        if words_of and not words_of & _PRONOUNS and not words_of & heard:
            out.append(i)
    return out
