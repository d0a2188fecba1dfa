"""The model card: what the shipped attribution model is, how it was made, how it does."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from scorer.models import attribution as runtime
from scorer.models import features_attribution as fx
from scorer.models.features_attribution import Document
from scorer.train import polnear
from scorer.train.attribution_measure import Scores, score_article
from scorer.train.speed import fnc1_documents, time_tagging

FEATURES = """\
Per token, from `scorer/models/features_attribution.py` (version {version}), over the
project's own sentences and tokens (`scorer.load.load_string`, `Document.tokens`) at
training and at run time alike:

- the word lower-cased (on `Document.norm`: curly quotes made straight), its shape
  (`Xx`, `d`, ...), a crude stem folding verb forms (pledged/pledges -> `pledg`), its
  last three letters, quote mark or punctuation class;
- word classes from `rules/lexicons/sources.toml` (anonymous, vague, document,
  organisation, place, outlet, media, title, pronoun and person nouns);
- word tags learned from train (`attribution.words`): the share of a word's occurrences
  inside a cue and inside a source, in four buckets, for words seen three times or
  more; cross-fitted in training (each half of train is tagged from the other half);
- phrases of `rules/lexicons/attribution.toml` (report verbs and cue phrases by type,
  agentless and vague phrases), `anonymity.toml` and the multi-word outlets and places
  of `sources.toml`, as B/I marks on the words they cover, and on the neighbours;
- neighbours: words at -2..+2, word classes at -1 and +1; whether the word before is
  an auxiliary, pronoun or determiner;
- verb-ness without a tagger: the last two letters of a lower-case word after an
  auxiliary ("is pointing"), a name or pronoun ("Clinton adds") or "and"/"but"/a comma
  ("and insists"; marked apart when a lexicon cue stands earlier in the sentence);
- sentence: first three positions, first/last token, whether the sentence holds a
  lexicon cue or a quote mark; distance (bucketed) to the nearest lexicon cue on the
  left and on the right;
- quotation: inside a quotation's marks (`Document.quotes`), a quote mark within the
  two tokens before or after;
- clause markers after the word: "that" within three tokens, a colon within two.
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_card(
    out: Path,
    model: runtime.Model,
    params: dict[str, object],
    scores: Scores,
    dev: Sequence[polnear.Article],
    data: Path,
    trained_seconds: float | None,
    sentences: int,
) -> None:
    """Write `attribution.md` beside the model in `out`.

    With `trained_seconds` None (the model file was reused), the training date and time
    are kept from the card already there.
    """
    model_path = out / runtime.MODEL.name
    trained = f"Trained {datetime.date.today().isoformat()} in {trained_seconds or 0:.0f} s"
    old = out / "attribution.md"
    if trained_seconds is None:
        found = old.exists() and re.search(r"Trained \S+ in \d+ s", old.read_text("utf-8"))
        trained = found.group(0) if found else "Trained (date and time not recorded)"
    details = model.tagger.info()
    dev_docs = [fx.load_text(a.text, source=a.name) for a in dev]
    pretest = _pretest(model, dev, dev_docs, scores)
    dev_sentences = sum(len(d.sentences) for d in dev_docs)
    per_sentence = time_tagging(model, dev_docs, dev_sentences).per_item_ms()
    fnc1 = ""
    if (data / "fnc1" / "train_bodies.csv").exists():
        docs = fnc1_documents(data)
        wall, cpu = time_tagging(model, docs, len(docs), rounds=1).per_item_ms()
        fnc1 = (
            f"- FNC-1 train bodies ({len(docs)} articles, `tag` only): {cpu:.2f} ms CPU per"
            f" article ({1000 / cpu:.0f} articles per second of CPU), {wall:.2f} ms wall.\n"
        )
    table = "\n".join(f"    {line}" for line in scores.table())
    params_text = ", ".join(f"{k}={v}" for k, v in params.items())
    text = f"""# Attribution tagger: model card

`attribution.crfsuite` is a linear-chain CRF (CRFsuite's own binary format, read by
python-crfsuite; feature weights only, no code and no pickle) that labels each token
B/I-CUE, B/I-SOURCE, B/I-CONTENT or O. `scorer.models.attribution.tag(doc)` groups the
labels into attributions. `attribution.words` (plain text) tags words by how often
they are inside a cue or a source in train, and lists the pre-test's trigger words.

## Data and licence

Trained on PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018), split `train` only
(840 articles, months 1-10 of the 2016 US campaign, one annotator per article: the
alphabetically first id), read in place from `../shared/data/polnear` at training time
and never copied into the repository. Figures below are on `dev` (84 articles).
PolNeAR states no licence; its article texts are the publishers' copyright
(research/internal use). The model holds feature weights over single words, their
suffixes, stems and shapes and the project's lexicon marks, and the trigger list holds
single words: no article text, sentence or span is stored, and none can be rebuilt.

## Features

{FEATURES.format(version=fx.FEATURES_VERSION)}
## Training

    make models        # or: python -m scorer.train attribution

CRFsuite L-BFGS with elastic net ({params_text}). L-BFGS has no random draws and the
sentences come in file-name order, so the seed ({_seed()}) changes nothing; a rerun gives
the same model file byte for byte (sha256 `{_sha256(model_path)}`).
{trained} on {sentences} sentences, features version {fx.FEATURES_VERSION}.

## PolNeAR dev

Exact: same start and end after trimming whitespace, punctuation and quote marks from
both ends of both spans. Overlap: shares a character. Pairing: of the gold attributions
whose cue was found exactly, the share given the gold source (exact, or both none).

{table}

Targets were exact F1 cue >= 0.72 and source >= 0.75, overlap F1 cue >= 0.82 and source
>= 0.80: not met. Published exact-span figures on PolNeAR (cue/source): CRF over word
embeddings 53.4/50.6, BiLSTM-CRF 66.7/69.6, BERT-CRF 74.9/82.2.

{pretest}

## Size and speed

- {model_path.stat().st_size / 1e6:.2f} MB, {len(details.state_features)} state features,
  {len(details.transitions)} transitions, {len(model.vocabulary.triggers)} trigger words.
- PolNeAR dev ({dev_sentences} sentences, features, pre-test, CRF and grouping):
  {per_sentence[0]:.3f} ms per sentence wall, {per_sentence[1]:.3f} ms CPU.
{fnc1}
Measured on a shared 2-core machine; `python bench/attribution_model.py` measures again.

## What was tried (on a tenth of train held out, then a few choices on dev)

- Regularisation: c1=0.1/c2=0.01 overfits (weights of 10+ on rare word pairs; held-out
  cue F1 0.657); c2=1.0 gives 0.691. c1=1.0 prunes the model under 5 MB at no cost.
- Cue and source alone, content left out of the labels: held-out cue F1 0.695 against
  0.691 jointly; not worth a second CRF call per sentence.
- Verb-ness conjunctions ("Clinton adds", "is pointing", "and insists"): +0.1.
- Word tags learned from train (share inside a cue / a source), cross-fitted: held-out
  cue F1 +0.9 (0.680 -> 0.689), overlap +0.8; source unchanged. Adopted; on dev +0.4
  (0.672 -> 0.676), at 0.26 ms more per FNC-1 article. Neighbours then see only the
  strong tags (30% or more): dev within 0.3 point, 0.1-0.2 ms back.
- Dropped for speed with no loss on dev (F1 within 0.5 point): stems, shapes and
  prefixes of the neighbours, suffix-2, the word-pair features (half the model), the
  bias attribute and stems equal to their word.
- Posterior decoding (a cue wherever P(B-CUE) >= 0.45): held-out cue F1 +0.8, overlap
  +1.7, but the extra cues mostly lack a source (pairing 0.86 -> 0.83), which would read
  as agentless attributions downstream; not adopted.
- Content across sentences: joining the pieces of a quotation that runs on is best on
  overlap (gold labels through the grouping, train: content overlap F1 0.966 against
  0.954 unjoined) and a little worse on exact (0.911 against 0.918): PolNeAR marks some
  multi-sentence quotes as one span and others as one span a sentence.

## Limits

Sources in another sentence than their cue (0.2% of PolNeAR's) are not found; content in
a sentence before its cue is found only when it runs up to the cue's sentence. Cues are
predicates of saying, believing and intending in PolNeAR's broad sense ("is pushing back",
"plans"): a token-level model without a parser misses many of them.
"""
    (out / "attribution.md").write_text(text, encoding="utf-8")


class _Everything(frozenset[str]):
    def __contains__(self, word: object) -> bool:
        return True

    def isdisjoint(self, other: object) -> bool:
        return False


def _pretest(
    model: runtime.Model,
    dev: Sequence[polnear.Article],
    docs: Sequence[Document],
    scores: Scores,
) -> str:
    """What the pre-test skips on dev, and what it costs in cue recall."""
    everything = runtime.Model.__new__(runtime.Model)
    everything.tagger, everything.lock = model.tagger, model.lock
    everything.vocabulary, everything.triggers = model.vocabulary, _Everything()
    without = Scores()
    skipped = total = 0
    for article, doc in zip(dev, docs, strict=True):
        score_article(without, article, runtime.tag(doc, everything))
        grouped = fx.sentence_tokens(doc)
        for sentence in doc.sentences:
            tokens = grouped[sentence.index]
            if tokens:
                total += 1
                words = fx.sentence_words(doc, sentence, tokens)
                skipped += not runtime.may_attribute(words, model.triggers)
    from scorer.train.attribution import TRIGGER_SHARE

    cost = 100 * (without.exact["cue"].recall - scores.exact["cue"].recall)
    return (
        "Pre-test: a sentence is tagged only when it holds a trigger word (inside a cue in at"
        f" least {100 * TRIGGER_SHARE:.0f}% of its train occurrences, and twice) or a quote"
        " mark. On dev it skips"
        f" {skipped} of {total} sentences ({100 * skipped / total:.0f}%) and costs"
        f" {cost:.2f} points of exact cue recall."
    )


def _seed() -> int:
    from scorer.train.attribution import SEED

    return SEED
