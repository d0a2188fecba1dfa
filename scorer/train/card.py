"""Model cards: the Markdown written beside each model file, from what training measured."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scorer.train.measure import Scores
    from scorer.train.sentences import Trained

# What the data READMEs in ../shared/data say about where each corpus comes from.
PROVENANCE = {
    "uncertainty": (
        "CoNLL-2010 Shared Task 1, Wikipedia training sentences (Farkas et al. 2010), in "
        "the cleaned split of GitHub `ChristopherLiew/Crypto-Uncertainty-Index` "
        "(`nlp/hedge_classifier/data/wiki_weasel_clean/`, commit a0d1b32), "
        "`train.csv` only. Licence: the source repository has no licence file; the "
        "sentences are Wikipedia text, CC BY-SA. The n-grams kept as weights are short "
        "pieces of that text: check CC BY-SA attribution before redistributing."
    ),
    "claims": (
        "ClaimBuster two-class training sentences (Arslan et al., ICWSM 2020; the two-class "
        "version of Meng et al. 2020) from GitHub `utaresearch/claimbuster-spotter` @ "
        "332bba08, `data/two_class/train.json` only: US presidential debate sentences, "
        "label 1 = check-worthy factual claim. Licence: the repository is GPL-3.0; the "
        "licence of the Zenodo record of the full dataset was not verified. The n-grams "
        "kept as weights are short pieces of that text: check GPL-3.0 terms before "
        "redistributing."
    ),
}

FEATURES = {
    "uncertainty": (
        "Binary features: word 1- and 2-grams (lower-cased, curly apostrophes straight, "
        'figures as `#num`/`#year`, a capitalised "May" that is a month or a name as '
        "`#May`); lexicon types `lex:<lexicon>:<type>` of `rules/lexicons/hedges.toml`, "
        "`uncertainty.toml` and `weasels.toml` (their phrases are copied into the model "
        "file, so editing a lexicon does not change the model). The hedge types of "
        "hedges.toml and uncertainty.toml have a **fixed weight** (`fixed_weight`, not "
        'learnt) and their one-word phrases ("may", "could", "alleged") are not '
        "n-gram features: CoNLL-2010's Wikipedia annotators marked mostly weasel wording, "
        'so the data teaches that "may" is not uncertain (26% of its CoNLL sentences are '
        "labelled uncertain), where the design's hedge types and the news set say it is. "
        "The rest is learnt from CoNLL around those fixed weights."
    ),
    "claims": (
        "Binary features: word 1- and 2-grams (as the uncertainty model); shapes "
        "(`shape:digit`, `shape:nums:2|3`, `shape:year`, `shape:caps:0..4` capitalised words "
        "after the first, `shape:len:<words>` buckets, `shape:quote`); and `rule:claim`, "
        "whether the rule claims detector (`rules/lexicons/claims.toml`) calls the sentence "
        "a claim, handed in by the caller from the claim signal (see "
        "`sentence_features.extras_from_signals`)."
    ),
}


def _row(name: str, s: Scores | None) -> str:
    if s is None:
        return f"| {name} | | | | |"
    return f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.n} |"


LIMITS = {
    "uncertainty": (
        "The two targets it was measured against disagree. CoNLL-2010 Wikipedia labels "
        'mostly weasel wording: bare "some", "many" are uncertain there (about 65% of '
        "their sentences) and modals mostly are not; the team's news set labels modals, "
        "reporting verbs and speculation as hedges and bare quantities as none. With the "
        "hedge types fixed the model follows the news definition and loses on CoNLL "
        "(the same recipe with no fixed weights, measured with this code: F1 0.629 out of "
        "fold and 0.635 held back on CoNLL, precision 0.55; 0.629 on the news set, hedge "
        "recall 0.56). The news-set figure is "
        "optimistic: `rules/lexicons/uncertainty.toml` was written after reading, once, the "
        "news sentences an intermediate model got wrong, and `fixed_weight` was chosen "
        "among 1, 2 and 3 with the news set in view. Hedges inside direct quotes count "
        "(the news set counts them); the rule detector leaves them out, so a caller that "
        "follows the detector's policy should drop evidence inside quotes. "
        "`linear.uncertainty_kind` says hedge or weasel, with its type and cue, from the "
        "evidence words (its docstring has the rule)."
    ),
    "claims": (
        "Debate speech, not news prose: check-worthiness in news is measured nowhere here. "
        "Bag-of-words models plateau on ClaimBuster near 0.76 F1 in every variant tried "
        "(trigrams, word suffixes, NB weighting, linear SVM, the rule detector's feature ids "
        "and score buckets); the 0.78 target was not reached. `rule:claim` must be handed "
        "in: without it a sentence loses that weight (computing it costs the rule claims "
        "detector's scoring, about 80 µs a sentence on its own)."
    ),
}


def render(trained: Trained, size: int, speed_us: tuple[float, float]) -> str:
    model = trained.model
    info: dict[str, Any] = dict(model.meta["training"])
    grid = ", ".join(f"C={c}: {f1:.3f}" for c, f1 in trained.grid.items())
    lexicon_types = sum(1 for f in model.weights if f.startswith("lex:"))
    lines = [
        f"# Model card: `{model.name}.json`",
        "",
        f"A logistic-regression sentence model: positive = {model.meta['positive']}. "
        "Scored in pure Python by `scorer.models.linear` (probability = sigmoid(bias + "
        "sum of the weights of the sentence's features); positive when it reaches "
        "`threshold`).",
        "",
        "## Data and licence",
        "",
        PROVENANCE[model.name],
        f"Development part: {info['rows']} sentences; held back: {info['held_back_rows']} "
        f"(15%, stratified by label, drawn by a hash of seed {info['seed']} and the id).",
        "",
        "## Features",
        "",
        FEATURES[model.name],
        "",
        "## Training",
        "",
        f"`{info['command']}` (or `make models`), seed {info['seed']}, {info['date']}. "
        "Balanced class weights, L2 logistic regression (scipy L-BFGS), features seen in "
        "fewer than 2 training sentences left out; pruned to the "
        f"{info['keep']} largest learnt weights and refitted. C chosen by 5-fold "
        f"cross-validation on out-of-fold F1 ({grid}): C={info['c']}. Threshold: the "
        "out-of-fold decision value that maximises F1 "
        f"(probability {model.threshold:.4f}).",
        "",
        "## Metrics",
        "",
        "| | precision | recall | F1 | sentences |",
        "|---|---:|---:|---:|---:|",
        _row("out of fold (5-fold, development part)", trained.oof),
        _row("out of fold, each fold cut at the other folds' threshold", trained.oof_cross),
        _row("held back (once, through the run time)", trained.held_back),
    ]
    news = trained.news
    if news:
        u = news["uncertain"]
        lines.append(
            f"| news: FNC-1 hedge set, uncertain = hedge or weasel | {u['precision']:.3f} | "
            f"{u['recall']:.3f} | {u['f1']:.3f} | {u['n']} |"
        )
        lines += [
            "",
            f"News set: recall of hedges {news['hedge_recall']:.3f} ({news['hedge_rows']} "
            f"rows), of weasels {news['weasel_recall']:.3f} ({news['weasel_rows']} rows); "
            f"the hedge-or-weasel rule gives the labelled kind to "
            f"{news['kind_agreement']:.3f} of the uncertain sentences it finds. "
            "Measured after the model was final (`bench/sentence_models.py` repeats it).",
        ]
    lines += [
        "",
        f"Run time against the training arithmetic on the held-back part: largest "
        f"difference of decision values {trained.parity:.1e}.",
        "",
        "## Size and speed",
        "",
        f"{len(model.weights)} weights ({lexicon_types} of them lexicon types), "
        f"{size / 1024:.1f} KB of JSON. Both sentence models together, on the held-back "
        f"sentences of both corpora: {speed_us[0]:.1f} µs of processor time per sentence "
        f"for features and decisions, {speed_us[1]:.1f} µs with the evidence of every "
        "positive decision (rule outputs handed in; best of five passes on a shared "
        "machine).",
        "",
        "## Limits",
        "",
        LIMITS[model.name],
        "",
    ]
    return "\n".join(lines)
