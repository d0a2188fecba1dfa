"""The attribution tagger's phrase lexicons: cue, source and anonymity phrases as one trie.

Read once from `rules/lexicons` (attribution, anonymity, sources) and matched over a
sentence's lower-cased words in one pass: `phrase_tags` gives each word the B-/I- tags of
the phrases that cover it, the features of `scorer.models.features_attribution`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from scorer.resources import read_toml, rules_dir

# A phrase trie: word -> node. A node's "" key holds the tags of phrases that end there,
# "_" is any one word, and "*" maps a word prefix to its node ("rumo*").
Trie = dict[str, Any]


@dataclass(frozen=True)
class Lexicons:
    """The project's word lists, reduced to what features need: a trie of the cue,
    anonymity and multi-word source phrases, and each single word's class tags."""

    phrases: Trie
    words: dict[str, tuple[str, ...]]


def _expand(phrase: str) -> list[tuple[str, ...]]:
    """Lexicon phrase syntax (scorer.lexicon) as token patterns: "a/b" and "_?" expand."""
    variants: list[tuple[str, ...]] = [()]
    for word in phrase.lower().split():
        if word == "_?":
            variants = variants + [(*v, "_") for v in variants]
        else:
            variants = [(*v, choice) for v in variants for choice in word.split("/")]
    return [v for v in variants if v and v[0] != "_" and not v[0].endswith("*")]


def _insert(trie: Trie, pattern: tuple[str, ...], tag: str) -> None:
    node = trie
    for word in pattern:
        if word.endswith("*") and len(word) > 1:
            node = node.setdefault("*", {}).setdefault(word[:-1], {})
        else:
            node = node.setdefault(word, {})
    node[""] = tuple(sorted({*node.get("", ()), tag}))


@cache
def lexicons() -> Lexicons:
    """The shipped lexicon files (never a configuration's house entries: the model was
    trained on these, and features must not change with the audited file's config)."""
    folder = rules_dir() / "lexicons"
    attribution = read_toml(folder / "attribution.toml")
    anonymity = read_toml(folder / "anonymity.toml")
    sources = read_toml(folder / "sources.toml")
    tagged: list[tuple[str, str]] = []
    for type_name, phrases in attribution["types"].items():
        tagged += [(p, "c:" + type_name) for p in phrases]
    tagged += [(p, "c:agentless") for p in attribution["agentless"]["phrases"]]
    tagged += [(p, "c:vague") for p in attribution["vague"]["phrases"]]
    for type_name, phrases in anonymity["types"].items():
        tagged += [(p, "a:" + type_name) for p in phrases]
    tagged += [(p, "s:outlet") for p in sources["outlet"]["names"] if " " in p]
    tagged += [(p, "s:place") for p in sources["organization"]["places"] if " " in p]
    trie: Trie = {}
    for phrase, tag in tagged:
        for pattern in _expand(phrase):
            _insert(trie, pattern, tag)
    classes = {
        "n:anon": sources["anonymous"]["nouns"],
        "n:vague": sources["vague"]["nouns"],
        "n:doc": sources["document"]["nouns"],
        "n:org": sources["organization"]["nouns"] + sources["organization"]["acronyms"],
        "n:place": [p for p in sources["organization"]["places"] if " " not in p],
        "n:outlet": [p for p in sources["outlet"]["names"] if " " not in p],
        "n:media": sources["outlet"]["heads"],
        "n:title": sources["person"]["titles"],
        "n:pron": sources["person"]["pronouns"],
        "n:person": sources["person"]["nouns"],
    }
    words: dict[str, set[str]] = {}
    for tag, members in classes.items():
        for word in members:
            words.setdefault(word.lower(), set()).add(tag)
    return Lexicons(trie, {w: tuple(sorted(t)) for w, t in words.items()})


def _ends(trie: Trie, words: Sequence[str], i: int) -> dict[str, int]:
    """For each tag, the end of the longest phrase with that tag starting at word i."""
    found: dict[str, int] = {}
    stack = [(trie[words[i]], i + 1)]
    n = len(words)
    while stack:
        node, j = stack.pop()
        for tag in node.get("", ()):
            if found.get(tag, 0) < j:
                found[tag] = j
        if j == n:
            continue
        word = words[j]
        if word in node:
            stack.append((node[word], j + 1))
        if "_" in node:
            stack.append((node["_"], j + 1))
        for prefix, child in node.get("*", {}).items():
            if word.startswith(prefix):
                stack.append((child, j + 1))
    return found


def phrase_tags(words: Sequence[str], lex: Lexicons) -> list[list[str]]:
    """For each word, "B"/"I" + the tag of each lexicon phrase covering it.

    Within one tag the longest phrase wins and matches do not overlap; phrases of
    different tags may overlap ("according to" and "according to reports").
    """
    tags: list[list[str]] = [[] for _ in words]
    taken: dict[str, int] = {}
    trie = lex.phrases
    for i, word in enumerate(words):
        if word not in trie:
            continue
        for tag, end in _ends(trie, words, i).items():
            if taken.get(tag, 0) > i:
                continue
            tags[i].append("B" + tag)
            for j in range(i + 1, end):
                tags[j].append("I" + tag)
            taken[tag] = end
    return tags
