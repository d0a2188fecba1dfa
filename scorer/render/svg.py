"""The svg report: one self-contained SVG picture, the terminal's look.

The page itself is built by scorer.render.page.
"""

from __future__ import annotations

from scorer.render import Run
from scorer.render.page import page


def render(run: Run) -> str:
    return page(run, "svg")
