"""Measures for training and the benchmark: P/R/F1 of the positive class, the threshold that
maximises F1, and out-of-fold figures whose threshold was chosen on the other folds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    n: int
    positives: int
    predicted: int

    def as_dict(self) -> dict[str, float | int]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def scores(predicted: Sequence[bool], gold: Sequence[int | bool]) -> Scores:
    p = np.asarray(predicted, dtype=bool)
    g = np.asarray(gold, dtype=bool)
    hits = int((p & g).sum())
    precision = hits / int(p.sum()) if p.sum() else 0.0
    recall = hits / int(g.sum()) if g.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(g), int(g.sum()), int(p.sum()))


def best_threshold(values: np.ndarray, gold: Sequence[int]) -> float:
    """The decision value that maximises F1 when everything at or above it is positive,
    placed halfway to the next lower value so that a tiny change of weights cannot flip it."""
    order = np.argsort(-values, kind="stable")
    ranked = values[order]
    y = np.asarray(gold)[order]
    hits = np.cumsum(y)
    k = np.arange(1, len(y) + 1)
    f1 = 2 * hits / (k + y.sum())
    # Only a cut between two different values is a threshold.
    valid = np.append(ranked[:-1] > ranked[1:], True)
    i = int(np.argmax(np.where(valid, f1, -1.0)))
    below = ranked[i + 1] if i + 1 < len(ranked) else ranked[i] - 1.0
    return float((ranked[i] + below) / 2)


def cross_thresholded(values: np.ndarray, gold: Sequence[int], folds: Sequence[int]) -> Scores:
    """Out-of-fold scores where each fold is cut at the threshold chosen on the other folds'
    out-of-fold values: no sentence helps choose its own threshold."""
    y = np.asarray(gold)
    f = np.asarray(folds)
    predicted = np.zeros(len(y), dtype=bool)
    for k in sorted(set(f.tolist())):
        inside = f == k
        threshold = best_threshold(values[~inside], y[~inside])
        predicted[inside] = values[inside] >= threshold
    return scores(predicted, y)
