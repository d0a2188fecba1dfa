"""The gate of `scorer check`: whether an audited file passes, and if not, why.

A file fails when its score is under `--fail-under`, or when a reported finding is at
least as severe as `--fail-on`. Suppressed findings, and with `--diff` findings on lines
that did not change, never fail a file; the score always covers the whole document.

Only the genres gated (`--genres`, the config's `genres`; news, analysis and brief by
default) and files the score can judge are held to that: a column, or a file too short or
not in English, passes with a notice saying why it was not gated, unless `--strict` (or
the config's `strict`) asks for files that cannot be judged to fail.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from scorer.detectors.genre import GATED
from scorer.engine.choices import SEVERITIES
from scorer.runs.outcome import Outcome

FAIL_ON = ("none", *SEVERITIES)


@dataclass(frozen=True)
class Gate:
    fail_under: float | None = None
    fail_on: str = "error"  # "none", or the least severity that fails a file
    genres: tuple[str, ...] | None = None  # the genres gated; None: the config's, or GATED
    strict: bool | None = None  # fail files that cannot be judged; None: the config's

    def judge(self, outcome: Outcome) -> Outcome:
        """The outcome with its verdict: why it fails (empty when it passes), or why it
        was not gated."""
        notice = self.not_gated(outcome)
        failures = [] if notice else self.failures(outcome)
        audit = outcome.audit
        if notice and audit is not None and audit.unjudged and self._strict(outcome):
            failures, notice = [audit.unjudged], None
        return dataclasses.replace(outcome, failures=tuple(failures), notice=notice)

    def not_gated(self, outcome: Outcome) -> str | None:
        """Why the file passes whatever its score: it cannot be judged, or its genre is not
        gated. None when the gate applies."""
        audit = outcome.audit
        if audit is None:
            return None
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
        if self.fail_under is not None and audit.score < self.fail_under:
            reasons.append(f"score {audit.score:.1f} is under {self.fail_under:g}")
        if self.fail_on != "none":
            least = SEVERITIES.index(self.fail_on)
            worst = [f for f in outcome.reported if SEVERITIES.index(f.severity) >= least]
            if worst:
                count = len(worst)
                reasons.append(
                    f"{count} finding{'' if count == 1 else 's'} of severity {self.fail_on}"
                    f"{'' if self.fail_on == SEVERITIES[-1] else ' or worse'}"
                )
        return reasons
