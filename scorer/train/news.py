"""The team's news hedge set (bench/labels/fnc1_hedges.tsv): 500 FNC-1 train sentences
labelled hedge / weasel / none, read back from ../shared/data/fnc1/train_bodies.csv by
their offsets and checked against their SHA-1.

An evaluation set: nothing is trained or chosen on it. Training reads it only after a model
is final, to write the figure into the model card.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from scorer.train.data import DEFAULT_DATA, ROOT

LABELS = ROOT / "bench" / "labels" / "fnc1_hedges.tsv"
BODIES = Path("fnc1", "train_bodies.csv")


@dataclass(frozen=True)
class Row:
    text: str
    label: str  # hedge, weasel or none
    type: str
    stratum: str
    in_quote: bool


def available(data: Path = DEFAULT_DATA) -> bool:
    return LABELS.exists() and (data / BODIES).exists()


def rows(data: Path = DEFAULT_DATA) -> list[Row]:
    csv.field_size_limit(1 << 30)
    with (data / BODIES).open(encoding="utf-8", newline="") as handle:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(handle)}
    out = []
    with LABELS.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t"):
            text = bodies[int(r["body_id"])][int(r["start"]) : int(r["end"])]
            if hashlib.sha1(text.encode()).hexdigest()[:12] != r["sha1"]:
                where = f"body {r['body_id']} at {r['start']}"
                raise ValueError(f"{where}: the text is not the one that was labelled")
            out.append(Row(text, r["label"], r["type"], r["stratum"], r["in_quote"] == "yes"))
    return out


def evaluate(model: object, data: Path = DEFAULT_DATA) -> dict[str, object]:
    """The uncertainty model on the news set: P/R/F1 of uncertain (hedge or weasel), the
    recall of hedges and of weasels alone, and how often the hedge-or-weasel rule gives the
    labelled kind to an uncertain sentence it finds."""
    from scorer.models import linear
    from scorer.train.measure import scores

    labelled = rows(data)
    decisions = [linear.score(model, r.text) for r in labelled]  # type: ignore[arg-type]
    predicted = [d.positive for d in decisions]
    out: dict[str, object] = {
        "uncertain": scores(predicted, [r.label != "none" for r in labelled]).as_dict()
    }
    for kind in ("hedge", "weasel"):
        found = [p for p, r in zip(predicted, labelled, strict=True) if r.label == kind]
        out[f"{kind}_recall"] = round(sum(found) / len(found), 4) if found else None
        out[f"{kind}_rows"] = len(found)
    kinds = [
        (linear.uncertainty_kind(d).kind, r.label)
        for d, r in zip(decisions, labelled, strict=True)
        if d.positive and r.label != "none"
    ]
    out["kind_agreement"] = round(sum(a == b for a, b in kinds) / len(kinds), 4) if kinds else None
    random = [(p, r) for p, r in zip(predicted, labelled, strict=True) if r.stratum == "random"]
    out["uncertain_random_stratum"] = scores(
        [p for p, _ in random], [r.label != "none" for _, r in random]
    ).as_dict()
    return out
