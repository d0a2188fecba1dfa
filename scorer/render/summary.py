"""Several outcomes as one table: a row per source with its score, label and worst finding.

What a run over many files shows after the files. A source that could not be audited is a
row with its error, never a missing row. With `--diff`, an outcome's findings off its
changed lines are not reported, so they are neither counted nor chosen as the worst.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from scorer.render.report import SEVERITY_RANK, SEVERITY_STYLES, clean, is_credit, label_style

if TYPE_CHECKING:
    from scorer.outcome import Outcome
    from scorer.pipeline import Audit
    from scorer.score import Finding


def render(outcomes: Sequence[Outcome]) -> Table:
    failed = sum(1 for o in outcomes if o.audit is None)
    files = f"{len(outcomes)} file{'' if len(outcomes) == 1 else 's'}"
    caption = f"{files}: {len(outcomes) - failed} audited, {failed} not audited"
    table = Table(
        title=Text("Summary", style="bold"),
        title_justify="left",
        caption=Text(caption, style="dim"),
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        expand=True,
    )
    # The label wraps at its space and the two free columns share what is left, so the
    # table keeps its shape from 80 columns up.
    table.add_column("file", overflow="fold", ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("label", width=10)
    table.add_column("findings", justify="right", no_wrap=True)
    table.add_column("worst finding", overflow="fold", ratio=1)
    for outcome in outcomes:
        audit = outcome.audit
        if audit is None:
            message = clean(outcome.error or "") or "could not be audited"
            table.add_row(
                Text(clean(outcome.source)),
                Text("-"),
                Text("error", style="bold red"),
                Text("-"),
                Text(message, style="red"),
            )
            continue
        findings = reported(outcome)
        style = label_style(audit)
        table.add_row(
            Text(clean(outcome.source)),
            Text(f"{audit.score:.1f}", style=style),
            Text(audit.label, style=style),
            Text(str(len(findings))),
            _worst_text(worst(audit, findings)),
        )
    return table


def reported(outcome: Outcome) -> list[Finding]:
    """The outcome's findings, or with `changed` lines only those starting on one."""
    assert outcome.audit is not None
    findings = list(outcome.audit.findings)
    if outcome.changed is None:
        return findings
    return [f for f in findings if f.line in outcome.changed]


def worst(audit: Audit, findings: Sequence[Finding]) -> Finding | None:
    """The highest severity, then the most points taken, then the first in the text.

    Credit (named sources, replies) is never the worst finding, even once capped to 0.
    """
    problems = [(n, f) for n, f in enumerate(findings) if not is_credit(audit, f)]
    if not problems:
        return None
    return min(
        problems, key=lambda nf: (-SEVERITY_RANK.get(nf[1].severity, 0), nf[1].points, nf[0])
    )[1]


def _worst_text(finding: Finding | None) -> Text:
    if finding is None:
        return Text("-", style="dim")
    where = (
        "document"
        if finding.signal is None and finding.start == finding.end == 0
        else (f"line {finding.line}")
    )
    return Text.assemble(
        (finding.rule, SEVERITY_STYLES.get(finding.severity, "")),
        (f"\n{finding.severity}, {where}", "dim"),
    )
