"""The pure parts of bench/validity.py and bench/calibrate.py: no shared data needed."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import calibrate
import validity


def test_spearman_and_kendall_of_known_orders():
    assert validity.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert validity.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # One swapped pair of four: rho = 1 - 6 * 2 / (4 * 15) = 0.8; tau = (5 - 1) / 6.
    assert validity.spearman([1, 2, 3, 4], [1, 2, 4, 3]) == pytest.approx(0.8)
    assert validity.kendall([1, 2, 3, 4], [1, 2, 4, 3]) == pytest.approx(4 / 6)
    # Ties share their mean rank.
    assert validity._ranks([5, 1, 5, 3]) == [3.5, 1.0, 3.5, 2.0]


def test_the_ranking_set_has_48_distinct_bodies_ranked_1_to_48():
    rows = validity.RANKING.read_text(encoding="utf-8").splitlines()[1:]
    ids = [int(row.split("\t")[0]) for row in rows]
    ranks = [int(row.split("\t")[1]) for row in rows]
    assert len(set(ids)) == 48
    assert sorted(ranks) == list(range(1, 49))


def test_the_fit_keeps_weights_at_zero_or_above_and_learns_which_group_separates():
    # Group 0 separates real (1) from fake (0); group 1 runs against it; group 2 is noise.
    rows = [[5.0, -1.0, 0.0], [4.0, -2.0, 1.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]] * 5
    labels = [1, 1, 0, 0] * 5
    weights = calibrate.fit(rows, labels)
    assert weights[0] > 0
    assert weights[1] == 0.0  # it would be negative: a problem never earns points
    assert min(weights) >= 0.0
    assert calibrate.roc(weights, rows, labels) == 1.0
