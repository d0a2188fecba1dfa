"""What `scorer compare` answers: each change with its claims, both scores, and the counts
that explain the difference. Renderers only format these; `to_dict()` is the JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from scorer.drift.claims import Claim


@dataclass(frozen=True)
class Change:
    """A claim of B and the claims of A it restates (none: added; no B: dropped)."""

    kinds: tuple[str, ...]
    b: Claim | None = None
    a: tuple[Claim, ...] = ()
    similarity: float = 0.0  # to the first claim of A, the most like B's
    each: tuple[tuple[str, ...], ...] = ()  # the kinds from each claim of A in turn

    def kinds_from(self, claim: Claim) -> tuple[str, ...]:
        """The change from one of this row's claims of A to its claim of B."""
        for other, kinds in zip(self.a, self.each, strict=False):
            if other is claim:
                return kinds
        return self.kinds

    def to_dict(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "b": self.b.id if self.b else None,
            "a": [claim.id for claim in self.a],
            "similarity": self.similarity,
            "each": [list(kinds) for kinds in self.each],
        }


@dataclass(frozen=True)
class Side:
    """One of the two texts: where it came from, its score and its claims."""

    source: str
    title: str | None
    score: float
    label: str
    claims: tuple[Claim, ...]
    findings: Mapping[str, int] = field(default_factory=dict)  # rule id -> how many
    points: Mapping[str, float] = field(default_factory=dict)  # rule id -> their points

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "score": self.score,
            "label": self.label,
            "findings": dict(self.findings),
            "points": dict(self.points),
            "claims": [claim.to_dict() for claim in self.claims],
        }


@dataclass(frozen=True)
class Comparison:
    """The original (A), the rewrite (B) and what happened to the sourcing of each claim."""

    a: Side
    b: Side
    changes: tuple[Change, ...]
    counts: Mapping[str, int]  # kind -> changes of that kind (a change may have two)
    unrelated: bool  # no claim of B restates one of A
    method: str

    @property
    def score_change(self) -> float:
        return round(self.b.score - self.a.score, 1)

    @property
    def findings_change(self) -> dict[str, tuple[int, int]]:
        """Rules whose count of findings differs: rule id -> (in A, in B)."""
        rules = sorted(set(self.a.findings) | set(self.b.findings))
        pairs = {
            rule: (self.a.findings.get(rule, 0), self.b.findings.get(rule, 0)) for rule in rules
        }
        return {rule: pair for rule, pair in pairs.items() if pair[0] != pair[1]}

    @property
    def points_change(self) -> dict[str, tuple[float, float]]:
        """Rules whose findings or points differ: rule id -> (points in A, points in B). The
        score is the same base plus every finding's points, so these differences add up to
        the difference in score (unless a score is held at 0 or 100)."""
        return {
            rule: (self.a.points.get(rule, 0.0), self.b.points.get(rule, 0.0))
            for rule in sorted(set(self.a.points) | set(self.b.points))
            if rule in self.findings_change
            or self.a.points.get(rule, 0.0) != self.b.points.get(rule, 0.0)
        }

    def explained(self) -> str:
        """The rules whose findings changed, with what each did to the score: "unattributed-
        claim 0->5 (-7.5)"."""
        told = []
        for rule, (pa, pb) in self.points_change.items():
            x, y = self.findings_change.get(rule, (self.a.findings.get(rule, 0),) * 2)
            told.append(f"{rule} {x}->{y}" + (f" ({pb - pa:+g})" if pb != pa else ""))
        return ", ".join(told)

    def has(self, kind: str) -> bool:
        """Whether the rewrite made a change of this kind (`unrelated`: nothing aligned). An
        unrelated B is no rewrite of A: its claims dropped and added are no changes made."""
        if self.unrelated or kind == "unrelated":
            return self.unrelated and kind == "unrelated"
        return self.counts.get(kind, 0) > 0

    def summary(self) -> str:
        """One line: the scores and the changes, as every format opens."""
        if self.unrelated:
            return (
                f"unrelated: no claim of B restates a claim of A; scores {self.a.score:g} and "
                f"{self.b.score:g}"
            )
        told = ", ".join(f"{n} {kind}" for kind, n in self.counts.items() if n)
        sign = "+" if self.score_change > 0 else ""
        return f"score {self.a.score:g} -> {self.b.score:g} ({sign}{self.score_change:g}); {told}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "score_change": self.score_change,
            "unrelated": self.unrelated,
            "counts": dict(self.counts),
            "findings_change": {rule: list(pair) for rule, pair in self.findings_change.items()},
            "points_change": {rule: list(pair) for rule, pair in self.points_change.items()},
            "changes": [change.to_dict() for change in self.changes],
            "method": self.method,
            "summary": self.summary(),
        }
