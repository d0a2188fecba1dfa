"""Segmentation: a Loaded source becomes a Document of paragraphs, sentences and quotes.

Sentences come from nltk's Punkt, run offline with the news abbreviation list in
`rules/lexicons/abbreviations.toml` instead of a trained model (no nltk_data). Each block
is split on its own, so a headline with no full stop never runs into the next line. Two
repairs follow Punkt: a sentence glued to the next with no space ("difference.A former")
is cut, and a "sentence" starting in lower case ('"Are you sure?" she asked.') is joined to
the one before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from scorer import boilerplate, quotes
from scorer.document import Document, Paragraph, Sentence, normalise
from scorer.load.types import Block, Loaded
from scorer.resources import read_toml, rules_dir

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

# "difference.A former": two lower-case letters, a full stop, a capital starting a word.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z](?:[a-z]|\s))")
_FIRST_WORD_CHAR = re.compile(r"\w")
# A sentence-final mark, closing quotes or brackets, white space, then what can open a
# sentence. Group 1 ends where the sentence does.
_CANDIDATE = re.compile(r"""([.!?]['"\u2019\u201d)\]]*)\s+(?=['"\u2018\u201c(\[]?[A-Z])""")
_DOUBTFUL_STOP = re.compile(r"""[.!?]['"\u2019\u201d)\]]*\s+\S""")
_OPENERS = "'\"\u2018\u201c(["


@cache
def abbreviations(extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The abbreviation list from the lexicon, plus any a configuration adds."""
    data = _abbreviation_lexicon()
    words = {w.lower().rstrip(".") for group in data["abbreviations"].values() for w in group}
    return frozenset(words | {w.lower().rstrip(".") for w in extra})


@cache
def _abbreviation_lexicon() -> dict[str, dict[str, list[str]]]:
    return read_toml(rules_dir() / "lexicons" / "abbreviations.toml")


@cache
def _punkt(extra: tuple[str, ...] = ()) -> PunktSentenceTokenizer:
    # Imported here: nltk costs ~0.2 s and `scorer --version` should not pay it.
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations(extra))
    # Punkt's frequent-sentence-starter heuristic: "5 p.m. The meeting" ends a sentence.
    params.sent_starters = {
        w.lower() for w in _abbreviation_lexicon()["sentence_starters"]["words"]
    }
    return PunktSentenceTokenizer(params)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of `text[start:end]`, one block, as offsets into `text`."""
    spans: list[tuple[int, int]] = []
    segment = text[start:end]
    for chunk_start, chunk_end in _clear_breaks(segment):
        for a, b in _punkt_spans(segment, chunk_start, chunk_end):
            for piece_start, piece_end in _unglue(segment, a, b):
                if spans and _starts_lower(segment, piece_start, piece_end):
                    spans[-1] = (spans[-1][0], piece_end)
                else:
                    spans.append((piece_start, piece_end))
    return [(a + start, b + start) for a, b in spans]


def _clear_breaks(segment: str) -> Iterable[tuple[int, int]]:
    """Cut `segment` where any reading ends a sentence, leaving the doubtful stops to Punkt.

    "night. If" (a word that is no abbreviation, a stop, a capital) is a break for Punkt
    too, which costs ~20 us a candidate; deciding these here makes splitting several times
    faster. Abbreviations, initials, numbers and anything else stay with Punkt.
    """
    abbrevs = abbreviations()
    cut = 0
    for match in _CANDIDATE.finditer(segment):
        stop = match.start()
        if segment[stop] == ".":
            space = max(segment.rfind(" ", cut, stop), segment.rfind("\n", cut, stop))
            word = segment[space + 1 : stop].lstrip(_OPENERS).lower()
            if (
                len(word) < 2
                or "." in word
                or not word[-1].isalpha()
                or not word.isascii()
                or word in abbrevs
                or word.rsplit("-", 1)[-1] in abbrevs
            ):
                continue
        yield cut, match.end(1)
        cut = match.end()
    yield cut, len(segment)


def _punkt_spans(segment: str, a: int, b: int) -> Iterable[tuple[int, int]]:
    if not _DOUBTFUL_STOP.search(segment, a, b):
        yield a, b  # no stop inside: one sentence, nothing for Punkt to decide
        return
    for x, y in _punkt().span_tokenize(segment[a:b]):
        yield a + x, a + y


def _unglue(segment: str, a: int, b: int) -> Iterable[tuple[int, int]]:
    cut = a
    for match in _GLUED.finditer(segment, a, b):
        yield cut, match.start()
        cut = match.start()
    yield cut, b


def _starts_lower(segment: str, a: int, b: int) -> bool:
    first = _FIRST_WORD_CHAR.search(segment, a, b)
    return bool(first) and segment[first.start()].islower()


def build_document(
    loaded: Loaded, patterns: tuple[boilerplate.Pattern, ...] | None = None
) -> Document:
    """Segment a loaded source and mark its boilerplate."""
    text = loaded.text
    norm = normalise(text)
    blocks = loaded.blocks if loaded.blocks is not None else (Block(0, len(text)),)
    spans_by_block = [split_sentences(text, b.start, b.end) for b in blocks]
    scorable = [b.kind in ("body", "heading") for b in blocks]
    if patterns is None:
        patterns = boilerplate.default_patterns()
    labels = boilerplate.mark(norm, spans_by_block, scorable, patterns)

    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    labelled: list[tuple[int, int, str | None]] = []
    for block, spans, block_labels in zip(blocks, spans_by_block, labels, strict=True):
        run_start = 0
        for i in range(1, len(spans) + 1):
            if i < len(spans) and (block_labels[i] is None) == (block_labels[run_start] is None):
                continue
            # One paragraph per run of sentences that are all copy or all boilerplate.
            is_boilerplate = block_labels[run_start] is not None
            index = len(paragraphs)
            paragraphs.append(
                Paragraph(spans[run_start][0], spans[i - 1][1], index, block.kind, is_boilerplate)
            )
            for a, b in spans[run_start:i]:
                sentence = len(sentences)
                sentences.append(Sentence(a, b, sentence, index, is_boilerplate))
            run_start = i
        labelled.extend((a, b, label) for (a, b), label in zip(spans, block_labels, strict=True))

    return Document(
        text=text,
        norm=norm,
        source=loaded.source,
        format=loaded.format,
        title=loaded.title,
        title_span=loaded.title_span,
        standfirst=loaded.standfirst,
        standfirst_span=loaded.standfirst_span,
        byline=loaded.byline,
        date=loaded.date,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        quotes=tuple(quotes.find(text, paragraphs)),
        boilerplate=tuple(boilerplate.spans(labelled)),
    )
