"""Reports: a run's outcomes rendered in one format, one module a format.

Each format is a module here with one function, `render(run: Run) -> str`, and its name in
`FORMATS`: a new format is one module and one name. A renderer only formats what the
outcomes carry (scores, findings, verdicts, the rules' descriptions); it never recomputes
an answer or reads a file. Colours are names in the Rich theme of `scorer.render.theme`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass

from scorer.runs.outcome import Outcome

# The formats, each the module of its name. `concise` is `scorer check`'s own.
FORMATS = ("concise", "rich", "plain", "json", "sarif", "github", "markdown", "html", "svg")


@dataclass(frozen=True)
class Run:
    """What a renderer is given: the outcomes, and how the user asked to see them."""

    outcomes: Sequence[Outcome]
    several: bool = True  # JSON: a list, even of one (a folder or glob could have given more)
    width: int | None = None  # columns of rich, plain, html and svg (None: the default)
    show_text: bool = True  # the article with its signals lit, in rich, plain, html and svg
    terminal: bool = False  # written to this process's standard output (rich may go plain)
    annotations: int = 10  # github: annotations a level, at most (GitHub shows 10 a step)
    annotate_info: bool = False  # github: annotate info findings that cost no points


def render(format: str, run: Run) -> str:
    """The report of `run` in `format`."""
    if format not in FORMATS:
        raise ValueError(f"unknown report format {format!r}: one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"scorer.render.{format}")
    text: str = module.render(run)
    return text
