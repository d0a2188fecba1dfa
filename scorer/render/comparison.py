"""The report of `scorer compare`: rich, plain, html and svg side by side (interleaved under
110 columns), markdown for a pull request, json as `Comparison.to_dict()`.

Everything shown is in the Comparison (the kinds, the statuses, the scores): this module
only lays it out and colours it.
"""

from __future__ import annotations

import bisect
import json
import re

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from scorer.drift import Change, Comparison
from scorer.drift.claims import Claim

FORMATS = ("rich", "plain", "json", "markdown", "html", "svg")
_MARKDOWN = re.compile(r"[\\`*_\[\]<|~]")
SIDE_BY_SIDE = 110  # narrower than this, A and B take turns instead of columns
STYLES = {
    "compare.kept": "dim",
    "compare.lost": "bold red",
    "compare.laundered": "bold magenta",
    "compare.firmed-up": "bold dark_orange",
    "compare.softened": "cyan",
    "compare.dropped": "red",
    "compare.added": "green",
    "compare.headline": "bold white on red",
    "compare.status": "italic",
}


def render(comparison: Comparison, fmt: str, *, width: int | None = None,
           terminal: bool = False) -> str:  # fmt: skip
    """The report in `fmt`."""
    if fmt == "json":
        return json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return markdown(comparison)
    from scorer.render.page import close_console, open_console

    console, fmt = open_console(fmt, width, terminal)
    console.push_theme(Theme(STYLES))
    for part in renderables(comparison, console.width):
        console.print(part)
    return close_console(console, fmt, f"scorer compare: {_name(comparison.b.title, 'B')}")


def renderables(comparison: Comparison, width: int) -> list[RenderableType]:
    """Header, scores and change counts, then the aligned claims, then how it was done."""
    a, b = comparison.a, comparison.b
    head = Text()
    head.append("A ", style="bold").append(f"{_name(a.title, a.source)}  ({a.source})\n")
    head.append("B ", style="bold").append(f"{_name(b.title, b.source)}  ({b.source})\n\n")
    head.append(f"score A {a.score:g} {a.label}   B {b.score:g} {b.label}   ", style="bold")
    head.append(f"change {comparison.score_change:+g}\n")
    if comparison.unrelated:
        head.append("B is unrelated to A: no claim of B restates a claim of A.\n", style="bold")
    head.append_text(_counts(comparison))
    told = comparison.explained()
    if told:
        head.append(f"\nfindings that changed (points to the score): {told}", style="dim")
    parts: list[RenderableType] = [head, Text()]
    parts.append(_table(comparison) if width >= SIDE_BY_SIDE else _interleaved(comparison))
    parts += [Text(), Text(f"method: {comparison.method}", style="dim")]
    return parts


def _counts(comparison: Comparison) -> Text:
    text = Text("changes: ")
    shown = [(kind, n) for kind, n in comparison.counts.items() if n]
    for number, (kind, n) in enumerate(shown):
        text.append(", " if number else "").append(f"{n} {kind}", style=f"compare.{kind}")
    return text


def in_reading_order(comparison: Comparison) -> list[Change]:
    """The rows in B's order, each dropped claim of A placed after the row holding the claim
    of A before it (not all at the end, away from where it stood)."""
    place = {claim.id: n for n, claim in enumerate(comparison.a.claims)}
    kept = [change for change in comparison.changes if change.b is not None]
    last_row: dict[int, int] = {}  # index of a claim of A -> the last row that restates it
    for row, change in enumerate(kept):
        for claim in change.a:
            last_row[place[claim.id]] = row
    linked = sorted(last_row)
    after: dict[int, list[Change]] = {}
    for change in comparison.changes:
        if change.b is None:
            k = bisect.bisect_left(linked, place[change.a[0].id]) - 1
            after.setdefault(last_row[linked[k]] if k >= 0 else -1, []).append(change)
    rows = after.get(-1, [])
    for row, change in enumerate(kept):
        rows += [change, *after.get(row, [])]
    return rows


def _table(comparison: Comparison) -> Table:
    table = Table(show_lines=True, expand=True, pad_edge=False)
    table.add_column("A: original", ratio=5)
    table.add_column("change", ratio=2)
    table.add_column("B: rewrite", ratio=5)
    for change in in_reading_order(comparison):
        table.add_row(_claims(change.a, change), _kinds(change),
                      _claims((change.b,) if change.b else ()))  # fmt: skip
    return table


def _interleaved(comparison: Comparison) -> Group:
    """One row after another, a blank line between, each claim's wrapped lines indented."""
    rows: list[RenderableType] = []
    for number, change in enumerate(in_reading_order(comparison)):
        if number:
            rows.append(Text())
        rows.append(_kinds(change))
        for claim in change.a:
            rows.append(Padding(_claim(claim, _own(change, claim)), (0, 0, 0, 2)))
        if change.b:
            rows.append(Padding(_claim(change.b), (0, 0, 0, 2)))
    return Group(*rows)


def _kinds(change: Change) -> Text:
    text = Text()
    for number, kind in enumerate(change.kinds):
        text.append(" + " if number else "").append(kind, style=f"compare.{kind}")
    if change.a and change.b:
        text.append(f" ({change.similarity:.2f})", style="dim")
    return text


def _claims(claims: tuple[Claim, ...], change: Change | None = None) -> Text:
    text = Text()
    for number, claim in enumerate(claims):
        own = _own(change, claim) if change else ""
        text.append("\n" if number else "").append_text(_claim(claim, own))
    return text


def _claim(claim: Claim, own: str = "") -> Text:
    text = Text()
    text.append(f"{claim.id} ", style="bold")
    text.append(claim.text)
    text.append(f"  [{describe(claim)}{own}]", style="compare.status")
    return text


def _own(change: Change, claim: Claim) -> str:
    """A claim of A's own change, when the claims of a merged sentence differ in it."""
    if len({kinds for kinds in change.each}) < 2:
        return ""
    return " -> " + " + ".join(change.kinds_from(claim))


def describe(claim: Claim) -> str:
    """A claim's sourcing in a few words: "named: Mr Labwani; hedged: reportedly"."""
    told = claim.status + (f": {claim.source}" if claim.source else "")
    if claim.carried:
        told += " (from the sentence before)"
    if claim.role != "body":
        told = f"{claim.role}, {told}"
    return told + (f"; hedged: {', '.join(claim.hedges)}" if claim.hedged else "")


def markdown(comparison: Comparison) -> str:
    """A table a pull-request comment can hold: the summary line, then one row a change."""
    a, b = comparison.a, comparison.b
    lines = [
        "### scorer compare: sourcing drift",
        "",
        f"A `{_code(a.source)}`: {a.score:g} ({a.label}); B `{_code(b.source)}`: "
        f"{b.score:g} ({b.label}); {_cell(comparison.summary())}",
        "",
        "| change | A: original | B: rewrite |",
        "|---|---|---|",
    ]
    told = comparison.explained()
    if told:
        lines[4:4] = [f"Findings that changed (points to the score): {_cell(told)}", ""]
    for change in in_reading_order(comparison):
        left = "<br>".join(
            f"**{c.id}** {_cell(c.text)} _({_cell(describe(c) + _own(change, c))})_"
            for c in change.a
        )
        right = ""
        if change.b:
            right = f"**{change.b.id}** {_cell(change.b.text)} _({_cell(describe(change.b))})_"
        lines.append(f"| {' + '.join(change.kinds)} | {left} | {right} |")
    lines += ["", f"_{_cell(comparison.method)}_"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Copy as plain text in a markdown table: its own `*`, `_`, backticks, brackets and
    tags are not markup."""
    return _MARKDOWN.sub(r"\\\g<0>", text).replace("\n", " ")


def _code(text: str) -> str:
    """A path in a code span of a table: only its pipes and backticks need care."""
    return text.replace("`", "'").replace("|", "\\|").replace("\n", " ")


def _name(title: str | None, fallback: str) -> str:
    return title or fallback
