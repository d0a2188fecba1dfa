"""One audit as a Rich report: the article with its problems lit up, and its score explained.

Top to bottom: the header (title, source, words, readability), the score with one bar per
category, the sources on record, the findings (suppressed ones too, marked with their
reason), the article text with every signal highlighted and a legend, and how to explain or
suppress a finding. render/page.py prints it as ANSI, plain text, HTML or SVG.

Colour never carries meaning alone: severities are words, highlights have a legend, and the
margin of the article marks the worst finding of each line with a letter, so the plain
rendering (a pipe, a CI log) still reads. Only formats what the Audit carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich import box
from rich.console import NewLine, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from scorer.engine.choices import SEVERITIES
from scorer.render.escape import shown
from scorer.render.points import points_text

if TYPE_CHECKING:
    from scorer.scoring.audit import Audit
    from scorer.scoring.points import Finding
    from scorer.signals import Signal


@dataclass(frozen=True)
class Highlight:
    style: str
    label: str


# One style per highlight, each used once: the legend and the tests tell them apart by it.
HIGHLIGHTS: dict[str, Highlight] = {
    "boilerplate": Highlight("dim strike", "boilerplate (not scored)"),
    "headline": Highlight("bold white on red", "headline stating what the body hedges"),
    "claim-unattributed": Highlight("magenta", "claim nobody is on record for"),
    "claim-unverified": Highlight("italic magenta", "claim resting on a hedge"),
    "claim-hedged": Highlight("italic", "claim that hedges itself"),
    "named-source": Highlight("green", "named source"),
    "anonymous-source": Highlight("bold red", "anonymous source"),
    "vague-source": Highlight("dark_orange", "vague source"),
    "agentless": Highlight("bold dark_orange", "nobody named (agentless)"),
    "anonymity-reason": Highlight("black on green", "why or how an anonymous source knows"),
    "reply": Highlight("black on cyan", "reply of the subject"),
    "hedge": Highlight("black on yellow", "hedge"),
}
SOURCE_NAME = "bold"  # who speaks, inside an attribution's span
FINDING = "underline"  # a finding's span, over the style of its signal

# Later layers are drawn over earlier ones: a hedge inside a claim keeps its own colours.
_LAYERS = ("boilerplate", "headline", "claim", "attribution", "anonymity_reason", "reply", "hedge")
_SOURCE_KEYS = {
    "named_person": "named-source",
    "named_organization": "named-source",
    "named_outlet": "named-source",
    "document": "named-source",
    "self": "named-source",
    "anonymous": "anonymous-source",
    "vague": "vague-source",
    "agentless": "agentless",
}
SOURCE_TYPES = {
    "named_person": "person",
    "named_organization": "organisation",
    "named_outlet": "outlet",
    "document": "document",
    "self": "reporter",
    "anonymous": "anonymous",
    "vague": "vague",
    "agentless": "nobody",
}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
# Used when the Audit carries no rule set (built by hand): the shipped labels' styles.
_LABEL_STYLES = {
    "well": "bold green",
    "adequately": "bold yellow",
    "thinly": "bold dark_orange",
    "poorly": "bold red",
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
# Control characters a document may carry (a few pass the loader) would drive the terminal
# if printed: each becomes U+FFFD, one character for one, so offsets still hold.
_CONTROLS = {
    code: "\ufffd" for code in (*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0))
}
_BREAKS = {"\r\n": " \n", "\r": "\n", "\x0b": " ", "\x0c": " "}
_BREAK = re.compile(r"\r\n?|[\x0b\x0c]")
_BOILERPLATE_MARK = "·"


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
    breakdown = _breakdown(audit)
    if breakdown:
        body.append(Text(breakdown, style="dim"))
    body.append(Text())
    bars = Table.grid(padding=(0, 1))
    bars.add_column(no_wrap=True)
    bars.add_column(no_wrap=True)
    bars.add_column(justify="right", no_wrap=True)
    titles = _category_titles(audit)
    for category, value in (audit.subscores or {}).items():
        bars.add_row(
            Text(titles.get(category, category)),
            bar(value, _score_style(audit, value)),
            Text(_number(value)),
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
    """The style the rule set gives the audit's label (green for well sourced...)."""
    if audit.ruleset is not None:
        for label in audit.ruleset.scoring.labels:
            if label.name == audit.label:
                return label.style
    return _LABEL_STYLES.get(audit.label.split(" ")[0], "bold")


def _score_style(audit: Audit, value: float) -> str:
    """A sub-score drawn in the style of the label a total of the same value would get."""
    if audit.ruleset is not None:
        return audit.ruleset.scoring.label(value).style
    return "green" if value >= 80 else "yellow" if value >= 60 else "red"


def _category_titles(audit: Audit) -> dict[str, str]:
    if audit.ruleset is None:
        return {}
    return {c.id: c.title for c in audit.ruleset.scoring.categories}


def _breakdown(audit: Audit) -> str | None:
    """`from a base of 75: +23 credit, -32 for problems`, when the findings' points add up.

    Shown only when base plus points is the score, or the score is that sum held at 0 or
    100: the line explains the score, it never stands in for it.
    """
    if audit.ruleset is None:
        return None
    base = audit.ruleset.scoring.base
    credit = sum(f.points for f in audit.findings if f.points > 0)
    problems = sum(f.points for f in audit.findings if f.points < 0)
    line = f"from a base of {_number(base)}: {points_text(credit)} credit"
    line += f", {points_text(problems)} for problems"
    total = round(base + credit + problems, 1)
    if total == audit.score:
        return line
    if min(100.0, max(0.0, total)) == audit.score:
        return f"{line} (held between 0 and 100)"
    return None


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
        style = HIGHLIGHTS[_SOURCE_KEYS.get(kind, "named-source")].style
        table.add_row(
            Text(str(doc.line_col(signal.start)[0])),
            _who(signal),
            Text(SOURCE_TYPES.get(kind, kind), style=style),
            Text(clean(cue.get("text", ""))),
            Text("yes" if signal.fields.get("quote") else "no"),
        )
    return table


def _who(signal: Signal) -> Text:
    """The source as the text names it, then what else the copy says of it, dimmed."""
    source = signal.fields.get("source") or {}
    name = clean(str(source.get("text", "")))
    who = Text(name or "(nobody named)", style="" if name else "italic")
    resolved = source.get("resolved")
    if resolved:
        who.append(f" ({clean(resolved['text'])})")
    notes: list[str] = []
    if source.get("description"):
        notes.append(source["description"]["text"])
    if signal.fields.get("relayed_by"):
        notes.append(f"relayed by {signal.fields['relayed_by']['text']}")
    if signal.fields.get("outlet"):
        notes.append(f"via {signal.fields['outlet']['text']}")
    if notes:
        who.append("\n" + "; ".join(clean(n) for n in notes), style="dim")
    return who


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
        if _capped(audit, finding):
            cell.append(" (cap reached)", style="dim")
        table.add_row(
            Text(place(finding)),
            Text(finding.severity, style=SEVERITY_STYLES.get(finding.severity, "")),
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
        table.add_row(Text(place(finding), style="dim"), Text(finding.severity, style="dim"), cell)
    return table


def place(finding: Finding) -> str:
    """`line:col` of a finding; `doc` for one about the whole document, which has no span."""
    if finding.signal is None and finding.start == finding.end == 0:
        return "doc"
    return f"{finding.line}:{finding.column}"


def _capped(audit: Audit, finding: Finding) -> bool:
    rule = audit.ruleset.by_id.get(finding.rule) if audit.ruleset is not None else None
    return finding.points == 0 and rule is not None and rule.points != 0


def _points_style(points: float) -> str:
    return "green" if points > 0 else "red" if points < 0 else "dim"


# Article ------------------------------------------------------------------------------


def highlight_key(signal: Signal) -> str | None:
    """The highlight of a signal; None for a claim on record, which is left plain."""
    if signal.kind == "attribution":
        source_type = (signal.fields.get("source") or {}).get("type", "")
        return _SOURCE_KEYS.get(source_type, "named-source")
    if signal.kind == "claim":
        key = f"claim-{signal.fields.get('status')}"
        return key if key in HIGHLIGHTS else None
    key = signal.kind.replace("_", "-")
    return key if key in HIGHLIGHTS else None


def highlighted(audit: Audit) -> Text:
    """The document's text with every signal styled at its span and findings underlined.

    Spans are `Document.text` offsets as they are: the Text is the document's text, whole,
    with only its control characters replaced one for one (`displayable`).
    """
    text = Text(displayable(audit.document.text), overflow="fold")
    keyed = [(s, key) for s in audit.signals if (key := highlight_key(s))]
    keyed.sort(key=lambda sk: (_layer(sk[0].kind), sk[0].start, -sk[0].end))
    for signal, key in keyed:
        text.stylize(HIGHLIGHTS[key].style, signal.start, signal.end)
    # Each span once, however many attributions name the source or findings share the span.
    names = dict.fromkeys(
        (source["start"], source["end"])
        for s in audit.signals
        if s.kind == "attribution" and (source := s.fields.get("source"))
    )
    for start, end in names:
        if end > start:
            text.stylize(SOURCE_NAME, start, end)
    for start, end in dict.fromkeys((f.start, f.end) for f in audit.findings):
        if end > start:
            text.stylize(FINDING, start, end)
    return text


def clean(value: str) -> str:
    """A value from the document on one line, its control characters made harmless."""
    return " ".join(value.translate(_CONTROLS).split())


def displayable(text: str) -> str:
    """`text` as Rich can print it with the same offsets: one character for each.

    Rich's Text drops carriage returns, vertical tabs and form feeds, which would shift
    every span after them: a CRLF becomes a space and a newline, a lone CR a newline.
    """
    return _BREAK.sub(lambda m: _BREAKS[m.group()], text).translate(_CONTROLS)


def _layer(kind: str) -> int:
    return _LAYERS.index(kind) if kind in _LAYERS else len(_LAYERS)


def legend(audit: Audit) -> Text:
    """The highlights the text uses, each label in its own style; then what else is marked."""
    used = {key for s in audit.signals if (key := highlight_key(s))}
    out = Text("Highlights: ", style="bold")
    labels = [Text(h.label, style=h.style) for key, h in HIGHLIGHTS.items() if key in used]
    labels.append(Text("source's name", style=SOURCE_NAME))
    labels.append(Text("a finding's span", style=FINDING))
    out.append_text(Text(" · ").join(labels))
    out.append(" (claims on record are left plain)")
    out.append("\nMargin: ", style="bold")
    out.append("the line's worst finding, ")
    out.append_text(
        Text(", ").join(
            Text.assemble((s[0].upper(), SEVERITY_STYLES[s]), f" {s}")
            for s in ("error", "warning", "info")
        )
    )
    out.append(f"; {_BOILERPLATE_MARK} boilerplate")
    return out


def article(audit: Audit) -> list[RenderableType]:
    """The article's text line by line, numbered as findings are, with the legend above."""
    marks = _margin(audit)
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(justify="right", style="dim", no_wrap=True)
    grid.add_column(no_wrap=True, width=1)
    grid.add_column(overflow="fold", ratio=1)
    for number, line in enumerate(_lines(highlighted(audit)), start=1):
        grid.add_row(Text(str(number)), marks.get(number, Text()), line)
    return [Rule(Text("Article", style="bold"), align="left"), legend(audit), NewLine(), grid]


def _lines(text: Text) -> list[Text]:
    """The Text cut into lines as `Document.line_col` numbers them (`displayable` made
    every CRLF and CR a newline)."""
    cuts = [offset for m in re.finditer("\n", text.plain) for offset in m.span()]
    pieces = text.divide(cuts)
    lines = [pieces[n] for n in range(0, len(pieces), 2)]
    if len(lines) > 1 and not lines[-1].plain:
        lines.pop()  # the text's final line break ends the last line; it opens none
    return lines


def _margin(audit: Audit) -> dict[int, Text]:
    """Line -> its mark: the worst severity of the problems (not credit) whose span starts
    on it, else `·` on a line of boilerplate."""
    doc = audit.document
    marks: dict[int, Text] = {}
    for item in doc.boilerplate:
        first, last = doc.line_col(item.start)[0], doc.line_col(max(item.start, item.end - 1))[0]
        for number in range(first, last + 1):
            marks[number] = Text(_BOILERPLATE_MARK, style="dim")
    worst: dict[int, str] = {}
    for finding in audit.findings:
        if finding.end <= finding.start or finding.credit:
            continue
        current = worst.get(finding.line)
        rank = SEVERITY_RANK.get(finding.severity, 0)
        if current is None or rank > SEVERITY_RANK.get(current, 0):
            worst[finding.line] = finding.severity
    for number, severity in worst.items():
        marks[number] = Text(severity[0].upper(), style=SEVERITY_STYLES.get(severity, ""))
    return marks


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
