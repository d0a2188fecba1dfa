"""Calibrate the score from data: a few group weights, fitted out of fold, beside the shipped ones.

    python bench/calibrate.py [--data DIR] [--folds 5] [--try GROUP=W,...]

The labels of Horne & Adali (2017) are by outlet (real or fake), not by sourcing, so this fits
no rule's points: it fits one multiplier per group of rules, seven numbers. The groups are the
problems of each scoring category (anonymity, attribution, claims, hedging, headline,
fairness) and the credit (every rule that adds points). Each article of the "random" set is
audited once with the shipped rules; a group's feature is the sum of its findings' points.
A score under weights w is base + sum(w_g * points_g), so the shipped rules are w = 1.

The fit is a logistic regression of real (1) against fake (0), its weights held at zero or
above (a problem never earns points, and credit never costs), with a small L2 penalty;
5-fold cross-validation with a fixed shuffle gives every article a score from a model that
did not see it. Printed: the shipped weights (1.0) and the proposed ones (the fit on all
folds, scaled to the same mean), each with the out-of-fold ROC AUC it gives on the random
set and, as a check never fitted, on the buzzfeed set. `--try` scores a candidate of your
own. Nothing is written: shipping a weight means editing the rule packs' points.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validity import DEFAULT_DATA, ZIP, articles, auc

import scorer

GROUPS = ("anonymity", "attribution", "claims", "hedging", "headline", "fairness", "credit")
SEED = 20261207


def features(result: scorer.Audit) -> list[float]:
    """The points of each group's findings in one audit (credit apart from the problems)."""
    sums = dict.fromkeys(GROUPS, 0.0)
    for finding in result.findings:
        sums["credit" if finding.credit else finding.category] += finding.points
    return [sums[group] for group in GROUPS]


def fit(rows: Sequence[Sequence[float]], labels: Sequence[int], l2: float = 0.05) -> list[float]:
    """Non-negative logistic regression by projected gradient descent on standardised
    features; returns the weights in the features' own units (points)."""
    n = len(rows[0])
    scale = [math.sqrt(sum(r[i] ** 2 for r in rows) / len(rows)) or 1.0 for i in range(n)]
    z = [[r[i] / scale[i] for i in range(n)] for r in rows]
    weights, bias = [0.0] * n, 0.0
    for _ in range(2000):
        grad, grad_bias = [l2 * w for w in weights], 0.0
        for x, y in zip(z, labels, strict=True):
            margin = bias + sum(w * v for w, v in zip(weights, x, strict=True))
            error = 1 / (1 + math.exp(-margin)) - y
            for i in range(n):
                grad[i] += error * x[i] / len(z)
            grad_bias += error / len(z)
        weights = [max(0.0, w - 0.5 * g) for w, g in zip(weights, grad, strict=True)]
        bias -= 0.5 * grad_bias
    return [w / s for w, s in zip(weights, scale, strict=True)]


def score(weights: Sequence[float], row: Sequence[float]) -> float:
    return sum(w * v for w, v in zip(weights, row, strict=True))


def roc(weights: Sequence[float], rows: Sequence[Sequence[float]], labels: Sequence[int]) -> float:
    scores = [score(weights, row) for row in rows]
    real = [s for s, y in zip(scores, labels, strict=True) if y]
    fake = [s for s, y in zip(scores, labels, strict=True) if not y]
    return auc(real, fake)


def out_of_fold(rows: Sequence[Sequence[float]], labels: Sequence[int], folds: int) -> float:
    """The AUC of scores each given by a fit on the other folds (a fixed shuffle)."""
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    scores = [0.0] * len(rows)
    for k in range(folds):
        held = set(order[k::folds])
        kept = [i for i in order if i not in held]
        weights = fit([rows[i] for i in kept], [labels[i] for i in kept])
        for i in held:
            scores[i] = score(weights, rows[i])
    real = [s for s, y in zip(scores, labels, strict=True) if y]
    fake = [s for s, y in zip(scores, labels, strict=True) if not y]
    return auc(real, fake)


def _candidate(text: str) -> list[float]:
    weights = dict.fromkeys(GROUPS, 1.0)
    for part in filter(None, text.split(",")):
        group, _, value = part.partition("=")
        if group not in weights:
            raise SystemExit(f"--try: unknown group {group!r} (groups: {', '.join(GROUPS)})")
        weights[group] = float(value)
    return [weights[group] for group in GROUPS]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--try", dest="candidate", action="append", default=[], metavar="W")
    args = parser.parse_args()
    path = args.data / ZIP
    if not path.is_file():
        print(f"skipped: {path} not found (the labelled data lives in ../shared/data)")
        return 0
    sets: dict[str, tuple[list[list[float]], list[int]]] = {
        "random": ([], []),
        "buzzfeed": ([], []),
    }
    for name, label, title, body in articles(path):
        if label not in ("real", "fake"):
            continue
        try:
            result = scorer.audit(body, title=title or None)
        except scorer.ScorerError:
            continue
        sets[name][0].append(features(result))
        sets[name][1].append(1 if label == "real" else 0)
    rows, labels = sets["random"]
    check_rows, check_labels = sets["buzzfeed"]
    fitted = fit(rows, labels)
    mean = sum(fitted) / len(fitted) or 1.0
    proposed = [w / mean for w in fitted]
    shipped = [1.0] * len(GROUPS)
    print(f"data: {path}")
    print(f"random set: {len(rows)} real or fake; buzzfeed (check): {len(check_rows)}\n")
    print(f"{'weights':10} " + " ".join(f"{g:>11}" for g in GROUPS) + "   AUC random   buzzfeed")
    candidates = [("shipped", shipped), ("proposed", proposed)]
    candidates += [(f"try {i + 1}", _candidate(text)) for i, text in enumerate(args.candidate)]
    for name, weights in candidates:
        random_auc = out_of_fold(rows, labels, args.folds) if name == "proposed" else None
        shown = random_auc if random_auc is not None else roc(weights, rows, labels)
        print(
            f"{name:10} "
            + " ".join(f"{w:11.2f}" for w in weights)
            + f"   {shown:10.3f}   {roc(weights, check_rows, check_labels):8.3f}"
        )
    print(
        f"\nproposed: the fit on the whole random set; its random-set AUC is out of fold "
        f"({args.folds} folds, seed {SEED}). The others are fixed weights: their AUC needs no "
        "folds."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
