"""Features of the attribution tagger: one list of strings for each token of a sentence.

Shared by training (`scorer.train`) and run time (`scorer.models.attribution`), so both
see the same sentences, tokens and features. With `scorer.models.phrase_lexicons` (the
lexicon files as a trie), it is the one module of the model that reads scorer internals
(Document, its tokens and quotes): when those move, only the imports here change.

Features are plain strings (crfsuite binary attributes). What a word alone gives (its
form, affixes, shape, crude stem, lexicon word classes) is computed once per distinct
word and kept in a bounded cache; the rest comes from its neighbours and its sentence:
quote state, lexicon phrases around it, distance to the nearest cue phrase, clause
markers ("that", a colon, a quote mark) just after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from scorer.errors import ScorerError
from scorer.load.document import Document, Sentence
from scorer.models.phrase_lexicons import Lexicons, lexicons, phrase_tags

# What the model's other modules (run time, training, benchmark, tests) take from the
# rest of scorer, re-exported from here so that a move of those modules changes only
# this file.
__all__ = ["Document", "ScorerError", "Sentence", "load_text"]

# Bumped when a feature changes: the model card records it, and a model trained on
# another version is refused at load time.
FEATURES_VERSION = 8

Span = tuple[int, int]
QUOTE_MARKS = frozenset("\"'“”‘’«»„‟‚‛")
_PUNCT_CLASS = {",": ",", ":": ":", ";": ";", ".": ".", "?": ".", "!": ".", "(": "(", ")": ")"}
_AUX = frozenset(
    "has have had is are was were be been will would could should may might must can did does do"
    " also not n't never repeatedly previously later reportedly publicly privately".split()
)
_PRONOUNS = frozenset("he she they i we it you who which".split())
_DETERMINERS = frozenset("a an the his her their its our my your this these those".split())
_CACHE_LIMIT = 50_000


def shape(word: str) -> str:
    """Xx, XX, x, d, ... with runs collapsed: "McCain" -> "XxXx", "2016" -> "d"."""
    out: list[str] = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out[:6])


def stem(word: str) -> str:
    """A crude stem that folds verb forms together: pledged, pledges, pledging -> pledg."""
    for suffix in ("ing", "ied", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class _Word:
    """What one distinct word contributes, to itself and to its neighbours."""

    low: str
    ending: str  # last two letters of a lower-case word: "ed", "ng", "ys"; else ""
    role: str  # as the word before a verb: "aux", "subj" (a name or pronoun), "and" or ""
    own: tuple[str, ...]
    quote: bool
    left2: str  # as the word two before
    left1: tuple[str, ...]  # as the word before
    right1: tuple[str, ...]  # as the word after
    right2: str  # as the word two after


@dataclass
class Vocabulary:
    """What PolNeAR train says about single words, shipped beside the model.

    `tags`: the share of a word's train occurrences inside a cue (`cr=`) or a source
    (`sr=`), in buckets 1-4, for words seen at least three times: it lets rare cue
    words share one weight. `triggers`: the pre-test's words. `cache` keeps each
    distinct word's features, which depend on the tags.
    """

    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    triggers: frozenset[str] = frozenset()
    cache: dict[str, _Word] = field(default_factory=dict, repr=False, compare=False)

    def lines(self) -> list[str]:
        """The vocabulary file's lines after its header: `word<TAB>tag tag ...`."""
        out = []
        for word in sorted(self.tags.keys() | self.triggers):
            marks = [*self.tags.get(word, ()), *(["trigger"] if word in self.triggers else [])]
            out.append(f"{word}\t{' '.join(marks)}")
        return out

    @classmethod
    def parse(cls, lines: list[str]) -> Vocabulary:
        tags: dict[str, tuple[str, ...]] = {}
        triggers = set()
        for line in lines:
            word, _, found = line.partition("\t")
            marks = found.split()
            if "trigger" in marks:
                triggers.add(word)
            if rated := tuple(m for m in marks if m != "trigger"):
                tags[word] = rated
        return cls(tags, frozenset(triggers))


def share_tag(prefix: str, share: float) -> str | None:
    """A share of occurrences as a bucketed tag: under 2% none, then 1 to 4."""
    if share < 0.02:
        return None
    return prefix + ("1" if share < 0.1 else "2" if share < 0.3 else "3" if share < 0.6 else "4")


def _word(form: str, lex: Lexicons, vocabulary: Vocabulary) -> _Word:
    low = form.lower()
    sh = shape(form)
    st = stem(low)
    # No bias attribute: the cue distances (cL=, cR=) partition every sentence's tokens
    # and carry the label biases. The stem only where it differs from the word.
    own = ["w=" + low, "sh=" + sh]
    if st != low:
        own.append("st=" + st)
    if len(low) > 3:
        own.append("s3=" + low[-3:])
    quote = form in QUOTE_MARKS
    if quote:
        own.append("qm")
    elif low in _PUNCT_CLASS:
        own.append("pc=" + _PUNCT_CLASS[low])
    rated = vocabulary.tags.get(low, ())
    own += (*lex.words.get(low, ()), *rated)
    # Neighbours see the word classes and only the strong tags (30% or more): the weak
    # ones sit on most common words and cost more time than they earn.
    classes = (*lex.words.get(low, ()), *(t for t in rated if t[-1] in "34"))
    before = ["w-1=" + low, *("-1" + c for c in classes)]
    # What a word says about the word after it: an auxiliary, pronoun or determiner
    # before a word makes it a verb or a noun.
    before += [
        mark
        for mark, members in (("aux-", _AUX), ("pron-", _PRONOUNS), ("det-", _DETERMINERS))
        if low in members
    ]
    if low in _AUX:
        role = "aux"
    elif low in _PRONOUNS or sh.startswith("X"):
        role = "subj"
    elif low in ("and", "but", ","):
        role = "and"
    else:
        role = ""
    found = _Word(
        low=low,
        ending=low[-2:] if sh == "x" and len(low) > 3 else "",
        role=role,
        own=tuple(own),
        quote=quote,
        left2="w-2=" + low,
        left1=tuple(before),
        right1=("w+1=" + low, *("+1" + c for c in classes)),
        right2="w+2=" + low,
    )
    if len(vocabulary.cache) >= _CACHE_LIMIT:
        vocabulary.cache.clear()
    vocabulary.cache[form] = found
    return found


_BUCKETS = ("0", "1", "2", "3", "4-6", "4-6", "4-6", *["7-12"] * 6)


def _distances(marks: Sequence[bool], prefix: str, step: int) -> list[str]:
    """For each position, the bucketed distance to the nearest mark in direction `step`
    (not counting itself): prefix + "1", "2", "3", "4-6", "7-12", "13+" or "-"."""
    n = len(marks)
    out = [prefix + "-"] * n
    last = -1
    order = range(n) if step < 0 else range(n - 1, -1, -1)
    for i in order:
        if last >= 0:
            distance = abs(i - last)
            out[i] = prefix + (_BUCKETS[distance] if distance < 13 else "13+")
        if marks[i]:
            last = i
    return out


def load_text(text: str, source: str = "<text>") -> Document:
    """A Document from plain text, as the pipeline loads it (training and benchmarks).

    Imported when called: loading brings in the sentence splitter, which run-time
    tagging of an already loaded Document does not need.
    """
    from scorer.load import load_string

    return load_string(text, source=source)


def sentence_tokens(doc: Document) -> list[list[Span]]:
    """The document's tokens (`doc.tokens`), grouped by sentence index.

    Read from the flat arrays `Tokens` keeps when it has them: making a Token for each
    word took a fifth of the tagger's time on a news article.
    """
    grouped: list[list[Span]] = [[] for _ in doc.sentences]
    tokens = doc.tokens
    spans, owners = getattr(tokens, "_spans", None), getattr(tokens, "_sentence", None)
    if spans is None or owners is None:
        for start, end, sentence in tokens:
            grouped[sentence].append((start, end))
        return grouped
    pairs = iter(spans)
    halves = zip(pairs, pairs, strict=False)
    for sentence, group in groupby(zip(owners, halves, strict=True), itemgetter(0)):
        grouped[sentence] = [span for _, span in group]
    return grouped


def features(
    doc: Document, sentence: Sentence, tokens: Sequence[Span], vocabulary: Vocabulary
) -> list[list[str]]:
    """One list of feature strings per token of `sentence`.

    Built column by column (each word's own features, then its neighbours'...), not
    token by token: the tagger's time is mostly spent here and in crfsuite.
    """
    lex = lexicons()
    norm = doc.norm
    known = vocabulary.cache.get
    info = [known(norm[a:b]) or _word(norm[a:b], lex, vocabulary) for a, b in tokens]
    n = len(info)
    if not n:
        return []
    words = [w.low for w in info]
    tags = phrase_tags(words, lex)
    is_cue = [bool(ts) and any(t[1] == "c" for t in ts) for ts in tags]
    is_quote = [w.quote for w in info]
    wide = []
    if any(is_cue):
        wide.append("scue")
        cue_left = _distances(is_cue, "cL=", -1)
        cue_right = _distances(is_cue, "cR=", 1)
    else:
        cue_left, cue_right = ["cL=-"] * n, ["cR=-"] * n
    has_quote = any(is_quote)
    if has_quote:
        wide.append("sq")
    out = [
        [*w.own, *wide, left, right]
        for w, left, right in zip(info, cue_left, cue_right, strict=True)
    ]
    out[0] += ("BOS", "w-1=<s>", "i0")
    out[-1] += ("EOS", "w+1=</s>")
    for f, w in zip(out[1:], info, strict=False):
        f += w.left1
    for f, w in zip(out, info[1:], strict=False):
        f += w.right1
    for f, w in zip(out[2:], info, strict=False):
        f.append(w.left2)
    for f, w in zip(out, info[2:], strict=False):
        f.append(w.right2)
    for i in (1, 2):
        if i < n:
            out[i].append(f"i{i}")
    for i, ts in enumerate(tags):
        if ts:
            out[i] += ts
            if i:
                out[i - 1] += ["+1" + t for t in ts]
            if i + 1 < n:
                out[i + 1] += ["-1" + t for t in ts]
    # Verb-ness without a tagger: "Clinton adds", "is pointing", "and insists".
    for i in range(1, n):
        ending, role = info[i].ending, info[i - 1].role
        if ending and role:
            out[i].append(role + "+" + ending)
            if role == "and" and cue_left[i] != "cL=-":
                out[i].append("and+cue+" + ending)
    # A quote reaching into the sentence covers its first token or has a mark in it.
    if doc.quotes and (has_quote or doc.quote_at(tokens[0][0]) is not None):
        quote_at = doc.quote_at
        for f, (start, _) in zip(out, tokens, strict=True):
            if quote_at(start) is not None:
                f.append("inq")
    # Clause markers just after a word ("said on Tuesday that", "said:", "said, “..."),
    # and quote marks just before or after it.
    marks = [(w == "that", w == ":", q) for w, q in zip(words, is_quote, strict=True)]
    for i, (that, colon, quote) in enumerate(marks):
        if that:
            for j in range(max(0, i - 3), i):
                if "that+" not in out[j]:
                    out[j].append("that+")
        if colon:
            for j in range(max(0, i - 2), i):
                if ":+" not in out[j]:
                    out[j].append(":+")
        if quote:
            for j in range(max(0, i - 2), i):
                if "q+" not in out[j]:
                    out[j].append("q+")
            for j in range(i + 1, min(n, i + 3)):
                if "q-" not in out[j]:
                    out[j].append("q-")
    return out


def _inside_quotes(doc: Document, tokens: Sequence[Span]) -> list[bool]:
    """Whether each token lies inside a quotation's marks (`doc.quotes`)."""
    if not doc.quotes:
        return [False] * len(tokens)
    return [doc.quote_at(start) is not None for start, _ in tokens]


def sentence_words(doc: Document, sentence: Sentence, tokens: Sequence[Span]) -> list[str]:
    """The tokens' words, lower-cased, straight quotes: what the pre-test looks up."""
    norm = doc.norm
    lowered = norm[sentence.start : sentence.end].lower()
    if len(lowered) != sentence.end - sentence.start:  # a letter that lower-cases to two
        return [norm[a:b].lower() for a, b in tokens]
    at = sentence.start
    return [lowered[a - at : b - at] for a, b in tokens]
