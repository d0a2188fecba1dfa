"""Facts: what the rules see. One flat fact per signal, and one per document.

Everything that needs a regex, a count or a look at neighbouring sentences is computed
here, in Python, so that a rule's `when` is a plain comparison (durable-rules cannot be
trusted with regexes or counting: see docs). A signal fact carries the signal's fields
(`source.type` flattened to `source__type`), a few answers about its neighbourhood
(`source.reason`: is the anonymity explained nearby?) and every document metric under
`doc.`, so a signal rule can say `source.type == 'anonymous' and doc.named_sources == 0`.

`SIGNAL_FIELDS` and `DOC_METRICS` are the schema rule files are checked against: a rule
that reads a field not listed here is refused when it is loaded.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections import ChainMap, Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

from scorer.document import Document
from scorer.engine.expr import flat
from scorer.signals import (
    ANONYMITY_TYPES,
    CLAIM_STATUSES,
    HEDGE_TYPES,
    KINDS,
    REPLY_TYPES,
    SOURCE_TYPES,
    Signal,
)

NAMED = frozenset(["named_person", "named_organization", "named_outlet", "document"])
UNNAMED = frozenset(["anonymous", "vague", "agentless"])


@dataclass(frozen=True)
class Field:
    """One readable field: its type (`str`, `num`, `bool`), allowed values, and meaning."""

    type: str
    help: str
    values: tuple[str, ...] = ()


SIGNAL_FIELDS: dict[str, Field] = {
    "kind": Field("str", "the signal kind", KINDS),
    "text": Field("str", "the text of the signal's span"),
    "sentence": Field("num", "index of the sentence holding the signal"),
    "lede": Field("bool", "the signal is in the first sentence of copy"),
    "type": Field(
        "str",
        "hedge, reply or anonymity_reason type",
        HEDGE_TYPES + REPLY_TYPES + ANONYMITY_TYPES,
    ),
    "status": Field("str", "claim status", CLAIM_STATUSES),
    "cue": Field("str", "a hedge's cue phrase"),
    "cue.text": Field("str", "an attribution's cue words"),
    "cue.verb": Field("str", "the cue's type: neutral, loaded, stance, borrowed, ..."),
    "source.text": Field("str", "the words naming the source"),
    "source.type": Field("str", "who the source is", SOURCE_TYPES),
    "source.described": Field("bool", "an anonymous source has a role or side given"),
    "source.named": Field("bool", "the source is a named person, organisation, outlet or document"),
    "source.reason": Field("bool", "a reason for anonymity is given in this or the next sentence"),
    "source.rote_reason": Field(
        "bool", "a rote reason ('not authorised to speak') is given nearby"
    ),
    "source.knowledge": Field("bool", "how the source knows is given nearby ('who attended')"),
    "quote": Field("bool", "an attribution of a direct quote"),
    "relayed": Field("bool", "a named speaker relays this source ('I was told by ...')"),
    "outlet_named": Field("bool", "a named source or outlet is credited in the same sentence"),
    "outlet.text": Field("str", "the outlet whose reporting is borrowed ('tell Reuters')"),
    "hedge": Field(
        "bool", "an attribution's cue is also a hedge ('it is believed', 'rumours circulated')"
    ),
}

DOC_METRICS: dict[str, Field] = {
    "words": Field("num", "words of copy"),
    "sentences": Field("num", "sentences of copy"),
    "attributions": Field("num", "attributions of every kind"),
    "named_sources": Field("num", "distinct named people, organisations, outlets and documents"),
    "named_people": Field("num", "distinct named people"),
    "source_kinds": Field("num", "how many kinds of named source (person, organisation, ...)"),
    "anonymous": Field("num", "attributions to anonymous sources"),
    "anonymous_bare": Field("num", "attributions to anonymous sources with no description"),
    "vague": Field("num", "attributions to vague crowds ('critics say')"),
    "agentless": Field("num", "attributions with no source at all ('it was reported')"),
    "borrowed": Field("num", "attributions to another news outlet"),
    "direct_quotes": Field("num", "attributions of direct quotes"),
    "unnamed_share": Field("num", "anonymous, vague and agentless attributions / all, 0..1"),
    "vague_share": Field("num", "vague attributions / all, 0..1"),
    "hedges": Field("num", "hedges"),
    "hedges_per_1000": Field("num", "hedges per 1,000 words of copy"),
    "reporting_hedges": Field("num", "'reportedly', 'allegedly', 'is said to' ..."),
    "speculation_hedges": Field("num", "'rumours circulated', 'it is believed' ..."),
    "unconfirmed_hedges": Field("num", "'could not be independently verified' ..."),
    "claims": Field("num", "check-worthy claims"),
    "claims_unattributed": Field("num", "claims nobody is on record for"),
    "unattributed_share": Field("num", "unattributed claims / claims, 0..1"),
    "replies": Field("num", "replies of every type"),
    "anonymity_reasons": Field("num", "reasons or knowledge given for anonymity"),
    "accusations": Field("num", "accusing words in copy ('accused', 'alleged', 'blamed')"),
    "headline_overstates": Field("bool", "the headline asserts what the body hedges"),
}

_NEAR = 1  # sentences after an anonymous source where its reason may come


@dataclass(frozen=True)
class Facts:
    """The facts of one document: `signals[i]` is the fact of `signal_list[i]`.

    A signal's fact holds its own fields; the document's (`doc__*`) are read from
    `document` (`signal_fact`) rather than copied into each of thousands of facts.
    """

    document: dict[str, Any]
    signals: tuple[dict[str, Any], ...]

    def signal_fact(self, index: int) -> Mapping[str, Any]:
        """`signals[index]` with the document's fields: what a signal rule reads."""
        return ChainMap(self.signals[index], self.document)


def build(doc: Document, signals: Sequence[Signal]) -> Facts:
    metrics = document_metrics(doc, signals)
    doc_part = {flat(f"doc.{name}"): value for name, value in metrics.items()}
    lede = doc.copy_sentences[0].index if doc.copy_sentences else -1
    around = _Around(signals)
    facts = []
    for signal in signals:
        fact = _flatten(signal.to_dict())
        fact.pop("id", None)
        fact["lede"] = signal.sentence == lede
        fact.update(around.neighbourhood(signal))
        facts.append(fact)
    return Facts(doc_part, tuple(facts))


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Scalars only, nested keys joined with `__`; lists (a headline's hedges) are left out."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, (str, int, float, bool)):  # the most, so tested first
            out[_joined(prefix, key)] = value
        elif isinstance(value, dict | Mapping):  # a dict without the slower ABC check
            out.update(_flatten(value, _joined(prefix, key, "__")))
    return out


@lru_cache(maxsize=4096)  # field names are a fixed vocabulary; the bound is a guard
def _joined(prefix: str, key: str, suffix: str = "") -> str:
    """One shared string per flattened key: a 50 MB document has a million facts, and a
    fresh key string in each was a third of their memory."""
    return sys.intern(f"{prefix}{key}{suffix}")


class _Around:
    """What a signal's fact reads from the other signals of its sentence (and the next),
    gathered once per sentence.

    Each signal looking through all the signals of its sentence was quadratic in them: a
    run-on sentence of "he said ... he said ..." holds thousands of attributions.
    """

    def __init__(self, signals: Iterable[Signal]) -> None:
        self._reasons: dict[int, set[Any]] = {}  # anonymity reason types by sentence
        self._named: set[int] = set()  # sentences with an attribution to a named source
        hedges: dict[int, list[tuple[int, int]]] = {}
        for s in signals:
            if s.kind == "anonymity_reason":
                self._reasons.setdefault(s.sentence, set()).add(s.fields.get("type"))
            elif s.kind == "hedge":
                hedges.setdefault(s.sentence, []).append((s.start, s.end))
            elif s.kind == "attribution" and (s.fields.get("source") or {}).get("type") in NAMED:
                self._named.add(s.sentence)
        # A sentence's hedges by start, with the furthest end reached so far: a span
        # overlaps one of them when one starting before its end reaches past its start.
        self._hedges: dict[int, tuple[list[int], list[int]]] = {}
        for sentence, spans in hedges.items():
            spans.sort()
            ends = accumulate((b for _, b in spans), max)
            self._hedges[sentence] = ([a for a, _ in spans], list(ends))

    def neighbourhood(self, signal: Signal) -> dict[str, Any]:
        if signal.kind == "attribution":
            source = signal.fields.get("source") or {}
            reasons: set[Any] = set()
            for i in range(signal.sentence, signal.sentence + _NEAR + 1):
                reasons |= self._reasons.get(i, set())
            return {
                "source__named": source.get("type") in NAMED,
                "source__reason": "reason" in reasons,
                "source__rote_reason": "rote_reason" in reasons,
                "source__knowledge": "knowledge" in reasons,
                "relayed": "relayed_by" in signal.fields,
                "hedge": self._hedged(signal),
            }
        if signal.kind == "hedge":
            return {"outlet_named": signal.sentence in self._named}
        return {}

    def _hedged(self, signal: Signal) -> bool:
        """Whether a hedge of the signal's sentence overlaps its span."""
        starts, reach = self._hedges.get(signal.sentence, ((), ()))
        before_end = bisect_left(starts, signal.end)
        return before_end > 0 and reach[before_end - 1] > signal.start


def document_metrics(doc: Document, signals: Iterable[Signal]) -> dict[str, Any]:
    """Counts, densities and shares over the copy: the document fact."""
    by_kind: dict[str, list[Signal]] = {kind: [] for kind in KINDS}
    for signal in signals:
        by_kind[signal.kind].append(signal)
    attributions = by_kind["attribution"]
    source_types = Counter(_source(s).get("type") for s in attributions)
    named = {
        (_source(s)["type"], _name_key(s)) for s in attributions if _source(s).get("type") in NAMED
    }
    hedges = Counter(s.fields.get("type") for s in by_kind["hedge"])
    claims = Counter(s.fields.get("status") for s in by_kind["claim"])
    words = doc.word_count
    unnamed = sum(source_types[t] for t in UNNAMED)
    return {
        "words": words,
        "sentences": len(doc.copy_sentences),
        "attributions": len(attributions),
        "named_sources": len(named),
        "named_people": sum(1 for kind, _ in named if kind == "named_person"),
        "source_kinds": len({kind for kind, _ in named}),
        "anonymous": source_types["anonymous"],
        "anonymous_bare": sum(
            1
            for s in attributions
            if _source(s).get("type") == "anonymous" and not _source(s).get("described")
        ),
        "vague": source_types["vague"],
        "agentless": source_types["agentless"],
        "borrowed": source_types["named_outlet"],
        "direct_quotes": sum(1 for s in attributions if s.fields.get("quote")),
        "unnamed_share": round(unnamed / len(attributions), 4) if attributions else 0.0,
        "vague_share": (
            round(source_types["vague"] / len(attributions), 4) if attributions else 0.0
        ),
        "hedges": len(by_kind["hedge"]),
        "hedges_per_1000": round(1000 * len(by_kind["hedge"]) / words, 2) if words else 0.0,
        "reporting_hedges": hedges["reporting"],
        "speculation_hedges": hedges["speculation"],
        "unconfirmed_hedges": hedges["unconfirmed"],
        "claims": len(by_kind["claim"]),
        "claims_unattributed": claims["unattributed"],
        "unattributed_share": (
            round(claims["unattributed"] / len(by_kind["claim"]), 4) if by_kind["claim"] else 0.0
        ),
        "replies": len(by_kind["reply"]),
        "anonymity_reasons": len(by_kind["anonymity_reason"]),
        "accusations": _accusations(doc),
        "headline_overstates": bool(by_kind["headline"]),
    }


def _source(signal: Signal) -> Mapping[str, Any]:
    return signal.fields.get("source") or {}


def _name_key(signal: Signal) -> str:
    """One key per named entity: a pronoun or short reference counts as what it resolves to."""
    source = _source(signal)
    resolved = source.get("resolved")
    text = resolved.get("text", "") if isinstance(resolved, Mapping) else source.get("text", "")
    return " ".join(str(text).lower().split())


def _accusations(doc: Document) -> int:
    from scorer import lexicon

    accusing = lexicon.load("accusations")
    return sum(1 for s in doc.copy_sentences for _ in accusing.cues(doc, s.start, s.end))
