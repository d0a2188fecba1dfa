"""Lexicons: cue phrases with their types, read from `rules/lexicons/*.toml`.

A phrase is words separated by spaces, matched whole and case-insensitively in
`Document.norm` (so straight and curly apostrophes are alike). Four marks widen it:
`_` stands for any one word, `_?` for an optional word, a trailing `*` on a word for
any ending ("rumo*" matches "rumour", "rumours", "rumors"), and `/` between words for
any one of them ("is/was widely/often regarded as"). The phrases that start with one word
compile into one alternation, longest first, so the longest cue wins; and only when that
word is first met in a text, so a short article compiles a few dozen patterns, not 1,300.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from scorer.errors import ScorerError
from scorer.resources import read_toml, rules_dir

if TYPE_CHECKING:
    pass

_WORD = r"[\w'-]+"
_WORD_RE = re.compile(r"\w[\w'-]*")


@dataclass(frozen=True)
class Lexicon:
    """Phrases grouped by type, indexed by their first word.

    Matching looks up each word of the text in `by_first` and tries only the phrases that
    start with it: one dictionary lookup a word, however long the lexicon.
    """

    name: str
    types: dict[str, tuple[str, ...]]
    by_first: dict[str, tuple[tuple[str, str], ...]]  # first word: (phrase, type), longest first
    _matchers: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def finditer(self, norm: str, start: int = 0, end: int | None = None) -> Iterator[Cue]:
        """Every cue in `norm[start:end]`, left to right, longest first, not overlapping."""
        starts, found = words(norm)
        return self.scan(norm, *self.among(starts, found), start, len(norm) if end is None else end)

    def scan(
        self, norm: str, starts: Sequence[int], firsts: list[str], start: int, end: int
    ) -> Iterator[Cue]:
        taken = start
        for i in range(bisect_left(starts, start), bisect_left(starts, end)):
            position = starts[i]
            if position < taken:
                continue
            entries = self.by_first[firsts[i]]
            match = self._matcher(firsts[i], entries).match(norm, position, end)
            if match:
                phrase, type_name = entries[match.lastindex - 1]  # type: ignore[operator]
                yield Cue(match.start(), match.end(), type_name, phrase)
                taken = match.end()

    def among(self, starts: Sequence[int], words: list[str]) -> tuple[Sequence[int], list[str]]:
        """The words (and where they start) that begin a phrase of this lexicon."""
        keys = self.by_first.keys()
        found = [i for i, word in enumerate(words) if word in keys]
        return array("q", [starts[i] for i in found]), [words[i] for i in found]

    def _matcher(self, first: str, entries: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
        """One group a phrase, in order: the first that matches is the longest cue."""
        matcher = self._matchers.get(first)
        if matcher is None:
            alternation = "|".join(f"({phrase_regex(phrase)})" for phrase, _ in entries)
            matcher = self._matchers[first] = re.compile(alternation, re.IGNORECASE)
        return matcher


def words(norm: str) -> tuple[Sequence[int], list[str]]:
    # Offsets in an array and words interned: a 1 MB story has 200,000 words but a few
    # thousand distinct ones, and as separate objects they took 20 MB.
    lowered = norm.lower()
    if len(lowered) != len(norm):  # a letter that lower-cases to two: offsets would drift
        matches = list(_WORD_RE.finditer(norm))
        starts = array("q", [m.start() for m in matches])
        return starts, list(map(sys.intern, (m.group().lower() for m in matches)))
    starts = array("q", [m.start() for m in _WORD_RE.finditer(lowered)])
    return starts, list(map(sys.intern, _WORD_RE.findall(lowered)))


class Cue(NamedTuple):
    start: int
    end: int
    type: str
    phrase: str


def phrase_regex(phrase: str) -> str:
    """The regular expression for one lexicon phrase (see the module docstring)."""
    parts = []
    for word in phrase.split():
        if word == "_":
            parts.append(_WORD + r"\s+")
        elif word == "_?":
            parts.append(f"(?:{_WORD}" + r"\s+)?")
        elif word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + r"[\w'-]*\s+")
        elif "/" in word:
            choices = "|".join(re.escape(w) for w in word.split("/"))
            parts.append(f"(?:{choices})" + r"\s+")
        else:
            parts.append(re.escape(word) + r"\s+")
    body = "".join(parts).removesuffix(r"\s+").removesuffix(r"\s+)?")
    return rf"{body}(?![\w'-])"


def compile_lexicon(
    name: str, types: dict[str, list[str]], source: str, table: str = "types"
) -> Lexicon:
    """Validate and compile `{type: [phrase, ...]}`; errors name the file, the key (the
    `table` the types sit in, then the type) and the phrase."""
    seen: dict[str, str] = {}
    for type_name, phrases in types.items():
        key_name = f"{table}.{type_name}"
        if not isinstance(phrases, list) or not all(
            isinstance(p, str) and p.strip() for p in phrases
        ):
            raise ScorerError(f"{key_name}: must be a list of non-empty phrases", path=source)
        for phrase in phrases:
            words = phrase.lower().split()
            if any("" in word.split("/") for word in words if "/" in word):
                raise ScorerError(
                    f"{key_name}: phrase {phrase!r} has an empty choice around '/'", path=source
                )
            # "is/are regarded as" is two phrases, so that each is indexed by its first word.
            for first in words[0].split("/"):
                key = " ".join([first, *words[1:]])
                if first in ("_", "_?") or first.endswith("*") or not _WORD_RE.fullmatch(first):
                    raise ScorerError(
                        f"{key_name}: phrase {phrase!r} must start with a plain word", path=source
                    )
                if key in seen and seen[key] != type_name:
                    raise ScorerError(
                        f"{key_name}: phrase {phrase!r} is listed as both {seen[key]!r} "
                        f"and {type_name!r}",
                        path=source,
                    )
                seen[key] = type_name
    index: dict[str, list[tuple[str, str]]] = {}
    # Longest first within a first word: "could not be independently verified" before "could".
    for phrase, type_name in sorted(seen.items(), key=lambda e: (-len(e[0]), e[0])):
        index.setdefault(phrase.split()[0], []).append((phrase, type_name))
    frozen_types = {t: tuple(p for p, tt in seen.items() if tt == t) for t in types}
    return Lexicon(name, frozen_types, {k: tuple(v) for k, v in index.items()})


HouseEntries = tuple[tuple[str, tuple[str, ...]], ...]


@cache
def _types(name: str) -> tuple[Path, dict[str, list[str]]]:
    path: Path = rules_dir() / "lexicons" / f"{name}.toml"
    data = read_toml(path)
    if "types" not in data or not isinstance(data["types"], dict):
        raise ScorerError("a lexicon needs a [types] table of phrase lists", path=str(path))
    return path, data["types"]


@cache
def shipped(name: str) -> Lexicon:
    """The lexicon `rules/lexicons/<name>.toml` as shipped."""
    path, types = _types(name)
    return compile_lexicon(name, types, str(path))


@cache
def extended(name: str, entries: HouseEntries, source: str) -> Lexicon:
    """The shipped lexicon plus a configuration's phrases; errors name the configuration."""
    _, shipped = _types(name)
    types = {type_name: list(phrases) for type_name, phrases in shipped.items()}
    for type_name, phrases in entries:
        if type_name not in types:
            raise ScorerError(
                f"lexicons.{name}.{type_name}: unknown type; expected one of {', '.join(types)}",
                path=source,
            )
        types[type_name].extend(phrases)
    return compile_lexicon(name, types, source, f"lexicons.{name}")
