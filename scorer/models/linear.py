"""Linear sentence models at run time: a JSON file of weights, scored in pure Python.

`load("uncertainty")` reads `scorer/models/uncertainty.json` once per process;
`score(model, sentence, extras)` adds the weights of the sentence's features to the bias and
says whether the probability reaches the model's threshold, with the features that carried
the decision and where their words are. "The minister may resign." is uncertain on "may";
"May Department Stores reported a loss." is not: there "May" is a name, a different word.

No numpy, no scikit-learn: the models are trained by `python -m scorer.train sentences`
and read here as plain data.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from scorer.models import sentence_features as sf

FORMAT = "scorer-linear-model"
FORMAT_VERSION = 1
EVIDENCE = 3  # features kept as evidence: the largest contributions


@dataclass(frozen=True)
class Model:
    """A logistic-regression model: probability = sigmoid(bias + sum of feature weights)."""

    name: str
    spec: sf.Spec
    bias: float
    threshold: float  # of the probability
    weights: Mapping[str, float]
    meta: Mapping[str, Any]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Model:
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"not a {FORMAT} version {FORMAT_VERSION} file")
        return cls(
            name=str(data["name"]),
            spec=sf.Spec.from_dict(data["features"]),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            weights={str(k): float(v) for k, v in data["weights"].items()},
            meta={k: v for k, v in data.items() if k not in _FIELDS},
        )

    def to_dict(self) -> dict[str, Any]:
        """The model file's content: fields first, weights largest first."""
        ordered = sorted(self.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            **self.meta,
            "bias": self.bias,
            "threshold": self.threshold,
            "features": self.spec.to_dict(),
            "weights": dict(ordered),
        }

    @cached_property
    def known(self) -> frozenset[str]:
        """The features with a weight: the only ones worth looking for."""
        return frozenset(self.weights)

    @cached_property
    def logit_threshold(self) -> float:
        """The threshold as a sum of weights: deciding needs no exponential."""
        p = min(max(self.threshold, 1e-12), 1 - 1e-12)
        return math.log(p / (1 - p))


_FIELDS = frozenset(
    ["format", "format_version", "name", "bias", "threshold", "features", "weights"]
)


class Evidence(NamedTuple):
    """A feature of the sentence, its weight, and the spans of its words in the sentence."""

    feature: str
    weight: float
    spans: tuple[tuple[int, int], ...]


class Decision:
    """A model's decision on one sentence: `probability`, `positive`, and `evidence`,
    worked out when first read: the features that pushed towards the decision, largest
    first (for a positive decision those for the class, for a negative one those against
    it), with their spans in the sentence. A plain class with slots: one is made per
    sentence and model, and a frozen dataclass cost more to build than the score."""

    __slots__ = ("_analysis", "_evidence", "_extras", "_found", "_model", "positive", "probability")

    def __init__(
        self,
        probability: float,
        positive: bool,
        model: Model,
        found: list[str],
        analysis: sf.Analysis,
        extras: Sequence[sf.Extra],
    ) -> None:
        self.probability = probability
        self.positive = positive
        self._model = model
        self._found = found
        self._analysis = analysis
        self._extras = extras
        self._evidence: tuple[Evidence, ...] | None = None

    @property
    def _present(self) -> list[tuple[str, float]]:
        """The sentence's features that have a weight, with their weights."""
        weights = self._model.weights
        return [(f, weights[f]) for f in self._found]

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        if self._evidence is None:
            weights = self._model.weights
            if self.positive:
                carried = [(f, weights[f]) for f in self._found if weights[f] > 0]
            else:
                carried = [(f, weights[f]) for f in self._found if weights[f] < 0]
            carried.sort()  # by name, then (stable) by weight: the same order every time
            carried.sort(key=itemgetter(1), reverse=self.positive)
            spans, extras = self._analysis.spans, self._extras
            self._evidence = tuple(
                [Evidence(f, w, tuple(spans(f, extras))) for f, w in carried[:EVIDENCE]]
            )
        return self._evidence

    def __repr__(self) -> str:
        return f"Decision(probability={self.probability!r}, positive={self.positive!r})"


@cache
def load(name: str) -> Model:
    """The shipped model `scorer/models/<name>.json`, read once per process."""
    path = Path(__file__).resolve().parent / f"{name}.json"
    with path.open(encoding="utf-8") as handle:
        return Model.from_dict(json.load(handle))


def logit(model: Model, text: str, extras: Sequence[sf.Extra] = ()) -> float:
    """bias + the weights of the features of `text` (the decision before the sigmoid)."""
    found = sf.present(sf.analyse(text), model.spec, extras, model.known)
    return math.fsum(map(model.weights.__getitem__, found)) + model.bias


def score(model: Model, text: str, extras: Sequence[sf.Extra] = ()) -> Decision:
    """Decide one sentence; `extras` are the rule outputs in it (see sentence_features)."""
    analysis = sf.analyse(text)
    found = sf.present(analysis, model.spec, extras, model.known)
    # fsum is exact whatever the order the set gave the features in (string hashes change
    # between processes), so a decision never depends on the process.
    total = math.fsum(map(model.weights.__getitem__, found)) + model.bias
    return Decision(_sigmoid(total), total >= model.logit_threshold, model, found, analysis, extras)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


# -- hedge or weasel --------------------------------------------------------------------

_HEDGE_LEXICONS = frozenset(["hedges", "uncertainty"])
_WEASEL_LEXICONS = frozenset(["weasels"])
# Words that make an n-gram an unnamed crowd when no lexicon phrase says more.
_CROWD = frozenset(
    "some many most several various numerous countless few others critics experts "
    "observers analysts scholars historians commentators people".split()
)


@dataclass(frozen=True)
class Kind:
    """What an uncertain sentence is: a `hedge` or a `weasel` (design.md), its type, and
    the span of the words that decided it (relative to the sentence)."""

    kind: str
    type: str
    span: tuple[int, int] | None
    by: str = "model"  # "lexicon" when a lexicon phrase decided it


def uncertainty_kind(decision: Decision) -> Kind:
    """Hedge or weasel, from the words that carried an uncertain decision.

    1. Every lexicon hit with a positive weight is a candidate: a type of hedges.toml or
       uncertainty.toml is a hedge of that type, a type of weasels.toml a weasel of that
       type. It scores its weight plus the positive weights of the n-grams that share
       words with its phrase.
    2. A weasel hit that shares words with a hedge hit takes its place: the same words
       ("is widely believed") are one cue, and the weasel type says more about it.
    3. If a hedge is left, the best hedge decides: a hedge beside an unnamed crowd ("some
       critics say it could fail") is a hedge, as the news set's guidelines have it. A
       phrase of hedges.toml, the curated list, comes before one of uncertainty.toml ("if
       confirmed" before "would be"); then the higher score. Otherwise the best-scoring
       weasel decides.
    4. With no lexicon hit, the n-gram of largest positive weight decides: a weasel
       quantifier if it holds a crowd word ("some", "many", "critics"), else an epistemic
       hedge, the widest hedge type.
    """
    analysis, extras = decision._analysis, decision._extras
    positive = [(f, w) for f, w in decision._present if w > 0]
    grams = [(w, s) for f, w in positive if ":" not in f for s in analysis.spans(f, extras)]
    hedges: list[tuple[bool, float, str, tuple[int, int]]] = []
    weasels: list[tuple[bool, float, str, tuple[int, int]]] = []
    for feature, weight in positive:
        if not feature.startswith("lex:"):
            continue
        _, lexicon_name, type_name = feature.split(":")
        for span in analysis.spans(feature, extras):
            score = weight + sum(w for w, s in grams if _overlap(s, span))
            curated = lexicon_name != "uncertainty"
            if lexicon_name in _HEDGE_LEXICONS:
                hedges.append((curated, score, type_name, span))
            elif lexicon_name in _WEASEL_LEXICONS:
                weasels.append((curated, score, type_name, span))
    hedges = [h for h in hedges if not any(_overlap(h[3], w[3]) for w in weasels)]
    for found, kind in ((hedges, "hedge"), (weasels, "weasel")):
        if found:
            _, _, type_name, span = max(found, key=lambda c: (c[0], c[1], -c[3][0]))
            return Kind(kind, type_name, span, "lexicon")
    top = max(
        ((w, f) for f, w in positive if ":" not in f), key=lambda wf: (wf[0], wf[1]), default=None
    )
    if top is None:
        return Kind("hedge", "epistemic", None)
    spans = analysis.spans(top[1], extras)
    span = spans[0] if spans else None
    if any(word in _CROWD for word in top[1].split(" ")):
        return Kind("weasel", "quantifier", span)
    return Kind("hedge", "epistemic", span)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
