"""How every report writes a finding's points: `-5`, `+4`, `-2.5`; a capped `0` has no sign."""

from __future__ import annotations


def points_text(points: float) -> str:
    return "0" if points == 0 else f"{points:+g}"
