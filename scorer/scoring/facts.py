"""Facts: what the rules see. One flat fact per signal, and one per document.

Everything that needs a regex, a count or a look at neighbouring sentences is computed
here, in Python, so that a rule's `when` is a plain comparison (durable-rules cannot be
trusted with regexes or counting: see docs). A signal fact carries the signal's fields
(`source.type` flattened to `source__type`), a few answers about its neighbourhood
(`source.reason`: is the anonymity explained nearby?) and every document metric under
`doc.`, so a signal rule can say `source.type == 'anonymous' and doc.named_sources == 0`.

What a rule may read of them is declared in scorer.engine.fields, which rule files are
checked against when they load.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import ChainMap, Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

from scorer.detectors.parties import Party, unanswered
from scorer.engine.expr import flat
from scorer.load.document import Document
from scorer.signals import (
    KINDS,
    NAMED_SOURCES,
    UNNAMED_SOURCES,
    Signal,
)

_NEAR = 1  # sentences after an anonymous source where its reason may come
_EXCERPT_WORDS = 14  # a finding quotes at most this many words of its evidence
_LISTED = 4  # a document finding names at most this many of its examples


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


def build(
    doc: Document,
    signals: Sequence[Signal],
    *,
    accusations: Sequence[Signal] = (),
    genre: str = "news",
) -> Facts:
    """The facts of the audit's signals; `accusations` are the accusing words in copy (a
    kind the detectors find for the facts alone), `genre` the document's genre."""
    metrics = document_metrics(doc, signals, accusations)
    metrics["genre"] = genre
    doc_part = {flat(f"doc.{name}"): value for name, value in metrics.items()}
    lede = doc.copy_sentences[0].index if doc.copy_sentences else -1
    around = _Around(signals)
    facts = []
    for signal in signals:
        fact = _flatten(signal.to_dict())
        fact.pop("id", None)
        fact["lede"] = signal.sentence == lede
        fact["excerpt"] = excerpt(signal.text)
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
        attributions: dict[int, list[tuple[int, int]]] = {}
        for s in signals:
            if s.kind == "anonymity_reason":
                self._reasons.setdefault(s.sentence, set()).add(s.fields.get("type"))
            elif s.kind == "hedge":
                hedges.setdefault(s.sentence, []).append((s.start, s.end))
            elif s.kind == "attribution":
                attributions.setdefault(s.sentence, []).append((s.start, s.end))
                if (s.fields.get("source") or {}).get("type") in NAMED_SOURCES:
                    self._named.add(s.sentence)
        self._hedges = _reaching(hedges)
        self._attributions = _reaching(attributions)

    def neighbourhood(self, signal: Signal) -> dict[str, Any]:
        if signal.kind == "attribution":
            source = signal.fields.get("source") or {}
            reasons: set[Any] = set()
            for i in range(signal.sentence, signal.sentence + _NEAR + 1):
                reasons |= self._reasons.get(i, set())
            return {
                "source__named": source.get("type") in NAMED_SOURCES,
                "source__reason": "reason" in reasons,
                "source__rote_reason": "rote_reason" in reasons,
                "source__knowledge": "knowledge" in reasons,
                "relayed": "relayed_by" in signal.fields,
                "hedge": self._hedged(signal),
            }
        if signal.kind == "hedge":
            return {"outlet_named": signal.sentence in self._named}
        if signal.kind == "weasel":
            return {"attributed": _overlaps(self._attributions, signal)}
        if signal.kind == "reply":
            party = signal.fields.get("party") or {}
            return {"party__text": party.get("text") or "its party not named"}
        if signal.kind == "headline":
            body = signal.fields.get("body") or {}
            hedges = signal.fields.get("hedges") or ()
            return {
                "body__excerpt": excerpt(str(body.get("text", ""))),
                "hedge_words": listing(str(h.get("text", "")) for h in hedges),
            }
        return {}

    def _hedged(self, signal: Signal) -> bool:
        """Whether a hedge of the signal's sentence overlaps its span."""
        return _overlaps(self._hedges, signal)


def excerpt(text: str) -> str:
    """The evidence a message quotes: the words, or the first of them and an ellipsis."""
    words = text.split()
    if len(words) <= _EXCERPT_WORDS:
        return " ".join(words)
    return " ".join(words[: _EXCERPT_WORDS - 2]) + " …"


def listing(texts: Iterable[str], most: int = _LISTED, *, quoted: bool = True) -> str:
    """'a', 'b' and 'c' (and N more): distinct examples, in the order of the text."""
    seen = list(dict.fromkeys(" ".join(t.split()) for t in texts if t.strip()))
    shown = ", ".join(f"'{t}'" if quoted else t for t in seen[:most])
    if len(seen) > most:
        shown += f" and {len(seen) - most} more"
    return shown


def _reaching(spans: dict[int, list[tuple[int, int]]]) -> dict[int, tuple[list[int], list[int]]]:
    """Each sentence's spans by start, with the furthest end reached so far: a span overlaps
    one of them when one starting before its end reaches past its start."""
    out = {}
    for sentence, found in spans.items():
        found.sort()
        out[sentence] = ([a for a, _ in found], list(accumulate((b for _, b in found), max)))
    return out


def _overlaps(index: dict[int, tuple[list[int], list[int]]], signal: Signal) -> bool:
    starts, reach = index.get(signal.sentence, ((), ()))
    before_end = bisect_left(starts, signal.end)
    return before_end > 0 and reach[before_end - 1] > signal.start


def document_metrics(
    doc: Document, signals: Iterable[Signal], accusations: Sequence[Signal] = ()
) -> dict[str, Any]:
    """Counts, densities and shares over the copy, and the words that are their evidence:
    the document fact."""
    by_kind: dict[str, list[Signal]] = {kind: [] for kind in KINDS}
    for signal in signals:
        by_kind[signal.kind].append(signal)
    attributions = by_kind["attribution"]
    source_types = Counter(_source(s).get("type") for s in attributions)
    names: dict[tuple[Any, object], str] = {}
    for s in attributions:
        if _source(s).get("type") in NAMED_SOURCES:
            names.setdefault((_source(s)["type"], _name_key(s)), _display_name(s))
    named = set(names)
    publisher = _publisher(doc)
    relayed = [s for s in attributions if _relayed_from(s) and not _same_outlet(s, publisher)]
    hedges = Counter(s.fields.get("type") for s in by_kind["hedge"])
    replies = by_kind["reply"]
    left = unanswered([_party(a) for a in accusations], [_party(r) for r in replies])
    claims = Counter(s.fields.get("status") for s in by_kind["claim"])
    words = doc.word_count
    unnamed = sum(source_types[t] for t in UNNAMED_SOURCES)
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
        "relayed": len(relayed),
        "relayed_share": round(len(relayed) / len(attributions), 4) if attributions else 0.0,
        "relayed_from": listing(_relayed_from(s) for s in relayed),
        "direct_quotes": sum(1 for s in attributions if s.fields.get("quote")),
        "unnamed_share": round(unnamed / len(attributions), 4) if attributions else 0.0,
        "vague_share": (
            round(source_types["vague"] / len(attributions), 4) if attributions else 0.0
        ),
        "hedges": len(by_kind["hedge"]),
        "hedges_per_1000": round(1000 * len(by_kind["hedge"]) / words, 2) if words else 0.0,
        "weasels": len(by_kind["weasel"]),
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
        "accusations": len(accusations),
        "unanswered": len(left),
        "headline_overstates": bool(by_kind["headline"]),
        "named_names": listing(names.values()),
        "subject_only": _subject_only(doc, [s for s in attributions if _source(s).get("type")]),
        "hedge_words": listing(s.text for s in by_kind["hedge"]),
        "accusing": listing((_accusing(accusations[i]) for i in left), quoted=False),
        "replying": listing(_party_text(r) for r in replies) or "nobody",
    }


_NAME_WORD = re.compile(r"[A-Z][\w-]{3,}")
_NOT_SUBJECT = frozenset("said says told would could will the this that with from".split())


def _subject_only(doc: Document, attributions: Sequence[Signal]) -> bool:
    """Whether every source is the story's own subject: each is named, and each names
    (in its words, description or what it resolves to) a name of the headline. "Acme
    said" and "Acme's chief executive" under "Acme to cut 500 jobs" are; "the union said"
    is not, nor is any anonymous or agentless source, nor "the company" unless it resolved
    to Acme (it could be another company). With no headline there is no subject to hold
    the sources to (a lede's own speaker would be its subject)."""
    subject = {w.lower() for w in _NAME_WORD.findall(doc.title or "")} - _NOT_SUBJECT
    if not subject or not attributions:
        return False
    for signal in attributions:
        source = _source(signal)
        if source.get("type") not in NAMED_SOURCES:
            return False
        said = " ".join(
            str(part.get("text", "")) if isinstance(part, Mapping) else str(part or "")
            for part in (source.get("text"), source.get("description"), source.get("resolved"))
        )
        named = {w.lower().removesuffix("'s").removesuffix("’s") for w in _NAME_WORD.findall(said)}
        if not named & subject:  # "the union"; "the company" too, unless it resolved
            return False
    return True


def _party(signal: Signal) -> Party | None:
    found = signal.fields.get("party")
    return Party(found["start"], found["end"], found["text"]) if found else None


def _party_text(signal: Signal) -> str:
    found = signal.fields.get("party")
    return str(found["text"]) if found else signal.text


def _accusing(signal: Signal) -> str:
    """`'accused' (the company)`: the accusing word and whom it accuses, where the words say."""
    found = signal.fields.get("party")
    return f"'{signal.text}' ({found['text']})" if found else f"'{signal.text}'"


def _source(signal: Signal) -> Mapping[str, Any]:
    return signal.fields.get("source") or {}


def _relayed_from(signal: Signal) -> str:
    """The other outlet an attribution rests on ("Reuters" in "sources tell Reuters", or the
    outlet that is the source), or "" when it rests on none."""
    outlet = signal.fields.get("outlet")
    if isinstance(outlet, Mapping) and outlet.get("text"):
        return str(outlet["text"]).strip(".,;:")
    source = _source(signal)
    if source.get("type") != "named_outlet":
        return ""
    return str(source.get("text", "")).strip(".,;:")


# A wire dateline: "LONDON (Reuters) -", "(AP) —".
_DATELINE = re.compile(r"\(([A-Z][\w .&]{0,40}?)\)[^\S\n]{0,3}[-–—]")


def _publisher(doc: Document) -> str:
    """Who published the story, as far as it says: its byline and a wire dateline, lower
    case. "Told Reuters" in Reuters' own copy is its own reporting, not a relay."""
    dateline = _DATELINE.search(doc.text, 0, 400)
    return " ".join(filter(None, [doc.byline, dateline.group(1) if dateline else None])).lower()


def _same_outlet(signal: Signal, publisher: str) -> bool:
    outlet = _relayed_from(signal).lower().removeprefix("the ")
    return bool(publisher) and bool(outlet) and outlet in publisher


def _display_name(signal: Signal) -> str:
    """A named source as a reader knows it: the name a pronoun resolves to, else its words."""
    source = _source(signal)
    resolved = source.get("resolved")
    if isinstance(resolved, Mapping) and resolved.get("text"):
        return str(resolved["text"])
    return str(source.get("text", ""))


def _name_key(signal: Signal) -> object:
    """One key per named source: its entity (a pronoun or short reference is the entity it
    resolves to), or its words when no entity was given it."""
    if signal.fields.get("entity") is not None:
        return signal.fields["entity"]
    source = _source(signal)
    resolved = source.get("resolved")
    text = resolved.get("text", "") if isinstance(resolved, Mapping) else source.get("text", "")
    return " ".join(str(text).lower().split())
