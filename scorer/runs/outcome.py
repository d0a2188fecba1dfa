"""One source of a run: the audit made of it, or the reason it could not be audited.

What every multi-file report receives (`scorer check`, SARIF, GitHub annotations, the
summary table): a file that cannot be read is a row with an error, never a missing row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from typing import TYPE_CHECKING

from scorer.engine.choices import SEVERITIES
from scorer.load.document import Span

if TYPE_CHECKING:
    from scorer.scoring.audit import Audit
    from scorer.scoring.points import Finding
    from scorer.scoring.suppression import Notice


def counted(count: int, diffed: bool) -> str:
    """`3 findings`, or with `--diff` `3 new findings on changed lines`: what was counted."""
    noun = f"{count} {'new ' if diffed else ''}finding{'' if count == 1 else 's'}"
    return f"{noun} on changed lines" if diffed else noun


# Share of words two versions of a finding's span keep in common to be one finding.
_NEARLY = 0.8


def _nearly(key: str, left: Counter[str]) -> str | None:
    """A base finding left over of the same rule whose words differ by an edit or two."""
    rule, _, words = key.partition("\x00")
    if not words:
        return None
    for other, count in left.items():
        if count <= 0:
            continue
        other_rule, _, other_words = other.partition("\x00")
        if other_rule != rule or not other_words:
            continue
        matcher = SequenceMatcher(None, words.split(), other_words.split(), autojunk=False)
        if matcher.quick_ratio() >= _NEARLY and matcher.ratio() >= _NEARLY:
            return other
    return None


def finding_key(finding: Finding, text: str) -> str:
    """What makes two findings the same problem in two versions of a file: the rule, and for
    a finding on words, the words (white space and case aside), wherever they moved."""
    if finding.signal is None:
        return finding.rule
    words = " ".join(text[finding.start : finding.end].split()).casefold()
    return f"{finding.rule}\x00{words}"


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
    # With `--diff`: "new", "changed" or "unchanged" since `base` (the ref as given); and, for
    # a changed file, its score there and the findings it already had there, as `finding_key`s
    # (a typo fix must not answer for the draft it fixes).
    status: str | None = None
    base: str | None = None
    base_score: float | None = None
    base_findings: tuple[str, ...] | None = None
    # What the gate held the file to, in words, for the score line ("new file: gated whole").
    gated: str | None = None

    @property
    def kind(self) -> str:
        """ "file", "stdin" or "url": what the source names (scorer.load.kind_of)."""
        from scorer.load import kind_of

        return kind_of(self.source)

    @cached_property  # the gate and every renderer ask; the base comparison runs once
    def reported(self) -> tuple[Finding, ...]:
        """The problems to report: findings that are not credit and, with `--diff`, the
        change's own: on changed lines, and not already in the file at the base.

        Credit findings ("5 direct quotes") explain the score in the full report and JSON;
        they are never annotations, and never fail a check.
        """
        if self.audit is None:
            return ()
        problems = [f for f in self.audit.findings if not f.credit]
        if self.changed is None:
            return tuple(problems)
        brought = self._brought_in(problems)
        return tuple(f for f, new in zip(problems, brought, strict=True) if new)

    def _on_changed(self, finding: Finding) -> bool:
        """On a changed line; a finding of a document rule is, if anything changed.

        Document rules ("no named source", hedge density) judge the whole text; some are
        placed at the headline or lede only to point somewhere, not because they are there.
        An HTML page's finding is on the page's line where its span was found; one whose
        span the page did not give back (Finding.located) has no line of the file, so it
        is on a changed line whenever the file changed.
        """
        if self.changed is None:
            return True
        if finding.signal is None or finding.located is False:
            return bool(self.changed)
        return finding.line in self.changed

    def _brought_in(self, findings: list[Finding]) -> list[bool]:
        """For each finding, whether the change brought it in: on a changed line, and more of
        its kind than the file had at the base. The base's findings are matched first to those
        off the changed lines, then to those on them with the same words, then with nearly
        the same words (a typo fixed inside a claim leaves the claim's finding the base's)."""
        assert self.audit is not None
        text = self.audit.document.text
        left = Counter(self.base_findings or ())
        keys = [finding_key(f, text) for f in findings]
        on = [self._on_changed(f) for f in findings]
        for key, changed in zip(keys, on, strict=True):
            if not changed and left[key]:
                left[key] -= 1
        brought = []
        for key, changed in zip(keys, on, strict=True):
            old = changed and left[key] > 0
            if old:
                left[key] -= 1
            brought.append(changed and not old)
        for n, key in enumerate(keys):
            if brought[n]:
                near = _nearly(key, left)
                if near is not None:
                    left[near] -= 1
                    brought[n] = False
        return brought

    @property
    def reported_notices(self) -> tuple[Notice, ...]:
        """Directives that set nothing aside, on changed lines with `--diff`."""
        if self.audit is None:
            return ()
        changed = self.changed
        return tuple(n for n in self.audit.notices if changed is None or n.line in changed)

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
