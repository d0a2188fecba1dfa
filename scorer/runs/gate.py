"""The gate of `scorer check`: whether an audited file passes, and if not, why.

A file fails when its score is under `--fail-under`, or when a reported finding is at
least as severe as `--fail-on`. Suppressed findings, and with `--diff` findings on lines
that did not change, never fail a file; the score always covers the whole document.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from scorer.engine.choices import SEVERITIES
from scorer.runs.outcome import Outcome

FAIL_ON = ("none", *SEVERITIES)


@dataclass(frozen=True)
class Gate:
    fail_under: float | None = None
    fail_on: str = "error"  # "none", or the least severity that fails a file

    def judge(self, outcome: Outcome) -> Outcome:
        """The outcome with its verdict: why it fails (empty when it passes)."""
        return dataclasses.replace(outcome, failures=tuple(self.failures(outcome)))

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
