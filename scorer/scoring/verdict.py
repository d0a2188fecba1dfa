"""Whether a score is a verdict on sourcing, and the label that says so.

A score is always computed, but it is not always a verdict. Below the floor of
`rules/scoring.toml` (too few words of copy, or no claim and no attribution to weigh)
there is too little to judge; in a language the detectors do not read, nothing was
really read. A column, a letters page or a press release is scored by the rules that
apply to its genre, but not as news. The label says which, instead of a verdict that
would mislead, and `scorer check` passes such a file with a notice unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scorer.detectors.genre import SCORED_AS_NEWS, Genre
from scorer.engine.scoring_file import Scoring
from scorer.load.genre_hints import GENRES
from scorer.load.language import Language

TOO_LITTLE = "too little to judge"
NOT_ENGLISH = "not English"


def not_as_news(genre: str) -> str:
    """The label of a genre that is not scored as news: `opinion, not scored as news`."""
    return f"{genre.replace('_', ' ')}, not scored as news"


# Labels that are not a verdict, with the style the report gives them.
LABELS = {
    TOO_LITTLE: "bold",
    NOT_ENGLISH: "bold",
    **{not_as_news(g): "bold blue" for g in GENRES if g not in SCORED_AS_NEWS},
}


def unjudged(scoring: Scoring, language: Language, metrics: Mapping[str, Any]) -> str | None:
    """Why the score is no verdict (too little copy, not English), or None when it is one."""
    if language.code not in ("en", "und"):
        return f"{NOT_ENGLISH}: the copy reads as {language.name}; the detectors read English"
    words, statements = metrics["words"], metrics["claims"] + metrics["attributions"]
    if words < scoring.floor_words:
        return f"{TOO_LITTLE}: {_words(words)} of copy, under the floor of {scoring.floor_words}"
    if statements < scoring.floor_statements:
        return f"{TOO_LITTLE}: no checkable claim and no attribution in {_words(words)} of copy"
    return None


def label(scored: str, genre: Genre, reason: str | None) -> str:
    """The label shown: the score's own, or what the score is instead of a verdict."""
    if reason is not None:
        return reason.split(":", 1)[0]
    if genre.name not in SCORED_AS_NEWS:
        return not_as_news(genre.name)
    return scored


def _words(count: int) -> str:
    return f"{count} word{'' if count == 1 else 's'}"
