"""An audit's score and findings as plain text: one line for the score, one per finding.

What `scorer audit` prints after the document's structure until the full report exists.
Plain on purpose: it reads the same in a terminal, a pipe and a CI log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorer.pipeline import Audit


def render(audit: Audit) -> str:
    lines = [
        f"score:       {audit.score:.1f} / 100  {audit.label}  (engine: {audit.engine})",
        f"findings:    {len(audit.findings)}",
    ]
    places = [f"{f.line}:{f.column}" for f in audit.findings]
    place_width = max(map(len, places), default=0)
    rule_width = max((len(f.rule) for f in audit.findings), default=0)
    points = [points_text(f.points) for f in audit.findings]
    points_width = max(map(len, points), default=0)
    for finding, place, point in zip(audit.findings, places, points, strict=True):
        lines.append(
            f"  {place:>{place_width}}  {finding.severity:<7}  {finding.rule:<{rule_width}}"
            f"  {point:>{points_width}}  {finding.message}"
        )
    return "\n".join(lines) + "\n"


def points_text(points: float) -> str:
    """Signed points, `-5`, `+4`, `-2.5`; a capped finding's `0` has no sign."""
    return "0" if points == 0 else f"{points:+g}"
