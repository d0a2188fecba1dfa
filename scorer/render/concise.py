"""The lines of `scorer check`: one per finding, then one per file with its score.

    drafts/a.md:12:1: error no-named-source nobody in the story is named as a source...
    drafts/a.md:14:3: suppressed vague-attribution 'critics' is vague... (set aside: REASON)
    drafts/a.md: 30.0 / 100 poorly sourced, 25 findings: FAIL (score 30.0 is under 70)

The shape compilers and ruff use, so editors and CI problem matchers can jump to the
line: an HTML page's own line, where its extracted text was found in it (JSON's `located`
says when it was not). A file that cannot be read is reported on stderr by the command,
not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorer.render import Run
from scorer.render.escape import shown
from scorer.runs.outcome import Outcome, counted

if TYPE_CHECKING:
    from scorer.scoring.points import Finding


def render(run: Run) -> str:
    lines: list[str] = []
    for outcome in run.outcomes:
        audit = outcome.audit
        if audit is None:
            continue
        name = shown(outcome.source)
        for f in outcome.reported:
            lines.append(f"{_where(name, f)}: {f.severity} {f.rule} {shown(f.message)}")
        for f in outcome.reported_suppressed:  # set aside in the draft: shown, never a failure
            reason = shown(f.suppressed or "")
            lines.append(
                f"{_where(name, f)}: suppressed {f.rule} {shown(f.message)} (set aside: {reason})"
            )
        for notice in outcome.reported_notices:  # a directive that sets nothing aside
            where = f"{name}:{notice.line}:{notice.column}"
            lines.append(f"{where}: notice directive {shown(notice.message)}")
        lines.append(f"{name}: {file_line(outcome)}")
    return "".join(line + "\n" for line in lines)


def _where(name: str, finding: Finding) -> str:
    """`path:line:col`; just the path for a span of a web page not found in the page, whose
    line and column are the extracted text's and would point at the wrong place in the file."""
    if finding.located is False:
        return name
    return f"{name}:{finding.line}:{finding.column}"


def file_line(outcome: Outcome) -> str:
    """`66.0 / 100 adequately sourced, 18 findings (2 suppressed): ok`, or FAIL and why."""
    assert outcome.audit is not None
    count = len(outcome.reported)
    suppressed = len(outcome.reported_suppressed)
    said = counted(count, outcome.status == "changed")
    text = f"{outcome.audit.score:.1f} / 100 {outcome.audit.label}, {said}"
    if suppressed:
        text += f" ({suppressed} suppressed)"
    failures = outcome.failures
    if failures is None:
        return text
    held = f"; {outcome.gated}" if outcome.gated else ""
    if failures:
        return f"{text}: FAIL ({'; '.join(failures)}{held})"
    if outcome.notice:
        return f"{text}: ok ({outcome.notice})"
    return f"{text}: ok ({outcome.gated})" if outcome.gated else f"{text}: ok"
