"""The Rich report of one audit and the summary table of several, read as an editor reads them."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from rich.cells import cell_len
from rich.console import Console

import scorer
from scorer.config import Config
from scorer.load import load
from scorer.render import article, page, report, summary, theme
from scorer.runs.outcome import Outcome
from scorer.scoring.audit import audit_document
from tests.conftest import INDEPENDENT, REWRITE

PYTHON = Config(engine="python")

# What each highlight looks like, written out here rather than read from the renderer.
HEDGE = "black on yellow"
NAMED = "green"
ANONYMOUS = "bold red"
AGENTLESS = "bold dark_orange"
HEADLINE = "bold white on red"
BOILERPLATE = "dim strike"
REPLY = "black on cyan"
UNATTRIBUTED = "magenta"
UNVERIFIED = "italic magenta"
HEDGED = "italic"
SOURCE_STYLES = {
    "named_person": NAMED,
    "named_organization": NAMED,
    "named_outlet": NAMED,
    "anonymous": ANONYMOUS,
    "agentless": AGENTLESS,
}
CLAIM_STYLES = {"unattributed": UNATTRIBUTED, "unverified": UNVERIFIED, "hedged": HEDGED}
KIND_STYLES = {"hedge": HEDGE, "headline": HEADLINE, "boilerplate": BOILERPLATE, "reply": REPLY}
THEME = theme.theme()


def look(name: str) -> str:
    """What a style name of the report's theme looks like."""
    return str(THEME.styles[name])


def _audit(path):
    """The audit of a seed, its source named as a run from the repository would name it."""
    doc = dataclasses.replace(load(str(path)), source=f"examples/{path.name}")
    return audit_document(doc, PYTHON)


@pytest.fixture(scope="module")
def independent_audit():
    return _audit(INDEPENDENT)


@pytest.fixture(scope="module")
def rewrite_audit():
    return _audit(REWRITE)


def plain(audit, width: int, **options) -> list[str]:
    return page.export(audit, "plain", width=width, **options).splitlines()


# The plain report ----------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 120])
def test_the_header_names_the_article_and_how_hard_it_reads(independent_audit, width):
    lines = plain(independent_audit, width)
    assert lines[:3] == [
        "Syria crisis: General deserts Damascus and flees to Turkey",
        "examples/independent-habib-defection.txt (text)",
        "391 words · Flesch reading ease 50.7 (fairly difficult) · grade 11.3",
    ]


@pytest.mark.parametrize("width", [80, 120])
def test_the_score_shows_its_label_how_it_adds_up_and_a_bar_per_category(independent_audit, width):
    lines = plain(independent_audit, width)
    assert "│ 75.0 / 100  adequately sourced                         │" in lines
    assert "│ genre: news (nothing says otherwise)                   │" in lines
    # The sum, and each bar the same base plus its points: 60 - 2.5 + 33 - 3.5 - 8 - 10 + 6.
    assert "│ 60 base, +46 credit, -31 for problems = 75             │" in lines
    assert "│ each bar is the base plus its category's points        │" in lines
    assert "│ Anonymous sources       ████████████░░░░░░░░ 57.5 -2.5 │" in lines
    assert "│ Attribution             ███████████████████░   93  +33 │" in lines
    assert "│ Headline                ██████████░░░░░░░░░░   50  -10 │" in lines
    assert "│ Right of reply          █████████████░░░░░░░   66   +6 │" in lines
    assert any(line.endswith(" engine: python ─╯") for line in lines)


def test_a_poorly_sourced_rewrite_says_so(rewrite_audit):
    lines = plain(rewrite_audit, 80)
    assert lines[:3] == [
        "Someone Really Important Just Defected From Syria",
        "examples/habib-defection-rewrite.txt (text)",
        "443 words · Flesch reading ease 45.3 (difficult) · grade 13.1",
    ]
    assert "│ 15.5 / 100  poorly sourced                             │" in lines
    assert "│ 60 base, +8 credit, -52.5 for problems = 15.5          │" in lines
    assert "Findings: 24 problems (2 errors, 10 warnings, 12 info) and 1 credit" in lines


def test_each_finding_is_a_row_with_its_place_severity_rule_and_signed_points(
    independent_audit,
):
    lines = plain(independent_audit, 80)
    assert "Findings: 13 problems (1 error, 5 warnings, 7 info) and 5 credits" in lines
    row = lines.index(
        "  9:151   warning    anonymous-source-no-reason                            -1.5"
    )
    assert [line.strip() for line in lines[row + 1 : row + 3]] == [
        "the copy does not say why 'a Western diplomatic",
        "official' is not named",
    ]
    assert (
        "    1:1   error      headline-overstates                                    -10" in lines
    )
    # Findings about the whole document have no span to point at; credit is signed.
    assert (
        "    doc   info       named-sources-on-record                                +16" in lines
    )


def test_a_finding_past_its_rule_cap_shows_0_and_says_why(independent_audit):
    lines = plain(independent_audit, 120)
    row = next(
        n
        for n, line in enumerate(lines)
        if line.split() == ["15:46", "info", "borrowed-reporting", "0"]
    )
    assert len(lines[row]) == 119  # points at the right edge, before the table's padding
    assert lines[row + 1].strip() == (
        "'he threatened': this rests on another outlet's reporting, not this story's (cap reached)"
    )


def test_the_tables_have_a_row_per_finding_and_per_attribution(independent_audit):
    findings = report.findings_table(independent_audit)
    sources = report.sources_table(independent_audit)
    assert findings.row_count == 18
    assert sources.row_count == 16


def test_the_sources_table_says_who_what_kind_which_cue_and_whether_quoted(independent_audit):
    lines = plain(independent_audit, 80)
    start = lines.index("Sources: 16 attributions")
    assert lines[start + 1].split() == ["line", "who", "type", "cue", "quote"]
    assert lines[start + 3 : start + 10] == [
        "    7   (nobody named)                  nobody         reportedly         no",
        "    9   Kamal al-Labwani                person         said               yes",
        "        a senior member of the Syrian",
        "        National Coalition",
        "    9   a Western diplomatic official   anonymous      told               no",
        "        relayed by Kamal al-Labwani",
        "    9   Syrian state television         outlet         denied             no",
    ]
    assert "   10   (nobody named)                  nobody         Rumours            no" in lines
    assert "   13   He (Adib Shishakly)             person         says               no" in lines


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("which", ["independent", "rewrite"])
def test_no_line_is_wider_than_the_report_and_plain_has_no_escape_codes(
    independent_audit, rewrite_audit, which, width
):
    audit = independent_audit if which == "independent" else rewrite_audit
    text = page.export(audit, "plain", width=width)
    assert "\x1b" not in text
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert all(line == line.rstrip() for line in text.splitlines())


def test_the_article_is_numbered_as_findings_are_and_marks_the_worst_of_each_line(
    independent_audit,
):
    lines = plain(independent_audit, 80)
    assert " 1 E Syria crisis: General deserts Damascus and flees to Turkey" in lines
    assert " 3 · Your support helps us to tell the story" in lines  # boilerplate
    assert any(
        line.startswith(" 7 W Your support makes all the difference.A former") for line in lines
    )
    assert any(line.startswith("12   Syrian opposition members have been hoping") for line in lines)
    assert any(line.startswith("11   “He will be a top source of information.") for line in lines)


def test_the_legend_names_every_highlight_the_text_uses(rewrite_audit):
    text = article.legend(rewrite_audit).plain
    assert text.startswith("Highlights: boilerplate (not scored) · headline stating what")
    for label in ("claim nobody is on record for", "anonymous source", "hedge", "named source"):
        assert f" {label} ·" in text
    assert "reply of the subject" not in text  # the rewrite has no reply
    assert "Margin: the line's worst finding, E error, W warning, I info; · boilerplate" in text


def test_without_text_the_report_stops_at_the_findings_and_the_footer(independent_audit):
    lines = plain(independent_audit, 80, show_text=False)
    assert not any(line.startswith("Article") for line in lines)
    assert lines[-3:] == [
        "Explain a finding: scorer explain RULE (e.g. scorer explain hedge-density)",
        "Suppress one:      <!-- scorer: ignore RULE -- reason --> on the line before its",
        "                   paragraph",
    ]


def test_suppressed_findings_are_counted_and_listed_with_their_reason(independent_audit):
    lede = next(f for f in independent_audit.findings if f.rule == "unattributed-lede")
    set_aside = dataclasses.replace(lede, points=0.0, suppressed="the wire copy carries it")
    audit = dataclasses.replace(
        independent_audit,
        findings=tuple(f for f in independent_audit.findings if f is not lede),
        suppressed=(set_aside,),
    )
    lines = plain(audit, 80, show_text=False)
    assert "1 suppressed: set aside by inline directives, worth no points" in lines
    assert "Suppressed findings" in lines
    row = lines.index(" 7:39   warning    unattributed-lede")
    assert lines[row + 1].strip() == "suppressed: the wire copy carries it"
    assert "0 suppressed: none set aside" in plain(independent_audit, 80, show_text=False)


# The highlighted text ------------------------------------------------------------------


def _signal_style(signal) -> str | None:
    if signal.kind == "attribution":
        return SOURCE_STYLES[signal.fields["source"]["type"]]
    if signal.kind == "claim":
        return CLAIM_STYLES.get(signal.fields["status"])
    return KIND_STYLES[signal.kind]


def test_highlights_cover_exactly_the_signals_offsets(independent_audit):
    text = article.highlighted(independent_audit)
    assert text.plain == independent_audit.document.text
    highlight_styles = {h.style for h in article.HIGHLIGHTS.values()}
    found = sorted(
        (s.start, s.end, look(s.style)) for s in text.spans if s.style in highlight_styles
    )
    expected = sorted(
        (s.start, s.end, style)
        for s in independent_audit.signals
        if (style := _signal_style(s)) is not None
    )
    assert found == expected
    assert len(found) == 30  # 43 signals; the 13 claims on record are left plain
    for span in [
        (0, 58, HEADLINE),  # "Syria crisis: General deserts Damascus and flees to Turkey"
        (185, 1118, BOILERPLATE),  # the donation box
        (1208, 1218, HEDGE),  # "reportedly"
        (1664, 1706, ANONYMOUS),  # "told this by a Western diplomatic official"
        (1817, 1823, REPLY),  # "denied"
        (2018, 2036, AGENTLESS),  # "Rumours circulated"
        (2018, 2036, HEDGE),
        (2459, 2571, HEDGED),  # "Syrian opposition members have been hoping..."
        (2541, 2546, HEDGE),  # "would", which hedges it
    ]:
        assert span in found


def test_findings_are_underlined_and_sources_bold_over_their_signals(rewrite_audit):
    text = article.highlighted(rewrite_audit)
    assert (look(theme.FINDING), look(theme.SOURCE_NAME)) == ("underline", "bold")
    underlined = sorted((s.start, s.end) for s in text.spans if s.style == theme.FINDING)
    assert underlined == sorted(
        {(f.start, f.end) for f in rewrite_audit.findings if f.end > f.start}
    )
    assert (884, 905) in underlined  # "multiple sources tell"
    bold = sorted((s.start, s.end) for s in text.spans if s.style == theme.SOURCE_NAME)
    assert bold == [(467, 485), (818, 836), (884, 900), (2079, 2095), (2340, 2347)]


def test_no_two_highlights_share_a_style():
    styles = [look(h.style) for h in article.HIGHLIGHTS.values()]
    assert len(set(styles)) == len(styles)
    assert not {"bold", "underline"} & set(styles)


# Export ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "svg"])
def test_html_and_svg_read_offline(independent_audit, fmt):
    out = page.export(independent_audit, fmt, width=100)
    addresses = re.findall(r"https?://[^\s\"'<>)]*", out)
    assert addresses == (["http://www.w3.org/2000/svg"] if fmt == "svg" else [])
    assert "@font-face" not in out
    assert "url(" not in out
    assert "75.0" in out
    assert "adequately" in out


def test_the_svg_uses_a_local_monospace_font(independent_audit):
    out = page.export(independent_audit, "svg", width=100)
    assert '"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace' in out
    assert "Fira Code" not in out
    assert out.startswith('<svg class="rich-terminal"')


def test_the_html_is_one_page_titled_after_the_article(independent_audit):
    out = page.export(independent_audit, "html", width=100)
    assert (
        "<title>scorer: Syria crisis: General deserts Damascus and flees to Turkey</title>" in out
    )
    assert out.count("<html>") == 1


def test_ansi_export_is_coloured(independent_audit):
    out = page.export(independent_audit, "rich", width=100)
    assert "\x1b[" in out
    assert re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()[0].rstrip() == (
        "Syria crisis: General deserts Damascus and flees to Turkey"
    )


@pytest.mark.parametrize("fmt", page.FORMATS)
def test_the_same_audit_gives_the_same_bytes_whatever_the_environment(
    independent_audit, fmt, monkeypatch
):
    first = page.export(independent_audit, fmt, width=90)
    assert page.export(independent_audit, fmt, width=90) == first
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TERM", "dumb")
    assert page.export(independent_audit, fmt, width=90) == first


def test_an_unknown_format_is_refused(independent_audit):
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        page.export(independent_audit, "pdf")


def test_reading_ease_has_flesch_s_words():
    assert [report.ease_word(v) for v in (95, 85, 75, 65, 55, 50.7, 45.3, 10)] == [
        "very easy",
        "easy",
        "fairly easy",
        "standard",
        "fairly difficult",
        "fairly difficult",
        "difficult",
        "very difficult",
    ]


# The summary -----------------------------------------------------------------------------


def _print(renderable, width: int) -> list[str]:
    console = Console(
        file=io.StringIO(), width=width, height=25, color_system=None, force_terminal=False
    )
    console.print(renderable)
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def test_the_summary_has_a_row_per_file_and_an_error_row_for_one_that_failed(
    independent_audit, rewrite_audit
):
    outcomes = [
        Outcome("independent.txt", independent_audit),
        Outcome("rewrite.txt", rewrite_audit),
        Outcome("missing.txt", error="missing.txt: no such file"),
    ]
    table = summary.render(outcomes)
    assert table.row_count == 3
    lines = _print(table, 80)
    assert lines[0] == "Summary"
    assert lines[1].split() == ["file", "score", "problems", "worst", "problem"]
    rows = [line.split() for line in lines[3:]]
    assert rows == [
        ["independent.txt", "75.0", "adequately", "13", "headline-overstates"],
        ["sourced", "error", "1:1"],
        ["rewrite.txt", "15.5", "poorly", "24", "headline-overstates"],
        ["sourced", "error", "1:1"],
        ["missing.txt", "error", "-", "no", "such", "file"],
        ["3", "files:", "2", "audited,", "1", "not", "audited"],
    ]
    assert max(cell_len(line) for line in lines) <= 80
    assert max(cell_len(line) for line in _print(table, 120)) <= 120


def test_the_worst_problem_is_the_most_severe_then_the_costliest_never_credit(rewrite_audit):
    worst = Outcome("r", rewrite_audit).worst
    assert (worst.rule, worst.line) == ("headline-overstates", 1)
    warnings = tuple(f for f in rewrite_audit.findings if f.severity != "error")
    worst = Outcome("r", dataclasses.replace(rewrite_audit, findings=warnings)).worst
    # hedge-density (doc) costs 5, more than any other warning (anonymous-heavy costs 3)
    assert (worst.rule, worst.line, worst.points) == ("hedge-density", 1, -5.0)
    credit = tuple(f for f in rewrite_audit.findings if f.points > 0)
    assert Outcome("r", dataclasses.replace(rewrite_audit, findings=credit)).worst is None


def test_with_changed_lines_the_summary_counts_only_problems_on_them(rewrite_audit):
    outcome = Outcome("rewrite.txt", rewrite_audit, changed=frozenset({7}))
    assert [f.rule for f in outcome.reported] == [
        "anonymous-heavy",  # about the whole document, which changed
        "hedge-density",
        "anonymous-and-hedged",  # a document rule, placed at the lede only to point there
        "borrowed-reporting",
        "anonymous-source-no-knowledge",
        "anonymous-source-no-reason",
        "anonymous-source-undescribed",
        "borrowed-reporting",
    ]
    rows = [line.split() for line in _print(summary.render([outcome]), 100)[3:5]]
    assert rows == [
        ["rewrite.txt", "15.5", "poorly", "sourced", "8", "anonymous-and-hedged"],
        ["error", "3:1"],
    ]


# Text that Rich would print wrongly ------------------------------------------------------


def test_crlf_copy_keeps_its_offsets_and_its_line_numbers():
    text = "Minister quits\r\n\r\nA source said the minister lied.\r\nIt is believed he fled.\r\n"
    audit = scorer.audit(text, config=PYTHON)
    highlighted = article.highlighted(audit)
    assert len(highlighted.plain) == len(text)
    assert (18, 31, ANONYMOUS) in [(s.start, s.end, look(s.style)) for s in highlighted.spans]
    assert text[18:31] == "A source said"
    lines = plain(audit, 80)
    start = next(n for n, line in enumerate(lines) if line.startswith("Margin:")) + 2
    assert lines[start : start + 4] == [
        "1   Minister quits",
        "2",
        "3 E A source said the minister lied.",
        "4 W It is believed he fled.",
    ]


def test_control_characters_in_the_copy_never_reach_the_terminal():
    text = "Head\n\nA source said the \x1b[31mminister\x1b[0m lied.\x07\n"
    audit = scorer.audit(text, config=PYTHON)
    assert "\x1b" not in page.export(audit, "plain", width=80)
    assert "\x1b[31mminister" not in page.export(audit, "rich", width=80)
    assert "3 E A source said the \ufffd[31mminister\ufffd[0m lied.\ufffd" in plain(audit, 80)
