"""The Rich report of a run, on a terminal or exported: rich, plain, html and svg.

Each file's report (render/report.py) in turn, and a summary table when there are
several (a file that could not be read is a row there, and a line on stderr). One Console
records it all, so the terminal, the plain text and the exported page show the same thing.

On a terminal Rich decides colour and width (FORCE_COLOR, COLUMNS); a pipe, a file or
NO_COLOR get plain text. Everything else is made with every setting given, so the same
audits give the same bytes whatever the environment (committed reports are checked for
staleness): plain text has no escape codes and no trailing padding, and HTML and SVG
reference nothing outside themselves.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from rich.rule import Rule
from rich.text import Text
from rich.theme import Theme

from scorer.render import Run
from scorer.render.theme import theme
from scorer.runs.outcome import Outcome

if TYPE_CHECKING:
    from scorer.scoring.audit import Audit

FORMATS = ("rich", "plain", "html", "svg")
EXPORT_WIDTH = 100
MIN_WIDTH, MAX_WIDTH = 60, 200  # narrower, the tables fold every word; wider, lines sprawl

# Rich's own template without its external references (no @font-face from a CDN, no link
# in a comment) and without clip paths, whose `url(#...)` references are the only other
# `url(` in the file: text is laid out with `textLength`, so a local font keeps the columns.
_SVG_FORMAT = """\
<svg class="rich-terminal" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">
    <style>
    .{unique_id}-matrix {{
        font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
        font-size: {char_height}px;
        line-height: {line_height}px;
        font-variant-east-asian: full-width;
    }}

    .{unique_id}-title {{
        font-size: 18px;
        font-weight: bold;
        font-family: sans-serif;
    }}

    {styles}
    </style>

    {chrome}
    <g transform="translate({terminal_x}, {terminal_y})">
    {backgrounds}
    <g class="{unique_id}-matrix">
    {matrix}
    </g>
    </g>
</svg>
"""
_CLIP_PATH = re.compile(r' clip-path="url\(#[^")]*\)"')

_HTML_FORMAT = """\
<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="generator" content="scorer">
<title>@TITLE@</title>
<style>
{stylesheet}
body {{
    color: {foreground};
    background-color: {background};
}}
</style>
</head>
<body>
    <pre style="font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace">\
<code style="font-family:inherit">{code}</code></pre>
</body>
</html>
"""


def page(run: Run, fmt: str) -> str:
    """The whole report of `run` as text in `fmt`: rich, plain, html or svg."""
    console, fmt = open_console(fmt, run.width, run.terminal)
    console.push_theme(_theme(run.outcomes))
    for part in renderables(run.outcomes, show_text=run.show_text):
        console.print(part)
    return close_console(console, fmt, _title(run.outcomes))


def open_console(fmt: str, width: int | None, terminal: bool) -> tuple[Console, str]:
    """The console a report prints into, and the format it comes out in (rich on a pipe,
    a CI log or with NO_COLOR is plain); every Rich report (audit, compare) starts here."""
    # Standard output as Rich sees it (a terminal, NO_COLOR, COLUMNS), when we write there.
    probe = Console() if terminal else None
    if fmt == "rich" and probe is not None and (not probe.is_terminal or probe.no_color):
        fmt = "plain"  # a pipe, a CI log or NO_COLOR
    if width is None:
        screen = probe is not None and fmt in ("rich", "plain")
        width = _fitted(probe.width) if screen else EXPORT_WIDTH  # type: ignore[union-attr]
    if fmt == "rich" and probe is not None:
        return _terminal_console(width, probe), fmt
    return _console(fmt, width), fmt


def close_console(console: Console, fmt: str, title: str) -> str:
    """What `console` printed, as text in `fmt`: rich, plain, html or svg."""
    if fmt == "html":
        escaped = html.escape(title).replace("{", "{{").replace("}", "}}")
        return console.export_html(
            inline_styles=True, code_format=_HTML_FORMAT.replace("@TITLE@", escaped)
        )
    if fmt == "svg":
        return _CLIP_PATH.sub("", console.export_svg(title=title, code_format=_SVG_FORMAT))
    file = console.file
    assert isinstance(file, io.StringIO)
    if fmt == "rich":
        return file.getvalue()
    # Rich pads every line to the width; plain text for files and diffs goes without.
    return "".join(line.rstrip() + "\n" for line in file.getvalue().splitlines())


def export(audit: Audit, fmt: str, *, width: int = EXPORT_WIDTH, show_text: bool = True) -> str:
    """The report of one audit as one string, the same bytes in any environment."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: one of {', '.join(FORMATS)}")
    outcome = Outcome(audit.document.source, audit)
    return page(Run([outcome], width=width, show_text=show_text), fmt)


def renderables(outcomes: Sequence[Outcome], *, show_text: bool = True) -> list[RenderableType]:
    from scorer.render import report, summary

    parts: list[RenderableType] = []
    for outcome in outcomes:
        if outcome.audit is None:
            continue  # said on stderr, and a row of the summary table
        if parts:
            parts += [Text(), Rule(style="dim"), Text()]
        parts.extend(report.render(outcome.audit, show_text=show_text))
        for reason in outcome.failures or ():
            parts.append(Text(f"check failed: {reason}", style="scorer.failed"))
        if outcome.notice:
            parts.append(Text(f"check passed, {outcome.notice}", style="dim"))
    if len(outcomes) > 1:
        parts += [Text(), summary.render(outcomes)]
    return parts


def _theme(outcomes: Sequence[Outcome]) -> Theme:
    """The theme, with the labels of every scoring the audits used."""
    labels = [
        label
        for outcome in outcomes
        if outcome.audit is not None and outcome.audit.rules is not None
        for label in outcome.audit.rules.scoring.labels
    ]
    return theme(labels)


def _console(fmt: str, width: int) -> Console:
    # Every setting Rich would otherwise read from the environment or the terminal is given.
    settings: dict[str, Any] = {
        "plain": {"color_system": None, "force_terminal": False, "no_color": True},
        "rich": {"color_system": "256", "force_terminal": True, "no_color": False},
    }.get(fmt, {"color_system": "truecolor", "force_terminal": True, "no_color": False})
    return Console(
        file=io.StringIO(),
        record=fmt in ("html", "svg"),
        width=width,
        height=25,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        tab_size=8,
        **settings,
    )


def _fitted(width: int) -> int:
    """A terminal's width ($COLUMNS), held to what the report reads well at."""
    return max(MIN_WIDTH, min(width, MAX_WIDTH))


def _terminal_console(width: int, probe: Console) -> Console:
    """Rich's own reading of standard output (colour, width), writing into a buffer."""
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system=probe.color_system,  # type: ignore[arg-type]
        no_color=probe.no_color,
        markup=False,
        emoji=False,
        highlight=False,
    )


def _title(outcomes: Sequence[Outcome]) -> str:
    if len(outcomes) == 1 and outcomes[0].audit is not None:
        doc = outcomes[0].audit.document
        return f"scorer: {doc.title or doc.source}"
    return f"scorer: {len(outcomes)} files"
