"""The rules engine boundary: rule sets in, (rule, fact) matches out.

Two engines read the same rule files: durable-rules (the default where it is installed)
and a pure-Python evaluator (the test oracle, and the fallback on Pythons durable-rules
does not build on). Rules that read derived facts run in later layers than the rules that
derive them; each layer is one pass of the chosen engine over the document's facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.engine import facts as facts_module
from scorer.engine.expr import flat
from scorer.engine.rulefile import Rule, Scoring, load_rule_files, load_scoring, strata
from scorer.errors import ScorerError

ENGINES = ("durable-rules", "python")


@dataclass(frozen=True)
class RuleSet:
    """Checked rules with the scoring they feed, in the layers they run in."""

    rules: tuple[Rule, ...]
    scoring: Scoring
    layers: tuple[tuple[Rule, ...], ...]

    @classmethod
    def of(cls, rules: Sequence[Rule], scoring: Scoring) -> RuleSet:
        return cls(tuple(rules), scoring, strata(rules))

    def get(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


@dataclass(frozen=True)
class Hit:
    """A rule that matched a fact: `fact` 0 is the document, `fact` k the (k-1)th signal."""

    rule: Rule
    fact: int


def default_engine() -> str:
    from scorer.engine import durable

    return durable.NAME if durable.available() else "python"


def engine_description(name: str | None = None) -> str:
    from scorer.engine import durable

    name = name or default_engine()
    return f"durable-rules {durable.version()}" if name == durable.NAME else "python evaluator"


def load_shipped(extra: Sequence[Path] = ()) -> RuleSet:
    from scorer.engine.rulefile import shipped_rule_files

    scoring = load_scoring()
    return RuleSet.of(load_rule_files([*shipped_rule_files(), *extra], scoring), scoring)


def run(ruleset: RuleSet, built: facts_module.Facts, engine: str | None = None) -> list[Hit]:
    """Every hit of every rule, layer by layer, in rule order then fact order."""
    name = engine or default_engine()
    if name == "python":
        from scorer.engine import python as backend
    elif name == "durable-rules":
        from scorer.engine import durable as backend

        if not backend.available():
            raise ScorerError("the durable-rules engine is not installed; use --engine python")
    else:
        raise ScorerError(f"unknown engine {name!r}; expected one of {', '.join(ENGINES)}")
    derived: dict[str, bool] = {rule.derive: False for rule in ruleset.rules if rule.derive}
    order = {rule.id: n for n, rule in enumerate(ruleset.rules)}
    by_id = {rule.id: rule for rule in ruleset.rules}
    hits: set[tuple[str, int]] = set()
    for layer in ruleset.layers:
        # Each engine sees only the facts a rule of the layer can match, cut to the fields
        # the layer reads: durable-rules pays for every key it is sent, in JSON.
        keys = {flat(path) for rule in layer for path in rule.reads}
        scopes = {rule.scope for rule in layer}
        facts: list[dict[str, Any] | None] = [
            _project({**built.document, **derived}, "document", keys)
            if "document" in scopes
            else None
        ]
        facts.extend(
            _project({**fact, **derived}, "signal", keys) if "signal" in scopes else None
            for fact in built.signals
        )
        fired = set(backend.fire(layer, facts))
        for rule_id, _ in fired:
            if by_id[rule_id].derive:
                derived[by_id[rule_id].derive] = True  # type: ignore[index]
        hits |= fired
    return [Hit(by_id[r], f) for r, f in sorted(hits, key=lambda h: (order[h[0]], h[1]))]


def _project(fact: dict[str, Any], scope: str, keys: set[str]) -> dict[str, Any]:
    return {"t": scope, **{key: fact[key] for key in keys if key in fact}}
