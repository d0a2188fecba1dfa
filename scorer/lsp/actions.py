"""The quick fix on a finding: set it aside with an inline directive, with a reason.

The directive goes on a line of its own right above the first line of the finding's
paragraph (for a whole-document finding, the document's first paragraph), which is what
makes it cover that paragraph in Markdown and in plain text (scorer.load.directives): no
blank line is needed, and none is added, so the paragraph stays where it was.

The reason is left empty, `<!-- scorer: ignore RULE -- -->`, for the writer to write: a
directive with no reason sets nothing aside and is reported where it stands ("needs a
reason after ` -- `"), so a finding is never set aside by a fix applied and forgotten. A
placeholder word would count as a reason (any text after ` -- ` does), and would.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lsprotocol import types

from scorer.lsp.diagnostics import Placed, anchor, finding_diagnostic, placed
from scorer.lsp.positions import Lines

if TYPE_CHECKING:
    from scorer.scoring.audit import Audit

QUICKFIX = types.CodeActionKind.QuickFix


def directive(rule: str) -> str:
    """The directive a quick fix inserts, its reason still to write."""
    return f"<!-- scorer: ignore {rule} -- -->"


def title(rule: str) -> str:
    return f"Set aside {rule} here (write the reason)"


# A line's indent, then a list marker and the space after it.
_LEAD = re.compile(r"([ \t]*)((?:[-*+]|\d{1,9}[.)])[ \t]+)?")


def quick_fixes(
    uri: str,
    audit: Audit,
    lines: Lines,
    start: int,
    end: int,
    only: Sequence[str] | None = None,
) -> list[types.CodeAction]:
    """A quick fix for each rule with a finding shown in `start`..`end` (offsets of the
    text `audit` was made of): one a rule and paragraph, though several findings share it."""
    if only and not any(_asks_quickfix(kind) for kind in only):
        return []
    actions, seen = [], set()
    for spot in placed(audit, lines):
        if spot.start > end or spot.end < start:
            continue
        at = insertion(audit, lines, spot)
        if (spot.finding.rule, at) in seen:
            continue
        seen.add((spot.finding.rule, at))
        actions.append(_action(uri, lines, spot, at))
    return actions


def insertion(audit: Audit, lines: Lines, spot: Placed) -> int:
    """Where the directive goes: the start of the line the finding's paragraph starts on."""
    finding = spot.finding
    at = anchor(audit) if finding.start == finding.end == 0 else finding.start
    paragraphs = audit.document.paragraphs
    n = bisect_right([p.start for p in paragraphs], at) - 1
    start = paragraphs[n].start if n >= 0 else at
    return lines.line_start(lines.line_of(start))


def lead(lines: Lines, at: int) -> str:
    """What the directive's line must start with to stay where the paragraph is in Markdown:
    the line's indent, and for a list item its content's indent (at column 0 the comment
    would end the list, or a nested list would come loose). A block quote's `>` is not
    repeated: a directive is a line of its own (scorer.load.directives)."""
    line = lines.text[at : lines.line_end(lines.line_of(at))]
    match = _LEAD.match(line)
    assert match is not None  # every part is optional
    indent, marker = match.group(1), match.group(2)
    return indent + (" " * len(marker) if marker else "")


def _action(uri: str, lines: Lines, spot: Placed, at: int) -> types.CodeAction:
    line, character = lines.position(at)
    here = types.Position(line=line, character=character)
    edit = types.TextEdit(
        range=types.Range(start=here, end=here),
        new_text=lead(lines, at) + directive(spot.finding.rule) + lines.eol(),
    )
    return types.CodeAction(
        title=title(spot.finding.rule),
        kind=QUICKFIX,
        diagnostics=[finding_diagnostic(lines, spot)],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def _asks_quickfix(kind: str) -> bool:
    """Whether a requested kind covers quick fixes ("", "quickfix", or a parent of it)."""
    kind = str(getattr(kind, "value", kind))
    return kind == "" or QUICKFIX.value == kind or QUICKFIX.value.startswith(kind + ".")
