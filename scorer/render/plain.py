"""The plain report: plain text, no escape codes, for files, logs and diffs.

The page itself is built by scorer.render.page.
"""

from __future__ import annotations

from scorer.render import Run
from scorer.render.page import page


def render(run: Run) -> str:
    return page(run, "plain")
