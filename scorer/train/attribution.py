"""Train the attribution tagger on PolNeAR train; measure it on dev; write model and card.

    python -m scorer.train attribution [--data DIR] [--out DIR]

Every sentence of every train article (one annotator an article) becomes a token
sequence with BIO labels (`labels.bio`) and features (`features_attribution`). crfsuite
trains with L-BFGS and elastic-net regularisation: L1 (c1) prunes most features to
zero weight, and crfsuite writes only the features that keep a weight. Word tags (how
often a word is inside a cue or a source) and the pre-test's trigger words are counted
on train too, and shipped as `attribution.words`. L-BFGS has no randomness and the
examples come in a fixed order (file names, even ranks then odd), so a run gives the
same model file byte for byte.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from scorer.models import attribution as runtime
from scorer.models import features_attribution as fx
from scorer.models.features_attribution import Document, Sentence
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


@dataclass
class Tally:
    """How often each word occurs in train, and inside a cue or a source."""

    seen: Counter[str] = field(default_factory=Counter)
    in_cue: Counter[str] = field(default_factory=Counter)
    in_source: Counter[str] = field(default_factory=Counter)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.seen + other.seen,
            self.in_cue + other.in_cue,
            self.in_source + other.in_source,
        )


def _sentences(
    articles: Sequence[polnear.Article],
) -> Iterator[tuple[Document, Sentence, list[tuple[int, int]], list[str]]]:
    for article in articles:
        doc = fx.load_text(article.text, source=article.name)
        grouped = fx.sentence_tokens(doc)
        for sentence in doc.sentences:
            tokens = grouped[sentence.index]
            if tokens:
                yield doc, sentence, tokens, bio(tokens, article.spans)


def tally(articles: Sequence[polnear.Article]) -> Tally:
    counts = Tally()
    for doc, sentence, tokens, labels in _sentences(articles):
        for word, label in zip(fx.sentence_words(doc, sentence, tokens), labels, strict=True):
            counts.seen[word] += 1
            counts.in_cue[word] += label.endswith("CUE")
            counts.in_source[word] += label.endswith("SOURCE")
    return counts


def vocabulary(counts: Tally, share: float = TRIGGER_SHARE) -> fx.Vocabulary:
    """Word tags (words seen three times or more) and trigger words: words inside a cue
    in at least `share` of their occurrences, and at least twice."""
    tags: dict[str, tuple[str, ...]] = {}
    for word, seen in counts.seen.items():
        if seen >= 3:
            found = (
                fx.share_tag("cr=", counts.in_cue[word] / seen),
                fx.share_tag("sr=", counts.in_source[word] / seen),
            )
            if rated := tuple(t for t in found if t):
                tags[word] = rated
    triggers = frozenset(
        w
        for w, n in counts.in_cue.items()
        if n >= 2 and n / counts.seen[w] >= share and any(c.isalpha() for c in w)
    )
    return fx.Vocabulary(tags, triggers)


def examples(articles: Sequence[polnear.Article], words: fx.Vocabulary) -> Iterator[Example]:
    """Every sentence of every article, featurised and labelled."""
    for doc, sentence, tokens, labels in _sentences(articles):
        yield Example(fx.features(doc, sentence, tokens, words), labels)


def training_set(articles: Sequence[polnear.Article]) -> tuple[list[Example], fx.Vocabulary]:
    """The examples, and the vocabulary to ship.

    Word tags are cross-fitted: the articles of even rank are featurised with the tags
    counted on those of odd rank, and the reverse, so that a word's tag never counts
    the sentence it is in (else a word seen three times, once in a cue, would teach the
    model that its tag is surer than it is). The shipped vocabulary counts all of train.
    """
    halves = (articles[0::2], articles[1::2])
    counts = [tally(half) for half in halves]
    train_set = [
        *examples(halves[0], vocabulary(counts[1])),
        *examples(halves[1], vocabulary(counts[0])),
    ]
    return train_set, vocabulary(counts[0] + counts[1])


def train(train_set: Sequence[Example], path: Path, params: dict[str, object]) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for example in train_set:
        trainer.append(example.features, example.labels)
    trainer.set_params(params)
    trainer.train(str(path))


def evaluate(model: runtime.Model, articles: Sequence[polnear.Article]) -> Scores:
    scores = Scores()
    for article in articles:
        doc = fx.load_text(article.text, source=article.name)
        score_article(scores, article, runtime.tag(doc, model))
    return scores


def build(
    data: Path,
    out: Path,
    params: dict[str, object] | None = None,
    card: bool = True,
    reuse: bool = False,
) -> Scores:
    """Train on `data`'s PolNeAR train, write model, words and card into `out`.

    `reuse` keeps a model file already in `out` (words, figures and card are made
    again): for a change to the pre-test or the grouping, which need no training.
    """
    params = {**PARAMS, **(params or {})}
    began = time.perf_counter()
    train_set, words = training_set(polnear.articles(data, "train"))
    out.mkdir(parents=True, exist_ok=True)
    model_path = out / runtime.MODEL.name
    words_path = out / runtime.WORDS.name
    words_path.write_text("\n".join([runtime.words_header(), *words.lines()]) + "\n", "utf-8")
    trained: float | None = None
    if not (reuse and model_path.exists()):
        with tempfile.TemporaryDirectory() as scratch:
            scratch_model = Path(scratch) / "model.crfsuite"
            train(train_set, scratch_model, params)
            model_path.write_bytes(scratch_model.read_bytes())
        trained = time.perf_counter() - began
    model = runtime.Model(model_path, words_path)
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
