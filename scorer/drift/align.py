"""Which claim of the original each claim of the rewrite restates: offline, by shared words.

Each claim becomes a set of features: the Porter stems of its content words, its numbers
("41,000" and "41000" alike) and its names (a capitalised word inside the clause, weighing
NAMES times as much). A feature weighs its inverse document frequency over the claims of
both texts, so "Habib" or "£6.2" count for more than "council". The similarity of two
claims is the weight they share over the geometric mean of their weights (a cosine on
weighted sets); claims that share only names (the same man, said of something else) are not
alike at all. Each claim of B takes the claim of A it is most like, if the similarity
reaches THRESHOLD. Order helps: the claim of A after the one B's previous claim restates
counts DIAGONAL times (rewrites keep the order of a passage while they reword it), and among
claims alike enough one in the same part of the story (headline and standfirst, or body)
comes first. Any other claim of A nearly as like joins when it is also like what B says
beyond the claims already taken (a merged sentence restates two; a sentence that repeats one
claim's words does not restate a second with the same words) and no other claim of B
restates it better. Claims are compared only through an index of their features, so the
work grows with the shared features, not with the product of the two lengths.
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
# The claim of A after the one B's previous claim restates is this much more like it
# (bench/compare.py: from 1.25 to 1.5 the same on seeds and pairs; 1.2 loses a pair's link).
DIAGONAL = 1.3
# In ranking, a claim of the headline or standfirst is this much less like one of the body,
# and the other way round: a standfirst sums up the body, a claim of the body restates the
# body's (0.7 and 0.8 the same; 0.9 and 1.0 link a pair's body claim to the standfirst).
ELSEWHERE = 0.8
# A name weighs this many times a word (bench/compare.py: 2 and 1.5 the same on seeds and
# pairs, 1.5 better on the dev outlet pairs; 1 loses seed links).
NAMES = 1.5
# A feature in more claims than this share of all claims (at least 6, at most CROWD) is too
# common to tell claims apart, and is left out of the index and the weights. CROWD keeps each
# feature's list of claims short in a long text, so the work grows with the text, not its
# square; articles (under 200 claims between them) never reach it.
COMMON = 0.25
CROWD = 50


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
    weight = _weights(features_a, features_b)
    norms_a = [_norm(found, weight) for found in features_a]
    candidates = _candidates(a, b, features_a, features_b, weight, norms_a)
    # How like a claim of A is to the claim of B that restates it best: a claim of B joins
    # a second claim of A only if no other claim of B restates that one better.
    best_of_a: dict[int, float] = {}
    for scored in candidates:
        if scored and scored[0][0] >= threshold:
            s, i = scored[0]
            best_of_a[i] = max(best_of_a.get(i, 0.0), s)
    links: dict[int, Link] = {}
    for j, found in enumerate(features_b):
        # The claim after the one B's previous claim restates is favoured (DIAGONAL); among
        # those like enough, one in the same part of the story comes first (ELSEWHERE).
        after = links[j - 1].a[0] + 1 if j - 1 in links else -1
        favoured = [(s * DIAGONAL if i == after else s, s, i) for s, i in candidates[j]]
        top = _top(b[j])
        scored = sorted(
            (f for f in favoured if f[0] >= threshold),
            key=lambda f: (-f[0] * (1 if _top(a[f[2]]) == top else ELSEWHERE), f[2]),
        )
        if not scored:
            continue
        best = scored[0][1]
        chosen = [scored[0]]
        left = found - features_a[scored[0][2]]
        for like, s, i in scored[1:]:
            if s < ALSO * best or best_of_a.get(i, 0.0) > s:
                continue
            # Another claim of A joins when B says more of it than the first one covers:
            # what is left of B once the claims already chosen are taken out.
            rest = _norm(left & features_a[i], weight, 0.0)
            if rest / math.sqrt(norms_a[i] * _norm(left, weight)) >= RESIDUAL:
                chosen.append((like, s, i))
                left -= features_a[i]
        links[j] = Link(j, tuple(i for *_, i in chosen), tuple(round(s, 3) for _, s, _ in chosen))
    return tuple(links[j] for j in sorted(links))


def _weights(
    features_a: list[frozenset[str]], features_b: list[frozenset[str]]
) -> dict[str, float]:
    """Each feature's inverse document frequency over both texts' claims (names NAMES times);
    features in too many claims to tell them apart weigh nothing."""
    frequency: dict[str, int] = defaultdict(int)
    for found in (*features_a, *features_b):
        for feature in found:
            frequency[feature] += 1
    total = len(features_a) + len(features_b)
    common = max(6, min(COMMON * total, CROWD))
    return {
        feature: math.log(1 + total / count) * (NAMES if feature.startswith("@") else 1)
        for feature, count in frequency.items()
        if count <= common
    }


def _candidates(
    a: Sequence[Claim],
    b: Sequence[Claim],
    features_a: list[frozenset[str]],
    features_b: list[frozenset[str]],
    weight: dict[str, float],
    norms_a: list[float],
) -> list[list[tuple[float, int]]]:
    """For each claim of B, the claims of A sharing a feature with it, most alike first. A
    claim written again word for word restates its original (similarity 1), even when its
    words are all names or too common to weigh ("This is Deandre Joshua.", "He did it
    again.")."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(features_a):
        for feature in found:
            if feature in weight:
                index[feature].append(i)
    verbatim: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(a):
        verbatim[_plain(claim.text)].append(i)
    # Claims that share only names (the same man, said of something else) are not alike at
    # all: each claim's weighed features that are no name on its side.
    plain_a = [_plain_words(found, weight) for found in features_a]
    plain_b = [_plain_words(found, weight) for found in features_b]
    candidates: list[list[tuple[float, int]]] = []
    for j, (claim, found) in enumerate(zip(b, features_b, strict=True)):
        shared: dict[int, float] = defaultdict(float)
        for feature in found:
            for i in index.get(feature, ()):
                shared[i] += weight[feature]
        norm_b = _norm(found, weight)
        same = set(verbatim.get(_plain(claim.text), ())[:CROWD])
        words_b = plain_b[j]
        scored = [(1.0, i) for i in same] + [
            (both / math.sqrt(norms_a[i] * norm_b), i)
            for i, both in shared.items()
            if i not in same and not plain_a[i].isdisjoint(words_b)
        ]
        candidates.append(sorted(scored, key=lambda pair: (-pair[0], pair[1])))
    return candidates


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _plain_words(found: frozenset[str], weight: dict[str, float]) -> frozenset[str]:
    """The features that weigh something and are no name in this claim. Two claims share a
    word only if it is in both of these sets ("Paris" in "living in Paris" and "said from
    Paris" is a name on both sides; "defect" in a story of a defection weighs nothing)."""
    return frozenset(
        feature
        for feature in found
        if feature in weight and not feature.startswith("@") and "@" + feature not in found
    )


def similarity(a: str, b: str) -> float:
    """The similarity of two texts alone (every feature weighs 1): for headlines, where the
    two are too short for weights to mean much."""
    fa, fb = features(a), features(b)
    if not fa or not fb:
        return 0.0
    return len(fa & fb) / math.sqrt(len(fa) * len(fb))


def _top(claim: Claim) -> bool:
    return claim.role in ("headline", "standfirst")


def _norm(features: frozenset[str], weight: dict[str, float], empty: float = 1.0) -> float:
    return sum(weight.get(feature, 0.0) for feature in features) or empty


def _features(claim: Claim) -> frozenset[str]:
    """A headline in title case has no names: every word of it is capitalised."""
    return features(claim.text, names=not (claim.role == "headline" and title_case(claim.text)))
