"""Measurements of the shipped sentence models (scorer/models/uncertainty.json, claims.json).

    python bench/sentence_models.py [--data DIR] [--no-cv]

* uncertainty on CoNLL-2010 Wikipedia train, claims on ClaimBuster train: P/R/F1 out of
  fold (the training recipe re-run with the shipped C, 5 folds, the model pruned and its
  threshold chosen inside the development part; needs the `train` extra; `--no-cv` skips
  it) and on the held-back 15% (the shipped model, through the pure-Python run time);
* uncertainty on the team's news hedge set (bench/labels/fnc1_hedges.tsv, uncertain = hedge
  or weasel): P/R/F1, recall of hedges and of weasels alone, the hedge-or-weasel rule's
  agreement with the labelled kind; and, for comparison, the rule detectors
  (scorer.audit) and a plain match of the npm `hedges` word list (MIT) on the same data;
* speed: microseconds of processor time per sentence for both models together, features,
  scores and the evidence of positive decisions included, the rule outputs handed in as
  the pipeline hands them; model sizes.

The labelled data is read from ../shared/data and never copied; missing data is skipped
with a message.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scorer.models import linear  # noqa: E402
from scorer.models import sentence_features as sf  # noqa: E402
from scorer.train import data, news, timing  # noqa: E402
from scorer.train.measure import Scores, scores  # noqa: E402

NPM_HEDGES = Path("lexicons", "npm_hedges", "index.js")
VAGUE = ("vague", "agentless")  # the sources bench/accuracy.py counts as hedging


def row(name: str, s: Scores) -> str:
    return f"  {name:58s} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} (n={s.n})"


def npm_matcher(data_dir: Path) -> re.Pattern[str] | None:
    """The npm `hedges` list as one case-insensitive whole-phrase pattern."""
    path = data_dir / NPM_HEDGES
    if not path.exists():
        return None
    words = [a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", path.read_text())]
    words.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def corpus_figures(name: str, data_dir: Path, cv: bool, npm: re.Pattern[str] | None) -> None:
    from scorer.train import sentences

    recipe = next(r for r in sentences.RECIPES if r.name == name)
    model = linear.load(name)
    corpus = recipe.corpus(data_dir)
    dev, held, _ = data.split(corpus)
    print(f"{name}: {corpus.path.relative_to(data_dir)}")
    extras = {i: sf.rule_extras(corpus.texts[i], recipe.rules) for i in held}
    predicted = [linear.score(model, corpus.texts[i], extras[i]).positive for i in held]
    held_scores = scores(predicted, [corpus.labels[i] for i in held])
    if cv:
        oof, cross = sentences.cross_validate(recipe, data_dir, model.meta["training"]["c"])
        print(row("out of fold, 5 folds (development part)", oof))
        print(row("out of fold, threshold from the other folds", cross))
    print(row("held back, shipped model", held_scores))
    if npm is not None and name == "uncertainty":
        for part, rows in (("development part", dev), ("held back", held)):
            hits = [bool(npm.search(corpus.texts[i])) for i in rows]
            gold = [corpus.labels[i] for i in rows]
            print(row(f"npm hedges word list, {part}", scores(hits, gold)))


def news_figures(data_dir: Path, npm: re.Pattern[str] | None) -> list[str]:
    import scorer

    model = linear.load("uncertainty")
    found = news.evaluate(model, data_dir)
    u = found["uncertain"]
    print("uncertainty on the news set (FNC-1 hedge set, uncertain = hedge or weasel):")
    print(
        f"  {'model':58s} P={u['precision']:.3f} R={u['recall']:.3f} F1={u['f1']:.3f} (n={u['n']})"
    )
    r = found["uncertain_random_stratum"]
    print(
        f"  {'model, random stratum only':58s} P={r['precision']:.3f} R={r['recall']:.3f} "
        f"F1={r['f1']:.3f} (n={r['n']})"
    )
    print(
        f"  recall of hedges {found['hedge_recall']:.3f} ({found['hedge_rows']} rows), of "
        f"weasels {found['weasel_recall']:.3f} ({found['weasel_rows']} rows); kind agreement "
        f"{found['kind_agreement']:.3f}"
    )
    rows = news.rows(data_dir)
    gold = [r.label != "none" for r in rows]
    flagged = []
    for r in rows:
        signals = scorer.audit(r.text, title="").signals
        flagged.append(
            any(
                s.kind == "hedge"
                or (s.kind == "attribution" and s.fields["source"]["type"] in VAGUE)
                for s in signals
            )
        )
    print(row("rule detectors (hedge, vague or agentless source)", scores(flagged, gold)))
    if npm is not None:
        print(row("npm hedges word list", scores([bool(npm.search(r.text)) for r in rows], gold)))
    return [r.text for r in rows]


def speed(texts: list[str]) -> None:
    """Both models on each sentence; the claim rule output is computed beforehand, as the
    pipeline's claims detector has it, and timed on its own for reference."""
    from scorer.detectors import claims

    models = [linear.load("uncertainty"), linear.load("claims")]
    rule = claims.model()
    extras = [
        [("rule:claim", 0, len(t))] if rule.score(sf.normalise(t))[0] >= rule.threshold else []
        for t in texts
    ]
    decisions, with_evidence = timing.per_sentence(models, texts, extras)
    print(
        f"speed: {decisions:.1f} µs per sentence for both models, {with_evidence:.1f} µs with "
        f"the evidence of positive decisions ({len(texts)} sentences, processor time, best of 5)"
    )
    start = time.process_time()
    for text in texts:
        rule.score(sf.normalise(text))
    alone = (time.process_time() - start) / len(texts) * 1e6
    print(f"  (the rule claims score alone, which the pipeline computes anyway: {alone:.1f} µs)")
    for name in ("uncertainty", "claims"):
        path = Path(linear.__file__).parent / f"{name}.json"
        print(
            f"size: {name}.json {path.stat().st_size / 1024:.1f} KB, "
            f"{len(linear.load(name).weights)} weights"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=data.DEFAULT_DATA)
    parser.add_argument("--no-cv", action="store_true", help="skip the out-of-fold re-run")
    args = parser.parse_args()
    if not data.available(args.data):
        print(f"no labelled data in {args.data}: nothing measured")
        return 0
    npm = npm_matcher(args.data)
    for name in ("uncertainty", "claims"):
        corpus_figures(name, args.data, not args.no_cv, npm)
    texts: list[str] = []
    if news.available(args.data):
        texts = news_figures(args.data, npm)
    else:
        print("no news set: skipped")
    claims_corpus = data.claimbuster(args.data)
    speed(texts + [t for t in claims_corpus.texts[::8] if t])
    return 0


if __name__ == "__main__":
    sys.exit(main())
