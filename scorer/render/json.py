"""JSON: each audit's `to_dict()`, one object for one file or a list for several.

A file that could not be read is `{"source": ..., "error": ...}` in the list. With
`--diff`, `findings` holds only those on changed lines; the score is the whole document's.
From `scorer check`, each file also has `"check": {"passed": ..., "failures": [...],
"notice": ..., "gated": ...}`, the notice saying why a file was not gated (its genre, too
little to judge, unchanged since the diff's base) and `gated` what it was held to; with
`--diff`, `change` says whether the file is new, changed or unchanged since the base, and
its score there when the gate needed it.

A finding's `line` and `column` are the file's, an HTML page's too; a finding of an HTML page
also has `located`, false when the page did not give its span back and `line` and `column`
are those of the extracted text (scorer.scoring.points.Finding). `start` and `end` are
always offsets into the analysed text, as the signals' are.
"""

from __future__ import annotations

import json
from typing import Any

from scorer.render import Run
from scorer.runs.outcome import Outcome


def render(run: Run) -> str:
    items = [_item(outcome) for outcome in run.outcomes]
    data: Any = items if run.several or len(items) != 1 else items[0]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _item(outcome: Outcome) -> dict[str, Any]:
    if outcome.audit is None:
        return {"source": outcome.source, "error": outcome.error}
    data = outcome.audit.to_dict()
    if outcome.failures is not None:  # `scorer check`: whether the file passed, and why not
        failures = list(outcome.failures)
        data["check"] = {
            "passed": not failures,
            "failures": failures,
            "notice": outcome.notice,
            "gated": outcome.gated,
        }
        if outcome.status is not None:  # `--diff`: what the branch did to the file
            data["check"]["change"] = {
                "status": outcome.status,
                "base": outcome.base,
                "base_score": outcome.base_score,
            }
    if outcome.changed is not None:
        data["findings"] = [finding.to_dict() for finding in outcome.reported]
        data["suppressed"] = [finding.to_dict() for finding in outcome.reported_suppressed]
    return data
