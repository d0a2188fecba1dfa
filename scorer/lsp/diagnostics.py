"""An audit as LSP diagnostics: each finding at its span, each directive that does nothing
at the directive, and a document that could not be audited said on its first line.

Credit findings ("5 direct quotes") explain the score; they are never diagnostics, as they
are never annotations in `scorer check`. Findings a directive set aside are not shown.
A finding of the whole document (span 0..0: hedge density, too many anonymous sources) is
placed on the first line of the document's first paragraph, from its start to the end of
that line: where an `ignore` directive for it goes (scorer.load.directives), and, in a
text file, the headline, which `scorer check` calls line 1 column 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types

from scorer.lsp.positions import Lines

if TYPE_CHECKING:
    from scorer.lsp.auditing import Audited
    from scorer.scoring.audit import Audit
    from scorer.scoring.points import Finding

SOURCE = "scorer"
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
DIRECTIVE = "directive"  # the code of a directive that sets nothing aside
NOT_AUDITED = "not-audited"  # the code of a document the config or the engine kept unaudited


@dataclass(frozen=True)
class Placed:
    """A finding and the offsets it is shown at (its own span, or its line for 0..0)."""

    finding: Finding
    start: int
    end: int


def placed(audit: Audit, lines: Lines) -> list[Placed]:
    """The findings shown in the editor, where they are shown."""
    out = []
    for finding in audit.findings:
        if finding.credit:
            continue
        start, end = finding.start, finding.end
        if start == end == 0:
            start = anchor(audit)
            end = max(start, lines.line_end(lines.line_of(start)))
        out.append(Placed(finding, start, end))
    return out


def anchor(audit: Audit) -> int:
    """Where a whole-document finding is taken to be: the first paragraph's start (as
    scorer.scoring.suppression takes it)."""
    paragraphs = audit.document.paragraphs
    return paragraphs[0].start if paragraphs else 0


def of(audited: Audited, encoding: str) -> list[types.Diagnostic]:
    """The diagnostics to publish for one audit."""
    lines = Lines(audited.text, encoding)
    if audited.problem is not None or audited.skipped is not None:
        first = to_range(lines, 0, lines.line_end(0))
        if audited.problem is not None:
            message = f"not audited: {audited.problem}"
            severity = types.DiagnosticSeverity.Error
        else:
            message = audited.skipped or ""
            severity = types.DiagnosticSeverity.Information
        return [_diagnostic(first, severity, NOT_AUDITED, message)]
    audit = audited.audit
    if audit is None:
        return []
    out = [finding_diagnostic(lines, spot) for spot in placed(audit, lines)]
    for notice in audit.notices:
        where = to_range(lines, notice.start, notice.end)
        out.append(_diagnostic(where, types.DiagnosticSeverity.Warning, DIRECTIVE, notice.message))
    return out


def finding_diagnostic(lines: Lines, spot: Placed) -> types.Diagnostic:
    """One finding's diagnostic: its severity, its rule as the code, its message."""
    finding = spot.finding
    severity = SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Information)
    where = to_range(lines, spot.start, spot.end)
    return _diagnostic(where, severity, finding.rule, finding.message)


def to_range(lines: Lines, start: int, end: int) -> types.Range:
    (line, character), (end_line, end_character) = lines.position(start), lines.position(end)
    return types.Range(
        start=types.Position(line=line, character=character),
        end=types.Position(line=end_line, character=end_character),
    )


def _diagnostic(
    where: types.Range, severity: types.DiagnosticSeverity, code: str, message: str
) -> types.Diagnostic:
    return types.Diagnostic(
        range=where, severity=severity, code=code, source=SOURCE, message=message
    )
