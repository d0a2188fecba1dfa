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


def article_corpus(count: int) -> list[dict[str, str]]:
    """`count` articles as records ("Body ID", "articleBody"), from the examples' paragraphs.

    The labelled data lives outside the repository, so corpus tests build theirs from the
    bundled copy: the two seeds first, then paragraphs of both drawn in a fixed order (real
    sentences, varied lengths and sources), the same on every machine.
    """
    import random

    seeds = [path.read_text(encoding="utf-8").strip() for path in (INDEPENDENT, REWRITE)]
    paragraphs = [p.strip() for seed in seeds for p in seed.split("\n\n") if p.strip()]
    records = []
    for index in range(count):
        if index < len(seeds):
            body = seeds[index]
        else:
            draw = random.Random(index)
            body = "\n\n".join(draw.sample(paragraphs, draw.randint(2, 9)))
        records.append({"Body ID": str(1000 + 7 * index), "articleBody": body})
    return records
