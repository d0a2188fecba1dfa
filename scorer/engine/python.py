"""The pure-Python engine: the test oracle for durable-rules, and the fallback without it.

It reads the same normal-form conditions durable-rules is given and fires every rule on
every fact it matches, as asserted facts do there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scorer.engine import expr
from scorer.engine.rulefile import Rule

NAME = "python"


def fire(rules: Sequence[Rule], facts: Sequence[dict[str, Any] | None]) -> list[tuple[str, int]]:
    """(rule id, fact index) for every match; fact 0 is the document fact. A fact given as
    None is one no rule of this layer can match, left out to save work."""
    hits = []
    for rule in rules:
        for index, fact in enumerate(facts):
            if fact is not None and fact["t"] == rule.scope and expr.evaluate(rule.when, fact):
                hits.append((rule.id, index))
    return hits
