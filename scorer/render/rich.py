"""The rich report: colour for a terminal (plain text on a pipe, a file or with NO_COLOR).

The page itself is built by scorer.render.page.
"""

from __future__ import annotations

from scorer.render import Run
from scorer.render.page import page


def render(run: Run) -> str:
    return page(run, "rich")
