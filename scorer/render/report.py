"""One audit as a Rich report: the article with its problems lit up, and its score explained.

Top to bottom: the header (title, source, words, readability), the score with one bar per
category, the sources on record, the findings (suppressed ones too, marked with their
reason), the article text with every signal highlighted and a legend, and how to explain or
suppress a finding. render/page.py prints it as ANSI, plain text, HTML or SVG.

Colour never carries meaning alone: severities are words, highlights have a legend, and the
margin of the article marks the worst finding of each line with a letter, so the plain
rendering (a pipe, a CI log) still reads. Only formats what the Audit carries.

Line numbers here are those of the article as the report prints it (`text_line_col`). For an
HTML page that is the extracted text, not the page's lines, which the formats that point into
the file use instead (concise, github, sarif, json, markdown): a reader of this report looks
for a finding in the article printed below it, not in the page's markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import NewLine, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from scorer.render import theme
from scorer.render.article import HIGHLIGHTS, SOURCE_HIGHLIGHTS, article
from scorer.render.escape import clean, shown
from scorer.render.points import points_text

if TYPE_CHECKING:
    from scorer.detectors.genre import Genre
    from scorer.load.document import Document
    from scorer.scoring.audit import Audit
    from scorer.scoring.points import Finding
    from scorer.signals import Signal


SOURCE_WORDS = {
    "named_person": "person",
    "named_organization": "organisation",
    "named_outlet": "outlet",
    "document": "document",
    "self": "reporter",
    "anonymous": "anonymous",
    "vague": "vague",
    "agentless": "nobody",
}
# Flesch's own bands for reading ease, lowest score first.
_EASE_WORDS = (
    (30, "very difficult"),
    (50, "difficult"),
    (60, "fairly difficult"),
    (70, "standard"),
    (80, "fairly easy"),
    (90, "easy"),
)
_BAR = 20
_SUPPRESS = "<!-- scorer: ignore RULE -- reason -->"


def render(audit: Audit, *, show_text: bool = True) -> list[RenderableType]:
    """The report of one audit, as renderables to print one after another."""
    sections: list[list[RenderableType]] = [
        [header(audit)],
        [score_panel(audit)],
        [sources_table(audit)],
        findings_section(audit),
    ]
    if show_text:
        sections.append(article(audit))
    sections.append([footer(audit)])
    parts: list[RenderableType] = []
    for section in sections:
        parts += [*([NewLine()] if parts else []), *section]
    return parts


# Header -------------------------------------------------------------------------------


def header(audit: Audit) -> Text:
    doc = audit.document
    lines = [Text(clean(doc.title) if doc.title else shown(doc.source), style="bold")]
    lines.append(Text(f"{shown(doc.source)} ({doc.format})", style="dim"))
    known = [clean(part) for part in (doc.byline, doc.date) if part]
    if known:
        lines.append(Text(" · ".join(known)))
    read = audit.readability
    words = read.words if read else doc.word_count
    stats = f"{words} word{'' if words == 1 else 's'}"
    if read and read.words:
        ease = read.flesch_reading_ease
        stats += (
            f" · Flesch reading ease {ease:.1f} ({ease_word(ease)})"
            f" · grade {read.flesch_kincaid_grade:.1f}"
        )
    lines.append(Text(stats))
    return Text("\n").join(lines)


def ease_word(ease: float) -> str:
    """Flesch's word for a reading-ease score: 50.7 is "fairly difficult"."""
    return next((word for limit, word in _EASE_WORDS if ease < limit), "very easy")


# Score --------------------------------------------------------------------------------


def score_panel(audit: Audit) -> Panel:
    style = label_style(audit)
    body = [
        Text.assemble((f"{audit.score:.1f}", style), " / 100  ", (audit.label or "no label", style))
    ]
    if audit.unjudged:
        body.append(Text(audit.unjudged))
    if audit.genre is not None:
        body.append(Text(genre_line(audit.genre), style="dim"))
    breakdown = _breakdown(audit)
    if breakdown:
        body.append(Text(breakdown, style="dim"))
    body.append(Text())
    bars = Table.grid(padding=(0, 1))
    bars.add_column(no_wrap=True)
    bars.add_column(no_wrap=True)
    bars.add_column(justify="right", no_wrap=True)
    bars.add_column(justify="right", no_wrap=True)
    points = audit.breakdown.categories if audit.breakdown else {}
    for category, value in (audit.subscores or {}).items():
        bars.add_row(
            Text(_category_title(audit, category)),
            bar(value, _score_style(audit, value)),
            Text(_number(value)),
            _points(points.get(category)),
        )
    return Panel(
        _stack(body, bars),
        title=Text("Score", style="bold"),
        title_align="left",
        subtitle=Text(f"engine: {audit.engine}", style="dim") if audit.engine else None,
        subtitle_align="right",
        box=box.ROUNDED,
        expand=False,
    )


def bar(value: float, style: str) -> Text:
    """A sub-score of 0..100 as a bar of blocks: full ones for the score, light for the rest."""
    full = round(max(0.0, min(100.0, value)) * _BAR / 100)
    return Text.assemble(("█" * full, style), ("░" * (_BAR - full), "dim"))


def label_style(audit: Audit) -> str:
    """The theme's style of the audit's label (green for well sourced...)."""
    return theme.label_style(audit.label) if audit.label else "bold"


def _score_style(audit: Audit, value: float) -> str:
    """A sub-score drawn in the style of the label a total of the same value would get."""
    if audit.rules is None:
        return ""
    return theme.label_style(audit.rules.scoring.label(value).name)


def _category_title(audit: Audit, category: str) -> str:
    title = None if audit.rules is None else audit.rules.scoring.category_title(category)
    return title or category


def genre_line(genre: Genre) -> str:
    """`genre: opinion (page metadata: section "Opinion")`: what the rules judged it as, and why."""
    if genre.by == "default":
        return f"genre: {genre.title} (nothing says otherwise)"
    return f"genre: {genre.title} ({genre.by}: {genre.evidence})"


def _breakdown(audit: Audit) -> str | None:
    """`75 base, +23 credit, -32 for problems = 66; each bar is the base plus its points`:
    the sum that makes the score, and how the bars make it."""
    sum_ = audit.breakdown
    if sum_ is None:
        return None
    line = f"{_number(sum_.base)} base, {points_text(sum_.credit)} credit"
    line += f", {points_text(sum_.problems)} for problems"
    line += " (held between 0 and 100)" if sum_.clamped else f" = {_number(audit.score)}"
    return f"{line}\neach bar is the base plus its category's points"


def _points(value: float | None) -> Text:
    if value is None:
        return Text()
    return Text(points_text(value), style=_points_style(value))


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _stack(lines: list[Text], table: Table) -> Table:
    grid = Table.grid()
    grid.add_column()
    for line in lines:
        grid.add_row(line)
    grid.add_row(table)
    return grid


# Sources ------------------------------------------------------------------------------


def sources_table(audit: Audit) -> Table | Text:
    """Who is on record: one row per attribution, in the order of the text."""
    doc = audit.document
    attributions = [s for s in audit.signals if s.kind == "attribution"]
    if not attributions:
        return Text("Sources: no attribution found", style="bold")
    count = len(attributions)
    table = Table(
        title=Text(f"Sources: {count} attribution{'' if count == 1 else 's'}", style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        expand=True,
    )
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("who", overflow="fold", ratio=1)
    table.add_column("type", no_wrap=True)
    table.add_column("cue", overflow="fold", max_width=16)
    table.add_column("quote", no_wrap=True)
    for signal in attributions:
        source = signal.fields.get("source") or {}
        cue = signal.fields.get("cue") or {}
        kind = source.get("type", "")
        style = HIGHLIGHTS[SOURCE_HIGHLIGHTS.get(kind, "named-source")].style
        table.add_row(
            Text(str(doc.text_line_col(signal.start)[0])),
            _who(signal),
            Text(SOURCE_WORDS.get(kind, kind), style=style),
            Text(clean(cue.get("text", ""))),
            Text("yes" if signal.fields.get("quote") else "no"),
        )
    return table


def _who(signal: Signal) -> Text:
    """The source as the text names it, then what else the copy says of it, dimmed."""
    source = signal.fields.get("source") or {}
    description = (source.get("description") or {}).get("text", "")
    name = clean(_before(str(source.get("text", "")), description))
    who = Text(name or "(nobody named)", style="" if name else "italic")
    resolved = source.get("resolved")
    if resolved:
        who.append(f" ({clean(resolved['text'])})")
    notes: list[str] = []
    if description:
        notes.append(description)
    if signal.fields.get("relayed_by"):
        relay = signal.fields["relayed_by"]["text"]
        notes.append(f"relayed by {_before(relay, relay.partition(', ')[2])}")
    if signal.fields.get("outlet"):
        notes.append(f"via {signal.fields['outlet']['text']}")
    if notes:
        who.append("\n" + "; ".join(clean(n) for n in notes), style="dim")
    return who


def _before(text: str, description: str) -> str:
    """A source span without the description it holds: "Kamal al-Labwani, a senior member
    of ..." is "Kamal al-Labwani" when its description is shown beneath it."""
    at = text.find(description) if description else -1
    return text[:at].rstrip(" ,(–—-") if at > 0 else text


# Findings -----------------------------------------------------------------------------


def findings_section(audit: Audit) -> list[RenderableType]:
    """The findings table, the count of suppressed findings, and those, dimmed, if any."""
    parts: list[RenderableType] = [findings_table(audit)]
    count = len(audit.suppressed)
    note = "set aside by inline directives, worth no points" if count else "none set aside"
    parts.append(Text.assemble((f"{count} suppressed", "bold"), f": {note}"))
    if audit.suppressed:
        parts.append(suppressed_table(audit))
    for notice in audit.notices:
        parts.append(
            Text.assemble(
                ("directive ignored ", "bold yellow"),
                (f"{notice.line}:{notice.column} ", "dim"),
                clean(notice.message),
            )
        )
    return parts


def findings_table(audit: Audit) -> Table | Text:
    findings = audit.findings
    if not findings:
        return Text("Findings: none", style="bold")
    problems = [f for f in findings if not f.credit]
    by_severity = [
        f"{n} {severity}{'' if severity == 'info' or n == 1 else 's'}"
        for severity in ("error", "warning", "info")
        if (n := sum(1 for f in problems if f.severity == severity))
    ]
    credits = len(findings) - len(problems)
    title = (
        f"Findings: {len(problems)} problem{'' if len(problems) == 1 else 's'}"
        + (f" ({', '.join(by_severity)})" if by_severity else "")
        + f" and {credits} credit{'' if credits == 1 else 's'}"
    )
    table = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        expand=True,
    )
    table.add_column("at", justify="right", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("rule and message", overflow="fold", ratio=1)
    table.add_column("points", justify="right", no_wrap=True)
    for finding in findings:
        cell = Text(finding.rule, style="bold")
        cell.append("\n" + clean(finding.message))
        if finding.cap_reached:
            cell.append(" (cap reached)", style="dim")
        elif finding.same_source:
            cell.append(" (same source as before: counted once)", style="dim")
        table.add_row(
            Text(place(finding, audit.document)),
            Text(finding.severity, style=theme.SEVERITY.get(finding.severity, "")),
            cell,
            Text(points_text(finding.points), style=_points_style(finding.points)),
        )
    return table


def suppressed_table(audit: Audit) -> Table:
    table = Table(
        title=Text("Suppressed findings", style="bold dim"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        expand=True,
        style="dim",
        header_style="dim",
    )
    table.add_column("at", justify="right", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("rule and reason", overflow="fold", ratio=1)
    for finding in audit.suppressed:
        cell = Text(finding.rule, style="dim bold")
        reason = clean(finding.suppressed or "") or "no reason given"
        cell.append(f"\nsuppressed: {reason}", style="dim")
        table.add_row(
            Text(place(finding, audit.document), style="dim"),
            Text(finding.severity, style="dim"),
            cell,
        )
    return table


def place(finding: Finding, doc: Document) -> str:
    """`line:col` of a finding in the printed article; `doc` for one about the whole
    document, placed nowhere."""
    if finding.whole_document and finding.start == finding.end:
        return "doc"
    line, column = doc.text_line_col(finding.start)
    return f"{line}:{column}"


def _points_style(points: float) -> str:
    return theme.POINTS["credit" if points > 0 else "problem" if points < 0 else "none"]


# Footer -------------------------------------------------------------------------------


def footer(audit: Audit) -> Table:
    problems = [f for f in audit.findings if not f.credit]
    example = f" (e.g. scorer explain {problems[0].rule})" if problems else ""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row(Text("Explain a finding:"), Text(f"scorer explain RULE{example}"))
    grid.add_row(Text("Suppress one:"), Text(f"{_SUPPRESS} on the line before its paragraph"))
    return grid
