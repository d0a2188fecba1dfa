"""One source of a run: the audit made of it, or the reason it could not be audited.

What every multi-file report receives (`scorer check`, SARIF, GitHub annotations, the
summary table): a file that cannot be read is a row with an error, never a missing row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorer.pipeline import Audit


@dataclass(frozen=True)
class Outcome:
    source: str  # the path, URL or "-" as the user gave it
    audit: Audit | None = None
    error: str | None = None  # one sentence for humans, when there is no audit
    # Lines changed since `--diff REF`: findings elsewhere are not reported (None: all are).
    changed: frozenset[int] | None = None
