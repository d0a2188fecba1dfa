"""Claims: sentences that assert something checkable, and whether anyone stands behind them.

A sentence is a claim when the trained model (`scorer/models/claims.json`, its card beside
it: word n-grams, shapes, and the verdict of the rules) says so. The rules are the weighted
features of `rules/lexicons/claims.toml` (figures, records, comparisons, named actors doing
things; minus intentions, opinions, exhortations, questions) against a threshold: "General
Ali Habib was appointed defense minister in 2009" is one, "I am all for this roadmap" is
not. Its `status`:

* attributed: a source is credited in the sentence, the sentence is part of a quote
  someone is credited with, or it continues the indirect report of the sentence before;
* unverified: only an agentless source ("it was reported") or a reporting or unconfirmed
  hedge ("reportedly", "could not be verified") stands behind it;
* hedged: the copy itself hedges it ("may", "if confirmed");
* unattributed: nobody is on record for it.

`features` lists the rule ids that scored, `evidence` the model's heaviest features with
their weights, `probability` the model's: a reader can see why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from scorer.detectors import Needed
from scorer.detectors.reading import Reading
from scorer.detectors.wordgate import WordGate
from scorer.errors import ScorerError
from scorer.load.document import Document, Sentence
from scorer.models import linear
from scorer.resources import read_toml, rules_dir
from scorer.signals import SOURCE_TYPES, Signal

_SOURCED = frozenset(SOURCE_TYPES) - {"agentless"}  # the writer's own report counts
_UNVERIFIED_HEDGES = frozenset(["reporting", "unconfirmed", "speculation"])
# A sentence that goes on with the report of the one before: "He says eight other
# generals ... are defecting. Their primary concern is for their families."
_CONTINUES = re.compile(r"^\W*(he|she|they|their|his|her|its|it|this|that|these|those)\b", re.I)


# An upper-case letter that is not part of an escape such as \D or \S.
_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]")


@dataclass(frozen=True)
class Feature:
    id: str
    pattern: re.Pattern[str]
    weight: float
    # Matched against the lower-cased sentence: `re.IGNORECASE` makes alternations of
    # words about three times slower, and most features are such alternations.
    lowered: bool = False


@dataclass(frozen=True)
class Model:
    features: tuple[Feature, ...]
    threshold: float
    long_words: int
    long_weight: float

    @cached_property
    def _gate(self) -> WordGate:
        return WordGate(
            [
                (f.pattern.pattern, bool(f.pattern.flags & re.IGNORECASE), f.lowered)
                for f in self.features
            ]
        )

    def score(self, text: str) -> tuple[float, list[str]]:
        lowered = text.lower()
        possible = self._gate.possible(text, lowered)  # the rest cannot match: not searched
        hits = [
            f
            for i, f in enumerate(self.features)
            if i in possible and f.pattern.search(lowered if f.lowered else text)
        ]
        total = sum(f.weight for f in hits)
        if len(text.split()) >= self.long_words:
            total += self.long_weight
        return total, [f.id for f in hits if f.weight > 0]


@cache
def model() -> Model:
    path = rules_dir() / "lexicons" / "claims.toml"
    data = read_toml(path)
    features = []
    for entry in data.get("feature", []):
        try:
            features.append(_feature(entry))
        except (KeyError, re.error, TypeError, ValueError) as error:
            raise ScorerError(
                f"bad feature: {error}", path=str(path), rule=entry.get("id")
            ) from None
    return Model(
        tuple(features),
        float(data["threshold"]),
        int(data.get("long_sentence_words", 15)),
        float(data.get("long_sentence_weight", 0.0)),
    )


def _feature(entry: dict[str, Any]) -> Feature:
    """A feature of claims.toml. A case-insensitive one is matched against the lower-cased
    sentence, without `re.IGNORECASE` unless its pattern spells an upper-case letter."""
    pattern = entry["pattern"]
    if entry.get("case_sensitive"):
        return Feature(entry["id"], re.compile(pattern), float(entry["weight"]))
    upper = _UPPER_LITERAL.search(pattern.replace("\\\\", ""))
    flags = re.IGNORECASE if upper else 0
    return Feature(entry["id"], re.compile(pattern, flags), float(entry["weight"]), lowered=True)


KIND = "claim"
NEEDS = ("attribution", "hedge")


def detect(reading: Reading, needed: Needed) -> list[Signal]:
    doc = reading.doc
    threshold = model().threshold
    trained = linear.load("claims")
    credited = _credited_sentences(doc, needed["attribution"])
    hedged = _hedge_types(needed["hedge"])
    signals = []
    for sentence, score, features in rule_scores(doc):
        text = doc.slice(sentence)
        # The rule's verdict is one of the trained model's features: it decides.
        extras = [("rule:claim", 0, len(text))] if score >= threshold else []
        decision = linear.score(trained, text, extras)
        if not decision.positive:
            continue
        status = _status(sentence, credited, hedged)
        fields: dict[str, Any] = {
            "status": status,
            "score": round(score, 2),
            "features": features,
            "by": "model",
            "probability": round(decision.probability, 3),
            "evidence": [
                {"feature": e.feature, "weight": round(e.weight, 4)} for e in decision.evidence
            ],
        }
        signals.append(Signal("claim", sentence.start, sentence.end, text, sentence.index, fields))
    return signals


def rule_scores(doc: Document) -> Iterator[tuple[Sentence, float, list[str]]]:
    """Each sentence of copy with the rule score of claims.toml and the features that made
    it: a claim by the rules when the score reaches the threshold. The trained model reads
    that verdict (`rule:claim`), in training as here."""
    rules = model()
    for sentence in doc.copy_sentences:
        score, features = rules.score(doc.norm[sentence.start : sentence.end])
        yield sentence, score, features


def _credited_sentences(doc: Document, attributions: Sequence[Signal]) -> dict[int, str]:
    """Sentence index -> 'sourced' or 'agentless', from the attributions of the document."""
    credited: dict[int, str] = {}
    for signal in attributions:
        if not signal.fields["content"] or signal.fields["cue"].get("verb") == "stance":
            # "Most members voted against it", "the opposition has been hoping that": a
            # state of mind or an act reports nothing that stands behind the sentence.
            continue
        kind = "sourced" if signal.fields["source"]["type"] in _SOURCED else "agentless"
        for index in _covered(doc, signal):
            if credited.get(index) != "sourced":
                credited[index] = kind
    return credited


def _covered(doc: Document, signal: Signal) -> list[int]:
    """The sentences an attribution stands behind: its own, those its quote spans, and a
    following sentence that carries the report on."""
    covered = {signal.sentence}
    content = signal.fields["content"]
    if signal.fields["quote"] and content:
        sentences = doc.sentences
        index = doc.sentence_at(content["start"])  # the quote's sentences, and no others
        while index < len(sentences) and sentences[index].start < content["end"]:
            if sentences[index].end > content["start"]:
                covered.add(index)
            index += 1
    elif content and signal.sentence + 1 < len(doc.sentences):
        following = doc.sentences[signal.sentence + 1]
        same_paragraph = following.paragraph == doc.sentences[signal.sentence].paragraph
        if same_paragraph and _CONTINUES.match(doc.slice(following)):
            covered.add(following.index)
    return sorted(covered)


def _hedge_types(hedges: Sequence[Signal]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for signal in hedges:
        found.setdefault(signal.sentence, set()).add(signal.fields["type"])
    return found


def _status(sentence: Sentence, credited: dict[int, str], hedged: dict[int, set[str]]) -> str:
    if credited.get(sentence.index) == "sourced":
        return "attributed"
    types = hedged.get(sentence.index, set())
    if credited.get(sentence.index) == "agentless" or types & _UNVERIFIED_HEDGES:
        return "unverified"
    if types:
        return "hedged"
    return "unattributed"
