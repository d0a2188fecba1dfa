"""What the tagger costs: per sentence on PolNeAR dev, per article on FNC-1 bodies.

Both count from a loaded Document to the list of attributions (features, pre-test,
crfsuite and pairing); loading and segmenting the text are the pipeline's, not the
tagger's, and are left out. CPU time (`time.process_time`) is reported beside wall
time: the machine is shared, and CPU time is what another run can compare against.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scorer.models import features_attribution as fx
from scorer.models.attribution import Model, tag
from scorer.models.features_attribution import Document

FNC1_BODIES = Path("fnc1", "train_bodies.csv")


@dataclass(frozen=True)
class Timing:
    items: int  # sentences or articles
    wall: float  # seconds
    cpu: float

    def per_item_ms(self) -> tuple[float, float]:
        return 1000 * self.wall / self.items, 1000 * self.cpu / self.items


def time_tagging(model: Model, docs: Sequence[Document], count: int, rounds: int = 3) -> Timing:
    """The fastest of `rounds` passes of `tag` over `docs`, after one warm-up pass;
    `count` is what the time is divided by (sentences, or articles)."""
    for doc in docs:
        tag(doc, model)
    best: Timing | None = None
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        for doc in docs:
            tag(doc, model)
        timing = Timing(count, time.perf_counter() - wall, time.process_time() - cpu)
        if best is None or timing.cpu < best.cpu:
            best = timing
    assert best is not None
    return best


def fnc1_documents(data: Path, limit: int | None = None) -> list[Document]:
    """FNC-1 train bodies as Documents (plain text), in file order."""
    with (data / FNC1_BODIES).open(encoding="utf-8", newline="") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    docs = [fx.load_text(body) for body in bodies[:limit] if body.strip()]
    for doc in docs:
        doc.tokens  # noqa: B018  (tokenising is loading's share, not the tagger's)
    return docs
