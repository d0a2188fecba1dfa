"""Rule files: `[[rule]]` tables in TOML, checked whole when they are loaded.

    [[rule]]
    id = "anonymous-source-undescribed"
    title = "Anonymous source with no description"
    category = "anonymity"
    severity = "warning"                   # info | warning | error
    scope = "signal"                       # per signal, or "document"
    when = "kind == 'attribution' and source.type == 'anonymous' and not source.described"
    points = -5                            # per finding
    cap = -15                              # the most the rule can move one document
    per = "entity"                         # optional: points once per source, not per finding
    message = "'{source.text}' is anonymous, with no role, side or agency"
    why = "AP: simply quoting 'a source' is not allowed. (AP Stylebook, 2004)"
    derive = "anonymous_undescribed"       # optional: a fact other rules can read
    example = "A source said the talks had failed."

Every mistake is refused at load time with the file, the rule's line and id, and what is
wrong: unknown keys, wrong types, unknown categories, fields the facts do not have,
comparisons of the wrong type, derived facts nobody derives, and cycles between rules.
`collect_rule_files` finds them all (each rule's first, then the set's); `load_rule_files`,
for an audit, raises the first of the same list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from scorer.engine import expr
from scorer.engine.ruletable import (
    SCOPES,
    table_problems,
)
from scorer.engine.ruletypes import check_types, is_derived
from scorer.engine.scoring_file import Scoring
from scorer.errors import ScorerError
from scorer.resources import read_toml, rules_dir


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    category: str
    severity: str
    scope: str
    when_source: str
    when: expr.Node
    why: str
    points: float = 0
    cap: float | None = None
    message: str | None = None
    derive: str | None = None
    at: str = "document"
    example: str | None = None
    per: str = "finding"  # "entity": points once per source entity, however often cited
    path: str = ""
    line: int | None = None

    @cached_property
    def reads(self) -> frozenset[str]:
        """Every field path and derived fact `when` reads (normal form keeps them all)."""
        return frozenset(expr.paths(self.when))

    @property
    def makes_findings(self) -> bool:
        return self.message is not None

    def where(self, path: str | None = None) -> str:
        """`file:line`, with the file as given or as `path` shows it."""
        shown = self.path if path is None else path
        return shown if self.line is None else f"{shown}:{self.line}"


def load_rule_files(paths: Iterable[Path], scoring: Scoring) -> tuple[Rule, ...]:
    """Parse and check rule files together: ids are unique and derived facts resolve across them."""
    rules, errors = collect_rule_files(paths, scoring)
    if errors:
        raise errors[0]
    return rules


def collect_rule_files(
    paths: Iterable[Path], scoring: Scoring
) -> tuple[tuple[Rule, ...], list[ScorerError]]:
    """The rules that parse and every error: one fix-and-rerun per mistake was one too many.

    Each rule's problems, file by file (a file that cannot be read at all is one error),
    then the set's problems among the rules that parsed.
    """
    rules: list[Rule] = []
    errors: list[ScorerError] = []
    pending: set[str] = set()
    for path in paths:
        parsed = _read_rule_file(path, scoring)
        rules.extend(parsed.rules)
        errors.extend(parsed.errors)
        pending |= parsed.unparsed_facts
    errors.extend(rule_set_problems(rules, pending))
    return tuple(rules), errors


def shipped_rule_files() -> list[Path]:
    return sorted((rules_dir() / "packs").glob("*.toml"))


def parse_rule_file(path: Path, scoring: Scoring) -> list[Rule]:
    """One file's rules, or its first error (the set-level checks are load_rule_files')."""
    parsed = _read_rule_file(path, scoring)
    if parsed.errors:
        raise parsed.errors[0]
    return parsed.rules


@dataclass(frozen=True)
class _Parsed:
    rules: list[Rule]
    errors: list[ScorerError]
    # Facts the rules that failed would derive: a rule reading one is not blamed for it.
    unparsed_facts: frozenset[str] = frozenset()


def _read_rule_file(path: Path, scoring: Scoring) -> _Parsed:
    """Each rule table parsed on its own: one broken rule hides none of the others' problems."""
    try:
        text, tables = _rule_tables(path)
    except ScorerError as error:  # the file as a whole is wrong: one error says so
        return _Parsed([], [error])
    # `[ \t]*`, TOML's white space: `\s*` also ran over line breaks, so a run of n blank
    # lines was scanned from each of its n line starts (quadratic), and a header or id line
    # after blank lines was reported at the first of them.
    headers = [m.start() for m in re.finditer(r"^[ \t]*\[\[rule\]\]", text, re.MULTILINE)]
    rules: list[Rule] = []
    errors: list[ScorerError] = []
    unparsed: set[str] = set()
    for n, table in enumerate(tables):
        line = _rule_line(text, headers, table.get("id"), n)
        parsed = _parse_rule(table, scoring, str(path), line, n)
        if isinstance(parsed, Rule):
            rules.append(parsed)
            continue
        errors.extend(parsed)
        if isinstance(table.get("derive"), str):
            unparsed.add(table["derive"])
    return _Parsed(rules, errors, frozenset(unparsed))


def _rule_tables(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """The file's text and its `[[rule]]` tables, or the error that stops reading any."""
    data = read_toml(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    where = str(path)
    unknown = set(data) - {"rule"}
    if unknown:
        raise ScorerError(
            f"unknown top-level key(s) {', '.join(sorted(unknown))}: "
            "a rule file holds [[rule]] tables",
            path=where,
        )
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ScorerError("'rule' must be an array of tables: write [[rule]]", path=where)
    if not tables:
        raise ScorerError("no rules: write one or more [[rule]] tables", path=where)
    return text, tables


def _rule_line(text: str, headers: list[int], rule_id: object, index: int) -> int | None:
    """The line of the index-th `[[rule]]`'s id (or of its header): what an editor jumps to."""
    if index >= len(headers):
        return None
    start = headers[index]
    end = headers[index + 1] if index + 1 < len(headers) else len(text)
    if isinstance(rule_id, str):
        pattern = re.compile(rf"^[ \t]*id[ \t]*=[ \t]*[\"']{re.escape(rule_id)}[\"']", re.MULTILINE)
        match = pattern.search(text, start, end)
        if match:
            start = match.start()
    return text.count("\n", 0, start) + 1


def _parse_rule(
    table: Mapping[str, Any], scoring: Scoring, path: str, line: int | None, index: int
) -> Rule | list[ScorerError]:
    """The rule, or every problem it has (one fix per run is one run too many)."""
    rule_id = table.get("id")
    name = rule_id if isinstance(rule_id, str) else f"rule #{index + 1}"

    def fail(message: str) -> ScorerError:
        return ScorerError(message, path=path, line=line, rule=name)

    problems = [fail(problem) for problem in table_problems(table, scoring)]
    node = None
    when = table.get("when")
    if isinstance(when, str) and when.strip():
        try:
            node = expr.parse(when)
        except expr.ExprError as error:
            problems.append(fail(f"invalid 'when': {error}"))
        if node is not None and table.get("scope") in SCOPES:
            try:
                check_types(node, table["scope"], fail)
            except ScorerError as error:
                problems.append(error)
    if problems or node is None:
        return problems
    message = table.get("message")
    at, per = table.get("at", "document"), table.get("per", "finding")
    return Rule(
        id=table["id"],
        title=table["title"],
        category=table["category"],
        severity=table["severity"],
        scope=table["scope"],
        when_source=table["when"],
        when=expr.normal_form(node),
        why=table["why"],
        points=table.get("points", 0),
        cap=table.get("cap"),
        message=message,
        derive=table.get("derive"),
        at=at,
        example=table.get("example"),
        per=per,
        path=path,
        line=line,
    )


def rule_set_problems(rules: list[Rule], unparsed_facts: Iterable[str] = ()) -> list[ScorerError]:
    """Each duplicate id, each rule reading a fact nobody derives, and a cycle, if any.

    `unparsed_facts` are derived by rules that failed to parse: reading one is no mistake.
    """
    problems: list[ScorerError] = []
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            problems.append(
                ScorerError(
                    f"rule id {rule.id!r} is also defined at {seen[rule.id].where()}",
                    path=rule.path,
                    line=rule.line,
                    rule=rule.id,
                )
            )
        else:
            seen[rule.id] = rule
    unique = list(seen.values())
    derived = {rule.derive for rule in unique if rule.derive} | set(unparsed_facts)
    for rule in unique:
        # Sorted: `reads` is a set, and the same file must give the same message every run.
        unknown = [n for n in sorted(rule.reads) if is_derived(n, rule.scope) and n not in derived]
        if unknown:
            problems.append(
                ScorerError(
                    f"'{unknown[0]}' is neither a field of a {rule.scope} fact "
                    "nor a fact any rule derives",
                    path=rule.path,
                    line=rule.line,
                    rule=rule.id,
                )
            )
    try:
        strata(unique)
    except ScorerError as error:
        problems.append(error)
    return problems


def strata(rules: Iterable[Rule]) -> tuple[tuple[Rule, ...], ...]:
    """Rules in layers: a rule runs after every rule deriving a fact it reads."""
    pending = list(rules)
    makers: dict[str, list[Rule]] = {}
    for rule in pending:
        if rule.derive:
            makers.setdefault(rule.derive, []).append(rule)
    done: set[str] = set()
    layers: list[tuple[Rule, ...]] = []
    while pending:
        ready = [
            rule
            for rule in pending
            if all(m.id in done for name in rule.reads for m in makers.get(name, ()))
        ]
        if not ready:
            stuck = pending[0]
            raise ScorerError(
                "rules derive facts from each other in a cycle: "
                + ", ".join(rule.id for rule in pending),
                path=stuck.path,
                line=stuck.line,
                rule=stuck.id,
            )
        layers.append(tuple(ready))
        done.update(rule.id for rule in ready)
        pending = [rule for rule in pending if rule.id not in done]
    return tuple(layers)
