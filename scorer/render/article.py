"""The article in the report: its text line by line, every signal lit up, with a legend.

Spans are `Document.text` offsets as they are: the Text is the document's text, whole,
with only its control characters replaced one for one. Colour never carries meaning
alone: highlights have a legend, and the margin marks each line's worst finding with a
letter, so the plain rendering (a pipe, a CI log) still reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import NewLine, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from scorer.engine.choices import SEVERITIES
from scorer.render import theme
from scorer.render.escape import displayable
from scorer.signals import NAMED_SOURCES

if TYPE_CHECKING:
    from scorer.scoring.audit import Audit
    from scorer.signals import Signal


@dataclass(frozen=True)
class Highlight:
    style: str  # a name in the theme (scorer.render.theme)
    label: str


# One highlight per kind of signal the article lights up, each its own look.
HIGHLIGHTS: dict[str, Highlight] = {
    key: Highlight(f"scorer.highlight.{key}", label)
    for key, label in (
        ("boilerplate", "boilerplate (not scored)"),
        ("headline", "headline stating what the body hedges"),
        ("claim-unattributed", "claim nobody is on record for"),
        ("claim-unverified", "claim resting on a hedge"),
        ("claim-hedged", "claim that hedges itself"),
        ("named-source", "named source"),
        ("anonymous-source", "anonymous source"),
        ("vague-source", "vague source"),
        ("agentless", "nobody named (agentless)"),
        ("anonymity-reason", "why or how an anonymous source knows"),
        ("reply", "reply of the subject"),
        ("hedge", "hedge"),
        ("weasel", "weasel wording (support implied for nobody)"),
    )
}
# How a source of each type is lit.
SOURCE_HIGHLIGHTS = {
    **dict.fromkeys(NAMED_SOURCES, "named-source"),
    "self": "named-source",
    "anonymous": "anonymous-source",
    "vague": "vague-source",
    "agentless": "agentless",
}
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
# Later layers are drawn over earlier ones: a hedge inside a claim keeps its own colours.
_LAYERS = (
    "boilerplate",
    "headline",
    "claim",
    "attribution",
    "anonymity_reason",
    "reply",
    "hedge",
    "weasel",
)
_BOILERPLATE_MARK = "·"


# Article ------------------------------------------------------------------------------


def highlight_key(signal: Signal) -> str | None:
    """The highlight of a signal; None for a claim on record, which is left plain."""
    if signal.kind == "attribution":
        source_type = (signal.fields.get("source") or {}).get("type", "")
        return SOURCE_HIGHLIGHTS.get(source_type, "named-source")
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
            text.stylize(theme.SOURCE_NAME, start, end)
    for start, end in dict.fromkeys((f.start, f.end) for f in audit.findings):
        if end > start:
            text.stylize(theme.FINDING, start, end)
    return text


def _layer(kind: str) -> int:
    return _LAYERS.index(kind) if kind in _LAYERS else len(_LAYERS)


def legend(audit: Audit) -> Text:
    """The highlights the text uses, each label in its own style; then what else is marked."""
    used = {key for s in audit.signals if (key := highlight_key(s))}
    out = Text("Highlights: ", style="bold")
    labels = [Text(h.label, style=h.style) for key, h in HIGHLIGHTS.items() if key in used]
    labels.append(Text("source's name", style=theme.SOURCE_NAME))
    labels.append(Text("a finding's span", style=theme.FINDING))
    out.append_text(Text(" · ").join(labels))
    out.append(" (claims on record are left plain)")
    out.append("\nMargin: ", style="bold")
    out.append("the line's worst finding, ")
    out.append_text(
        Text(", ").join(
            Text.assemble((s[0].upper(), theme.SEVERITY[s]), f" {s}")
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
    """The Text cut into lines as `Document.text_line_col` numbers them (`displayable` made
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
    line = doc.text_line_col  # lines of the text printed, an HTML page's extracted text too
    marks: dict[int, Text] = {}
    for item in doc.boilerplate:
        first, last = line(item.start)[0], line(max(item.start, item.end - 1))[0]
        for number in range(first, last + 1):
            marks[number] = Text(_BOILERPLATE_MARK, style="dim")
    worst: dict[int, str] = {}
    for finding in audit.findings:
        if finding.end <= finding.start or finding.credit:
            continue
        number = line(finding.start)[0]
        current = worst.get(number)
        rank = SEVERITY_RANK.get(finding.severity, 0)
        if current is None or rank > SEVERITY_RANK.get(current, 0):
            worst[number] = finding.severity
    for number, severity in worst.items():
        marks[number] = Text(severity[0].upper(), style=theme.SEVERITY.get(severity, ""))
    return marks
