"""What a rule's `when` and message may read, and whether `when` compares each as its type.

Apart from rulefile.py so that one stays short: this is the fact schema's side of checking a
rule, and needs nothing of a rule but its expression and scope.
"""

from __future__ import annotations

from typing import Any

from scorer.engine import expr
from scorer.engine.fields import DOC_METRICS, SIGNAL_FIELDS, Field

DERIVED = Field("bool", "a fact derived by a rule")


def field_of(path: str, scope: str, derived: bool = True) -> Field | None:
    """The schema entry for a path; an undotted name that is no field is a derived fact."""
    if path.startswith("doc."):
        return DOC_METRICS.get(path[4:])
    if scope == "signal" and path in SIGNAL_FIELDS:
        return SIGNAL_FIELDS[path]
    return DERIVED if derived and "." not in path else None


def is_derived(path: str, scope: str) -> bool:
    return field_of(path, scope) is DERIVED


def check_types(node: expr.Node, scope: str, fail: Any) -> None:
    """Every path exists for the scope (or is a derived fact) and is compared as its type."""
    match node:
        case expr.Not(item):
            check_types(item, scope, fail)
        case expr.And(items) | expr.Or(items):
            for item in items:
                check_types(item, scope, fail)
        case expr.Truth(path):
            spec = _need(path, scope, fail)
            if spec.type != "bool":
                raise fail(f"'{path}' is a {_TYPE_NAMES[spec.type]}: compare it with a value")
        case expr.Compare(path, op, value):
            spec = _need(path, scope, fail)
            if spec is DERIVED and not isinstance(value, bool):
                raise fail(_unknown(path, scope))
            _check_value(path, spec, value, fail)
            if spec.type != "num" and op not in ("==", "!="):
                raise fail(
                    f"'{path}' is a {_TYPE_NAMES[spec.type]}: use == or != with it, not {op}"
                )
        case expr.In(path, values, _):
            spec = _need(path, scope, fail)
            if spec is DERIVED:
                raise fail(_unknown(path, scope))
            for value in values:
                _check_value(path, spec, value, fail)


_TYPE_NAMES = {"str": "string", "num": "number", "bool": "true/false field"}


def _need(path: str, scope: str, fail: Any) -> Field:
    spec = field_of(path, scope)
    if spec is None:
        raise fail(_unknown(path, scope))
    return spec


def _unknown(path: str, scope: str) -> str:
    if scope == "document" and not path.startswith("doc."):
        return (
            f"unknown field '{path}': a document rule reads doc.<metric> and derived facts "
            "(see `scorer rules fields`)"
        )
    return f"unknown field '{path}' (see `scorer rules fields` for the fields rules can read)"


def _check_value(path: str, spec: Field, value: expr.Literal, fail: Any) -> None:
    kind = "bool" if isinstance(value, bool) else "str" if isinstance(value, str) else "num"
    if kind != spec.type:
        raise fail(f"'{path}' is a {_TYPE_NAMES[spec.type]} and cannot be compared with {value!r}")
    if spec.values and value not in spec.values:
        raise fail(
            f"{value!r} is not a value of '{path}'; expected one of {', '.join(spec.values)}"
        )
