"""Train the attribution tagger on PolNeAR train; measure it on dev; write model and card.

    python -m scorer.train attribution [--data DIR] [--out DIR]

Every sentence of every train article (one annotator an article) becomes a token
sequence with BIO labels (`labels.bio`) and features (`features_attribution`). crfsuite
trains with L-BFGS and elastic-net regularisation: L1 (c1) prunes most features to
zero weight, and crfsuite writes only the features that keep a weight. The pre-test's
trigger words are counted on train too. L-BFGS has no randomness and the examples come
in file-name order, so a run gives the same model file byte for byte.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from scorer.load import load_string
from scorer.models import attribution as runtime
from scorer.models import features_attribution as fx
from scorer.train import polnear
from scorer.train.attribution_measure import Scores, score_article
from scorer.train.labels import bio

# The choice made on dev (see the model card): a handful of settings were tried.
PARAMS = {
    "c1": 1.0,
    "c2": 1.0,
    "max_iterations": 200,
    "feature.minfreq": 3,
    "feature.possible_transitions": True,
}
# A word is a trigger when at least this share of its train occurrences, and at least
# two, are inside a cue.
TRIGGER_SHARE = 0.15
SEED = 0  # L-BFGS draws nothing at random; recorded on the card for completeness.


@dataclass(frozen=True)
class Example:
    features: list[list[str]]
    labels: list[str]
    words: list[str]


def examples(articles: Sequence[polnear.Article]) -> Iterator[Example]:
    """Every sentence of every article, featurised and labelled."""
    for article in articles:
        doc = load_string(article.text, source=article.name)
        grouped = fx.sentence_tokens(doc)
        for sentence in doc.sentences:
            tokens = grouped[sentence.index]
            if not tokens:
                continue
            yield Example(
                fx.features(doc, sentence, tokens),
                bio(tokens, article.spans),
                fx.sentence_words(doc, sentence, tokens),
            )


def triggers(train: Sequence[Example], share: float = TRIGGER_SHARE) -> list[str]:
    """Words that are inside a cue in at least `share` of their train occurrences."""
    seen: Counter[str] = Counter()
    in_cue: Counter[str] = Counter()
    for example in train:
        for word, label in zip(example.words, example.labels, strict=True):
            seen[word] += 1
            if label.endswith("CUE") and any(c.isalpha() for c in word):
                in_cue[word] += 1
    return sorted(w for w, n in in_cue.items() if n >= 2 and n / seen[w] >= share)


def train(train_set: Sequence[Example], path: Path, params: dict[str, object]) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for example in train_set:
        trainer.append(example.features, example.labels)
    trainer.set_params(params)
    trainer.train(str(path))


def evaluate(model: runtime.Model, articles: Sequence[polnear.Article]) -> Scores:
    scores = Scores()
    for article in articles:
        doc = load_string(article.text, source=article.name)
        score_article(scores, article, runtime.tag(doc, model))
    return scores


def build(
    data: Path,
    out: Path,
    params: dict[str, object] | None = None,
    card: bool = True,
    reuse: bool = False,
) -> Scores:
    """Train on `data`'s PolNeAR train, write model, triggers and card into `out`.

    `reuse` keeps a model file already in `out` (triggers, figures and card are made
    again): for a change to the pre-test or the grouping, which need no training.
    """
    params = {**PARAMS, **(params or {})}
    began = time.perf_counter()
    train_set = list(examples(polnear.articles(data, "train")))
    out.mkdir(parents=True, exist_ok=True)
    model_path = out / runtime.MODEL.name
    trigger_path = out / runtime.TRIGGERS.name
    words = triggers(train_set)
    trigger_path.write_text("\n".join([runtime.trigger_header(), *words]) + "\n", "utf-8")
    trained: float | None = None
    if not (reuse and model_path.exists()):
        with tempfile.TemporaryDirectory() as scratch:
            scratch_model = Path(scratch) / "model.crfsuite"
            train(train_set, scratch_model, params)
            model_path.write_bytes(scratch_model.read_bytes())
        trained = time.perf_counter() - began
    model = runtime.Model(model_path, trigger_path)
    dev = polnear.articles(data, "dev")
    scores = evaluate(model, dev)
    took = "reused" if trained is None else f"trained in {trained:.0f} s"
    print(f"{took} on {len(train_set)} sentences; {model_path}")
    print(f"model {model_path.stat().st_size / 1e6:.2f} MB, sha256 {_sha256(model_path)[:16]}")
    for line in scores.table():
        print(line)
    if card:
        from scorer.train.attribution_card import write_card

        write_card(out, model, params, scores, dev, data, trained, len(train_set))
    return scores


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
