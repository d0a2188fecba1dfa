"""Which claim of the original each claim of the rewrite restates: offline, by shared words.

Each claim becomes a set of features: the Porter stems of its content words, its numbers
("41,000" and "41000" alike) and its names (a capitalised word inside the clause counts
double). A feature weighs its inverse document frequency over the claims of both texts, so
"Habib" or "£6.2" count for more than "council". The similarity of two claims is the weight
they share over the geometric mean of their weights (a cosine on weighted sets). Each claim
of B takes the claim of A it is most like, if the similarity reaches THRESHOLD, and any other
claim of A nearly as like it that is also like what B says beyond the claims already taken
(a merged sentence restates two; a sentence that repeats one claim's words does not restate
a second claim that has the same words). Claims are compared only
through an index of their features, so the work grows with the shared features, not with
the product of the two lengths.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from scorer.drift.claims import Claim
from scorer.drift.words import features, title_case

# Chosen on the two seed articles (bench/compare.py prints the sweep): lower pairs unrelated
# background, higher loses paraphrases.
THRESHOLD = 0.25
# Another claim of A joins the link when it is at least this like B's claim, relative to
# the best: a rewrite that merges two sentences restates both.
ALSO = 0.8
# ... and only if it is this like what B says beyond the claims of A already chosen
# (bench/compare.py: from 0.05 to 0.15 the same on seeds and pairs).
RESIDUAL = 0.1
# A feature in more claims than this share of all claims (at least 6) is too common to tell
# claims apart, and is left out of the index and the weights.
COMMON = 0.25


@dataclass(frozen=True)
class Link:
    """A claim of B and the claims of A it restates, best first, with their similarities."""

    b: int  # index into B's claims
    a: tuple[int, ...]  # indexes into A's claims
    similarity: tuple[float, ...]


def align(a: Sequence[Claim], b: Sequence[Claim], threshold: float = THRESHOLD) -> tuple[Link, ...]:
    """One Link for each claim of B that restates something of A, in B's order."""
    features_a = [_features(claim) for claim in a]
    features_b = [_features(claim) for claim in b]
    frequency: dict[str, int] = defaultdict(int)
    for found in (*features_a, *features_b):
        for feature in found:
            frequency[feature] += 1
    total = len(a) + len(b)
    common = max(6, COMMON * total)
    weight = {
        feature: math.log(1 + total / count) * (2 if feature.startswith("@") else 1)
        for feature, count in frequency.items()
        if count <= common
    }
    index: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(features_a):
        for feature in found:
            if feature in weight:
                index[feature].append(i)
    norms_a = [_norm(found, weight) for found in features_a]
    links: list[Link] = []
    for j, found in enumerate(features_b):
        shared: dict[int, float] = defaultdict(float)
        for feature in found:
            for i in index.get(feature, ()):
                shared[i] += weight[feature]
        norm_b = _norm(found, weight)
        scored = [
            (total_weight / math.sqrt(norms_a[i] * norm_b), i) for i, total_weight in shared.items()
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        if not scored or scored[0][0] < threshold:
            continue
        best = scored[0][0]
        chosen = [scored[0]]
        left = found - features_a[scored[0][1]]
        for s, i in scored[1:]:
            if s < threshold or s < ALSO * best:
                break
            # Another claim of A joins when B says more of it than the first one covers:
            # what is left of B once the claims already chosen are taken out.
            rest = _norm(left & features_a[i], weight, 0.0)
            if rest / math.sqrt(norms_a[i] * _norm(left, weight)) >= RESIDUAL:
                chosen.append((s, i))
                left -= features_a[i]
        links.append(Link(j, tuple(i for _, i in chosen), tuple(round(s, 3) for s, _ in chosen)))
    return tuple(links)


def similarity(a: str, b: str) -> float:
    """The similarity of two texts alone (every feature weighs 1): for headlines, where the
    two are too short for weights to mean much."""
    fa, fb = features(a), features(b)
    if not fa or not fb:
        return 0.0
    return len(fa & fb) / math.sqrt(len(fa) * len(fb))


def _norm(features: frozenset[str], weight: dict[str, float], empty: float = 1.0) -> float:
    return sum(weight.get(feature, 0.0) for feature in features) or empty


def _features(claim: Claim) -> frozenset[str]:
    """A headline in title case has no names: every word of it is capitalised."""
    return features(claim.text, names=not (claim.role == "headline" and title_case(claim.text)))
