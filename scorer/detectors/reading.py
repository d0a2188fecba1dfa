"""A Reading: one document as the detectors read it during one audit.

It holds what every detector is handed besides the signals it needs: the Document, the
lexicons in force (the shipped ones, extended by a configuration's house entries, which
travel here explicitly), and the word index the lexicons match against, built once for
all of them. It lives as long as the detection and no longer: the Document itself keeps
nothing a detector worked out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property

from scorer.detectors import lexicon
from scorer.detectors.lexicon import Cue, HouseEntries, Lexicon
from scorer.load.document import Document


class Reading:
    def __init__(
        self,
        doc: Document,
        house: Mapping[str, HouseEntries] | None = None,
        house_source: str = "<config>",
    ) -> None:
        self.doc = doc
        self._house = dict(house or {})
        self._house_source = house_source
        self._starts: dict[int, tuple[Sequence[int], list[str]]] = {}

    def lexicon(self, name: str) -> Lexicon:
        """The lexicon `rules/lexicons/<name>.toml`, with the house entries for it."""
        entries = self._house.get(name)
        if entries:
            return lexicon.extended(name, entries, self._house_source)
        return lexicon.shipped(name)

    def house_phrases(self, name: str) -> frozenset[str]:
        """The phrases a configuration adds to the lexicon `name`, as its cues name them
        (lower case; "is/are x" as "is x" and "are x"): a house entry is the editor's
        word, so a detector may trust it over a model."""
        phrases = set()
        for _, listed in self._house.get(name, ()):
            for phrase in listed:
                first, *rest = phrase.lower().split()
                phrases.update(" ".join([word, *rest]) for word in first.split("/"))
        return frozenset(phrases)

    def cues(self, of: Lexicon, start: int, end: int) -> Iterator[Cue]:
        """Every cue of a lexicon in `doc.norm[start:end]`, left to right, not overlapping.

        The detectors ask every lexicon about every sentence; walking each sentence's words
        for each lexicon made matching most of an audit's time. Here the words that start a
        phrase of the lexicon are listed once per reading, and a sentence costs a binary
        search and its own candidates.
        """
        found = self._starts.get(id(of))
        if found is None:
            found = self._starts[id(of)] = of.among(*self.words)
        return of.scan(self.doc.norm, *found, start, end)

    @cached_property
    def words(self) -> tuple[Sequence[int], list[str]]:
        """Where each word of `doc.norm` starts, and the word lower-cased."""
        return lexicon.words(self.doc.norm)
