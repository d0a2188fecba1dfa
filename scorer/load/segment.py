"""Segmentation: a Loaded source becomes a Document of paragraphs, sentences and quotes.

Sentences come from nltk's Punkt, run offline with the news abbreviation list in
`rules/lexicons/abbreviations.toml` instead of a trained model (no nltk_data). Each block
is split on its own, so a headline with no full stop never runs into the next line. Two
repairs follow Punkt: a sentence glued to the next with no space ("difference.A former")
is cut, and a "sentence" starting in lower case ('"Are you sure?" she asked.') is joined to
the one before.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from scorer.load import furniture as boilerplate
from scorer.load import quotes
from scorer.load.document import Document, Paragraph, Prose, Sentence, normalise
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
# What Punkt counts as a number token ("2009", "1,000", "-5"): its type "##number##".
_NUMBER = re.compile(r"-?[\.,]?\d[\d,\.-]*")
_DOUBTFUL_STOP = re.compile(r"""[.!?]['"\u2019\u201d)\]]*\s+\S""")
_PUNKT_WINDOW = 10_000
MAX_SENTENCE = 3_000  # characters; see _capped
_QUESTION_IN_QUOTES = re.compile(r"""[?!]['"\u2019\u201d]\s*$""")
_NAME_THEN_SPEECH = re.compile(
    r"(?:[A-Z][\w.'-]*\s+){1,4}(?:said|says|asked|asks|told|added|wrote|replied|shouted|"
    r"cried|insisted|explained|continued|demanded|wondered)\b"
)
_INITIALS_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,3}\s*$")
_ENDING = 7  # before trailing white space, the most either of the two above reads
_FIRST_WORD = re.compile(r"\W*(\w+)")
_OPENERS = "'\"\u2018\u201c(["


@cache
def abbreviations() -> frozenset[str]:
    """The abbreviation list from the lexicon."""
    data = _abbreviation_lexicon()
    words = {w.lower().rstrip(".") for group in data["abbreviations"].values() for w in group}
    return frozenset(words)


@cache
def _sentence_starters() -> frozenset[str]:
    return frozenset(w.lower() for w in _abbreviation_lexicon()["sentence_starters"]["words"])


@cache
def _capitalised_only() -> frozenset[str]:
    """Abbreviations that are also words ("Ill." and "ill"): abbreviations only when capitalised."""
    return frozenset(
        w.lower() for w in _abbreviation_lexicon()["abbreviations"].get("capitalised_only", [])
    )


@cache
def _abbreviation_lexicon() -> dict[str, dict[str, list[str]]]:
    return read_toml(rules_dir() / "lexicons" / "abbreviations.toml")


@cache
def _punkt() -> PunktSentenceTokenizer:
    # Imported here: nltk costs ~0.2 s and `scorer --version` should not pay it.
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
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
                if spans and _continues(segment, spans[-1], piece_start, piece_end):
                    spans[-1] = (spans[-1][0], piece_end)
                else:
                    spans.append((piece_start, piece_end))
    return [(a + start, b + start) for s, e in spans for a, b in _capped(segment, s, e)]


def _capped(segment: str, a: int, b: int) -> Iterable[tuple[int, int]]:
    """A run longer than MAX_SENTENCE characters with no stop in it, cut at white space.

    Nothing so long is a sentence (the longest of 31,284 in FNC-1's bodies is 1,077
    characters), but a 1 MB line with no full stop would otherwise be one, and the
    detectors' work within a sentence grows with its length times its cues.
    """
    return _pieces(segment, a, b, MAX_SENTENCE)


def _pieces(segment: str, a: int, b: int, size: int) -> Iterable[tuple[int, int]]:
    """a..b in pieces of at most `size` characters, each cut after a space if one lies in
    its second half."""
    while b - a > size:
        cut = segment.rfind(" ", a + size // 2, a + size)
        cut = a + size if cut < 0 else cut + 1
        yield a, cut
        a = cut
    yield a, b


def _continues(segment: str, previous: tuple[int, int], a: int, b: int) -> bool:
    """Whether the piece a..b goes on with the sentence before it.

    '"Are you sure?" she asked.' (a lower-case start), '"Why now?" Smith asked.' (a short
    name and a speech verb after a question or exclamation in quotes), and 'J.K. | Rowling
    wrote it' (initials before a capitalised word that seldom starts a sentence).
    """
    if _starts_lower(segment, a, b):
        return True
    before = _ending(segment, *previous)
    if _QUESTION_IN_QUOTES.search(before) and _NAME_THEN_SPEECH.match(segment, a, b):
        return True
    if _INITIALS_END.search(before):
        first = _FIRST_WORD.match(segment, a, b)
        starters = _sentence_starters()
        word = first.group(1) if first else ""
        return word[:1].isupper() and word.lower() not in starters
    return False


def _ending(segment: str, start: int, end: int) -> str:
    """What `_QUESTION_IN_QUOTES` and `_INITIALS_END` need of `segment[start:end]`: its
    trailing white space and the `_ENDING` characters before it, led by "x" when that is
    not all of it (so that `^` cannot match there).

    Sentences glued by these repairs grow: slicing and searching the whole of the one before
    each piece made "J.K. Rowling wrote J.K. Rowling wrote ..." quadratic.
    """
    stop = end
    while stop > start and segment[stop - 1].isspace():
        stop -= 1
    if stop - start <= _ENDING:
        return segment[start:end]
    return "x" + segment[stop - _ENDING : end]


def _clear_breaks(segment: str) -> Iterable[tuple[int, int]]:
    """Cut `segment` where any reading ends a sentence, leaving the doubtful stops to Punkt.

    "night. If" (a word that is no abbreviation, a stop, a capital) is a break for Punkt
    too, which costs ~20 us a candidate; deciding these here makes splitting several times
    faster. Abbreviations, initials, numbers and anything else stay with Punkt.
    """
    abbrevs = abbreviations()
    lower_words = _capitalised_only()
    cut = 0
    for match in _CANDIDATE.finditer(segment):
        stop = match.start()
        if segment[stop] == ".":
            # Bounded by `cut`: with no space since the last cut, the word starts there
            # (without the bound, "Yes. Yes. ..." rescans the whole text: quadratic).
            space = max(segment.rfind(" ", cut, stop), segment.rfind("\n", cut, stop), cut - 1)
            written = segment[space + 1 : stop].lstrip(_OPENERS)
            word = written.lower()
            if word in lower_words and written[:1].islower():
                yield cut, match.end(1)  # "he fell ill. Doctors": the word, not "Ill."
                cut = match.end()
                continue
            if _NUMBER.fullmatch(word) and "." not in word:
                # "in 2009. He": Punkt breaks after a number before a capital, whatever
                # the number (no orthographic evidence is trained), so it is not asked.
                yield cut, match.end(1)
                cut = match.end()
                continue
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
    if not _has_doubtful_stop(segment, a, b):
        yield a, b  # no stop inside: one sentence, nothing for Punkt to decide
        return
    for lo, hi in _windows(segment, a, b):
        for x, y in _punkt().span_tokenize(segment[lo:hi]):
            yield lo + x, lo + y


def _has_doubtful_stop(segment: str, a: int, b: int) -> bool:
    """A stop in a..b before a word that does not start lower-case.

    Before a lower-case word ("the U.S. and Russia") a break Punkt might make is undone in
    `split_sentences` (a piece starting lower-case continues the sentence), so only the
    other stops need Punkt, and a chunk without one never imports nltk.
    """
    for stop in _DOUBTFUL_STOP.finditer(segment, a, b):
        first = _FIRST_WORD_CHAR.search(segment, stop.end() - 1, b)
        if first is None or not segment[first.start()].islower():
            return True
    return False


def _windows(segment: str, a: int, b: int) -> Iterable[tuple[int, int]]:
    """Punkt's input in pieces of at most ~_PUNKT_WINDOW characters, cut at white space.

    nltk runs Punkt's regular expressions under a 5-second wall-clock limit
    (nltk.redos) and raises TimeoutError past it: 800 KB of "A. A. A." with no clear
    break would hit it on a busy machine. Real sentences are far shorter than a window.
    """
    return _pieces(segment, a, b, _PUNKT_WINDOW)


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

    prose = {f.name: getattr(loaded, f.name) for f in dataclasses.fields(Prose)}
    return Document(
        **prose,
        norm=norm,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        quotes=tuple(sorted(quotes.find(text, paragraphs), key=lambda q: q.start)),
        boilerplate=tuple(boilerplate.spans(labelled)),
    )
