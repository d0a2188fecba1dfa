"""Accuracy of the detectors on the labelled development data in ../shared/data.

    python bench/accuracy.py [--limit N] [--data DIR]
    python bench/accuracy.py --errors hedges|cues|sources|claims [--show N] [--limit N]

Measures, all through the public `scorer.audit(text).to_dict()["signals"]`:

* hedges: CoNLL-2010 Wikipedia training sentences (PTB tokenisation undone lightly), the
  15% the uncertainty model was never trained on (`scorer.train.data.split`, fixed seed:
  a model is never scored on its own training sentences). A sentence is uncertain when it
  holds a `hedge` or `weasel` signal or an `attribution` whose source is `vague` or
  `agentless`. P/R/F1 of the uncertain class. The out-of-fold figures over the rest are
  `bench/sentence_models.py`'s.
* news hedges: the team's blind-labelled FNC-1 train sentences (bench/labels/
  fnc1_hedges.tsv, read from ../shared/data), uncertain = hedge or weasel; the same
  trigger. Each sentence is audited alone.
* cues, sources: PolNeAR dev articles, audited whole. A predicted attribution cue (source)
  span counts when it overlaps a gold `Cue` (`Source`) span; recall counts gold spans
  overlapped by some prediction. The exact rows count a span only when it is a gold span,
  both trimmed of spaces, punctuation and quote marks at the ends. Identical spans are
  counted once. A discontinuous brat span is its fragments: it overlaps when any
  fragment does. Articles with several annotators are scored against the alphabetically
  first annotator id.
* claims: ClaimBuster training sentences, the held-back 15% as for hedges. A sentence is
  check-worthy when it holds a `claim` signal of any status. P/R/F1 of class 1.

`--limit N` keeps N items of each dataset, evenly spaced through it (the CoNLL and
ClaimBuster files are sorted by label, so their first N items would be of one class).
Words per second are whitespace-separated words of the audited texts over the seconds
spent inside `scorer.audit` (after warm-up calls). `--errors KIND` prints false
positives and false negatives of one measure, evenly spaced through the data, with spans
in brackets: lower-case tags are predictions, upper-case tags gold, and `*` marks what
the error is about. Sentences are named `#id`: the 0-based data row for CoNLL, the
`sentence_id` for ClaimBuster.
Missing data is skipped with a message, never an error: a fresh clone has no ../shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import datasets
from datasets import Article, Fragments, Sentence

from scorer.train import data as split_data
from scorer.train import news
from scorer.train.attribution_measure import trim

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
KINDS = ("hedges", "news", "cues", "sources", "claims")
ROW_NAMES = {
    "hedges": "hedges (CoNLL held back)",
    "news": "hedges (FNC-1 news set)",
    "cues": "cues (PolNeAR dev)",
    "sources": "sources (PolNeAR dev)",
    "cues-exact": "cues exact (dev)",
    "sources-exact": "sources exact (dev)",
    "claims": "claims (ClaimBuster held back)",
}
HEDGE_SOURCE_TYPES = frozenset({"vague", "agentless"})
POLNEAR_SPLIT = "dev"

Signal = dict[str, Any]
Mark = tuple[int, int, str]


# -- scoring ------------------------------------------------------------------------------


@dataclass
class Counts:
    """Counts behind P/R/F1; predictions and gold items are matched separately.

    With span overlap one prediction can cover two gold spans and the reverse, so matched
    predictions (for precision) and matched gold items (for recall) differ.
    """

    gold: int = 0
    pred: int = 0
    pred_matched: int = 0
    gold_matched: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.pred_matched += other.pred_matched
        self.gold_matched += other.gold_matched

    @property
    def precision(self) -> float | None:
        return self.pred_matched / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.gold_matched / self.gold if self.gold else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def overlaps(a: Fragments, b: Fragments) -> bool:
    """Whether any fragment of `a` shares at least one character with any fragment of `b`."""
    return any(max(s1, s2) < min(e1, e2) for s1, e1 in a for s2, e2 in b)


def match_spans(
    pred: Sequence[Fragments], gold: Sequence[Fragments]
) -> tuple[list[bool], list[bool]]:
    """For each prediction, whether it overlaps some gold span; and for each gold span."""
    pred_hits = [False] * len(pred)
    gold_hits = [False] * len(gold)
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if overlaps(p, g):
                pred_hits[i] = gold_hits[j] = True
    return pred_hits, gold_hits


def span_counts(pred: Sequence[Fragments], gold: Sequence[Fragments]) -> Counts:
    pred_hits, gold_hits = match_spans(pred, gold)
    return Counts(len(gold), len(pred), sum(pred_hits), sum(gold_hits))


def exact_counts(text: str, pred: Sequence[Fragments], gold: Sequence[Fragments]) -> Counts:
    """Exact-span match after trimming spaces, punctuation and quote marks from both ends of
    both sides (the tagger's own measure, `scorer.train.attribution_measure.trim`): a gold
    span's fragments are gold items of their own."""
    mine = {t for p in pred for f in p if (t := trim(text, f)) is not None}
    theirs = {t for g in gold for f in g if (t := trim(text, f)) is not None}
    return Counts(len(theirs), len(mine), len(mine & theirs), len(mine & theirs))


def label_counts(pred: Sequence[bool], gold: Sequence[bool]) -> Counts:
    """Binary classification of the positive class, as Counts."""
    hits = sum(1 for p, g in zip(pred, gold, strict=True) if p and g)
    return Counts(sum(gold), sum(pred), hits, hits)


# -- running the scorer -------------------------------------------------------------------


@dataclass
class Timer:
    """Time and words inside `scorer.audit` for one dataset, and inputs it refused."""

    seconds: float = 0.0
    words: int = 0
    refused: list[str] = field(default_factory=list)

    @property
    def words_per_second(self) -> float | None:
        return self.words / self.seconds if self.seconds else None


def audit_signals(text: str, timer: Timer, label: str) -> list[Signal]:
    """Signals of one text. Empty or prose-less input (a ScorerError) has none."""
    import scorer

    if not text.strip():
        timer.refused.append(f"{label}: empty")
        return []
    timer.words += len(text.split())
    start = time.perf_counter()
    try:
        result = scorer.audit(text)
    except scorer.ScorerError as error:
        timer.refused.append(f"{label}: {error.message}")
        return []
    finally:
        timer.seconds += time.perf_counter() - start
    return result.to_dict()["signals"]


def warm_up() -> None:
    """Pay for lazy imports (nltk), lexicons and compiled patterns outside the timed calls.

    The example articles exercise every path; the sentence makes Punkt load without them.
    """
    import scorer

    scorer.audit("Acme Inc. said Mr. J. Smith might resign, according to a U.S. report.")
    for path in sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt")):
        scorer.audit(path.read_text(encoding="utf-8"))


def hedge_triggers(signals: Iterable[Signal]) -> list[Signal]:
    """The signals that make a sentence uncertain."""
    return [
        s
        for s in signals
        if s.get("kind") in ("hedge", "weasel")
        or (
            s.get("kind") == "attribution"
            and ((s.get("source") or {}).get("type") in HEDGE_SOURCE_TYPES)
        )
    ]


def claim_triggers(signals: Iterable[Signal]) -> list[Signal]:
    return [s for s in signals if s.get("kind") == "claim"]


def cue_spans(signals: Iterable[Signal]) -> list[Fragments]:
    return _unique(_span_of(s.get("cue")) for s in signals if s.get("kind") == "attribution")


def source_spans(signals: Iterable[Signal]) -> list[Fragments]:
    return _unique(_span_of(s.get("source")) for s in signals if s.get("kind") == "attribution")


def gold_spans(article: Article, label: str) -> list[Fragments]:
    return _unique(span.fragments for span in article.spans if span.label == label)


def _span_of(part: Any) -> Fragments | None:
    if not isinstance(part, dict) or part.get("start") is None or part.get("end") is None:
        return None
    return ((int(part["start"]), int(part["end"])),)


def _unique(spans: Iterable[Fragments | None]) -> list[Fragments]:
    return sorted({s for s in spans if s and any(end > start for start, end in s)})


# -- measures -----------------------------------------------------------------------------


@dataclass
class SentenceRun:
    """A sentence dataset audited: each item's signals and whether it was predicted."""

    items: list[tuple[Sentence, list[Signal]]]
    predicted: list[bool]
    timer: Timer

    @property
    def counts(self) -> Counts:
        return label_counts(self.predicted, [s.label == 1 for s, _ in self.items])


@dataclass
class ArticleRun:
    """PolNeAR articles audited, with the signals of each."""

    items: list[tuple[Article, list[Signal]]]
    timer: Timer

    def counts(self, measure: str) -> Counts:
        total = Counts()
        kind, exact = measure.removesuffix("-exact"), measure.endswith("-exact")
        for article, signals in self.items:
            pred, gold = self.spans(kind, article, signals)
            total.add(exact_counts(article.text, pred, gold) if exact else span_counts(pred, gold))
        return total

    @staticmethod
    def spans(
        measure: str, article: Article, signals: list[Signal]
    ) -> tuple[list[Fragments], list[Fragments]]:
        if measure == "cues":
            return cue_spans(signals), gold_spans(article, "Cue")
        return source_spans(signals), gold_spans(article, "Source")


def run_sentences(
    sentences: Sequence[Sentence], triggers: Callable[[Iterable[Signal]], list[Signal]]
) -> SentenceRun:
    timer = Timer()
    items = [(s, audit_signals(s.text, timer, f"#{s.id}")) for s in sentences]
    return SentenceRun(items, [bool(triggers(signals)) for _, signals in items], timer)


def run_articles(articles: Sequence[Article]) -> ArticleRun:
    timer = Timer()
    return ArticleRun([(a, audit_signals(a.text, timer, a.name)) for a in articles], timer)


# -- error listings -----------------------------------------------------------------------


def mark(text: str, marks: Iterable[Mark], lo: int = 0, hi: int | None = None) -> str:
    """`text[lo:hi]` with each (start, end, tag) shown as `[tag|...]`, on one line.

    Duplicate marks show once and are clipped to the window; nested marks nest, crossing
    ones interleave.
    """
    hi = len(text) if hi is None else hi
    events: list[tuple[int, int, int, str]] = []
    for start, end, tag in sorted(set(marks)):
        start, end = max(start, lo), min(end, hi)
        if start >= end:
            continue
        events.append((start, 1, -end, f"[{tag}|"))
        events.append((end, 0, -start, "]"))
    events.sort()
    pieces, at = [], lo
    for pos, _, _, piece in events:
        pieces.append(text[at:pos])
        pieces.append(piece)
        at = pos
    pieces.append(text[at:hi])
    return " ".join("".join(pieces).split())


def spread(items: Sequence[Any], n: int) -> list[Any]:
    """`n` items evenly spaced through `items` (all of them when there are fewer)."""
    if n <= 0 or n >= len(items):
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def signal_marks(signals: Iterable[Signal], focus: Iterable[Signal] = ()) -> list[Mark]:
    """Hedge, attribution and claim signals as marks; `focus` ones get a `*`."""
    focus_ids = {s.get("id") for s in focus}
    marks: list[Mark] = []
    for s in signals:
        star = "*" if s.get("id") in focus_ids else ""
        kind = s.get("kind")
        if kind == "hedge":
            marks.append((s["start"], s["end"], f"{star}hedge:{s.get('type')}"))
        elif kind == "claim":
            marks.append((s["start"], s["end"], f"{star}claim:{s.get('status')}"))
        elif kind == "attribution":
            source, cue = s.get("source"), s.get("cue")
            if isinstance(cue, dict):
                marks.append((cue["start"], cue["end"], f"{star}cue"))
            if isinstance(source, dict):
                marks.append((source["start"], source["end"], f"{star}source:{source.get('type')}"))
    return marks


def sentence_errors(run: SentenceRun, kind: str, show: int) -> list[str]:
    triggers = claim_triggers if kind == "claims" else hedge_triggers
    fp, fn = [], []
    for (sentence, signals), predicted in zip(run.items, run.predicted, strict=True):
        if predicted != (sentence.label == 1):
            (fp if predicted else fn).append((sentence, signals))
    lines = []
    for name, errors in (("false positives", fp), ("false negatives", fn)):
        picked = spread(errors, show)
        lines.append(f"== {kind}: {name} ({len(picked)} of {len(errors)})")
        for sentence, signals in picked:
            lines.append(f"#{sentence.id} gold={sentence.label}")
            lines.append("    " + mark(sentence.text, signal_marks(signals, triggers(signals))))
        lines.append("")
    return lines


def article_errors(run: ArticleRun, kind: str, show: int) -> list[str]:
    import scorer

    fp: list[tuple[Article, list[Signal], Fragments]] = []
    fn: list[tuple[Article, list[Signal], Fragments]] = []
    for article, signals in run.items:
        pred, gold = ArticleRun.spans(kind, article, signals)
        pred_hits, gold_hits = match_spans(pred, gold)
        fp += [(article, signals, p) for p, hit in zip(pred, pred_hits, strict=True) if not hit]
        fn += [(article, signals, g) for g, hit in zip(gold, gold_hits, strict=True) if not hit]
    what = "cue" if kind == "cues" else "source"
    lines = []
    sentences_of: dict[str, list[tuple[int, int]]] = {}
    for name, errors in (("false positives", fp), ("false negatives", fn)):
        picked = spread(errors, show)
        lines.append(f"== {kind}: {name} ({len(picked)} of {len(errors)})")
        for article, signals, focus in picked:
            if article.name not in sentences_of:
                doc = scorer.document_from_text(article.text)
                sentences_of[article.name] = [(s.start, s.end) for s in doc.sentences]
            lo, hi = _context(sentences_of[article.name], focus, len(article.text))
            start, end = focus[0][0], focus[-1][1]
            focal = what if name == "false positives" else what.upper()
            marks = _article_marks(article, signals, focus, focal)
            lines.append(f"{article.name} @{start}-{end} {article.text[start:end]!r}")
            lines.append("    " + mark(article.text, marks, lo, hi))
        lines.append("")
    return lines


def _article_marks(
    article: Article, signals: list[Signal], focus: Fragments, focal: str
) -> list[Mark]:
    """Predicted cues and sources and gold Source, Cue and Content; the focus starred."""
    marks = signal_marks(s for s in signals if s.get("kind") == "attribution")
    for span in article.spans:
        if span.label in ("Source", "Cue", "Content"):
            marks += [(s, e, span.label.upper()) for s, e in span.fragments]
    focus_parts = set(focus)
    return [
        (s, e, f"*{tag}" if (s, e) in focus_parts and tag.split(":")[0] == focal else tag)
        for s, e, tag in marks
    ]


def _context(
    sentences: Sequence[tuple[int, int]], focus: Fragments, length: int
) -> tuple[int, int]:
    """The sentences around the focus span, or 200 characters either side without them."""
    start, end = min(s for s, _ in focus), max(e for _, e in focus)
    around = [(s, e) for s, e in sentences if s < max(end, start + 1) and start < e]
    if around:
        return min(s for s, _ in around), max(e for _, e in around)
    return max(0, start - 200), min(length, end + 200)


# -- table --------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    items: int = 0
    counts: Counts | None = None
    words_per_second: float | None = None
    skipped: str = ""


def format_table(rows: Sequence[Row]) -> list[str]:
    head = (
        f"{'dataset':<22}{'items':>7}{'gold':>7}{'pred':>7}{'P':>7}{'R':>7}{'F1':>7}{'words/s':>11}"
    )
    lines = [head, "-" * len(head)]
    for row in rows:
        if row.counts is None:
            lines.append(f"{row.name:<22}  skipped: {row.skipped}")
            continue
        c = row.counts
        wps = f"{row.words_per_second:,.0f}" if row.words_per_second else "-"
        lines.append(
            f"{row.name:<22}{row.items:>7}{c.gold:>7}{c.pred:>7}"
            f"{_num(c.precision):>7}{_num(c.recall):>7}{_num(c.f1):>7}{wps:>11}"
        )
    return lines


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


@dataclass(frozen=True)
class Target:
    row: str
    text: str
    min_f1: float
    min_precision: float = 0.0

    def verdict(self, rows: dict[str, Row]) -> str:
        row = rows.get(self.row)
        if row is None or row.counts is None:
            return "n/a (skipped)"
        c = row.counts
        met = c.f1 >= self.min_f1 and (c.precision or 0.0) >= self.min_precision
        return f"{'met' if met else 'not met'} (F1 {c.f1:.2f}, P {_num(c.precision)})"


TARGETS = (
    Target(ROW_NAMES["hedges"], "CoNLL uncertain F1 >= 0.64 with P >= 0.60", 0.64, 0.60),
    Target(ROW_NAMES["news"], "FNC-1 news hedge set F1 >= 0.75", 0.75),
    Target(ROW_NAMES["cues"], "PolNeAR cue overlap F1 >= 0.82", 0.82),
    Target(ROW_NAMES["sources"], "PolNeAR source overlap F1 >= 0.80", 0.80),
    Target(ROW_NAMES["cues-exact"], "PolNeAR cue exact F1 >= 0.72", 0.72),
    Target(ROW_NAMES["sources-exact"], "PolNeAR source exact F1 >= 0.75", 0.75),
    Target(ROW_NAMES["claims"], "ClaimBuster F1 >= 0.78", 0.78),
)


# -- main ---------------------------------------------------------------------------------


@dataclass
class Report:
    """What the measures found: table rows, notes on the data, error listings."""

    rows: dict[str, Row] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def measure_sentences(
    report: Report,
    kind: str,
    path: Path,
    load: Callable[[], list[Sentence]],
    triggers: Callable[[Iterable[Signal]], list[Signal]],
    args: argparse.Namespace,
) -> None:
    name = ROW_NAMES[kind]
    if not path.exists():
        report.rows[name] = Row(name, skipped=f"{path} not found")
        return
    sentences = _cap(load(), args.limit)
    run = run_sentences(sentences, triggers)
    report.rows[name] = Row(name, len(sentences), run.counts, run.timer.words_per_second)
    report.refused += run.timer.refused
    if args.errors == kind:
        report.errors = sentence_errors(run, kind, args.show)


def measure_polnear(report: Report, data: Path, args: argparse.Namespace) -> None:
    kinds = [k for k in ("cues", "sources") if args.errors in (None, k)]
    root = data / datasets.POLNEAR_PATH / args.polnear_split
    if not (root / "text").is_dir() or not (root / "attributions").is_dir():
        for kind in kinds:
            report.rows[ROW_NAMES[kind]] = Row(ROW_NAMES[kind], skipped=f"{root} not found")
        return
    articles = _cap(datasets.polnear(data, args.polnear_split), args.limit)
    run = run_articles(articles)
    report.refused += run.timer.refused
    for kind in [*kinds, *(f"{k}-exact" for k in kinds)]:
        name = ROW_NAMES[kind]
        shown = name.replace("dev", args.polnear_split)
        report.rows[name] = Row(shown, len(articles), run.counts(kind), run.timer.words_per_second)
    several = sum(1 for a in articles if len(a.annotators) > 1)
    report.notes.append(
        f"cues, sources: {root.relative_to(data)}: {len(articles)} articles,"
        f" {several} with several annotators (scored against the first id alphabetically);"
        f" {sum(len(a.spans) + a.dropped for a in articles)} brat spans,"
        f" {sum(a.repaired for a in articles)} re-aligned,"
        f" {sum(a.dropped for a in articles)} dropped as misaligned"
    )
    if args.errors in kinds:
        report.errors = article_errors(run, args.errors, args.show)


def held_back(name: str, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences the shipped sentence model of this corpus was not trained on."""
    corpus = split_data.Corpus(
        name, Path(), [s.id for s in sentences], [s.text for s in sentences],
        [s.label for s in sentences],
    )  # fmt: skip
    _, held, _ = split_data.split(corpus)
    return [sentences[i] for i in held]


def news_sentences(data: Path) -> list[Sentence]:
    """The news hedge set: label 1 for a hedge or a weasel; ids are row numbers."""
    return [
        Sentence(str(n), row.text, int(row.label in ("hedge", "weasel")), row.text)
        for n, row in enumerate(news.rows(data))
    ]


def _cap(items: list[Any], limit: int | None) -> list[Any]:
    """`limit` items evenly spaced through the file: CoNLL and ClaimBuster are sorted by label."""
    return items if limit is None else spread(items, max(limit, 1))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=None, help="at most N items per dataset")
    parser.add_argument("--errors", choices=KINDS, help="list errors of one measure")
    parser.add_argument("--show", type=int, default=10, help="errors of each sort to list")
    parser.add_argument(
        "--polnear-split",
        default=POLNEAR_SPLIT,
        choices=("train", "dev"),
        help="PolNeAR split: dev is measured; inspect errors on train (PolNeAR asks that dev"
        " and test are not read while developing)",
    )
    args = parser.parse_args(argv)

    began = time.perf_counter()
    data: Path = args.data
    if not data.is_dir():
        print(f"accuracy: data folder {data} not found; skipping.")
        return 0
    warm_up()
    report = Report()
    if args.errors in (None, "hedges"):
        conll = data / datasets.CONLL_PATH
        measure_sentences(
            report,
            "hedges",
            conll,
            lambda: held_back("conll2010_wikipedia", datasets.conll2010_wikipedia(data)),
            hedge_triggers,
            args,
        )
        report.notes.append(
            f"hedges: {datasets.CONLL_PATH}, held back (PTB tokenisation undone lightly)"
        )
    if args.errors in (None, "news"):
        measure_sentences(
            report, "news", data / news.BODIES, lambda: news_sentences(data), hedge_triggers, args
        )
        report.notes.append(f"news hedges: {news.LABELS.name} over {news.BODIES}")
    if args.errors in (None, "cues", "sources"):
        measure_polnear(report, data, args)
    if args.errors in (None, "claims"):
        claims = data / datasets.CLAIMBUSTER_PATH
        measure_sentences(
            report,
            "claims",
            claims,
            lambda: held_back("claimbuster", datasets.claimbuster(data)),
            claim_triggers,
            args,
        )
        report.notes.append(f"claims: {datasets.CLAIMBUSTER_PATH}, held back")

    for line in report.errors:
        print(line)
    limit = "" if args.limit is None else f" ({args.limit} items of each dataset, evenly spaced)"
    print(f"data: {data}{limit}")
    for note in report.notes:
        print(f"  {note}")
    print()
    for line in format_table(list(report.rows.values())):
        print(line)
    print()
    for target in TARGETS:
        if target.row in report.rows:
            print(f"target: {target.text}: {target.verdict(report.rows)}")
    if report.refused:
        shown = "; ".join(report.refused[:3]) + (" ..." if len(report.refused) > 3 else "")
        count = len(report.refused)
        print(f"not audited (empty or refused), counted as no prediction: {count}: {shown}")
    print(f"total wall time: {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
