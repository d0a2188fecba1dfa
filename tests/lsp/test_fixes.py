"""Findings as the editor shows them, and the quick fix that sets one aside: in process."""

from __future__ import annotations

import pytest
from lsprotocol import types as t

from scorer.load import load_string
from scorer.lsp import actions, auditing, diagnostics, hover
from scorer.lsp.positions import UTF16, Lines
from scorer.scoring.audit import audit_document
from tests.conftest import INDEPENDENT, REWRITE

SEED = REWRITE.read_text(encoding="utf-8")
_PARAGRAPHS = SEED.split("\n\n")
# The seed as a Markdown draft: front matter, headings, a list, a block quote.
MARKDOWN = (
    "---\ntitle: Defection\nauthor: Desk\n---\n\n# "
    + _PARAGRAPHS[0]
    + "\n\n"
    + _PARAGRAPHS[1]
    + "\n\n## Background\n\n"
    + _PARAGRAPHS[2]
    + "\n\n- "
    + _PARAGRAPHS[3]
    + "\n- "
    + _PARAGRAPHS[4]
    + "\n\n> "
    + _PARAGRAPHS[5]
    + "\n\n"
    + "\n\n".join(_PARAGRAPHS[6:])
)
DOCUMENTS = [
    pytest.param(SEED, "text", id="rewrite.txt"),
    pytest.param(INDEPENDENT.read_text(encoding="utf-8"), "text", id="independent.txt"),
    pytest.param(MARKDOWN, "markdown", id="rewrite.md"),
]


def audited(text: str, fmt: str) -> auditing.Audited:
    return auditing.run(text, fmt=fmt, path=None, source="draft", generation=1)


def apply(text: str, edit: t.TextEdit) -> str:
    lines = Lines(text, UTF16)
    start = lines.offset(edit.range.start.line, edit.range.start.character)
    end = lines.offset(edit.range.end.line, edit.range.end.character)
    return text[:start] + edit.new_text + text[end:]


def test_the_seed_as_diagnostics_credit_left_out():
    shown = diagnostics.of(audited(SEED, "text"), UTF16)
    audit = scorer_audit(SEED, "text")
    # Each finding but credit, where `scorer check` puts it (line:column, 1-based).
    expected = [(f.rule, f.line - 1, f.column - 1) for f in audit.findings if not f.credit]
    assert [(d.code, d.range.start.line, d.range.start.character) for d in shown] == expected
    assert len(shown) == 24
    assert "distinct-source-kinds" not in {d.code for d in shown}  # credit, +8
    undescribed = next(d for d in shown if d.code == "anonymous-source-undescribed")
    assert undescribed == t.Diagnostic(
        range=t.Range(start=t.Position(line=6, character=66), end=t.Position(line=6, character=87)),
        severity=t.DiagnosticSeverity.Warning,
        code="anonymous-source-undescribed",
        source="scorer",
        message="'multiple sources' is anonymous, with no agency, side or role given",
    )
    severities = {d.code: d.severity for d in shown}
    assert severities["headline-overstates"] == t.DiagnosticSeverity.Error
    assert severities["unattributed-claim"] == t.DiagnosticSeverity.Information


def scorer_audit(text: str, fmt: str):
    return audit_document(load_string(text, source="draft", format=fmt))


def test_a_whole_document_finding_sits_on_the_first_paragraph_not_the_front_matter():
    shown = diagnostics.of(audited(MARKDOWN, "markdown"), UTF16)
    # Line 6 of the file is "# Someone Really Important Just Defected From Syria": the
    # heading's text, after "# ", to the end of its line.
    assert [
        (d.code, d.range.start.line, d.range.start.character, d.range.end.character)
        for d in shown
        if d.code in ("anonymous-heavy", "hedge-density")
    ] == [("anonymous-heavy", 5, 2, 51), ("hedge-density", 5, 2, 51)]


@pytest.mark.parametrize(("text", "fmt"), DOCUMENTS)
def test_the_quick_fix_sets_each_finding_aside_once_the_reason_is_written(text, fmt):
    result = audited(text, fmt)
    assert result.audit is not None
    lines = Lines(text, UTF16)
    spots = diagnostics.placed(result.audit, lines)
    assert spots
    for spot in spots:
        rule = spot.finding.rule
        fixes = actions.quick_fixes("file:///draft", result.audit, lines, spot.start, spot.start)
        fix = next(a for a in fixes if a.title == f"Set aside {rule} here (write the reason)")
        assert fix.kind == t.CodeActionKind.QuickFix
        assert fix.diagnostics and fix.diagnostics[0].code == rule
        assert fix.edit is not None and fix.edit.changes is not None
        (edit,) = fix.edit.changes["file:///draft"]
        assert edit.range.start == edit.range.end and edit.range.start.character == 0
        # at the paragraph's own indent or block-quote depth (tested below)
        lead, _, inserted = edit.new_text.partition("<!--")
        assert set(lead) <= {" "}
        assert "<!--" + inserted == f"<!-- scorer: ignore {rule} -- -->\n"
        applied = apply(text, edit)
        # As inserted, the reason is still to write: nothing is set aside, and the
        # directive says why where it stands.
        before = scorer_audit(applied, fmt)
        assert not [f for f in before.suppressed if f.rule == rule], rule
        assert [(n.line, n.message) for n in before.notices] == [
            (
                edit.range.start.line + 1,
                "`scorer: ignore` needs a reason after ` -- `; it has no effect",
            )
        ]
        # The writer types the reason: that finding is set aside, with it.
        reasoned = applied.replace(" -- -->", " -- checked with the desk -->", 1)
        after = scorer_audit(reasoned, fmt)
        mine = [f for f in after.suppressed if f.rule == rule and f.text == spot.finding.text]
        assert [f.suppressed for f in mine] == ["checked with the desk"], rule
        assert after.notices == ()


def test_one_fix_a_rule_and_paragraph_and_none_for_other_kinds():
    result = audited(SEED, "text")
    assert result.audit is not None
    lines = Lines(SEED, UTF16)
    at = lines.offset(6, 70)  # in 'multiple sources tell': four rules' findings
    titles = [a.title for a in actions.quick_fixes("u", result.audit, lines, at, at)]
    assert titles == [
        "Set aside anonymous-source-no-knowledge here (write the reason)",
        "Set aside anonymous-source-no-reason here (write the reason)",
        "Set aside anonymous-source-undescribed here (write the reason)",
        "Set aside borrowed-reporting here (write the reason)",
    ]
    only = [t.CodeActionKind.Refactor]
    assert actions.quick_fixes("u", result.audit, lines, at, at, only) == []
    assert len(actions.quick_fixes("u", result.audit, lines, at, at, ["quickfix"])) == 4


def test_hover_in_plain_text_on_a_finding_and_off_one():
    result = audited(SEED, "text")
    lines = Lines(SEED, UTF16)
    notable = hover.describe(result, lines.offset(8, 108), markdown=False)
    assert notable is not None
    # 'notable' is in a sentence with a claim of its own: both findings, in text order.
    parts = notable.split("\n\n")
    assert parts[0].startswith("unattributed-claim (info, 0 points): 'There have been a lot")
    assert parts[1].startswith("unattributed-claim: ")
    assert parts[2] == (
        "peacock-wording (info, -1 point): 'notable' praises, with nobody on record for it"
    )
    assert parts[3].startswith("peacock-wording: Praise nobody is on record for\nchecks:")
    assert "\nwhy:" in parts[3]
    assert "\nresult:   fires (-1): " in parts[3]
    assert parts[4:] == ["scorer: 15.5 / 100 poorly sourced, 24 findings"]
    assert hover.describe(result, lines.offset(1, 0), markdown=False) == (
        "scorer: 15.5 / 100 poorly sourced, 24 findings"
    )
    assert hover.describe(result, None, markdown=True) == (
        "**scorer: 15.5 / 100 poorly sourced, 24 findings**"
    )


def test_what_cannot_be_audited():
    assert diagnostics.of(audited("   \n", "text"), UTF16) == []
    too_long = auditing.run("a" * 1_000_001, fmt="text", path=None, source="x", generation=1)
    assert too_long.audit is None and too_long.problem is None
    (said,) = diagnostics.of(too_long, UTF16)
    assert said.code == "not-audited"
    assert said.severity == t.DiagnosticSeverity.Information
    assert said.message == (
        "not audited as you type: 1,000,001 characters is over 1,000,000; "
        "run `scorer audit` on the file"
    )


def test_a_lone_surrogate_from_the_editor_is_read_as_a_replacement_character():
    # JSON can carry "\ud800" alone, and an editor's buffer hold it; no file can.
    text = SEED.replace("Syrian state media", "Syrian state\ud800 media", 1)
    result = audited(text, "text")
    assert result.problem is None and result.text == text
    shown = diagnostics.of(result, UTF16)
    undescribed = [d.range for d in shown if d.code == "anonymous-source-undescribed"]
    assert [(r.start.line, r.start.character) for r in undescribed] == [(6, 67)]


def test_a_hover_in_markdown_shows_the_quoted_words_as_written_not_as_markup():
    text = SEED.replace("It’s been suggested", "It’s been *suggested", 1)
    result = audited(text, "text")
    shown = hover.describe(result, Lines(text).offset(12, 3), markdown=True)
    assert shown is not None
    assert shown.startswith(
        "**speculation** · warning · -3 points\n\n"
        "'It’s been \\*suggested': rumour or belief that nobody owns\n\n```text\n"
    )


@pytest.mark.parametrize(
    ("line", "lead"),
    [
        ("Plain paragraph.", ""),
        ("- Second item, officials said.", "  "),
        ("  - Nested item, critics say.", "    "),
        ("12. Numbered item.", "    "),
        ("> Quoted, sources said.", ""),  # a directive is a line of its own: no `>` before it
    ],
)
def test_the_directive_keeps_a_list_item_where_it_is(line, lead):
    text = f"Headline\n\n- First item.\n{line}\n"
    lines = Lines(text, UTF16)
    assert actions.lead(lines, text.index(line)) == lead


def test_a_directive_above_a_list_item_leaves_the_list_whole():
    from markdown_it import MarkdownIt

    text = "# Budget\n\nThe council met.\n\n- First, officials said.\n- Second, critics say.\n  - Nested, sources say.\n"
    lines = Lines(text, UTF16)
    for item in ("- Second", "  - Nested"):
        at = text.index(item)
        fixed = (
            text[:at] + actions.lead(lines, at) + "<!-- scorer: ignore x -- why -->\n" + text[at:]
        )
        kinds = [t.type for t in MarkdownIt().parse(fixed) if t.type.endswith("list_open")]
        assert kinds == ["bullet_list_open", "bullet_list_open"], item  # one list, one nested
