"""Score: the engine's hits folded into findings, points, sub-scores and a label.

Each hit of a rule with a message is a finding at its signal's span (or, for a document
rule, at the place the rule names). A rule's points count once per finding until its cap
is reached; later findings of that rule are still reported, with 0 points, so nothing is
hidden. The score is the base of `rules/scoring.toml` plus every finding's points, held
between 0 and 100. A category's sub-score is the same base plus the points of its own
findings, held the same way: one arithmetic, so a reader sees the total made of the bars
(base + each category's points), and a category with nothing to say sits at the base.

A finding an inline directive covers (scorer.load.directives) is set aside as it is placed, before
points are allotted: it takes 0 points, carries the directive's reason in `suppressed`, and
leaves its rule's cap to the findings that are kept, so suppressing one of four capped
findings lets the fourth count.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scorer.engine import Hit, RuleSet
from scorer.engine.expr import flat
from scorer.engine.ruletable import PLACEHOLDER
from scorer.load.document import Document
from scorer.scoring.facts import Facts
from scorer.signals import Signal

# Given a rule id, a finding's start and end, and whether a document rule made it: the
# reason it is suppressed, or None.
Suppress = Callable[[str, int, int, bool], str | None]


@dataclass(frozen=True)
class Finding:
    rule: str
    title: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    text: str
    line: int
    column: int
    points: float
    signal: str | None = None
    suppressed: str | None = None  # the reason an inline directive gave, if it set this aside
    credit: bool = False  # the rule adds points: a reason for the score, not a problem
    # A document rule's finding judges the whole text, wherever it is placed to point at.
    whole_document: bool = False
    # Its rule's cap took some or all of its points (it is still reported, with the rest).
    cap_reached: bool = False
    # Its rule counts once per source, and this source was counted at an earlier finding.
    same_source: bool = False
    # HTML only (None otherwise): whether `line` and `column` are the page's, found where
    # the span was in the file (True), or the extracted text's, when the page did not give
    # the span back (False). See Document.place.
    located: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON fields; `located` too, for a finding of an HTML page."""
        data = {f.name: getattr(self, f.name) for f in JSON_FIELDS}
        if self.located is not None:
            data["located"] = self.located
        return data


# The fields of a finding in JSON (and a batch's findings column); the others are answers
# for the reports. `to_dict` adds `located` for an HTML page's findings only: a batch
# scores text, never a page, so its typed column keeps these fields.
JSON_FIELDS = tuple(
    f
    for f in dataclasses.fields(Finding)
    if f.name not in ("whole_document", "cap_reached", "same_source", "located")
)


@dataclass(frozen=True)
class Breakdown:
    """The sum that makes a total: base + credit + problems, held between 0 and 100
    (`clamped` when that hold changed it); `categories` are the same points by category."""

    base: float
    credit: float
    problems: float
    clamped: bool
    categories: Mapping[str, float] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "credit": self.credit,
            "problems": self.problems,
            "categories": dict(self.categories),
            "clamped": self.clamped,
        }


@dataclass(frozen=True)
class Score:
    total: float
    label: str
    subscores: Mapping[str, float]
    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...] = ()
    breakdown: Breakdown | None = None


def fold(
    doc: Document,
    signals: Sequence[Signal],
    built: Facts,
    ruleset: RuleSet,
    hits: Sequence[Hit],
    suppress: Suppress | None = None,
) -> Score:
    """Findings, points and sub-scores; `suppress` names the findings to set aside."""
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    for rule, fact_hits in _by_rule(hits):
        if not rule.makes_findings:
            continue
        placed = sorted((_place(doc, signals, rule, index), index) for index in fact_hits)
        taken = 0.0
        counted: set[object] = set()  # the entities a rule counted `per = "entity"`
        for (start, end, signal_id), index in placed:
            reason = suppress(rule.id, start, end, signal_id is None) if suppress else None
            points = 0.0 if reason is not None else float(rule.points)
            entity = built.signals[index - 1].get("entity") if index else None
            repeat = rule.per == "entity" and entity is not None and entity in counted
            if repeat:
                points = 0.0
            elif rule.per == "entity" and reason is None and entity is not None:
                counted.add(entity)
            if rule.cap is not None and reason is None:
                room = rule.cap - taken
                points = max(points, room) if rule.cap < 0 else min(points, room)
            capped = reason is None and not repeat and points != float(rule.points)
            taken += points
            fact = built.document if index == 0 else built.signal_fact(index - 1)
            line, column, located = doc.place(start, end)
            (findings if reason is None else suppressed).append(
                Finding(
                    rule=rule.id,
                    title=rule.title,
                    category=rule.category,
                    severity=rule.severity,
                    message=_message(rule.message or "", fact),
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    line=line,
                    column=column,
                    points=round(points, 2) + 0.0,
                    signal=signal_id,
                    suppressed=reason,
                    credit=rule.points > 0,
                    whole_document=signal_id is None,
                    cap_reached=capped,
                    same_source=repeat,
                    located=located,
                )
            )
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    suppressed.sort(key=lambda f: (f.start, f.end, f.rule))
    scoring = ruleset.scoring
    credit = round(sum(f.points for f in findings if f.points > 0), 2) + 0.0
    problems = round(sum(f.points for f in findings if f.points < 0), 2) + 0.0
    total = _clamp(scoring.base + sum(f.points for f in findings))
    by_category = {
        c.id: round(sum(f.points for f in findings if f.category == c.id), 2) + 0.0
        for c in scoring.categories
    }
    subscores = {category: _clamp(scoring.base + pts) for category, pts in by_category.items()}
    label = scoring.label(total).name
    clamped = total != round(scoring.base + credit + problems, 1)
    breakdown = Breakdown(scoring.base, credit, problems, clamped, by_category)
    return Score(total, label, subscores, tuple(findings), tuple(suppressed), breakdown)


def _by_rule(hits: Sequence[Hit]) -> list[tuple[Any, list[int]]]:
    grouped: dict[str, tuple[Any, list[int]]] = {}
    for hit in hits:
        grouped.setdefault(hit.rule.id, (hit.rule, []))[1].append(hit.fact)
    return list(grouped.values())


def _place(
    doc: Document, signals: Sequence[Signal], rule: Any, index: int
) -> tuple[int, int, str | None]:
    if index > 0:
        signal = signals[index - 1]
        return signal.start, signal.end, signal.id
    if rule.at == "headline":
        head = next((p for p in doc.paragraphs if p.kind == "headline"), None)
        if head is not None:
            return head.start, head.end, None
    if rule.at in ("lede", "headline") and doc.copy_sentences:
        lede = doc.copy_sentences[0]
        return lede.start, lede.end, None
    return 0, 0, None


def _message(template: str, fact: Mapping[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        found = fact.get(flat(match.group(1)), "")
        if isinstance(found, bool):
            return "yes" if found else "no"
        if isinstance(found, float):
            return f"{found:g}"
        return " ".join(str(found).split())

    return PLACEHOLDER.sub(value, template)


def _clamp(value: float) -> float:
    return round(min(100.0, max(0.0, value)), 1) + 0.0
