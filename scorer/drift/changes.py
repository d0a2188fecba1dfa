"""What a rewrite did to the sourcing of each claim: the change kinds of `scorer compare`.

kept       same kind of source, same hedging (or a source B gives a claim A asserted: no
           risk to check)
lost       attributed in A (named, outlet, anonymous, vague), unattributed in B
laundered  a source made less identifiable: named in A and anonymous, vague, agentless or
           an outlet in B; or an outlet in A and anonymous, vague or agentless in B; or
           anonymous in A and vague or agentless in B
firmed-up  hedged, rumoured or agentless in A; asserted, or given a source, in B
softened   asserted in A, hedged in B
dropped    a claim of A that no claim of B restates
added      a claim of B that restates none of A (it keeps its own status)
headline   B's headline asserts what A's headline or standfirst hedged
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from scorer.drift.align import Link, similarity
from scorer.drift.claims import Claim
from scorer.drift.result import Change
from scorer.drift.words import features

KINDS = ("kept", "lost", "laundered", "firmed-up", "softened", "dropped", "added", "headline")
# The kinds a gate can fail on, with `unrelated` (nothing of B restates A).
GATE_KINDS = (*KINDS, "unrelated")
# How identifiable a source is, most first: a claim whose source moves down this list in B
# is laundered; a hedged one whose source moves up is firmed up.
_RANK = {"named": 0, "outlet": 1, "anonymous": 2, "vague": 3, "agentless": 4, "unattributed": 5}


def kinds_between(a: Claim, b: Claim) -> tuple[str, ...]:
    """The change from claim `a` of the original to claim `b` of the rewrite."""
    kinds: list[str] = []
    if a.attributed and b.status == "unattributed":
        kinds.append("lost")
    elif a.status != "agentless" and _RANK[a.status] < _RANK[b.status]:
        kinds.append("laundered")
    unsure_a = a.hedged or a.status == "agentless"
    asserted_b = not b.hedged and b.status != "agentless"
    better_b = b.attributed and _RANK[b.status] < _RANK[a.status]
    if unsure_a and (asserted_b or better_b):
        kinds.append("headline" if _headline(a, b) else "firmed-up")
    if not a.hedged and b.hedged and a.status != "agentless":
        kinds.append("softened")
    return tuple(kinds) or ("kept",)


def changes(a: Sequence[Claim], b: Sequence[Claim], links: Sequence[Link]) -> tuple[Change, ...]:
    """One change a claim of B (restated or added), then one a claim of A no one restates."""
    rows: list[Change] = []
    linked_a: set[int] = set()
    by_b = {link.b: link for link in links}
    for j, claim in enumerate(b):
        link = by_b.get(j)
        if link is None:
            rows.append(Change(("added",), b=claim))
            continue
        linked_a.update(link.a)
        # A sentence that merges two claims of A can make a change to each: all are told.
        each = tuple(kinds_between(*_as_restated(a[i], claim)) for i in link.a)
        rows.append(Change(_union(each), b=claim, a=tuple(a[i] for i in link.a),
                           similarity=link.similarity[0], each=each))  # fmt: skip
    named = {a[i].id for i in linked_a}
    # Only a rewrite of A has a headline that hedges less: in a story of its own, a word in
    # common ("200 jobs") is chance.
    extra = _headline_row(a, b, rows) if links else None
    if extra is not None:
        # In place of the headline's own row when that said only "added".
        at = next(n for n, row in enumerate(rows) if row.b is extra.b)
        if rows[at].kinds == ("added",):
            rows[at] = extra
        else:
            rows.insert(at + 1, extra)
        named |= {claim.id for claim in extra.a}
    rows += [Change(("dropped",), a=(claim,)) for claim in a if claim.id not in named]
    return tuple(rows)


def _as_restated(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    """The two claims as the one restates the other. When all they share is the words of
    one side's source ("Hartwell's, the supermarket chain based in Dunmarsh, said ..." and
    "The Dunmarsh-based supermarket chain ..."), that side restates who the source is, which
    is the writer's own background, not what the source said: its sourcing and hedges do not
    count for the pair."""
    shared = features(a.text) & features(b.text)
    return _background(a, shared), _background(b, shared)


def _background(claim: Claim, shared: frozenset[str]) -> Claim:
    if not claim.source or claim.carried or not shared or not shared <= features(claim.source):
        return claim
    # A source that takes in the whole claim ("The Environment Agency is investigating, a
    # spokesman confirmed", as the audit may read it) leaves nothing else to have restated.
    said = features(claim.text) - features(claim.source) - features(claim.cue)
    if not said:
        return claim
    return replace(claim, status="unattributed", hedges=(), source="")


def _union(each: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The kinds of all the pairs, in KINDS order; `kept` only when nothing changed."""
    found = {kind for kinds in each for kind in kinds}
    return tuple(kind for kind in KINDS if kind in found and kind != "kept") or ("kept",)


def _headline(a: Claim, b: Claim) -> bool:
    return b.role == "headline" and a.role in ("headline", "standfirst")


def _headline_row(a: Sequence[Claim], b: Sequence[Claim], rows: list[Change]) -> Change | None:
    """B's headline asserting what A's top hedged, when its own link did not already say so.

    Headlines are too short for the weighted alignment. Here B's headline must share a
    content word with a hedged headline or standfirst of A that A's unhedged top did not
    have: the word it took from the hedged part ("defected", "85 jobs")."""
    top_b = next((claim for claim in b if claim.role == "headline"), None)
    if top_b is None or top_b.hedged or top_b.status == "agentless":
        return None
    if any(row.b is top_b and "headline" in row.kinds for row in rows):
        return None
    top_a = [c for c in a if c.role in ("headline", "standfirst")]
    # The words as written: "deserts" in A's plain headline is no "defected" of its own.
    plain = frozenset().union(*(features(c.text, groups=False) for c in top_a if not c.hedged))
    said = features(top_b.text, groups=False)
    for claim in top_a:
        if claim.hedged and (said & features(claim.text, groups=False)) - plain:
            return Change(("headline",), b=top_b, a=(claim,),
                          similarity=round(similarity(claim.text, top_b.text), 3))  # fmt: skip
    return None
