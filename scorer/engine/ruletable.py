"""What is wrong with a rule table, outside its `when`: every problem, each said once.

`scorer rules check` reports them all at once (scorer.engine.rulefile); config overrides
check their points with `points_problem` too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from scorer.engine.choices import SEVERITIES
from scorer.engine.fields import SIGNAL_FIELDS
from scorer.engine.ruletypes import field_of
from scorer.engine.scoring_file import Scoring

SCOPES = ("signal", "document")
PLACES = ("document", "headline", "lede")
PER = ("finding", "entity")
_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_FACT_NAME = re.compile(r"[a-z][a-z0-9_]*")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_KEYS = {
    "id": "str",
    "title": "str",
    "category": "str",
    "severity": "str",
    "scope": "str",
    "when": "str",
    "points": "num",
    "cap": "num",
    "message": "str",
    "why": "str",
    "derive": "str",
    "at": "str",
    "example": "str",
    "per": "str",
}
_REQUIRED = ("id", "title", "category", "severity", "scope", "when", "why")


def table_problems(table: Mapping[str, Any], scoring: Scoring) -> list[str]:
    """What is wrong with a rule table outside its `when`, each problem once."""
    problems = []
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        problems.append(f"unknown key(s) {', '.join(unknown)}; a rule takes {', '.join(_KEYS)}")
    problems += [f"missing required key '{key}'" for key in _REQUIRED if key not in table]
    bad = set()
    for key, kind in _KEYS.items():
        value = table.get(key)
        if value is None:
            continue
        if kind == "str" and (not isinstance(value, str) or not value.strip()):
            problems.append(f"'{key}' must be a non-empty string")
            bad.add(key)
        if kind == "num" and (not isinstance(value, (int, float)) or isinstance(value, bool)):
            problems.append(f"'{key}' must be a number")
            bad.add(key)

    def given(key: str) -> bool:
        return key in table and key not in bad

    if given("id") and not _ID.fullmatch(table["id"]):
        problems.append("'id' must be lower-case words joined by hyphens, e.g. 'hedge-density'")
    categories = [c.id for c in scoring.categories]
    if given("category") and table["category"] not in categories:
        problems.append(
            f"unknown category {table['category']!r}; expected one of {', '.join(categories)}"
        )
    if given("severity") and table["severity"] not in SEVERITIES:
        problems.append(
            f"severity must be one of {', '.join(SEVERITIES)}, not {table['severity']!r}"
        )
    scope = table.get("scope")
    if given("scope") and scope not in SCOPES:
        problems.append(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    at = table.get("at", "document")
    if at not in PLACES:
        problems.append(f"'at' must be one of {', '.join(PLACES)}, not {at!r}")
    elif "at" in table and scope in SCOPES and scope != "document":
        problems.append("'at' places a document finding; a signal finding is at its signal")
    per = table.get("per", "finding")
    if per not in PER or (per == "entity" and scope in SCOPES and scope != "signal"):
        problems.append("'per' is 'finding', or 'entity' on a signal rule (points once per source)")
    message, derive = table.get("message"), table.get("derive")
    if message is None and derive is None:
        problems.append(
            "a rule needs a 'message' (to report a finding) or 'derive' (to make a fact)"
        )
    elif not bad & {"points", "cap", "message"}:
        problem = points_problem(table.get("points", 0), table.get("cap"), message)
        if problem:
            problems.append(problem)
    if given("derive") and not _FACT_NAME.fullmatch(derive):
        problems.append("'derive' must be a lower_case_name")
    elif given("derive") and derive in SIGNAL_FIELDS:
        problems.append(f"'derive' name {derive!r} is already a field of the facts")
    if given("message") and scope in SCOPES:
        for placeholder in PLACEHOLDER.findall(message):
            if field_of(placeholder, scope, derived=False) is None:
                problems.append(
                    f"message placeholder {{{placeholder}}} is not a field of the facts"
                )
    return problems


def points_problem(points: float, cap: float | None, message: str | None) -> str | None:
    """What is wrong with a rule's points and cap (also checked on config overrides)."""
    if not abs(points) <= 100 or (cap is not None and not abs(cap) <= 100):  # nan too
        return "'points' and 'cap' must lie between -100 and 100"
    if cap is not None and (points == 0 or (cap > 0) != (points > 0)):
        return "'cap' must have the same sign as 'points'"
    if message is None and points:
        return "a rule with points needs a 'message' saying what was found"
    return None
