"""Sentence features: what the sentence models see, built the same way for training and at
run time, so a weight learnt on a feature is applied to the same feature.

A sentence becomes a set of binary feature names:

* word n-grams ("may", "may resign", "is widely regarded"): lower-cased words with curly
  apostrophes made straight, figures as `#num` or `#year`, and a capitalised "May" that is
  a month or a name ("in May 2011", "May Department Stores") as `#May`, so it never shares
  the modal's weight;
* lexicon hits ("lex:hedges:epistemic", "lex:weasels:peacock"): phrases of
  `rules/lexicons/*.toml`, matched on the words with the marks of `scorer.lexicon` (`_`,
  `_?`, a trailing `*`, `/`). The phrases are copied into the model file when it is
  trained, so editing a lexicon never changes what a trained weight means;
* shapes ("shape:digit", "shape:caps:2", "shape:len:16"): figures, capitalised names and
  length, for the claims model (measured: they add little once figures are `#num` words);
* rule outputs handed in by the caller ("rule:hedge:epistemic", "rule:claim"): what the
  rule detectors found in the sentence, with their spans.

Every feature points back at its words (`Analysis.spans`), so a model's evidence is a span.
Only this module imports scorer internals (the detectors, the lexicons, the Document).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate, pairwise
from typing import Any

from scorer.load.document import normalise
from scorer.models.phrases import Matcher, compile_matcher

FEATURE_VERSION = 1
# Numbers (with separators and a unit or ordinal suffix) first, then words with inner
# apostrophes and hyphens, then the signs that say "figure" or "question".
_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*[a-z]*|\w+(?:['-]\w+)*|[$%£€?]")
_PIECES = re.compile(f"({_TOKEN.pattern})")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\ds?")
# A capitalised word that does not open the sentence: a name, a place, an institution.
_CAPITALISED = re.compile(r" [A-Z][a-z]")
_CAPITALISED_WORD = re.compile(r"(?<= )[A-Z][a-z][\w'-]*")
_LENGTHS = (8, 16, 26, 41)
# shape:len:N names the bucket by its first length past the end: fewer than N words.
_CAPS_NAMES = tuple(f"shape:caps:{n}" for n in range(5))
_LENGTH_NAMES = tuple(f"shape:len:{n}" for n in (*_LENGTHS, 99))

Extra = tuple[str, int, int]  # a rule output: feature name, start, end in the sentence


@dataclass(frozen=True)
class Spec:
    """Which features a model uses: part of the model file."""

    ngram_max: int = 2
    lexicons: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # feature: phrases
    shapes: bool = False
    rules: tuple[str, ...] = ()  # "hedges", "sources", "claims": see `rule_extras`

    @cached_property
    def matcher(self) -> Matcher:
        """The lexicon phrases compiled, once per Spec."""
        return compile_matcher(self.lexicons)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": FEATURE_VERSION,
            "ngram_max": self.ngram_max,
            "lexicons": {name: list(phrases) for name, phrases in sorted(self.lexicons.items())},
            "shapes": self.shapes,
            "rules": list(self.rules),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Spec:
        if data.get("version") != FEATURE_VERSION:
            raise ValueError(
                f"features version {data.get('version')!r}; this scorer reads {FEATURE_VERSION}"
            )
        lexicons = {name: tuple(phrases) for name, phrases in data["lexicons"].items()}
        return cls(int(data["ngram_max"]), lexicons, bool(data["shapes"]), tuple(data["rules"]))


# -- words ------------------------------------------------------------------------------


class Analysis:
    """One sentence's words; offsets and lexicon hits are found only when asked for."""

    __slots__ = ("_bounds", "_grams", "_hits", "_pieces", "norm", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = norm = text if text.isascii() else normalise(text)
        lowered = norm.lower()
        # Word i runs from _bounds[2 * i] to _bounds[2 * i + 1]: added up when first asked.
        self._bounds: list[int] | None = None
        self._hits: dict[int, list[tuple[str, int, int]]] = {}
        self._grams: dict[int, frozenset[str]] = {}
        if len(lowered) != len(norm):  # a letter that lower-cases to two: offsets would drift
            spans = [m.span() for m in _TOKEN.finditer(norm)]
            self._bounds = [x for span in spans for x in span]
            words = [norm[a:b].lower() for a, b in spans]
        else:
            # Text between words, then words, alternating: the words, and their offsets
            # for the asking by adding up lengths.
            self._pieces = _PIECES.split(lowered)
            words = self._pieces[1::2]
        if _DIGIT.search(lowered):
            words = [_number(w) if w[0].isdigit() else w for w in words]
        if "May" in norm:
            words = list(words)
            self._months(words)
        self.words = words

    def grams(self, n: int) -> frozenset[str]:
        """The word 1- to n-grams, once per sentence however many models ask."""
        found = self._grams.get(n)
        if found is None:
            words = self.words
            grams = [*words]
            if n >= 2:
                grams += map(" ".join, pairwise(words))
            if n >= 3:
                grams += map(" ".join, zip(words, words[1:], words[2:], strict=False))
            found = self._grams[n] = frozenset(grams)
        return found

    @property
    def bounds(self) -> list[int]:
        """Where each word starts and ends: word i is `bounds[2 * i]:bounds[2 * i + 1]`."""
        if self._bounds is None:
            self._bounds = list(accumulate(map(len, self._pieces)))
        return self._bounds

    @property
    def offsets(self) -> list[tuple[int, int]]:
        """Where each word starts and ends in the sentence."""
        bounds = self.bounds
        return list(zip(bounds[0::2], bounds[1::2], strict=False))

    def _months(self, words: list[str]) -> None:
        """A capitalised "May" is the modal only when it opens the sentence and a lower-case
        word follows ("May the best team win"); otherwise a month or a name."""
        offsets = self.offsets
        for i, (a, b) in enumerate(offsets):
            if words[i] != "may" or self.norm[a:b] != "May":
                continue
            following = self.norm[offsets[i + 1][0]] if i + 1 < len(offsets) else ""
            if not (i == 0 and following.islower()):
                words[i] = "#May"

    def spans(self, name: str, extras: Sequence[Extra] = ()) -> list[tuple[int, int]]:
        """Where feature `name` is in the sentence: the words of an n-gram (each time it
        occurs), the phrase of a lexicon hit, the span of a rule output, the figures or
        names a shape counts; a shape of the whole sentence is the sentence."""
        if ":" not in name:
            gram = name.split(" ")
            return self._where(gram[0], gram)
        if name.startswith("rule:"):
            return [(a, b) for feature, a, b in extras if feature == name]
        if name.startswith("lex:"):
            bounds = self.bounds
            return [
                (bounds[2 * i], bounds[2 * j - 1])
                for hits in self._hits.values()
                for feature, i, j in hits
                if feature == name
            ]
        if name in ("shape:digit", "shape:nums:2", "shape:nums:3"):
            return sorted(self._where("#num", ["#num"]) + self._where("#year", ["#year"]))
        if name == "shape:year":
            return self._where("#year", ["#year"])
        if name.startswith("shape:caps"):
            return [m.span() for m in _CAPITALISED_WORD.finditer(self.norm)]
        return [(0, len(self.text))]

    def _where(self, first: str, gram: list[str]) -> list[tuple[int, int]]:
        """The spans of the word sequence `gram` (whose first word is `first`)."""
        words = self.words
        n = len(gram)
        found = []
        i = -1
        for _ in range(words.count(first)):  # no ValueError to end the search: they are slow
            i = words.index(first, i + 1)
            if n == 1 or words[i : i + n] == gram:
                bounds = self.bounds
                found.append((bounds[2 * i], bounds[2 * (i + n) - 1]))
        return found


def _number(word: str) -> str:
    return "#year" if _YEAR.fullmatch(word) else "#num"


@lru_cache(maxsize=64)
def analyse(text: str) -> Analysis:
    """The Analysis of `text`, shared by the models that score the same sentence (a few
    recent sentences are kept: the models score one sentence after the other)."""
    return Analysis(text)


analyse_cache_clear = analyse.cache_clear


# -- features ---------------------------------------------------------------------------


def features(analysis: Analysis, spec: Spec, extras: Sequence[Extra] = ()) -> set[str]:
    """The binary features of one sentence under `spec`."""
    found = set(analysis.grams(spec.ngram_max))
    if spec.lexicons:
        found.update(hit[0] for hit in lexicon_hits(analysis, spec))
    if spec.shapes:
        found.update(_shapes(analysis))
    if extras:
        found.update(extra[0] for extra in extras)
    return found


def present(
    analysis: Analysis, spec: Spec, extras: Sequence[Extra], known: frozenset[str]
) -> list[str]:
    """The features of one sentence that are among `known` (a model's weighted features),
    each once: `features(...) & known` without building the features no weight reads."""
    found = list(known.intersection(analysis.grams(spec.ngram_max)))
    more: set[str] = set()
    if spec.lexicons:
        more.update([hit[0] for hit in lexicon_hits(analysis, spec)])
    if spec.shapes:
        more.update(_shapes(analysis))
    if extras:
        more.update([extra[0] for extra in extras])
    if more:
        found.extend(known.intersection(more))
    return found


def _shapes(analysis: Analysis) -> list[str]:
    words = analysis.words
    out = []
    numbers = words.count("#num") + words.count("#year")
    if numbers:
        out.append("shape:digit")
        if numbers >= 2:
            out.append("shape:nums:2" if numbers == 2 else "shape:nums:3")
        if "#year" in words:
            out.append("shape:year")
    out.append(_CAPS_NAMES[min(len(_CAPITALISED.findall(analysis.norm)), 4)])
    out.append(_LENGTH_NAMES[bisect_right(_LENGTHS, len(words))])
    if '"' in analysis.norm:
        out.append("shape:quote")
    return out


# -- lexicons ---------------------------------------------------------------------------


def lexicon_hits(analysis: Analysis, spec: Spec) -> list[tuple[str, int, int]]:
    """The lexicon hits of the sentence under `spec`: (feature, first word, end word)."""
    hits = analysis._hits.get(id(spec.matcher))
    if hits is None:
        matcher = spec.matcher
        hits = matcher.hits(analysis.words, analysis.grams(max(2, spec.ngram_max)))
        analysis._hits[id(matcher)] = hits
    return hits


# -- what training reads from the project ----------------------------------------------


def project_lexicons(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The shipped phrases of `rules/lexicons/<name>.toml` as lexicon features, no house
    entries: {"lex:<name>:<type>": phrases}. Training copies them into the model file."""
    from scorer.detectors import lexicon

    out: dict[str, tuple[str, ...]] = {}
    for name in names:
        for type_name, phrases in lexicon.shipped(name).types.items():
            out[f"lex:{name}:{type_name}"] = tuple(sorted(phrases))
    return out


_VAGUE_SOURCES = frozenset({"vague", "agentless"})


def extras_from_signals(signals: Iterable[Any], start: int, rules: Sequence[str]) -> list[Extra]:
    """Rule outputs of one sentence from its signals (objects with kind, start, end, fields),
    offsets made relative to the sentence's `start`.

    "hedges": `rule:hedge:<type>` at the cue. "sources": `rule:source:<type>` for a vague
    or agentless source of an attribution, at the source or else the cue. "claims":
    `rule:claim` over the sentence when the claims detector calls it a claim.
    """
    out: list[Extra] = []
    for s in signals:
        if s.kind == "hedge" and "hedges" in rules:
            out.append((f"rule:hedge:{s.fields['type']}", s.start - start, s.end - start))
        elif s.kind == "attribution" and "sources" in rules:
            source = s.fields.get("source") or {}
            if source.get("type") in _VAGUE_SOURCES:
                where = source if source.get("start") is not None else s.fields["cue"]
                out.append(
                    (f"rule:source:{source['type']}", where["start"] - start, where["end"] - start)
                )
        elif s.kind == "claim" and "claims" in rules:
            out.append(("rule:claim", s.start - start, s.end - start))
    return out


def rule_extras(text: str, rules: Sequence[str]) -> list[Extra]:
    """The rule outputs of `text` read as a one-sentence article: how training and the
    benchmark get what the pipeline already has when it scores a sentence."""
    if not rules:
        return []
    from scorer import document_from_text
    from scorer.detectors import detect
    from scorer.detectors.reading import Reading
    from scorer.errors import ScorerError

    try:
        doc = document_from_text(text, title="")
    except ScorerError:  # empty or no prose: no rule outputs
        return []
    kinds = {"hedges": "hedge", "sources": "attribution"}
    detected = [kinds[rule] for rule in rules if rule in kinds]
    found = detect(Reading(doc), detected) if detected else {}
    signals = [s for rule in rules if rule in kinds for s in found[kinds[rule]]]
    out = extras_from_signals(signals, 0, rules)
    if "claims" in rules:
        # The rules' verdict alone (the claims detector's trained model reads it).
        from scorer.detectors.claims import model, rule_scores

        threshold = model().threshold
        out += [
            ("rule:claim", s.start, s.end) for s, score, _ in rule_scores(doc) if score >= threshold
        ]
    return out
