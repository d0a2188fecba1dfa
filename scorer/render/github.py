"""GitHub Actions workflow commands: one annotation per finding, on its line of the file.

    ::warning file=drafts/a.md,line=3,col=5,endLine=3,endColumn=19,title=hedge-density::...

Severity error, warning and info become `error`, `warning` and `notice`. Each file also
gets a notice with its score, and an error when it fails the check or cannot be read.
Values are escaped as the runner expects (% CR LF, and `,` `:` inside properties).
"""

from __future__ import annotations

from scorer.render import Run

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def render(run: Run) -> str:
    lines: list[str] = []
    for outcome in run.outcomes:
        where = {"file": outcome.source} if outcome.kind == "file" else {}
        audit = outcome.audit
        if audit is None:
            lines.append(
                _command("error", {**where, "title": "scorer: cannot read"}, outcome.error)
            )
            continue
        for f in outcome.reported:
            end_line, end_column = audit.document.line_col(max(f.start, f.end - 1))
            place = {"line": f.line, "col": f.column, "endLine": end_line}
            if end_line == f.line:
                place["endColumn"] = end_column
            lines.append(
                _command(_LEVELS[f.severity], {**where, **place, "title": f.rule}, f.message)
            )
        for notice in audit.notices:
            place = {"line": notice.line, "col": notice.column}
            lines.append(
                _command("warning", {**where, **place, "title": "scorer directive"}, notice.message)
            )
        suppressed = len(outcome.reported_suppressed)
        summary = f"{audit.score:.1f} / 100 {audit.label}; {len(outcome.reported)} finding(s)" + (
            f", {suppressed} suppressed" if suppressed else ""
        )
        lines.append(_command("notice", {**where, "title": "scorer score"}, summary))
        if outcome.notice:
            lines.append(_command("notice", {**where, "title": "scorer not gated"}, outcome.notice))
        for reason in outcome.failures or ():
            lines.append(_command("error", {**where, "title": "scorer check failed"}, reason))
    return "".join(line + "\n" for line in lines)


def _command(level: str, properties: dict[str, object], message: str | None) -> str:
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{level}{' ' + props if props else ''}::{_escape_data(message or '')}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
