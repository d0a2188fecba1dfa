"""`scorer compare`: how a rewrite changed the sourcing of a story's claims.

claims.py reads each text's claims and their sourcing from its audit, align.py pairs the
claims of the rewrite with those of the original, changes.py names what happened to each,
and result.py holds the answer the renderers format.
"""

from __future__ import annotations

from collections import Counter

from scorer.drift.align import ALSO, DIAGONAL, THRESHOLD, Link, align
from scorer.drift.changes import KINDS, changes
from scorer.drift.claims import Claim, claims_of
from scorer.drift.result import Change, Comparison, Side
from scorer.scoring.audit import Audit

__all__ = ["KINDS", "Change", "Comparison", "Side", "compare_audits"]

METHOD = (
    "claims: sentences and clauses of the copy (a relative clause is the writer's own), "
    "sourced from the audit's attributions and hedges; alignment: cosine over "
    "inverse-document-frequency-weighted Porter stems of content words, paraphrase groups, "
    f"numbers and capitalised names, each claim of B to its best claim of A at {THRESHOLD} or "
    f"more (the claim after the previous one's counts {DIAGONAL}x; names alone never link), "
    f"and others within {ALSO:.0%} of the best that no other claim of B restates better, "
    "offline"
)


def compare_audits(original: Audit, rewrite: Audit, threshold: float = THRESHOLD) -> Comparison:
    """The comparison of two audited texts: A the original, B the rewrite."""
    a, b = claims_of(original, "A"), claims_of(rewrite, "B")
    links = align(a, b, threshold)
    if not _related(links, b):
        links = ()
    rows = changes(a, b, links)
    counts = Counter(kind for row in rows for kind in row.kinds)
    unrelated = bool(a) and bool(b) and not any(row.a and row.b for row in rows)
    return Comparison(
        a=_side(original, a),
        b=_side(rewrite, b),
        changes=rows,
        counts={kind: counts[kind] for kind in KINDS},
        unrelated=unrelated,
        method=METHOD,
    )


def _related(links: tuple[Link, ...], b: tuple[Claim, ...]) -> bool:
    """Whether B retells A: some claim of its body restates one of A's. Headlines and
    standfirsts are too short to tell on their own ("Bakery creates 200 jobs" against "Up to
    200 jobs could go"), unless B has nothing else."""
    body = [link for link in links if b[link.b].role == "body"]
    return bool(body) or (bool(links) and all(claim.role != "body" for claim in b))


def _side(audit: Audit, claims: tuple[Claim, ...]) -> Side:
    doc = audit.document
    findings = Counter(finding.rule for finding in audit.findings)
    points: dict[str, float] = {}
    for finding in audit.findings:
        points[finding.rule] = round(points.get(finding.rule, 0.0) + finding.points, 2)
    return Side(doc.source, doc.title, audit.score, audit.label, claims,
                dict(sorted(findings.items())), dict(sorted(points.items())))  # fmt: skip
