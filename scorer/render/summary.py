"""Several outcomes as one table: a row per source with its score, label and worst finding.

What a run over many files shows after the files. A source that could not be audited is a
row with its error, never a missing row. With `--diff`, an outcome's findings off its
changed lines are not reported, so they are neither counted nor chosen as the worst;
credit findings are never problems.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from scorer.render import theme
from scorer.render.escape import shown
from scorer.render.report import label_style, place

if TYPE_CHECKING:
    from scorer.load.document import Document
    from scorer.runs.outcome import Outcome
    from scorer.scoring.points import Finding


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
    # Shares of the width, with floors, so the table keeps its shape from 80 columns up:
    # the file name folds, the label wraps under the score.
    table.add_column("file", overflow="fold", ratio=3, min_width=16)
    table.add_column("score", ratio=2, min_width=12)
    table.add_column("problems", justify="right", no_wrap=True)
    rule_width = max((len(o.worst.rule) for o in outcomes if o.worst), default=0)
    table.add_column("worst problem", overflow="fold", min_width=min(rule_width, 30))
    for outcome in outcomes:
        audit = outcome.audit
        if audit is None:
            message = shown((outcome.error or "").removeprefix(f"{outcome.source}: "))
            table.add_row(
                Text(shown(outcome.source)),
                Text("error", style=theme.SEVERITY["error"]),
                Text("-"),
                Text(message or "could not be audited", style=theme.POINTS["problem"]),
            )
            continue
        style = label_style(audit)
        table.add_row(
            Text(shown(outcome.source)),
            Text(f"{audit.score:.1f} {audit.label}", style=style),
            Text(str(len(outcome.reported))),
            _worst_text(outcome.worst, audit.document),
        )
    return table


def _worst_text(finding: Finding | None, doc: Document) -> Text:
    """The worst problem and where it is, as the reports above number their lines."""
    if finding is None:
        return Text("-", style="dim")
    return Text.assemble(
        finding.rule,
        "\n",
        (f"{finding.severity} {place(finding, doc)}", theme.SEVERITY.get(finding.severity, "")),
    )
