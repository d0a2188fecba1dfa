"""`rules/scoring.toml`: how findings become a score, checked when it is loaded.

The base the score and every category's sub-score start from, the floor below which
there is too little to judge, the labels by score, and the categories rules belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scorer.errors import ScorerError
from scorer.resources import read_toml, rules_dir


@dataclass(frozen=True)
class Category:
    id: str
    title: str


@dataclass(frozen=True)
class Label:
    min: float
    name: str
    style: str


@dataclass(frozen=True)
class Scoring:
    """`rules/scoring.toml`: the base score, the labels by score, and the categories."""

    base: float
    labels: tuple[Label, ...]
    categories: tuple[Category, ...]
    floor_words: int = 80  # fewer words of copy than this: too little to judge
    floor_statements: int = 1  # fewer claims and attributions than this: the same

    def label(self, score: float) -> Label:
        return next(label for label in self.labels if score >= label.min)

    def category_title(self, category: str) -> str | None:
        return next((c.title for c in self.categories if c.id == category), None)


def load_scoring(path: Path | None = None) -> Scoring:
    path = path or rules_dir() / "scoring.toml"
    data = read_toml(path)
    where = str(path)
    try:
        base = data["score"]["base"]
        labels = data["label"]
        categories = data["category"]
        if not isinstance(base, (int, float)) or isinstance(base, bool):
            raise TypeError("[score] base must be a number")
        parsed_labels = tuple(
            sorted(
                (Label(float(x["min"]), str(x["name"]), str(x.get("style", ""))) for x in labels),
                key=lambda label: -label.min,
            )
        )
        if not parsed_labels or parsed_labels[-1].min > 0:
            raise TypeError("the [[label]] list needs one label with min = 0")
        parsed_categories = tuple(
            Category(str(key), str(value["title"])) for key, value in categories.items()
        )
        floor = data.get("floor", {})
        words, statements = floor.get("words", 80), floor.get("statements", 1)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (words, statements)):
            raise TypeError("[floor] words and statements must be whole numbers")
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ScorerError(f"invalid scoring file: {error}", path=where) from None
    return Scoring(float(base), parsed_labels, parsed_categories, words, statements)
