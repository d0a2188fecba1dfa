"""GitHub Actions workflow commands: annotations on the lines of the files, within GitHub's budget.

    ::warning file=drafts/a.md,line=3,col=5,endLine=3,endColumn=19,title=hedge-density::...

Lines and columns are the file's, an HTML page's too (scorer.load.html_locate finds each
extracted block in the page); a finding whose span the page did not give back is annotated
on the file as a whole, as SARIF gives it no region, and its log line has the extracted
text's line and column.
Severity error, warning and info become `error`, `warning` and `notice`. Each file also
gets a notice with its score and what the gate held it to, and an error when it fails the
check or cannot be read. Values are escaped as the runner expects (% CR LF, and `,` `:`
inside properties).

GitHub shows 10 annotations of each level per step and drops the rest silently, in the order
they were printed. So the failures come first, then the score lines, then the findings; past
`Run.annotations` a level, a finding is printed as a plain log line instead, and one notice
counts what was not annotated. Info findings that cost no points are log lines unless
`Run.annotate_info` asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.render import Run
from scorer.render.escape import shown
from scorer.runs.outcome import Outcome

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
_FIRST, _SCORES, _FINDINGS = 0, 1, 2  # the order annotations are printed in


@dataclass(frozen=True)
class _Annotation:
    rank: int
    level: str
    properties: dict[str, object]
    message: str
    log_line: str  # what the log shows instead when the budget is spent


def render(run: Run) -> str:
    wanted = sorted(
        (a for outcome in run.outcomes for a in _annotations(outcome, run.annotate_info)),
        key=lambda a: a.rank,
    )
    quiet = [a for a in wanted if a.level == ""]
    wanted = [a for a in wanted if a.level]
    shown_lines, left = _within(wanted, run.annotations)
    if left:
        shown_lines, left = _within(wanted, run.annotations, reserve="notice")
    lines = [_command(a.level, a.properties, a.message) for a in shown_lines]
    lines += [a.log_line for a in (*left, *quiet)]
    if left:
        counts = {level: sum(1 for a in left if a.level == level) for level in _LEVELS.values()}
        said = ", ".join(f"{n} {level}{'' if n == 1 else 's'}" for level, n in counts.items() if n)
        lines.append(
            _command(
                "notice",
                {"title": "scorer: more findings than annotations"},
                f"{said} not annotated (GitHub shows {run.annotations} of each level a step): "
                "they are in this step's log, the SARIF report and the job summary",
            )
        )
    return "".join(line + "\n" for line in lines)


def _within(
    wanted: list[_Annotation], budget: int, reserve: str | None = None
) -> tuple[list[_Annotation], list[_Annotation]]:
    """The annotations that fit `budget` a level (one fewer of `reserve`), and the rest."""
    used = dict.fromkeys(_LEVELS.values(), 0)
    kept, left = [], []
    for a in wanted:
        room = budget - (1 if a.level == reserve else 0)
        if used[a.level] < room:
            used[a.level] += 1
            kept.append(a)
        else:
            left.append(a)
    return kept, left


def _annotations(outcome: Outcome, annotate_info: bool) -> list[_Annotation]:
    name = shown(outcome.source)
    where: dict[str, object] = {"file": outcome.source} if outcome.kind == "file" else {}
    audit = outcome.audit
    if audit is None:
        error = outcome.error or ""
        title = {**where, "title": "scorer: cannot read"}
        return [_Annotation(_FIRST, "error", title, error, f"{name}: error: {shown(error)}")]
    found = []
    doc = audit.document
    for f in outcome.reported:
        place: dict[str, object] = {}
        span = doc.file_span(f.start, f.end)
        if span is not None:  # else a span an HTML page did not give back: on the file
            end_line, end_column = doc.file_line_col(max(span.start, span.end - 1))
            place = {"line": f.line, "col": f.column, "endLine": end_line}
            if end_line == f.line:
                place["endColumn"] = end_column
        level = _LEVELS[f.severity]
        if f.severity == "info" and not f.points and not annotate_info:
            level = ""
        log = f"{name}:{f.line}:{f.column}: {f.severity} {f.rule} {shown(f.message)}"
        found.append(
            _Annotation(_FINDINGS, level, {**where, **place, "title": f.rule}, f.message, log)
        )
    for notice in audit.notices:
        place = {"line": notice.line, "col": notice.column}
        log = f"{name}:{notice.line}:{notice.column}: notice directive {shown(notice.message)}"
        props = {**where, **place, "title": "scorer directive"}
        found.append(_Annotation(_FINDINGS, "warning", props, notice.message, log))
    suppressed = len(outcome.reported_suppressed)
    on = " on changed lines" if outcome.changed is not None else ""
    count = len(outcome.reported)
    findings = f"{count} finding{'' if count == 1 else 's'}"
    summary = f"{audit.score:.1f} / 100 {audit.label}; {findings}{on}" + (
        f", {suppressed} suppressed" if suppressed else ""
    )
    if outcome.gated:
        summary += f" ({outcome.gated})"
    found.append(
        _Annotation(
            _SCORES, "notice", {**where, "title": "scorer score"}, summary, f"{name}: {summary}"
        )
    )
    if outcome.notice:
        title = {**where, "title": "scorer not gated"}
        found.append(
            _Annotation(_SCORES, "notice", title, outcome.notice, f"{name}: {outcome.notice}")
        )
    for reason in outcome.failures or ():
        title = {**where, "title": "scorer check failed"}
        found.append(_Annotation(_FIRST, "error", title, reason, f"{name}: FAIL: {reason}"))
    return found


def _command(level: str, properties: dict[str, object], message: str | None) -> str:
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{level}{' ' + props if props else ''}::{_escape_data(message or '')}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
