"""The durable-rules engine, used the one way that was found safe (docs/dependencies.md).

One `Host` per process, created on first use, never per document (each host leaks two
timer threads). One ruleset per layer of rules, registered once. One fixed session id per
process. For each document: reset the state, assert the facts one by one, read the state,
retract every fact. A catch-all rule makes every fact handled, so every fact is stored
and can be retracted. Actions only append to a Python list; an exception inside an action,
which durable-rules swallows into the state, is raised here.

Conditions are the rules' normal-form `when` compiled to durable's JSON operators; no
regex (`$mt`) and no aggregates are ever sent to the engine. Nothing else imports durable.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from typing import Any

from scorer.engine import expr
from scorer.engine.choices import EngineRefused
from scorer.engine.rulefile import Rule

NAME = "durable-rules"

_OPS = {"!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


def available() -> bool:
    try:
        import durable.engine  # noqa: F401
    except ImportError:
        return False
    return True


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("durable-rules")
    except PackageNotFoundError:
        return "unknown"


def condition(node: expr.Node) -> dict[str, Any]:
    """A normal-form expression as durable-rules JSON."""
    match node:
        case expr.And(items):
            return {"$and": [condition(item) for item in items]}
        case expr.Or(items):
            return {"$or": [condition(item) for item in items]}
        case expr.Compare(path, "==", value):
            return {expr.flat(path): value}
        case expr.Compare(path, op, value):
            return {_OPS[op]: {expr.flat(path): value}}
        case expr.In(path, values, False):
            return {"$or": [{expr.flat(path): value} for value in values]}
        case expr.In(path, values, True):
            return {"$and": [{"$neq": {expr.flat(path): value}} for value in values]}
    raise TypeError(f"not in normal form: {node}")


class _Engine:
    """The process's host, its registered rulesets and its session."""

    def __init__(self) -> None:
        from durable import engine

        self.engine = engine
        self.host = engine.Host()
        self.sid = f"scorer-{os.getpid()}"
        self.registered: set[str] = set()
        self.names: dict[int, tuple[Sequence[Rule], str]] = {}
        self.fired: list[tuple[str, int]] = []

    def ruleset(self, rules: Sequence[Rule]) -> str:
        """The registered ruleset for these rules (a layer is registered once per process)."""
        known = self.names.get(id(rules))
        if known is not None and known[0] is rules:
            return known[1]
        name = self._register(rules)
        self.names[id(rules)] = (rules, name)
        return name

    def _register(self, rules: Sequence[Rule]) -> str:
        definition = {
            rule.id: {
                "all": [
                    {"m": {"$and": [{"t": rule.scope}, condition(rule.when)]}},
                ]
            }
            for rule in rules
        }
        digest = hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()
        name = f"scorer_{digest[:16]}"
        if name not in self.registered:
            for rule_id, body in definition.items():
                body["run"] = self._action(rule_id)
            definition["_seen"] = {"all": [{"m": {"$ex": {"t": 1}}}], "run": _noop}
            self.host.set_rulesets({name: definition})
            self.registered.add(name)
        return name

    def _action(self, rule_id: str) -> Any:
        def action(c: Any) -> None:
            self.fired.append((rule_id, int(c.m["i"])))

        return action

    def fire(
        self, rules: Sequence[Rule], facts: Sequence[dict[str, Any] | None]
    ) -> list[tuple[str, int]]:
        name = self.ruleset(rules)
        host, sid = self.host, self.sid
        self.fired = []
        host.update_state(name, {"sid": sid})
        asserted = []
        try:
            for index, fact in enumerate(facts):
                if fact is None:
                    continue
                message = {**fact, "i": index, "sid": sid}
                try:
                    host.assert_fact(name, message)
                except self.engine.MessageNotHandledException:
                    continue
                except self.engine.MessageObservedException as error:
                    # durable-rules knows a message by a hash of its content: among tens of
                    # thousands of facts two distinct ones can collide, and the second is
                    # refused as already seen. Seen on a 1.2 MB article, 1 run in 2.
                    raise EngineRefused(f"fact {index} taken for one already asserted") from error
                asserted.append(message)
            state = host.get_state(name, sid)
        finally:
            for message in asserted:
                host.retract_fact(name, message)
        if "exception" in state:
            raise RuntimeError(f"a rule action failed inside durable-rules: {state['exception']}")
        return self.fired


def _noop(c: Any) -> None:
    return None


_ENGINE: _Engine | None = None
# The process has one session: two threads asserting at once would each read the other's
# hits (the Dask tests saw 33 rows of 200 wrong with four threads). One document at a time.
_SESSION = threading.Lock()


def fire(rules: Sequence[Rule], facts: Sequence[dict[str, Any] | None]) -> list[tuple[str, int]]:
    """(rule id, fact index) for every match, as the Python engine returns them."""
    global _ENGINE
    with _SESSION:
        if _ENGINE is None or _ENGINE.sid != f"scorer-{os.getpid()}":
            _ENGINE = _Engine()
        return list(_ENGINE.fire(rules, facts))
