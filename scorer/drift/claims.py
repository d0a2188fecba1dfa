"""The claims of one audited text, each with its sourcing status, for `scorer compare`.

A claim here is a sentence of the copy, or a clause of one where a semicolon, a dash or a
turn ("but", "however", "after which", "while") joins two statements. Its status is read
from the audit's own signals (attributions, their source types, hedges): nothing is detected
again, so compare and audit never disagree about who said what.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from scorer.scoring.audit import Audit
from scorer.signals import Signal

STATUSES = ("named", "outlet", "anonymous", "vague", "agentless", "unattributed")
ATTRIBUTED = frozenset(["named", "outlet", "anonymous", "vague"])
_BY_TYPE = {
    "named_person": "named",
    "named_organization": "named",
    "document": "named",
    "named_outlet": "outlet",
    "anonymous": "anonymous",
    "vague": "vague",
    "agentless": "agentless",
    "self": "unattributed",
}
# Where one sentence holds two statements: the second starts after the match.
_CLAUSE_BREAK = re.compile(
    r";\s+|(?<!\s)\s+[—–]\s+|,\s+(?=(?:but|however|after which|while|whereas)\b)", re.IGNORECASE
)
# A non-restrictive relative clause (", who was defence minister from 2009 to 2011,") is
# the writer's background even inside a quoted or attributed sentence: it runs to the next
# comma, or to the end.
_ASIDE = re.compile(r",\s+(?:who|which|whose)\b(?:[^,;]|(?<=\d),(?=\d))*", re.IGNORECASE)
# What follows an aside about the one who speaks.
_SPEAKS = re.compile(
    r",\s+(?:said|says|told|tells|added|adds|warned|warns|claimed|claims|insisted|insists|"
    r"argued|argues|explained|explains|noted|notes|stated|states|wrote|writes)\b",
    re.IGNORECASE,
)
_GOES_ON = re.compile(r"\b(?:and|or|but|nor)\s*$", re.IGNORECASE)
# Hedges at the head of a sentence ("If confirmed, ...") govern all of it.
_SENTENCE_WIDE = frozenset(["conditional", "unconfirmed"])
# Words that round a number ("roughly 30 families") are no doubt about who says it: a
# rewrite that swaps "about" for "roughly" has not softened anything.
_APPROXIMATORS = frozenset(["roughly", "about", "around", "approximately", "nearly", "almost"])
# A sentence that goes on with the last speaker's words: a pronoun, or a quote of its own.
_CARRIES_ON = re.compile(r"[\"“‘']|(?:he|she|they|their|his|her|its)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
_ALNUM = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Claim:
    """One claim and how it is sourced; `id` is A1, A2... or B1, B2... in reading order."""

    id: str
    start: int
    end: int
    text: str
    sentence: int
    role: str  # headline, standfirst or body
    status: str  # one of STATUSES
    hedges: tuple[str, ...] = ()
    source: str = ""  # who is cited, as the text has it ("" for none)
    carried: bool = False  # the source is the previous sentence's (continued reported speech)
    cue: str = ""  # the words that give it to the source ("said", "according to")

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)

    @property
    def attributed(self) -> bool:
        return self.status in ATTRIBUTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
            "role": self.role,
            "status": self.status,
            "hedged": self.hedged,
            "hedges": list(self.hedges),
            "source": self.source,
            "carried": self.carried,
        }


def claims_of(audit: Audit, prefix: str) -> tuple[Claim, ...]:
    """The claims of the audit's copy (boilerplate left out), in reading order."""
    doc = audit.document
    by_sentence: dict[int, list[Signal]] = {}
    # A quote's attribution reaches the other sentences its content spans.
    quoted_in: dict[int, list[Signal]] = {}
    starts = [sentence.start for sentence in doc.sentences]
    for signal in audit.signals:
        if signal.kind in ("attribution", "hedge"):
            by_sentence.setdefault(signal.sentence, []).append(signal)
            content = _part(signal, "content")
            if signal.kind == "attribution" and signal.fields.get("quote") and content:
                first = max(bisect.bisect_right(starts, content["start"]) - 1, 0)
                last = bisect.bisect_left(starts, content["end"])
                for index in range(first, last):
                    if index != signal.sentence and _overlaps(signal, doc.sentences[index]):
                        quoted_in.setdefault(index, []).append(signal)
    found: list[Claim] = []
    previous: Claim | None = None
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        role = doc.paragraphs[sentence.paragraph].kind
        signals = by_sentence.get(sentence.index, [])
        near = quoted_in.get(sentence.index, [])
        first_clause = True
        attributions = [s for s in signals if s.kind == "attribution"]
        sources = [(_part(s, "source")["start"], _part(s, "source")["end"])
                   for s in attributions if _part(s, "source")]  # fmt: skip
        cues = [_part(s, "cue")["start"] for s in attributions if _part(s, "cue")]
        for start, end, aside in _clauses(doc.text, sentence.start, sentence.end, sources, cues):
            if not _ALNUM.search(doc.text, start, end):
                continue  # "...", "//<!": no claim in it
            claim = _claim(doc.text, start, end, sentence.index, role, signals + near,
                           sentence.start, first_clause, aside)  # fmt: skip
            first_clause = False
            if (
                claim.status == "unattributed"
                and previous is not None
                and previous.status == "named"
                and previous.sentence == sentence.index - 1
                and doc.sentences[previous.sentence].paragraph == sentence.paragraph
                and _CARRIES_ON.match(claim.text)
            ):
                claim = _carried(claim, previous)
            found.append(claim)
            previous = claim
    return tuple(Claim(f"{prefix}{n}", *_fields(claim)) for n, claim in enumerate(found, start=1))


def _fields(claim: Claim) -> tuple[Any, ...]:
    return (claim.start, claim.end, claim.text, claim.sentence, claim.role, claim.status,
            claim.hedges, claim.source, claim.carried, claim.cue)  # fmt: skip


def _carried(claim: Claim, previous: Claim) -> Claim:
    return Claim(claim.id, claim.start, claim.end, claim.text, claim.sentence, claim.role,
                 previous.status, claim.hedges, previous.source, True, previous.cue)  # fmt: skip


def _clauses(
    text: str,
    start: int,
    end: int,
    sources: Sequence[tuple[int, int]] = (),
    cues: Sequence[int] = (),
) -> Iterator[tuple[int, int, bool]]:
    """The clauses of a sentence, each with whether it ends an aside (a relative clause);
    a piece of fewer than four words stays with its neighbour. An aside stays in its
    sentence when it describes who speaks ("said Ms Anand, who holds the finance brief";
    "The engineer, who inspected the dam, said"), and one inside a sentence is cut out only
    when the source comes after it ("The general, who was Defence Minister from 2009,
    stepped down ..., according to the regime"): elsewhere it would part a subject from its
    verb ("Officials said the dam, which was built in 1952, could fail")."""
    breaks = [(match.end(), False) for match in _CLAUSE_BREAK.finditer(text, start, end)]
    openings: set[int] = set()
    for match in _ASIDE.finditer(text, start, end):
        comma = match.start()
        # "which would weaken the regime and, in theory, ...": the clause goes on.
        close = end if _GOES_ON.search(match.group()) else min(match.end(), end)
        inside = close < end - 1 and not (
            any(cue > close for cue in cues) and not any(cue < comma for cue in cues)
        )
        if (
            inside
            or any(low < comma <= high for low, high in sources)
            or _SPEAKS.match(text, match.end(), end)
        ):
            continue
        breaks += [(comma + 1, False), (close, True)]
        openings.add(comma + 1)
    cuts = [(start, False)]
    last_is_aside = False
    for at, closes in sorted(breaks):
        if at >= end:
            last_is_aside = closes
        elif (
            at > cuts[-1][0]
            and _words(text, cuts[-1][0], at) >= 4
            and _words(text, at, end) >= 4
            and not (closes and any(cuts[-1][0] <= low < at for low, _ in sources))
        ):
            cuts.append((at, closes))
    # A piece closing the sentence is an aside only if it starts where the aside does.
    cuts.append((end, last_is_aside and cuts[-1][0] in openings))
    for (left, _), (right, closes) in itertools.pairwise(cuts):
        piece = text[left:right].rstrip(" ;,—–")
        lead = len(piece) - len(piece.lstrip(" ,"))
        yield left + lead, left + len(piece), closes


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def _claim(text: str, start: int, end: int, sentence: int, role: str,
           signals: Sequence[Signal], sentence_start: int, first: bool,
           aside: bool = False) -> Claim:  # fmt: skip
    """The clause's status: the attribution reaching furthest into it, and its hedges. An
    aside is the writer's unless an attribution's cue is inside it."""
    best: tuple[int, int, Signal] | None = None
    hedges: list[str] = []
    for signal in signals:
        if signal.kind == "hedge":
            if signal.text.lower() in _APPROXIMATORS:
                continue
            inside = start <= signal.start < end
            heads = signal.fields.get("type") in _SENTENCE_WIDE and (
                (signal.start - sentence_start < 3 and not first) or inside
            )
            if inside or heads:
                hedges.append(signal.text)
            continue
        overlap = _reach(signal, start, end)
        if overlap <= 0 or (aside and not start <= _part(signal, "cue").get("start", -1) < end):
            continue
        rank = -STATUSES.index(_status(signal))  # named before outlet before anonymous...
        if best is None or (overlap, rank) > best[:2]:
            best = (overlap, rank, signal)
    if best is None:
        return Claim("", start, end, text[start:end], sentence, role, "unattributed",
                     tuple(hedges))  # fmt: skip
    attribution = best[2]
    status = _status(attribution)
    cue = _part(attribution, "cue").get("text", "")
    if status == "agentless" and cue not in hedges:
        hedges.append(cue)  # "reportedly", "rumours circulated": no one owns it
    source = _part(attribution, "source").get("text", "")
    outlet = attribution.fields.get("outlet")
    if outlet:
        source = f"{source} ({outlet['text']})" if source else outlet["text"]
    return Claim("", start, end, text[start:end], sentence, role, status, tuple(hedges),
                 source, cue=cue)  # fmt: skip


def _status(attribution: Signal) -> str:
    """An outlet named beside an unnamed source ("sources tell Reuters") reads as the outlet;
    beside a named one ("he told the AFP") it is only where the named source spoke."""
    status = _BY_TYPE.get(_part(attribution, "source").get("type", ""), "unattributed")
    if attribution.fields.get("outlet") and status in ("anonymous", "vague", "agentless"):
        return "outlet"
    return status


def _reach(attribution: Signal, start: int, end: int) -> int:
    """How many characters of [start, end) the attribution's source, cue and content cover."""
    fields = attribution.fields
    spans = [(attribution.start, attribution.end)]
    spans += [(fields[k]["start"], fields[k]["end"]) for k in ("content", "cue") if fields.get(k)]
    low, high = min(s for s, _ in spans), max(e for _, e in spans)
    return min(end, high) - max(start, low)


def _part(attribution: Signal, key: str) -> dict[str, Any]:
    """An attribution's source, cue or content, or {} where it has none ("X declined to
    comment" reports no content)."""
    return attribution.fields.get(key) or {}


def _overlaps(signal: Signal, sentence: Any) -> bool:
    content = signal.fields.get("content") or {}
    return bool(content) and content["start"] < sentence.end and sentence.start < content["end"]
