"""The `when` language: what parses, what is refused, and how it evaluates."""

from __future__ import annotations

import re

import pytest

from scorer.engine import expr
from scorer.engine.durable import condition


def nf(source: str) -> expr.Node:
    return expr.normal_form(expr.parse(source))


def test_precedence_not_and_or():
    assert expr.parse("a or b and not c") == expr.Or(
        (expr.Truth("a"), expr.And((expr.Truth("b"), expr.Not(expr.Truth("c")))))
    )


def test_comparisons_lists_and_literals():
    assert expr.parse("source.type in ['anonymous', \"vague\"]") == expr.In(
        "source.type", ("anonymous", "vague")
    )
    assert expr.parse("doc.hedges_per_1000 >= 8.5") == expr.Compare(
        "doc.hedges_per_1000", ">=", 8.5
    )
    assert expr.parse("quote == false") == expr.Compare("quote", "==", False)
    assert expr.parse("sentence != -1") == expr.Compare("sentence", "!=", -1)
    assert expr.parse("type not in ['a']") == expr.In("type", ("a",), negated=True)


def test_not_is_pushed_down_to_the_comparisons():
    assert nf("not (a and x.y > 3)") == expr.Or(
        (expr.Compare("a", "==", False), expr.Compare("x.y", "<=", 3))
    )
    assert nf("not t in ['a', 'b']") == expr.In("t", ("a", "b"), negated=True)
    assert nf("not not a") == expr.Compare("a", "==", True)


def test_a_missing_field_makes_every_comparison_false_even_negated_ones():
    fact = {"kind": "hedge"}
    assert expr.evaluate(nf("not source.described"), fact) is False
    assert expr.evaluate(nf("source.type != 'anonymous'"), fact) is False
    assert expr.evaluate(nf("kind == 'hedge' and not source.described"), fact) is False
    assert expr.evaluate(nf("kind == 'hedge' or source.described"), fact) is True


def test_evaluation_on_flat_facts():
    fact = {"kind": "attribution", "source__type": "anonymous", "source__described": False}
    assert expr.evaluate(nf("source.type == 'anonymous' and not source.described"), fact)
    assert not expr.evaluate(nf("source.type in ['vague', 'agentless']"), fact)
    assert expr.evaluate(nf("source.type not in ['vague', 'agentless']"), fact)
    assert expr.evaluate(nf("doc.n > 2"), {"doc__n": 3})
    assert not expr.evaluate(nf("doc.n > 2"), {"doc__n": 2})


def test_compiled_to_durable_rules_json():
    assert condition(nf("kind == 'hedge' and not (doc.n >= 3 or t in ['a', 'b'])")) == {
        "$and": [
            {"kind": "hedge"},
            {
                "$and": [
                    {"$lt": {"doc__n": 3}},
                    {"$and": [{"$neq": {"t": "a"}}, {"$neq": {"t": "b"}}]},
                ]
            },
        ]
    }


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("", "empty"),
        ("kind ==", "ends too early"),
        ("kind = 'hedge'", "unexpected '='"),
        ("'hedge' == kind", "expected a field name at column 1"),
        ("kind == hedge", "expected a number, a 'string', true or false at column 9"),
        ("(kind == 'a'", "ends too early"),
        ("kind == 'a')", "unexpected ')' at column 12"),
        ("__import__('os').system('id')", "unexpected '.' at column 17"),
        ("__import__ == 'os'", "cannot start with '_'"),
        ("kind.__class__.__mro__ == 1", "cannot start with '_'"),
        ("open('x')", "unexpected '('"),
        ("kind == 'a' + 'b'", "unexpected '+'"),
        ("doc.words > 1e9", "unexpected 'e9'"),
        ("doc.words > 99999999999999999999", "number too large"),
        ("lambda: 1", "unexpected ':'"),
        ("kind == 'a\\' or 1'", "unexpected"),
        ("not " * 40 + "a", "deeper than 32"),
        ("(" * 40 + "a" + ")" * 40, "deeper than 32"),
        ("a or " * 700 + "a", "longer than 2000"),
    ],
)
def test_malformed_and_unsafe_expressions_are_refused_with_the_reason(source, problem):
    with pytest.raises(expr.ExprError, match=re.escape(problem)):
        expr.parse(source)


def test_paths_lists_every_field_read():
    assert expr.paths(expr.parse("a and not (b.c > 1 or d in [1])")) == {"a", "b.c", "d"}
