"""Markdown: a compact summary for a pull-request comment.

A table of files (score, label, findings, the worst one), then each file's findings in a
collapsed `<details>` block, so a long report does not bury the conversation.
"""

from __future__ import annotations

from scorer.render import Run
from scorer.render.points import points_text
from scorer.runs.outcome import Outcome

_MAX_ROWS = 50  # per file: a comment is not the place for hundreds of rows


def render(run: Run) -> str:
    outcomes = run.outcomes
    lines = [
        "### scorer: sourcing report",
        "",
        "| file | score | label | findings | worst finding | check |",
        "|---|---:|---|---:|---|---|",
    ]
    for outcome in outcomes:
        lines.append(_row(outcome))
    for outcome in outcomes:
        if outcome.audit is not None and (outcome.reported or outcome.reported_suppressed):
            lines += ["", *_details(outcome)]
    return "\n".join(lines) + "\n"


def _row(outcome: Outcome) -> str:
    name = f"`{_cell(outcome.source)}`"
    audit = outcome.audit
    if audit is None:
        return f"| {name} | | cannot be read | | {_cell(outcome.error or '')} | error |"
    worst = outcome.worst
    named = f"{worst.severity} `{worst.rule}` (line {worst.line})" if worst else ""
    failures = outcome.failures
    check = "" if failures is None else ("fail: " + "; ".join(failures) if failures else "pass")
    if failures == () and (outcome.notice or outcome.gated):
        check += f" ({outcome.notice or outcome.gated})"
    elif failures and outcome.gated:
        check += f" ({outcome.gated})"
    return (
        f"| {name} | {audit.score:.1f} | {audit.label} | {len(outcome.reported)} | {named} "
        f"| {_cell(check)} |"
    )


def _details(outcome: Outcome) -> list[str]:
    findings, suppressed = outcome.reported, outcome.reported_suppressed
    summary = f"{_cell(outcome.source)}: {len(findings)} finding(s)"
    if suppressed:
        summary += f", {len(suppressed)} suppressed"
    lines = [
        f"<details><summary>{summary}</summary>",
        "",
        "| line:col | severity | rule | message | points |",
        "|---|---|---|---|---:|",
    ]
    for f in findings[:_MAX_ROWS]:
        lines.append(
            f"| {f.line}:{f.column} | {f.severity} | `{f.rule}` | {_cell(f.message)} "
            f"| {points_text(f.points)} |"
        )
    if len(findings) > _MAX_ROWS:
        lines.append(f"| | | | and {len(findings) - _MAX_ROWS} more | |")
    for f in suppressed:
        lines.append(
            f"| {f.line}:{f.column} | suppressed | `{f.rule}` | {_cell(f.suppressed or '')} | 0 |"
        )
    return [*lines, "", "</details>"]


def _cell(text: str) -> str:
    """Text safe inside a table cell: no pipes, no line breaks, no HTML."""
    return (
        " ".join(text.split())
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )
