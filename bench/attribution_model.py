"""The trained attribution tagger on PolNeAR dev: spans, pairing, size and speed.

    python bench/attribution_model.py [--data DIR] [--split dev|train] [--fnc1 N]

Prints exact and overlap P/R/F1 for cue, source and content (see scorer/train/attribution_measure.py
for the exact definitions: spans are trimmed of whitespace, punctuation and quote marks
at both ends, on both sides, before they are compared), pairing accuracy, the pairing
rule alone on gold spans, the pre-test's cost in cue recall, model size and feature
count, and speed: ms per sentence on dev (features, pre-test, CRF and grouping) and
articles per second through `tag` on FNC-1 train bodies.
Missing data is skipped with a message: a fresh clone has no ../shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from scorer.models import attribution as runtime
from scorer.models import features_attribution as fx
from scorer.train import polnear
from scorer.train.attribution_measure import Scores, score_article
from scorer.train.labels import bio
from scorer.train.speed import FNC1_BODIES, fnc1_documents, time_tagging

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


class _Everything(frozenset[str]):
    """A trigger set that holds every word."""

    def __contains__(self, word: object) -> bool:
        return True

    def isdisjoint(self, other: object) -> bool:
        return False


class _NoPretest(runtime.Model):
    """The shipped model with a pre-test that lets every sentence through."""

    def __init__(self) -> None:
        shipped = runtime.model()
        self.tagger, self.lock = shipped.tagger, shipped.lock
        self.vocabulary, self.triggers = shipped.vocabulary, _Everything()


def gold_pairing(articles: list[polnear.Article]) -> Scores:
    """The pairing and joining rules alone, fed PolNeAR's own labels."""
    scores = Scores()
    for article in articles:
        doc = fx.load_text(article.text, source=article.name)
        grouped = fx.sentence_tokens(doc)
        labelled = []
        for sentence in doc.sentences:
            tokens = grouped[sentence.index]
            if tokens:
                labels = bio(tokens, article.spans)
                words = fx.sentence_words(doc, sentence, tokens)
                labelled.append(
                    runtime.Labelled(
                        sentence.index, tokens, labels, [1.0] * len(tokens), runtime.edges(words)
                    )
                )
        score_article(scores, article, runtime.assemble(labelled))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--fnc1", type=int, default=None, help="at most N FNC-1 bodies")
    args = parser.parse_args(argv)
    if not (args.data / polnear.POLNEAR / args.split).is_dir():
        print(f"attribution_model: {args.data / polnear.POLNEAR} not found; skipping.")
        return 0
    began = time.perf_counter()
    model = runtime.model()
    articles = polnear.articles(args.data, args.split)
    docs = [fx.load_text(a.text, source=a.name) for a in articles]
    scores, everything = Scores(), Scores()
    no_pretest = _NoPretest()
    for article, doc in zip(articles, docs, strict=True):
        score_article(scores, article, runtime.tag(doc, model))
        score_article(everything, article, runtime.tag(doc, no_pretest))
    sentences = sum(len(d.sentences) for d in docs)
    print(f"PolNeAR {args.split}: {len(articles)} articles, {sentences} sentences")
    print()
    for line in scores.table():
        print(line)
    print()
    cost = everything.exact["cue"].recall - scores.exact["cue"].recall
    print(
        f"pre-test: cue recall {scores.exact['cue'].recall:.4f} with it,"
        f" {everything.exact['cue'].recall:.4f} without (cost {100 * cost:.2f} points)"
    )
    rule = gold_pairing(articles)
    print(
        f"pairing rule on gold spans: {rule.pairing:.3f} ({rule.paired} of {rule.pairable});"
        f" content ceiling exact F1 {rule.exact['content'].f1:.3f},"
        f" overlap F1 {rule.overlap['content'].f1:.3f}"
    )
    facts = runtime.info()
    print(
        f"model: {facts['bytes'] / 1e6:.2f} MB, {facts['state_features']} state features,"
        f" {facts['transitions']} transitions, {facts['triggers']} trigger words"
    )
    wall, cpu = time_tagging(model, docs, sentences).per_item_ms()
    print(f"speed, {args.split}: {cpu:.3f} ms CPU per sentence, {wall:.3f} ms wall")
    if (args.data / FNC1_BODIES).exists():
        bodies = fnc1_documents(args.data, args.fnc1)
        timing = time_tagging(model, bodies, len(bodies), rounds=1)
        wall, cpu = timing.per_item_ms()
        print(
            f"speed, FNC-1 train bodies ({len(bodies)}): {wall:.2f} ms per article wall"
            f" ({1000 / wall:.0f} articles/s), {cpu:.2f} ms CPU ({1000 / cpu:.0f} articles/s)"
        )
    else:
        print(f"speed, FNC-1: {args.data / FNC1_BODIES} not found; skipped")
    print(f"total wall time: {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
