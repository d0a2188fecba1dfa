"""How fast the sentence models are: processor time per sentence for several models on each
sentence, as the pipeline will run them. Pure Python, so the benchmark can time the shipped
models without the training extra."""

from __future__ import annotations

import time
from collections.abc import Sequence

from scorer.models import linear
from scorer.models import sentence_features as sf


def per_sentence(
    models: Sequence[linear.Model], texts: Sequence[str], extras: Sequence[Sequence[sf.Extra]]
) -> tuple[float, float]:
    """Microseconds of processor time per sentence, best of five passes: (decisions only,
    decisions and the evidence of every positive one). Each pass starts with no sentence
    analysed; the rule outputs are handed in, as the pipeline has them."""
    best = [float("inf"), float("inf")]
    for with_evidence in (False, True):
        for _ in range(5):
            sf.analyse_cache_clear()
            start = time.process_time()
            for text, extra in zip(texts, extras, strict=True):
                for model in models:
                    decided = linear.score(model, text, extra)
                    if with_evidence and decided.positive:
                        decided.evidence  # noqa: B018 - worked out on first read
            elapsed = time.process_time() - start
            best[with_evidence] = min(best[with_evidence], elapsed)
    return best[0] / len(texts) * 1e6, best[1] / len(texts) * 1e6
