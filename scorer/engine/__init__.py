"""The rules engine boundary: rule sets in, (rule, fact) matches out.

Two engines read the same rule files: durable-rules (the default where it is installed)
and a pure-Python evaluator (the test oracle, and the fallback on Pythons durable-rules
does not build on). Rules that read derived facts run in later layers than the rules that
derive them; each layer is one pass of the chosen engine over the document's facts.

Imports are deferred: `scorer.engine.choices` must stay cheap for the command line.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from scorer.engine.choices import ENGINES, EngineRefused
from scorer.errors import ScorerError

if TYPE_CHECKING:
    from scorer.engine.rulefile import Rule
    from scorer.engine.scoring_file import Scoring
    from scorer.scoring.facts import Facts


@dataclass(frozen=True)
class Layer:
    """Rules that run in one pass, with what they read worked out once."""

    rules: tuple[Rule, ...]
    keys: frozenset[str]  # flat fact keys the rules read
    scopes: frozenset[str]


@dataclass(frozen=True)
class RuleNote:
    """What a report says of a rule: its id, title, category, severity, why, and cost."""

    id: str
    title: str
    category: str
    severity: str
    why: str
    points: float
    cap: float | None
    message: str | None
    derive: str | None


@dataclass(frozen=True)
class RuleBook:
    """The rules an audit ran and the scoring they fed, as plain data: what an Audit carries
    for its reports (the rule set, with its compiled conditions, stays where it ran)."""

    rules: tuple[RuleNote, ...]
    scoring: Scoring

    @cached_property
    def by_id(self) -> dict[str, RuleNote]:
        return {rule.id: rule for rule in self.rules}


@dataclass(frozen=True)
class RuleSet:
    """Checked rules with the scoring they feed, in the layers they run in."""

    rules: tuple[Rule, ...]
    scoring: Scoring

    @classmethod
    def of(cls, rules: Sequence[Rule], scoring: Scoring) -> RuleSet:
        return cls(tuple(rules), scoring)

    @cached_property
    def layers(self) -> tuple[Layer, ...]:
        from scorer.engine.expr import flat
        from scorer.engine.rulefile import strata

        return tuple(
            Layer(
                layer,
                frozenset(flat(path) for rule in layer for path in rule.reads),
                frozenset(rule.scope for rule in layer),
            )
            for layer in strata(self.rules)
        )

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}

    @cached_property
    def book(self) -> RuleBook:
        notes = tuple(
            RuleNote(
                r.id, r.title, r.category, r.severity, r.why, r.points, r.cap, r.message, r.derive
            )
            for r in self.rules
        )
        return RuleBook(notes, self.scoring)

    @cached_property
    def order(self) -> dict[str, int]:
        return {rule.id: n for n, rule in enumerate(self.rules)}

    def get(self, rule_id: str) -> Rule | None:
        return self.by_id.get(rule_id)


@dataclass(frozen=True)
class Hit:
    """A rule that matched a fact: `fact` 0 is the document, `fact` k the (k-1)th signal."""

    rule: Rule
    fact: int


@cache
def default_engine() -> str:
    from scorer.engine import durable

    return durable.NAME if durable.available() else "python"


def engine_description(name: str | None = None) -> str:
    from scorer.engine import durable

    name = name or default_engine()
    return f"durable-rules {durable.version()}" if name == durable.NAME else "python evaluator"


def evaluate(ruleset: RuleSet, built: Facts, engine: str | None = None) -> list[Hit]:
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
    by_id = ruleset.by_id
    derived: dict[str, bool] = {rule.derive: False for rule in ruleset.rules if rule.derive}
    hits: set[tuple[str, int]] = set()
    for layer in ruleset.layers:
        # Each engine sees only the facts a rule of the layer can match, cut to the fields
        # the layer reads: durable-rules pays for every key it is sent, in JSON.
        keys = layer.keys
        facts: Iterable[dict[str, Any] | None] = itertools.chain(
            [
                _project("document", keys, built.document, {}, derived)
                if "document" in layer.scopes
                else None
            ],
            (
                _project("signal", keys, fact, built.document, derived)
                if "signal" in layer.scopes
                else None
                for fact in built.signals
            ),
        )
        fired = set(_fire_distinct(backend, layer.rules, facts))
        for rule_id, _ in fired:
            made = by_id[rule_id].derive
            if made:
                derived[made] = True
        hits |= fired
    order = ruleset.order
    return [Hit(by_id[r], f) for r, f in sorted(hits, key=lambda h: (order[h[0]], h[1]))]


def _fire_distinct(
    backend: Any, rules: Any, facts: Iterable[dict[str, Any] | None]
) -> list[tuple[str, int]]:
    """The backend's hits, each distinct fact evaluated once.

    A rule reads one fact, so facts equal in the fields the layer reads get the same hits.
    Cut to those fields, a long story's signals repeat (a third of them on FNC-1 bodies),
    and each fact costs durable-rules a JSON round trip and a callback. `facts` is read
    once, as it is made: only the distinct ones are kept.
    """
    first: dict[str, int] = {}
    distinct: list[dict[str, Any] | None] = []
    members: list[list[int]] = []
    for index, fact in enumerate(facts):
        if fact is None:
            continue
        key = json.dumps(fact, sort_keys=True, default=str)
        slot = first.setdefault(key, len(distinct))
        if slot == len(distinct):
            distinct.append(fact)
            members.append([])
        members[slot].append(index)
    return [
        (rule_id, index)
        for rule_id, slot in _fire(backend, rules, distinct)
        for index in members[slot]
    ]


def _fire(backend: Any, rules: Any, facts: list[dict[str, Any] | None]) -> list[tuple[str, int]]:
    """The backend's hits; a layer durable-rules refuses is evaluated by the Python engine.

    The two engines give the same hits on the same rules and facts (the differential
    tests), so the fallback changes no finding; it only costs time, on huge documents.
    """
    try:
        return backend.fire(rules, facts)
    except EngineRefused:
        from scorer.engine import python

        return python.fire(rules, facts)


def _project(
    scope: str,
    keys: frozenset[str],
    fact: Mapping[str, Any],
    document: Mapping[str, Any],
    derived: dict[str, bool],
) -> dict[str, Any]:
    """The fields `keys` names, tagged with the scope: the fact's own, then the document's
    (every signal fact reads them), then the derived facts."""
    out: dict[str, Any] = {"t": scope}
    for key in keys:
        if key in fact:
            out[key] = fact[key]
        elif key in document:
            out[key] = document[key]
        elif key in derived:
            out[key] = derived[key]
    return out
