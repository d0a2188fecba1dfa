"""How well tagged attributions match PolNeAR's: span P/R/F1 and pairing accuracy.

Spans are compared after trimming: whitespace, punctuation and quotation marks are
stripped from both ends of predicted and gold spans alike (`trim`), so "said," and
"“keep the details under wraps.”" compare by their words. A discontinuous gold span
counts as its fragments; a gold span whose fragments are all punctuation is left out.

* exact: a prediction is right when some gold span of its role has the same trimmed
  start and end; recall counts gold spans predicted so.
* overlap: a prediction is right when it shares a character with a gold span of its
  role; recall counts gold spans that some prediction overlaps.
* pairing: of the gold attributions whose cue was predicted exactly, the share whose
  predicted source is the gold source (exact, or both absent).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from scorer.models.attribution import Tagged
from scorer.train.polnear import Article

Span = tuple[int, int]
ROLES = ("cue", "source", "content")
_STRIP = " \t\r\n\u00a0\u2009\u202f.,;:!?\"'“”‘’«»„‟‚‛()[]{}-–—…/*"


def trim(text: str, span: Span) -> Span | None:
    """`span` without surrounding whitespace and punctuation; None if nothing is left."""
    start, end = span
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return (start, end) if start < end else None


@dataclass
class Counts:
    """Predictions that match / predictions, gold spans found / gold spans."""

    right: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    def add(self, right: int, predicted: int, found: int, gold: int) -> None:
        self.right += right
        self.predicted += predicted
        self.found += found
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    paired: int = 0
    pairable: int = 0

    @property
    def pairing(self) -> float:
        return self.paired / self.pairable if self.pairable else 0.0

    def table(self) -> list[str]:
        lines = [f"{'':8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}"]
        for role in ROLES:
            e, o = self.exact[role], self.overlap[role]
            lines.append(
                f"{role:8} {e.precision:8.3f} {e.recall:6.3f} {e.f1:6.3f}"
                f"   {o.precision:9.3f} {o.recall:6.3f} {o.f1:6.3f}"
            )
        lines.append(f"pairing  {self.pairing:.3f} ({self.paired} of {self.pairable})")
        return lines


def _overlaps(a: Span, spans: Sequence[Span]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


def _trimmed(text: str, spans: Iterable[Span | None]) -> list[Span]:
    return sorted({t for s in spans if s is not None and (t := trim(text, s)) is not None})


def score_article(scores: Scores, article: Article, tagged: Sequence[Tagged]) -> None:
    """Add one article's comparison to `scores`."""
    text = article.text
    predicted = {
        "cue": _trimmed(text, (t.cue for t in tagged)),
        "source": _trimmed(text, (t.source for t in tagged)),
        "content": _trimmed(text, (c for t in tagged for c in t.content)),
    }
    for role, brat in (("cue", "Cue"), ("source", "Source"), ("content", "Content")):
        gold = _trimmed(text, (f for span in article.spans[brat] for f in span))
        pred, gold_set = predicted[role], set(gold)
        right = sum(p in gold_set for p in pred)
        found = len(gold_set & set(pred))
        scores.exact[role].add(right, len(pred), found, len(gold))
        scores.overlap[role].add(
            sum(_overlaps(p, gold) for p in pred),
            len(pred),
            sum(_overlaps(g, pred) for g in gold),
            len(gold),
        )
    by_cue = {trim(text, t.cue): t for t in tagged}
    for attribution in article.attributions:
        if attribution.cue is None or len(attribution.cue) != 1:
            continue
        hit = by_cue.get(trim(text, attribution.cue[0]))
        if hit is None:
            continue
        gold_source = trim(text, attribution.source[0]) if attribution.source is not None else None
        mine = trim(text, hit.source) if hit.source is not None else None
        scores.pairable += 1
        scores.paired += mine == gold_source
