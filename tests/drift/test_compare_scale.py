"""compare's work grows with the texts, not their square (counted in Python steps, not
timed): in a long text every word is in many claims, and each claim of B would meet a
share of all the claims of A."""

from __future__ import annotations

import pytest

import scorer
from scorer.drift import compare_audits
from tests.counting import assert_linear

# Fifty plain words: each sentence takes five, so each word is in a tenth of the sentences,
# under the quarter that makes a word too common to count.
WORDS = (
    "harbour council budget library closure depot fire crews smoke river bridge school "
    "teacher parent hospital doctor nurse patient vaccine clinic court judge jury witness "
    "police officer station market price farmer harvest storm flood road traffic train "
    "station ticket museum painting artist garden tree park festival music theatre season "
    "stadium player"
).split()


def _text(n: int, shift: int) -> str:
    sentences = (
        "The " + " ".join(WORDS[(7 * k + 3 * j + shift) % len(WORDS)] for j in range(5)) + "."
        for k in range(n)
    )
    return "Long story\n\n" + "\n\n".join(sentences)


@pytest.mark.slow
@pytest.mark.parametrize("shift", [0, 1], ids=["itself", "rewrite"])
def test_compare_work_grows_linearly(shift: int) -> None:
    def prepare(texts: tuple[str, str]):  # type: ignore[no-untyped-def]
        return scorer.audit(texts[0]), scorer.audit(texts[1])

    assert_linear(
        lambda audits: compare_audits(*audits),
        lambda n: (_text(n, 0), _text(n, shift)),
        300,
        prepare=prepare,
    )
