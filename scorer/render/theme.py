"""The report's styles, by name: a Rich theme. Renderers name styles; only this file says
what they look like.

The label styles come from `rules/scoring.toml` (each `[[label]]`'s `style`), so a house
that renames or recolours its labels sees them in every report.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.theme import Theme

from scorer.engine.scoring_file import Label

SEVERITY = {"error": "scorer.error", "warning": "scorer.warning", "info": "scorer.info"}
POINTS = {"credit": "scorer.points.credit", "problem": "scorer.points.problem", "none": "dim"}
SOURCE_NAME = "scorer.source-name"  # who speaks, inside an attribution's span
FINDING = "scorer.finding"  # a finding's span, over the style of its signal

STYLES = {
    "scorer.error": "bold red",
    "scorer.warning": "yellow",
    "scorer.info": "cyan",
    "scorer.points.credit": "green",
    "scorer.points.problem": "red",
    SOURCE_NAME: "bold",
    FINDING: "underline",
    # One look per highlight of the article, each used once: the legend tells them apart.
    "scorer.highlight.boilerplate": "dim strike",
    "scorer.highlight.headline": "bold white on red",
    "scorer.highlight.claim-unattributed": "magenta",
    "scorer.highlight.claim-unverified": "italic magenta",
    "scorer.highlight.claim-hedged": "italic",
    "scorer.highlight.named-source": "green",
    "scorer.highlight.anonymous-source": "bold red",
    "scorer.highlight.vague-source": "dark_orange",
    "scorer.highlight.agentless": "bold dark_orange",
    "scorer.highlight.anonymity-reason": "black on green",
    "scorer.highlight.reply": "black on cyan",
    "scorer.highlight.hedge": "black on yellow",
    "scorer.highlight.weasel": "black on bright_magenta",
    "scorer.failed": "bold red",
}
# The shipped labels' looks, for an audit that carries no scoring of its own.
_LABELS = {
    "well sourced": "bold green",
    "adequately sourced": "bold yellow",
    "thinly sourced": "bold dark_orange",
    "poorly sourced": "bold red",
}


def label_style(name: str) -> str:
    """The theme's name for the style of a label ("well sourced": `scorer.label.well-sourced`)."""
    return "scorer.label." + "-".join(name.lower().split())


def theme(labels: Iterable[Label] = ()) -> Theme:
    """The report's theme, with the labels' styles (the shipped ones, then `labels`)."""
    from scorer.scoring.verdict import LABELS

    styles = dict(STYLES)
    styles.update({label_style(name): style for name, style in {**_LABELS, **LABELS}.items()})
    styles.update({label_style(label.name): label.style for label in labels})
    return Theme(styles)
