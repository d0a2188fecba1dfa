"""The gate of `scorer check`: whether an audited file passes, and if not, why.

A file fails when its score is under `--fail-under`, or when a reported finding is at
least as severe as `--fail-on`. Suppressed findings, and with `--diff` findings on lines
that did not change, never fail a file; the score always covers the whole document.

With `--diff` the gate judges what the branch changed (a review must not be blocked by a
draft nobody touched):

- a file unchanged since the base is not gated (its score is still shown);
- a changed file fails on the findings the branch brought in (on changed lines, and not in
  the file at the base: scorer.runs.outcome), and on its score only if the branch made it
  worse: under the bar *and* lower than at the base (a ratchet), so a typo fix in an old
  weak draft passes;
- a new file is held to the bar, like every file without `--diff`.

`gated` on the outcome says which of these applied, for the score line.

Only the genres gated (`--genres`, the config's `genres`; news, analysis and brief by
default) and files the score can judge are held to that: a column, or a file too short or
not in English, passes with a notice saying why it was not gated, unless `--strict` (or
the config's `strict`) asks for files that cannot be judged to fail.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scorer.detectors.genre import GATED
from scorer.engine.choices import SEVERITIES
from scorer.runs.outcome import Outcome, counted

if TYPE_CHECKING:
    from scorer.scoring.points import Finding

FAIL_ON = ("none", *SEVERITIES)


@dataclass(frozen=True)
class Gate:
    fail_under: float | None = None  # None: the config's `fail-under`, else no bar
    fail_on: str | None = None  # "none", or the least severity that fails; None: config's
    genres: tuple[str, ...] | None = None  # the genres gated; None: the config's, or GATED
    strict: bool | None = None  # fail files that cannot be judged; None: the config's

    def judge(self, outcome: Outcome) -> Outcome:
        """The outcome with its verdict: why it fails (empty when it passes), or why it
        was not gated, and what it was held to."""
        notice = self.not_gated(outcome)
        failures = [] if notice else self.failures(outcome)
        audit = outcome.audit
        if notice and audit is not None and audit.unjudged and self._strict(outcome):
            failures, notice = [audit.unjudged], None
        gated = None if notice else self._held_to(outcome)
        return dataclasses.replace(outcome, failures=tuple(failures), notice=notice, gated=gated)

    def bar(self, outcome: Outcome) -> float | None:
        """The score a file must reach: `--fail-under`, else its config's, else none."""
        return self.fail_under if self.fail_under is not None else outcome.fail_under

    def least(self, outcome: Outcome) -> str:
        """The least severity that fails: `--fail-on`, else its config's, else error."""
        return self.fail_on or outcome.fail_on or "error"

    def not_gated(self, outcome: Outcome) -> str | None:
        """Why the file passes whatever its score: it cannot be judged, its genre is not
        gated, or the branch did not change it. None when the gate applies."""
        audit = outcome.audit
        if audit is None:
            return None
        if outcome.status == "unchanged":
            return f"not gated, unchanged since {outcome.base}"
        if audit.unjudged:
            return f"not gated, {audit.unjudged}; --strict fails it"
        genres = self.genres or outcome.genres or GATED
        if audit.genre is not None and audit.genre.name not in genres:
            asked = ",".join((*genres, audit.genre.name))
            return (
                f"not gated, {audit.genre.title} is not among the genres gated "
                f"({', '.join(genres)}); --genres {asked} gates it"
            )
        return None

    def _strict(self, outcome: Outcome) -> bool:
        return self.strict if self.strict is not None else bool(outcome.strict)

    def failures(self, outcome: Outcome) -> list[str]:
        """Why this file fails the check, one reason each; empty when it passes."""
        audit = outcome.audit
        if audit is None:
            return []
        reasons = []
        bar = self.bar(outcome)
        if bar is not None and audit.score < bar:
            base = outcome.base_score
            if outcome.status != "changed" or base is None:
                reasons.append(f"score {audit.score:.1f} is under {bar:g}")
            elif audit.score < base:
                reasons.append(
                    f"score {audit.score:.1f} is under {bar:g} and down from {base:.1f} "
                    f"at {outcome.base}"
                )
        fail_on = self.least(outcome)
        if fail_on != "none":
            worst = self._failing(outcome)
            if worst:
                reasons.append(
                    f"{counted(len(worst), outcome.status == 'changed')} of severity {fail_on}"
                    f"{'' if fail_on == SEVERITIES[-1] else ' or worse'}"
                )
        return reasons

    def _failing(self, outcome: Outcome) -> list[Finding]:
        """The reported findings at or above `--fail-on`."""
        fail_on = self.least(outcome)
        if fail_on == "none":
            return []
        least = SEVERITIES.index(fail_on)
        return [f for f in outcome.reported if SEVERITIES.index(f.severity) >= least]

    def _held_to(self, outcome: Outcome) -> str | None:
        """What a gated file was held to, when `--diff` made it differ from the whole file;
        for a changed file the ratchet let through, the score it did not fall from."""
        if outcome.status == "new":
            return f"new since {outcome.base}: gated whole"
        if outcome.status == "whole":
            return "not changed by this commit: gated whole"
        if outcome.status != "changed":
            return None
        held = (
            f"changed since {outcome.base}: gated on the findings it brought in on changed "
            "lines, and on its score "
        )
        base, bar, audit = outcome.base_score, self.bar(outcome), outcome.audit
        if base is not None and bar is not None and audit is not None and base <= audit.score < bar:
            return held + f"only if it fell, and it did not ({base:.1f} at {outcome.base})"
        return held + "only if it fell"
