"""Fitting one linear model: binary features, balanced classes, L2 logistic regression with
optional fixed weights, pruned to the largest weights and refitted on what is kept.

Training only: numpy and scipy are imported here and never at run time. The solver is
scipy's L-BFGS on the logistic loss written out below, because the fixed weights need an
offset that scikit-learn's LogisticRegression does not take; it is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import expit


@dataclass(frozen=True)
class Fitted:
    """A fitted model as the run time needs it: feature weights and a bias."""

    weights: dict[str, float]
    bias: float


class Matrix:
    """Sentences as rows of binary features, with the feature names as columns."""

    def __init__(self, rows: Sequence[Iterable[str]]) -> None:
        index: dict[str, int] = {}
        indices: list[int] = []
        indptr = [0]
        for row in rows:
            for name in sorted(set(row)):
                indices.append(index.setdefault(name, len(index)))
            indptr.append(len(indices))
        self.names = [""] * len(index)
        for name, column in index.items():
            self.names[column] = name
        data = np.ones(len(indices), dtype=np.float64)
        self.x = sparse.csr_matrix(
            (data, np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
            shape=(len(rows), len(index)),
        )

    def columns(self, names: Iterable[str]) -> np.ndarray:
        wanted = set(names)
        return np.array([j for j, name in enumerate(self.names) if name in wanted], dtype=int)


def logistic(x: sparse.csr_matrix, y: np.ndarray, offset: np.ndarray, c: float) -> np.ndarray:
    """Weights then bias minimising c * sum(s_i * logloss(y_i, offset_i + x_i.w + b)) +
    |w|^2 / 2, where s_i balances the classes (n / (2 * count of y_i's class)), as
    scikit-learn's class_weight="balanced"; the bias is not penalised."""
    n = len(y)
    positives = float(y.sum())
    s = np.where(y == 1, n / (2 * positives), n / (2 * (n - positives)))
    sign = 2.0 * y - 1.0
    xt = x.T.tocsr()

    def objective(p: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = p[:-1], p[-1]
        margin = -sign * (offset + x @ w + b)
        g = -sign * expit(margin) * s
        value = c * float(s @ np.logaddexp(0.0, margin)) + 0.5 * float(w @ w)
        grad = np.empty_like(p)
        grad[:-1] = c * (xt @ g) + w
        grad[-1] = c * g.sum()
        return value, grad

    start = np.zeros(x.shape[1] + 1)
    result = minimize(
        objective, start, jac=True, method="L-BFGS-B", options={"maxiter": 5000, "gtol": 1e-6}
    )
    return np.asarray(result.x)


def fit(
    matrix: Matrix,
    rows: Sequence[int],
    labels: Sequence[int],
    c: float,
    keep: int | None,
    fixed: Mapping[str, float],
    excluded: frozenset[str] = frozenset(),
    min_count: int = 2,
) -> Fitted:
    """Fit on `rows`. `fixed` features keep the weight given (the data cannot move it);
    `excluded` ones and those seen in fewer than `min_count` of the rows get none; with
    `keep`, only the `keep` largest learnt weights survive and are refitted alone."""
    x = matrix.x[rows]
    y = np.array([labels[i] for i in rows], dtype=np.float64)
    fixed_columns = matrix.columns(fixed)
    w0 = np.zeros(x.shape[1])
    for j in fixed_columns:
        w0[j] = fixed[matrix.names[j]]
    offset = x @ w0
    counts = np.asarray(x.sum(axis=0)).ravel()
    barred = set(fixed_columns.tolist()) | set(matrix.columns(excluded).tolist())
    columns = np.array(
        [j for j in np.flatnonzero(counts >= min_count) if j not in barred], dtype=int
    )
    p = logistic(x[:, columns], y, offset, c)
    if keep is not None and keep < len(columns):
        order = np.argsort(-np.abs(p[:-1]), kind="stable")[:keep]
        columns = columns[np.sort(order)]
        p = logistic(x[:, columns], y, offset, c)
    weights = {name: float(weight) for name, weight in fixed.items()}
    weights.update(
        {matrix.names[j]: float(w) for j, w in zip(columns, p[:-1], strict=True) if w != 0.0}
    )
    return Fitted(weights, float(p[-1]))


def decision(matrix: Matrix, rows: Sequence[int], fitted: Fitted) -> np.ndarray:
    """bias + weights of each row's features, as the run time computes it."""
    w = np.zeros(len(matrix.names))
    column = {name: j for j, name in enumerate(matrix.names)}
    for name, weight in fitted.weights.items():
        if name in column:
            w[column[name]] = weight
    return np.asarray(matrix.x[rows] @ w + fitted.bias)
