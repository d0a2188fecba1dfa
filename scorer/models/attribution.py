"""The trained attribution tagger: cue, source and content spans, grouped into attributions.

A linear-chain CRF (python-crfsuite) trained on PolNeAR labels each token of a
sentence B/I-CUE, B/I-SOURCE, B/I-CONTENT or O (features: `features_attribution`).
`tag(doc)` turns the labels into attributions: every cue with the source the pairing
rule gives it (or none) and its content spans. "The minister said on Tuesday that
taxes would rise" is one: cue "said", source "The minister", content "that taxes
would rise". Not one: "the minister's statement" (no cue; a noun is not a cue).

Supported: source and cue in the same sentence (99.8% of PolNeAR sources); content in
the cue's sentence and, when it runs on, in the sentences right after it. A source or
content in an earlier sentence is not found.

The model is read from `attribution.crfsuite` beside this module (crfsuite's own
format: feature weights, no code), with `attribution.words` (word tags and the pre-test's
trigger words, plain text), on first use and once per process; nothing touches the
network.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorer.models import features_attribution as fx

if TYPE_CHECKING:
    from scorer.models.features_attribution import Document

MODEL = Path(__file__).with_name("attribution.crfsuite")
WORDS = Path(__file__).with_name("attribution.words")
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Tagged:
    """One attribution: character offsets into `doc.text`.

    `confidence` is the lowest marginal probability the CRF gives the cue's labels.
    """

    cue: Span
    source: Span | None
    content: tuple[Span, ...]
    sentence: int
    confidence: float


@dataclass(frozen=True, slots=True)
class Run:
    """A labelled run of tokens of one sentence: role, first and last token (inclusive)."""

    role: str
    first: int
    last: int


class Model:
    """A crfsuite tagger and its pre-test's trigger words (the shipped one: `model()`)."""

    def __init__(self, path: Path, words: Path) -> None:
        import pycrfsuite  # deferred: nothing is loaded until the first tag()

        header, *lines = words.read_text(encoding="utf-8").splitlines()
        if header != words_header():
            # Features are computed by this version of the code: a model trained on
            # other features would tag, silently and badly.
            raise fx.ScorerError(
                f"made for other features ({header!r}); run `make models`", path=str(words)
            )
        self.vocabulary = fx.Vocabulary.parse(lines)
        self.triggers = self.vocabulary.triggers | fx.QUOTE_MARKS
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        # One tagger holds one sentence at a time: threads take turns.
        self.lock = threading.Lock()

    def label(self, xseq: list[list[str]]) -> tuple[list[str], list[float]]:
        """Labels of a sentence and, for cue tokens, the marginal of their label."""
        with self.lock:
            self.tagger.set(xseq)
            labels: list[str] = self.tagger.tag()
            marginal = self.tagger.marginal
            probs = [
                marginal(label, i) if label.endswith("CUE") else 1.0
                for i, label in enumerate(labels)
            ]
        return labels, probs


def words_header() -> str:
    """The first line of the words file: which features the model beside it uses."""
    return f"# attribution words, features version {fx.FEATURES_VERSION}"


@cache
def model() -> Model:
    """The shipped model, loaded on first use: once per process."""
    return Model(MODEL, WORDS)


def may_attribute(words: Sequence[str], triggers: frozenset[str]) -> bool:
    """The pre-test: can this sentence hold an attribution at all? It needs a word that
    often heads a cue in PolNeAR train, or a quotation mark (both in `triggers`)."""
    return not triggers.isdisjoint(words)


def runs(labels: Sequence[str]) -> list[Run]:
    """BIO labels as runs; an I- that does not continue its role starts a run."""
    out: list[Run] = []
    i, n = 0, len(labels)
    while i < n:
        label = labels[i]
        if label == "O":
            i += 1
            continue
        role = label[2:]
        inside = "I-" + role
        j = i + 1
        while j < n and labels[j] == inside:
            j += 1
        out.append(Run(role, i, j - 1))
        i = j
    return out


def _gap(a: Run, b: Run) -> int:
    """Tokens between two runs (0 when adjacent)."""
    return max(b.first - a.last, a.first - b.last) - 1


def pair(found: Sequence[Run]) -> list[tuple[Run, Run | None, list[Run]]]:
    """Each cue with its source and content runs, within one sentence.

    The source is the nearest source run before the cue, or right after it when it
    stands there ("said the minister"); failing both, the nearest after. A content run
    goes to the nearest cue.
    """
    cues = [r for r in found if r.role == "CUE"]
    sources = [r for r in found if r.role == "SOURCE"]
    contents: dict[int, list[Run]] = {id(c): [] for c in cues}
    for run in found:
        if run.role == "CONTENT" and cues:
            nearest = min(cues, key=lambda c: (_gap(c, run), c.first))
            contents[id(nearest)].append(run)
    out = []
    for cue in cues:
        before = [s for s in sources if s.last < cue.first]
        after = [s for s in sources if s.first > cue.last]
        source = None
        if after and after[0].first == cue.last + 1:
            source = after[0]
        elif before:
            source = before[-1]
        elif after:
            source = after[0]
        out.append((cue, source, contents[id(cue)]))
    return out


@dataclass(frozen=True, slots=True)
class Labelled:
    """One tagged sentence: its index, tokens, labels and each label's marginal."""

    sentence: int
    tokens: Sequence[Span]
    labels: Sequence[str]
    probs: Sequence[float]
    edges: tuple[int, int]  # first and last token that is not punctuation


def label_sentences(doc: Document, crf: Model) -> list[Labelled]:
    """Every sentence that passes the pre-test, labelled by the CRF.

    Boilerplate (a donation appeal, a share bar) is site furniture, never scored: it is
    not tagged.
    """
    grouped = fx.sentence_tokens(doc)
    out = []
    for sentence in doc.sentences:
        if sentence.boilerplate:
            continue
        tokens = grouped[sentence.index]
        words = fx.sentence_words(doc, sentence, tokens)
        if not tokens or not may_attribute(words, crf.triggers):
            continue
        labels, probs = crf.label(fx.features(doc, sentence, tokens, crf.vocabulary))
        out.append(Labelled(sentence.index, tokens, labels, probs, edges(words)))
    return out


def edges(words: Sequence[str]) -> tuple[int, int]:
    """The first and last token that is a word, not a mark (0, -1 when none).

    A token is a word or a single mark (`Document.tokens`): its first character says which.
    """
    n = len(words)
    first = next((i for i in range(n) if words[i][0].isalnum()), None)
    if first is None:
        return 0, -1
    return first, next(i for i in range(n - 1, -1, -1) if words[i][0].isalnum())


def assemble(labelled: Sequence[Labelled]) -> list[Tagged]:
    """Attributions from labelled sentences, with content joined across sentences.

    Within a sentence, `pair` does the work. Content left with no cue in its sentence
    continues the attribution of the sentence before when that attribution's content ran
    to its sentence's end and this content starts its own sentence (a quotation running
    on: 'He said: "A. B."'). Otherwise content that runs to the end of a cue-less
    sentence waits: the next sentence's first attribution takes it when its own content
    starts that sentence ('"A. B," he said.'). Joined pieces become one span, as PolNeAR
    marks such content; content anywhere else with no cue in its sentence is dropped.
    """
    out: list[Tagged] = []
    running: tuple[int, int] | None = None  # (index in out, sentence): content ran to the end
    waiting: tuple[Span, int] | None = None  # (content, sentence): ran to the end, no cue yet
    for item in labelled:
        found = runs(item.labels)
        contents = [r for r in found if r.role == "CONTENT"]
        first, last = item.edges
        opens = bool(contents) and contents[0].first <= first
        closing = contents[-1] if contents and contents[-1].last >= last else None
        if running is not None and running[1] != item.sentence - 1:
            running = None
        if waiting is not None and waiting[1] != item.sentence - 1:
            waiting = None
        paired = pair(found)
        if not paired:
            spans = [_span(item.tokens, c) for c in contents]
            if opens and running is not None:
                out[running[0]] = _continued(out[running[0]], spans)
                running = (running[0], item.sentence) if closing else None
            elif closing is not None:
                span = _span(item.tokens, closing)
                if waiting is not None and opens and len(contents) == 1:
                    span = (waiting[0][0], span[1])
                waiting, running = (span, item.sentence), None
            else:
                waiting = running = None
            continue
        for n, (cue, source, content) in enumerate(paired):
            spans = [_span(item.tokens, c) for c in content]
            if n == 0 and waiting is not None and content and content[0].first <= first:
                spans[0] = (waiting[0][0], spans[0][1])
            out.append(
                Tagged(
                    cue=_span(item.tokens, cue),
                    source=None if source is None else _span(item.tokens, source),
                    content=tuple(spans),
                    sentence=item.sentence,
                    confidence=min(item.probs[cue.first : cue.last + 1]),
                )
            )
        content = paired[-1][2]
        running = (len(out) - 1, item.sentence) if content and content[-1].last >= last else None
        waiting = None
    return out


def _continued(tagged: Tagged, spans: Sequence[Span]) -> Tagged:
    """`tagged` with its last content span running on into `spans[0]`."""
    content = list(tagged.content)
    content[-1] = (content[-1][0], spans[0][1])
    return replace(tagged, content=(*content, *spans[1:]))


def tag(doc: Document, crf: Model | None = None) -> list[Tagged]:
    """The attributions of `doc`, in text order (by the shipped model unless `crf`)."""
    if not doc.sentences:
        return []
    return assemble(label_sentences(doc, crf or model()))


def _span(tokens: Sequence[Span], run: Run) -> Span:
    return tokens[run.first][0], tokens[run.last][1]


def info() -> dict[str, Any]:
    """Size and label set of the shipped model, for the card and the benchmark."""
    crf = model()
    details = crf.tagger.info()
    return {
        "bytes": MODEL.stat().st_size,
        "labels": sorted(details.labels),
        "state_features": len(details.state_features),
        "transitions": len(details.transitions),
        "triggers": len(crf.vocabulary.triggers),
    }
