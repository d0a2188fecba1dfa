"""Shared fixtures: the example articles and the labelled data folder, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
INDEPENDENT = EXAMPLES / "independent-habib-defection.txt"
REWRITE = EXAMPLES / "habib-defection-rewrite.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def independent():
    from scorer.load import load

    return load(str(INDEPENDENT))


@pytest.fixture(scope="session")
def rewrite():
    from scorer.load import load

    return load(str(REWRITE))
