"""`python -m scorer.train sentences`: train, measure and export the two sentence models.

Each model is fitted on the development part of its corpus (85%, stratified): C is chosen
by 5-fold cross-validation, the decision threshold on the out-of-fold decision values, and
the model is pruned to its largest weights inside every fold, so the out-of-fold figures
measure the whole recipe. The held-back 15% is scored once, by the exported model through
the pure-Python run time. Nothing is scored by a model that was trained on it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from scorer.models import linear
from scorer.models import sentence_features as sf
from scorer.train import card, data, timing
from scorer.train.fit import Fitted, Matrix, decision, fit
from scorer.train.measure import Scores, best_threshold, cross_thresholded, scores

MODELS_DIR = Path(linear.__file__).resolve().parent
COMMAND = "python -m scorer.train sentences"


@dataclass(frozen=True)
class Recipe:
    """How one model is made; see the model cards for why each choice."""

    name: str
    corpus: Callable[[Path], data.Corpus]
    positive: str  # what the positive class means
    ngram_max: int = 2
    lexicons: tuple[str, ...] = ()
    # Lexicons whose type features get `fixed_weight` instead of a learnt one, and whose
    # one-word phrases are left out of the n-grams, so the data cannot undo them.
    fixed: tuple[str, ...] = ()
    fixed_weight: float = 0.0
    shapes: bool = False
    rules: tuple[str, ...] = ()
    grid: tuple[float, ...] = (0.1, 0.3, 1.0)
    keep: int = 1000


UNCERTAINTY = Recipe(
    name="uncertainty",
    corpus=data.conll,
    positive="uncertain: hedge or weasel wording",
    lexicons=("hedges", "uncertainty", "weasels"),
    fixed=("hedges", "uncertainty"),
    fixed_weight=3.0,
    grid=(0.05, 0.1, 0.2, 0.4),
)
CLAIMS = Recipe(
    name="claims",
    corpus=data.claimbuster,
    positive="check-worthy factual claim",
    shapes=True,
    rules=("claims",),
    grid=(0.1, 0.3, 1.0),
)
RECIPES = (UNCERTAINTY, CLAIMS)


@dataclass
class Trained:
    """A trained model and what was measured on the way."""

    recipe: Recipe
    model: linear.Model
    corpus: data.Corpus
    held: list[int]
    extras: list[list[sf.Extra]]
    grid: dict[float, float] = field(default_factory=dict)  # C: out-of-fold F1
    oof: Scores | None = None
    oof_cross: Scores | None = None
    held_back: Scores | None = None
    parity: float = 0.0
    news: dict[str, Any] | None = None  # the news hedge set, read after the model is final


def cue_words(lexicons: dict[str, tuple[str, ...]], names: Sequence[str]) -> frozenset[str]:
    """The one-word phrases of the named lexicons ("may", "reportedly", "alleged")."""
    words: set[str] = set()
    for feature, phrases in lexicons.items():
        if feature.split(":")[1] in names:
            for phrase in phrases:
                if " " not in phrase and "*" not in phrase and "_" not in phrase:
                    words.update(phrase.lower().split("/"))
    return frozenset(words)


@dataclass
class Prepared:
    """A corpus as features, split, with the fixed and excluded features of its recipe."""

    recipe: Recipe
    corpus: data.Corpus
    dev: list[int]
    held: list[int]
    folds: list[int]
    lexicons: dict[str, tuple[str, ...]]
    extras: list[list[sf.Extra]]
    matrix: Matrix
    fixed: dict[str, float]
    excluded: frozenset[str]

    @property
    def y_dev(self) -> np.ndarray:
        return np.array([self.corpus.labels[i] for i in self.dev])

    def fit(self, rows: Sequence[int], c: float) -> Fitted:
        r = self.recipe
        return fit(self.matrix, rows, self.corpus.labels, c, r.keep, self.fixed, self.excluded)

    def out_of_fold(self, c: float) -> np.ndarray:
        """Decision values of the development part, each from the model of the other folds."""
        values = np.zeros(len(self.dev))
        for k in range(data.FOLDS):
            rows = [i for i, f in zip(self.dev, self.folds, strict=True) if f != k]
            inside = [j for j, f in enumerate(self.folds) if f == k]
            fitted = self.fit(rows, c)
            values[inside] = decision(self.matrix, [self.dev[j] for j in inside], fitted)
        return values


def prepare(recipe: Recipe, data_dir: Path, log: Callable[[str], None]) -> Prepared:
    corpus = recipe.corpus(data_dir)
    dev, held, folds = data.split(corpus)
    lexicons = sf.project_lexicons(recipe.lexicons)
    spec = sf.Spec(recipe.ngram_max, lexicons, recipe.shapes, recipe.rules)
    log(f"{recipe.name}: {len(corpus.texts)} sentences, features ...")
    extras = [sf.rule_extras(text, recipe.rules) for text in corpus.texts]
    rows = [sf.features(sf.Analysis(t), spec, extras[i]) for i, t in enumerate(corpus.texts)]
    matrix = Matrix(rows)
    fixed = {f: recipe.fixed_weight for f in lexicons if f.split(":")[1] in recipe.fixed}
    cues = cue_words(lexicons, recipe.fixed)
    excluded = frozenset(
        n for n in matrix.names if ":" not in n and any(w in cues for w in n.split(" "))
    )
    return Prepared(recipe, corpus, dev, held, folds, lexicons, extras, matrix, fixed, excluded)


def cross_validate(recipe: Recipe, data_dir: Path, c: float) -> tuple[Scores, Scores]:
    """Out-of-fold scores of the recipe with C fixed: at the threshold chosen on all the
    out-of-fold values, and with each fold cut at the other folds' threshold."""
    prepared = prepare(recipe, data_dir, lambda _: None)
    values = prepared.out_of_fold(c)
    y = prepared.y_dev
    return scores(values >= best_threshold(values, y), y), cross_thresholded(
        values, y, prepared.folds
    )


def train(recipe: Recipe, data_dir: Path, log: Callable[[str], None]) -> Trained:
    p = prepare(recipe, data_dir, log)
    corpus, dev, held, folds, extras, labels = (
        p.corpus,
        p.dev,
        p.held,
        p.folds,
        p.extras,
        p.corpus.labels,
    )
    y_dev = p.y_dev
    grid: dict[float, float] = {}
    best: tuple[float, float, np.ndarray] | None = None
    for c in recipe.grid:
        values = p.out_of_fold(c)
        f1 = scores(values >= best_threshold(values, y_dev), y_dev).f1
        grid[c] = f1
        log(f"{recipe.name}: C={c} out-of-fold F1 {f1:.4f}")
        if best is None or f1 > best[1] + 1e-9:  # a tie keeps the smaller C
            best = (c, f1, values)
    assert best is not None
    c, _, values = best
    threshold = best_threshold(values, y_dev)
    fitted = p.fit(dev, c)
    weights = {f: round(w, 5) for f, w in fitted.weights.items() if round(w, 5) != 0.0}
    used = {f: phrases for f, phrases in p.lexicons.items() if f in weights}
    bias = round(fitted.bias, 5)
    model = linear.Model(
        name=recipe.name,
        spec=sf.Spec(recipe.ngram_max, used, recipe.shapes, recipe.rules),
        bias=bias,
        threshold=_sigmoid(threshold),
        weights=weights,
        meta={
            "positive": recipe.positive,
            "training": {
                "command": COMMAND,
                "corpus": str(corpus.path.relative_to(data_dir)),
                "rows": len(dev),
                "held_back_rows": len(held),
                "seed": data.SEED,
                "c": c,
                "keep": recipe.keep,
                "fixed_weight": recipe.fixed_weight,
                "fixed_lexicons": list(recipe.fixed),
                "date": _today(),
            },
        },
    )
    trained = Trained(recipe, model, corpus, held, extras, grid)
    trained.oof = scores(values >= threshold, y_dev)
    trained.oof_cross = cross_thresholded(values, y_dev, folds)
    # The held-back part, once, through the run time; and the run time against numpy.
    predicted = [linear.score(model, corpus.texts[i], extras[i]).positive for i in held]
    trained.held_back = scores(predicted, [labels[i] for i in held])
    reference = decision(p.matrix, held, Fitted(dict(model.weights), model.bias))
    runtime = [linear.logit(model, corpus.texts[i], extras[i]) for i in held]
    trained.parity = float(np.max(np.abs(np.asarray(runtime) - reference)))
    log(f"{recipe.name}: held back {trained.held_back}, parity {trained.parity:.2e}")
    return trained


def write(trained: Trained, out: Path, speed_us: tuple[float, float]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{trained.model.name}.json"
    text = json.dumps(trained.model.to_dict(), indent=1, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    (out / f"{trained.model.name}.md").write_text(
        card.render(trained, len(text.encode()), speed_us), encoding="utf-8"
    )
    return path


def main(data_dir: Path, out: Path, log: Callable[[str], None]) -> None:
    from scorer.train import news

    trained = [train(recipe, data_dir, log) for recipe in RECIPES]
    for t in trained:
        if t.recipe is UNCERTAINTY and news.available(data_dir):
            t.news = news.evaluate(t.model, data_dir)
            log(f"uncertainty on the news set: {t.news}")
    # Speed: both models on each held-back sentence, with the rule outputs of every recipe.
    texts = [t.corpus.texts[i] for t in trained for i in t.held]
    rules = tuple(sorted({rule for t in trained for rule in t.recipe.rules}))
    extras = [sf.rule_extras(text, rules) for text in texts]
    speed = timing.per_sentence([t.model for t in trained], texts, extras)
    log(f"speed: {speed[0]:.1f} us per sentence for both models, {speed[1]:.1f} with evidence")
    for t in trained:
        log(f"wrote {write(t, out, speed)}")


def _sigmoid(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))


def _today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()
