"""The `when` language of rule files: parsed once, checked against the fact schema, never eval'd.

    kind == 'attribution' and source.type in ['anonymous', 'vague'] and not source.described
    doc.hedges_per_1000 >= 8 or (anonymous_heavy and doc.named_sources < 2)

Grammar: `or`, `and`, `not`, parentheses; a comparison is a field path, one of
`== != < <= > >=`, and a literal (number, 'string', true, false); `path [not] in [...]`
tests a list of literals; a bare path is a boolean field or a derived fact. Nothing else
parses: no calls, no attributes beyond the schema's field paths, no arithmetic.

Every expression is put in negation normal form (`not` pushed down to the comparisons)
before either engine sees it, and a comparison with a field the fact lacks is false. So
`not source.described` on a hedge is false, in durable-rules and in the Python evaluator
alike. The engines agree because every comparison is checked against the fact schema
when a rule loads and facts carry the schema's types (a test checks the seeds' facts):
they differ only on mismatched types (durable-rules takes `true == 1`), which never reach
them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAX_LENGTH = 2000
MAX_DEPTH = 32
MAX_DIGITS = 12

Literal = str | int | float | bool


class ExprError(ValueError):
    """A malformed or unsafe expression; the message says what and where (column)."""


@dataclass(frozen=True)
class Compare:
    path: str
    op: str
    value: Literal


@dataclass(frozen=True)
class In:
    path: str
    values: tuple[Literal, ...]
    negated: bool = False


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class Truth:
    """A bare path: a boolean field or a derived fact."""

    path: str


Node = Compare | In | And | Or | Not | Truth

_TOKEN = re.compile(
    r"""\s*(?:
    (?P<number>-?\d+(?:\.\d+)?)
  | (?P<string>'[^'\\\n]*'|"[^"\\\n]*")
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<punct>[()\[\],])
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    )""",
    re.VERBOSE,
)
_KEYWORDS = frozenset(["and", "or", "not", "in", "true", "false"])
_FLIP = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    column: int


def _tokens(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    at = 0
    while at < len(source):
        if source[at:].strip() == "":
            break
        match = _TOKEN.match(source, at)
        if not match or match.end() == at:
            column = at + len(source[at:]) - len(source[at:].lstrip()) + 1
            raise ExprError(f"unexpected {source[column - 1]!r} at column {column}")
        kind = match.lastgroup or ""
        text = match.group(kind)
        tokens.append(_Token(kind, text, match.start(kind) + 1))
        at = match.end()
    return tokens


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokens(source)
        self.at = 0
        self.depth = 0

    def parse(self) -> Node:
        if not self.tokens:
            raise ExprError("the expression is empty")
        node = self.or_()
        if self.at < len(self.tokens):
            token = self.tokens[self.at]
            raise ExprError(f"unexpected {token.text!r} at column {token.column}")
        return node

    def peek(self, *texts: str) -> bool:
        return self.at < len(self.tokens) and self.tokens[self.at].text in texts

    def take(self) -> _Token:
        if self.at >= len(self.tokens):
            raise ExprError("the expression ends too early")
        token = self.tokens[self.at]
        self.at += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text != text:
            raise ExprError(f"expected {text!r} at column {token.column}, found {token.text!r}")

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"the expression nests deeper than {MAX_DEPTH} levels")

    def or_(self) -> Node:
        items = [self.and_()]
        while self.peek("or"):
            self.take()
            items.append(self.and_())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self) -> Node:
        items = [self.not_()]
        while self.peek("and"):
            self.take()
            items.append(self.not_())
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_(self) -> Node:
        if self.peek("not"):
            self.take()
            self.nest()
            node = Not(self.not_())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        if self.peek("("):
            self.take()
            self.nest()
            node = self.or_()
            self.depth -= 1
            self.expect(")")
            return node
        token = self.take()
        if token.kind != "name" or token.text in _KEYWORDS:
            raise ExprError(
                f"expected a field name at column {token.column}, found {token.text!r} "
                "(write the field on the left: source.type == 'anonymous')"
            )
        path = token.text
        if any(part.startswith("_") for part in path.split(".")):
            raise ExprError(f"field names cannot start with '_': {path!r}")
        if self.peek("==", "!=", "<", "<=", ">", ">="):
            op = self.take().text
            return Compare(path, op, self.literal())
        if self.peek("in"):
            self.take()
            return In(path, self.literals())
        if (
            self.peek("not")
            and self.at + 1 < len(self.tokens)
            and self.tokens[self.at + 1].text == "in"
        ):
            self.at += 2
            return In(path, self.literals(), negated=True)
        return Truth(path)

    def literals(self) -> tuple[Literal, ...]:
        self.expect("[")
        values = [self.literal()]
        while self.peek(","):
            self.take()
            values.append(self.literal())
        self.expect("]")
        return tuple(values)

    def literal(self) -> Literal:
        token = self.take()
        if token.kind == "number":
            digits = token.text.lstrip("-").split(".")[0]
            if len(digits) > MAX_DIGITS:
                raise ExprError(f"number too large at column {token.column}: {token.text}")
            return float(token.text) if "." in token.text else int(token.text)
        if token.kind == "string":
            return token.text[1:-1]
        if token.text in ("true", "false"):
            return token.text == "true"
        raise ExprError(
            f"expected a number, a 'string', true or false at column {token.column}, "
            f"found {token.text!r}"
        )


def parse(source: str) -> Node:
    """Parse a `when` expression; `ExprError` says what is wrong and at which column."""
    if not isinstance(source, str):
        raise ExprError("the expression must be a string")
    if len(source) > MAX_LENGTH:
        raise ExprError(f"the expression is longer than {MAX_LENGTH} characters")
    return _Parser(source).parse()


def normal_form(node: Node, negate: bool = False) -> Node:
    """`node` with every `not` pushed down to a comparison (De Morgan), and bare paths made
    comparisons with true or false."""
    match node:
        case Not(item):
            return normal_form(item, not negate)
        case And(items) | Or(items):
            parts = tuple(normal_form(item, negate) for item in items)
            return (Or if isinstance(node, And) == negate else And)(parts)
        case Truth(path):
            return Compare(path, "==", not negate)
        case Compare(path, op, value):
            return Compare(path, _FLIP[op], value) if negate else node
        case In(path, values, negated):
            return In(path, values, negated != negate)
    raise TypeError(node)


def paths(node: Node) -> set[str]:
    """Every field path (and derived fact name) the expression reads."""
    match node:
        case Not(item):
            return paths(item)
        case And(items) | Or(items):
            return set().union(*(paths(item) for item in items))
        case Truth(path) | Compare(path, _, _) | In(path, _, _):
            return {path}
    raise TypeError(node)


def evaluate(node: Node, fact: Mapping[str, Any]) -> bool:
    """Evaluate a normal-form expression on a flat fact (`source.type` -> `source__type`).

    A comparison with a missing field is false, as in durable-rules.
    """
    match node:
        case And(items):
            return all(evaluate(item, fact) for item in items)
        case Or(items):
            return any(evaluate(item, fact) for item in items)
        case Compare(path, op, value):
            key = flat(path)
            if key not in fact:
                return False
            return _compare(fact[key], op, value)
        case In(path, values, negated):
            key = flat(path)
            if key not in fact:
                return False
            found = any(_compare(fact[key], "==", v) for v in values)
            return not found if negated else found
    raise TypeError(f"not in normal form: {node}")


def _compare(left: Any, op: str, right: Literal) -> bool:
    # Booleans are not numbers here: true == 1 is false, as in the JSON the engine sees.
    if isinstance(left, bool) != isinstance(right, bool):
        return False
    if isinstance(left, str) != isinstance(right, str):
        return False
    if op == "==":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    if isinstance(left, (bool, str)):
        return False
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)


def flat(path: str) -> str:
    """The key of a field path in a flat fact: `source.type` -> `source__type`."""
    return path.replace(".", "__")
