"""One source of a run: the audit made of it, or the reason it could not be audited.

What every multi-file report receives (`scorer check`, SARIF, GitHub annotations, the
summary table): a file that cannot be read is a row with an error, never a missing row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scorer.engine.choices import SEVERITIES
from scorer.load.document import Span

if TYPE_CHECKING:
    from scorer.scoring.audit import Audit
    from scorer.scoring.points import Finding


@dataclass(frozen=True)
class Outcome:
    source: str  # the path, URL or "-" as the user gave it
    audit: Audit | None = None
    error: str | None = None  # one sentence for humans, when there is no audit
    # Lines changed since `--diff REF`: findings elsewhere are not reported (None: all are).
    changed: frozenset[int] | None = None
    # Why `scorer check` fails the file, one reason each (empty: it passes); None when no
    # check was asked for. Set once, by the gate (scorer.runs.gate).
    failures: tuple[str, ...] | None = None
    # Why `scorer check` did not hold the file to its thresholds (a genre not gated, too
    # little to judge), set by the gate with the failures; None when it did.
    notice: str | None = None
    # What the file's config asks of the gate: the genres gated, `strict`, and thresholds.
    genres: tuple[str, ...] | None = None
    strict: bool | None = None
    fail_under: float | None = None
    fail_on: str | None = None
    # With `--diff`: "new", "changed" or "unchanged" since `base` (the ref as given); and,
    # when the gate needed them, the file's score there and the rules whose whole-document
    # findings it already had (a typo fix must not answer for the draft it fixes).
    status: str | None = None
    base: str | None = None
    base_score: float | None = None
    base_whole: frozenset[str] | None = None
    # What the gate held the file to, in words, for the score line ("new file: gated whole").
    gated: str | None = None

    @property
    def kind(self) -> str:
        """ "file", "stdin" or "url": what the source names (scorer.load.kind_of)."""
        from scorer.load import kind_of

        return kind_of(self.source)

    @property
    def reported(self) -> tuple[Finding, ...]:
        """The problems to report: findings that are not credit, on changed lines (`--diff`).

        Credit findings ("5 direct quotes") explain the score in the full report and JSON;
        they are never annotations, and never fail a check.
        """
        if self.audit is None:
            return ()
        return tuple(f for f in self.audit.findings if not f.credit and self._on_changed(f))

    def _on_changed(self, finding: Finding) -> bool:
        """On a changed line; a finding of a document rule is, if anything changed and the
        file did not have it at the base.

        Document rules ("no named source", hedge density) judge the whole text; some are
        placed at the headline or lede only to point somewhere, not because they are there.
        An HTML page's finding is on the page's line where its span was found; one whose
        span the page did not give back (Finding.located) has no line of the file, so it
        is on a changed line whenever the file changed.
        """
        if self.changed is None:
            return True
        if finding.signal is not None:
            if finding.located is False:
                return bool(self.changed)
            return finding.line in self.changed
        before = self.base_whole
        return bool(self.changed) and (before is None or finding.rule not in before)

    @property
    def reported_suppressed(self) -> tuple[Finding, ...]:
        """Findings set aside by a directive, on changed lines or under a directive whose
        comment or scope touches one: a reviewer sees what the change set aside."""
        if self.audit is None:
            return ()
        touched = self._touched_directives()
        return tuple(
            f
            for f in self.audit.suppressed
            if self._on_changed(f) or any(d.start <= f.start < d.end for d in touched)
        )

    def _touched_directives(self) -> list[Span]:
        """From each suppressing directive's comment to the end of its scope, where a changed
        line falls in that stretch."""
        if self.audit is None or self.changed is None:
            return []
        doc = self.audit.document
        stretches = []
        for directive in doc.directives:
            if directive.scope is None or directive.problem is not None:
                continue
            first = doc.line_col(directive.start)[0]
            last = doc.line_col(max(directive.scope.start, directive.scope.end - 1))[0]
            if any(first <= line <= last for line in self.changed):
                stretches.append(Span(directive.start, directive.scope.end))
        return stretches

    @property
    def worst(self) -> Finding | None:
        """The reported finding to name first: the most severe, then the costliest, then first."""
        return min(
            self.reported,
            key=lambda f: (-SEVERITIES.index(f.severity), f.points, f.start),
            default=None,
        )
