"""Suppression: which findings the document's inline directives set aside, and why.

The directives are parsed when the document is loaded (scorer.load.directives, which
describes them); here they meet the rules of the run. A directive that names no rule of
the run, or is malformed, sets nothing aside and becomes a `Notice` for the report.
Suppressed findings are never dropped: `scorer.scoring.points` asks `Suppression.reason`
before it allots points, so they take none and leave their rule's cap to the others.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from scorer.load.directives import ALL, Directive
from scorer.load.document import Document, Span


@dataclass(frozen=True, slots=True)
class Notice:
    """A directive that suppresses nothing, and why: for a report to show beside findings."""

    message: str
    line: int
    column: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def resolve(doc: Document, rule_ids: Collection[str]) -> tuple[Suppression, tuple[Notice, ...]]:
    """The Suppression a document's directives make, and a Notice for each that makes none.

    `rule_ids` are the rules of the run: an `ignore` naming any other id suppresses nothing.
    """
    anchor = doc.paragraphs[0].start if doc.paragraphs else 0
    ignores: list[Directive] = []
    ranges: list[Directive] = []
    notices: list[Notice] = []
    for directive in doc.directives:
        problem = directive.problem
        unknown = [r for r in directive.rules if r != ALL and r not in rule_ids]
        if problem is None and unknown:
            names = ", ".join(f"'{r}'" for r in unknown)
            problem = f"names no rule of this run: {names} (unknown or disabled)"
        if problem is not None:
            what = f"`scorer: {directive.verb}`" if directive.verb else "scorer directive"
            line, column = doc.line_col(directive.start)
            message = f"{what} {problem}; it has no effect"
            notices.append(Notice(message, line, column, directive.start, directive.end))
        elif directive.verb == "ignore":
            ignores.append(directive)
        elif directive.verb == "off":
            ranges.append(directive)
    return Suppression(anchor, tuple(ignores), tuple(ranges)), tuple(notices)


@dataclass(frozen=True)
class Suppression:
    """The well-formed directives of one document; `reason` says what a finding is under.

    `anchor` is where a document-wide finding (span 0..0) is taken to start: the first
    paragraph of the document.
    """

    anchor: int = 0
    ignores: tuple[Directive, ...] = ()
    ranges: tuple[Directive, ...] = ()
    _ignore_starts: list[int] = field(init=False, repr=False, compare=False)
    _range_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Ignore scopes are paragraphs, disjoint or equal, and off ranges never overlap:
        # sorted by start, the ones that can hold an offset are found by bisection.
        ignores = tuple(sorted(self.ignores, key=lambda d: _scope(d).start))
        object.__setattr__(self, "ignores", ignores)
        object.__setattr__(self, "_ignore_starts", [_scope(d).start for d in ignores])
        object.__setattr__(self, "_range_starts", [_scope(d).start for d in self.ranges])

    def reason(self, rule: str, start: int, end: int, document: bool = False) -> str | None:
        """The reason a finding of `rule` at `start`..`end` is suppressed, or None.

        An `ignore` naming the rule wins over an `off` range: it is the more specific. A
        `document` rule's finding judges the whole text, though it is placed at the lede
        or headline: `ignore all` above that paragraph does not set it aside, only an
        `ignore` that names the rule, or an `off` range that holds it.
        """
        at = self.anchor if start == end == 0 else start
        n = bisect_right(self._ignore_starts, at) - 1
        # Several ignores may stand above one paragraph, all with the same scope.
        while n >= 0 and at < _scope(self.ignores[n]).end:
            directive = self.ignores[n]
            if rule in directive.rules or (ALL in directive.rules and not document):
                return directive.reason
            n -= 1
        n = bisect_right(self._range_starts, at) - 1
        if n >= 0 and at < _scope(self.ranges[n]).end:
            return self.ranges[n].reason
        return None


def _scope(directive: Directive) -> Span:
    assert directive.scope is not None, "only scoped directives reach a Suppression"
    return directive.scope
