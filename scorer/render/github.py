"""GitHub Actions workflow commands: annotations on the lines of the files, within GitHub's budget.

    ::warning file=drafts/a.md,line=3,col=5,endLine=3,endColumn=19,title=hedge-density::...

Lines and columns are the file's, an HTML page's too (scorer.load.html_locate finds each
extracted block in the page); a finding whose span the page did not give back is annotated
on the file as a whole, as SARIF gives it no region, and its log line has the extracted
text's line and column.
Severity error, warning and info become `error`, `warning` and `notice`. Each file also
gets a notice with its score and what the gate held it to (a log line for a file the branch
did not change), and one error naming every reason when it fails the check or cannot be
read. Suppressed findings are listed as log lines. Values are escaped as the runner expects
(% CR LF, and `,` `:` inside properties).

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
from scorer.runs.outcome import Outcome, counted

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
_FIRST, _SCORES, _FINDINGS = 0, 1, 2  # the order annotations are printed in
_GITHUB_LIMIT = 10  # annotations of each level GitHub shows a step


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
                f"{said} not annotated ({_budget(run.annotations)}): they are in this step's "
                "log, the SARIF report and the job summary",
            )
        )
    return "".join(line + "\n" for line in lines)


def _budget(annotations: int) -> str:
    if annotations == _GITHUB_LIMIT:
        return f"GitHub shows {_GITHUB_LIMIT} of each level a step"
    return f"at most {annotations} of each level; GitHub shows {_GITHUB_LIMIT} a step"


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
        title = {**where, "title": "scorer: error"}
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
    for notice in outcome.reported_notices:
        place = {"line": notice.line, "col": notice.column}
        log = f"{name}:{notice.line}:{notice.column}: notice directive {shown(notice.message)}"
        props = {**where, **place, "title": "scorer directive"}
        found.append(_Annotation(_FINDINGS, "notice", props, notice.message, log))
    for f in outcome.reported_suppressed:  # listed in the log; SARIF carries them as suppressed
        log = f"{name}:{f.line}:{f.column}: suppressed {f.rule} {shown(f.message)}"
        found.append(
            _Annotation(_FINDINGS, "", {}, "", f"{log} (set aside: {shown(f.suppressed or '')})")
        )
    suppressed = len(outcome.reported_suppressed)
    findings = counted(len(outcome.reported), outcome.status == "changed")
    summary = f"{audit.score:.1f} / 100 {audit.label}; {findings}" + (
        f", {suppressed} suppressed" if suppressed else ""
    )
    if outcome.gated or outcome.notice:
        summary += f" ({outcome.gated or outcome.notice})"
    # A file the branch did not touch is no news on a pull request: its score goes to the log.
    level = "" if outcome.status == "unchanged" else "notice"
    title = {**where, "title": "scorer score"}
    found.append(_Annotation(_SCORES, level, title, summary, f"{name}: {summary}"))
    if outcome.failures:  # one annotation a file, so every failing file gets one
        reasons = "; ".join(outcome.failures)
        title = {**where, "title": "scorer check failed"}
        found.append(_Annotation(_FIRST, "error", title, reasons, f"{name}: FAIL: {reasons}"))
    return found


def _command(level: str, properties: dict[str, object], message: str | None) -> str:
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{level}{' ' + props if props else ''}::{_escape_data(message or '')}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
