"""Phrase matching for the sentence models: lexicon phrases in a trie, matched on a
sentence's words with the marks of `scorer.lexicon` (`_` any one word, `_?` an optional
word, a trailing `*` any ending, `/` between words any one of them).

Within one lexicon the longest phrase wins and hits do not overlap, as `scorer.lexicon`
has it; a word costs one lookup however many phrases start with it. Pure Python with no
scorer imports: `sentence_features` hands it the phrases.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


class _Node:
    """A trie node: the next word, a word's beginning ("rumo*"), any word (`_`)."""

    __slots__ = ("any", "closed", "feature", "next", "prefixes")

    def __init__(self) -> None:
        self.next: dict[str, _Node] = {}
        self.prefixes: list[tuple[str, _Node]] = []
        self.any: _Node | None = None
        self.feature: str | None = None  # a phrase ends here
        self.closed = False  # no phrase ends here and only a word of `next` can follow


@dataclass(frozen=True)
class Matcher:
    """Lexicon phrases in one trie per lexicon, entered by their first word. Within a
    lexicon the longest phrase wins and hits do not overlap, as in `scorer.lexicon`.

    Most sentences hold no phrase, and two set intersections say so at once: `opening`
    holds the first words that may be a phrase whatever follows, `pairs` the first two
    words of the others; the sentence's words and bigrams are already a set."""

    roots: dict[str, list[tuple[str, _Node]]]  # first word: (lexicon, node after it)
    opening: frozenset[str]
    pairs: frozenset[str]

    def hits(self, words: list[str], grams: frozenset[str]) -> list[tuple[str, int, int]]:
        """The hits in `words`; `grams` holds their 1- and 2-grams."""
        pairs = self.pairs.intersection(grams)
        firsts = self.opening.intersection(grams)
        if pairs:
            firsts = firsts.union([pair.split(" ", 1)[0] for pair in pairs])
        if not firsts:
            return []
        roots = self.roots
        found: list[tuple[str, int, int]] = []
        taken: dict[str, int] = {}
        last = len(words) - 1
        for i in [i for i, word in enumerate(words) if word in firsts]:
            following = words[i + 1] if i < last else ""
            for group, node in roots[words[i]]:
                if i < taken.get(group, 0):
                    continue
                # Most first words ("the", "in") go no further than the next word.
                if node.closed and following not in node.next:
                    continue
                best = _longest(node, words, i + 1)
                if best is not None:
                    found.append((best[0], i, best[1]))
                    taken[group] = best[1]
        return found


def _longest(node: _Node, words: list[str], i: int) -> tuple[str, int] | None:
    """The longest phrase that continues from `node` at word `i`: (feature, end). Listed
    words are followed in a loop; only `_` and `word*` branch onto the stack."""
    best: tuple[str, int] | None = None
    end = len(words)
    stack = [(node, i)]
    while stack:
        at, i = stack.pop()
        while True:
            if at.feature is not None and (best is None or i > best[1]):
                best = (at.feature, i)
            if i == end:
                break
            word = words[i]
            if at.any is not None:
                stack.append((at.any, i + 1))
            for prefix, child in at.prefixes:
                if word.startswith(prefix):
                    stack.append((child, i + 1))
            following = at.next.get(word)
            if following is None:
                break
            at, i = following, i + 1
    return best


def _insert(node: _Node, words: list[str], feature: str) -> None:
    if not words:
        if node.feature is None or feature < node.feature:  # one type wins, whatever the order
            node.feature = feature
        return
    word, rest = words[0], words[1:]
    if word == "_?":
        _insert(node, rest, feature)
        word = "_"
    if word == "_":
        node.any = node.any or _Node()
        _insert(node.any, rest, feature)
    elif word.endswith("*") and len(word) > 1:
        child = next((c for p, c in node.prefixes if p == word[:-1]), None)
        if child is None:
            child = _Node()
            node.prefixes.append((word[:-1], child))
        _insert(child, rest, feature)
    else:
        for choice in word.split("/"):
            _insert(node.next.setdefault(choice, _Node()), rest, feature)


def compile_matcher(lexicons: Mapping[str, Iterable[str]]) -> Matcher:
    """A Matcher for {"lex:<lexicon>:<type>": phrases}."""
    tries: dict[str, _Node] = {}
    for feature in sorted(lexicons):
        root = tries.setdefault(feature.rsplit(":", 1)[0], _Node())
        for phrase in lexicons[feature]:
            _insert(root, phrase.lower().split(), feature)
    roots: dict[str, list[tuple[str, _Node]]] = {}
    opening: set[str] = set()
    pairs: set[str] = set()
    for group, root in sorted(tries.items()):
        for word, node in root.next.items():
            node.closed = node.feature is None and node.any is None and not node.prefixes
            roots.setdefault(word, []).append((group, node))
            if node.closed:
                pairs.update(f"{word} {second}" for second in node.next)
            else:
                opening.add(word)
    return Matcher(roots, frozenset(opening), frozenset(pairs))
