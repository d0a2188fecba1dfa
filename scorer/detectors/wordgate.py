"""Which patterns could match a sentence, told from its words before any search.

A claim feature such as `\\b(voted|passed|signed)\\b` can only match where a word starts
with "voted", "passed" or "signed"; in a sentence with no such word the search is wasted.
Each claim sentence was searched with 32 patterns, which made claims the slowest detector;
with the gate a sentence is searched only with the patterns its words allow.

Only patterns of one simple shape are gated: every top-level alternative is `\\b` and then a
literal word, or a group of such alternatives (nested groups too), whatever follows. For
those, `leading_words` gives the literal starts (the last letter dropped before `?`, `*` or
`{`: "dollars?" starts "dollar"). Any other shape (a lookaround, a class, an optional group
first) gives None and the pattern is always searched, so the gate can only skip searches
that would have failed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

_RUN = re.compile(r"[A-Za-z0-9_]+")
_WORDS = re.compile(r"\w+")


def leading_words(pattern: str) -> frozenset[str] | None:
    """The literal starts of the words a match of `pattern` must begin at, or None."""
    branches = _split(pattern)
    if branches is None:
        return None
    starts: set[str] = set()
    for branch in branches:
        if not branch.startswith("\\b"):
            return None
        found = _starts(branch[2:])
        if found is None:
            return None
        starts |= found
    return frozenset(starts)


def _starts(text: str) -> set[str] | None:
    if text.startswith("("):
        close = _closing(text)
        if close is None or text[close + 1 : close + 2] in ("?", "*", "{"):
            return None  # an optional group: the match may start after it
        inner = text[1:close]
        if inner.startswith("?"):
            if not inner.startswith("?:"):
                return None  # a lookaround or a flag
            inner = inner[2:]
        alternatives = _split(inner)
        if alternatives is None:
            return None
        starts: set[str] = set()
        for alternative in alternatives:
            found = _starts(alternative)
            if found is None:
                return None
            starts |= found
        return starts
    run = _RUN.match(text)
    if run is None:
        return None
    word = run.group()
    if text[run.end() : run.end() + 1] in ("?", "*", "{"):
        word = word[:-1]  # "dollars?": the s may be missing
    return {word} if word else None


def _split(text: str) -> list[str] | None:
    """`text` cut at its top-level `|`; None if its brackets do not balance."""
    parts, depth, start = [], 0, 0
    for i, char in _syntax(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        if depth < 0:
            return None
    if depth != 0:
        return None
    parts.append(text[start:])
    return parts


def _closing(text: str) -> int | None:
    """The index of the `)` that closes the `(` at 0."""
    depth = 0
    for i, char in _syntax(text):
        if char in "()":
            depth += 1 if char == "(" else -1
            if depth == 0:
                return i
    return None


def _syntax(text: str) -> Iterator[tuple[int, str]]:
    """The characters of a pattern that can be syntax: escapes and classes are skipped
    whole; an unclosed class ends the walk (the brackets then do not balance)."""
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            end = text.find("]", i + 2)  # "[]...]": a ] first is a member
            if end < 0:
                yield i, "("  # unbalanced on purpose
                return
            i = end + 1
            continue
        yield i, char
        i += 1


class WordGate:
    """For a list of patterns, the ones a text's words leave possible.

    `patterns` are (pattern text, ignore case, matched against the lower-cased text).
    """

    def __init__(self, patterns: Sequence[tuple[str, bool, bool]]) -> None:
        self._always: list[int] = []
        # Starts by length, then by the start itself: the patterns they open.
        self._plain: dict[int, dict[str, list[int]]] = {}  # matched as written
        self._folded: dict[int, dict[str, list[int]]] = {}  # matched ignoring case
        for index, (pattern, ignore_case, lowered) in enumerate(patterns):
            starts = leading_words(pattern)
            if starts is None:
                self._always.append(index)
                continue
            folded = ignore_case or lowered
            table = self._folded if folded else self._plain
            for start in starts:
                key = start.lower() if ignore_case else start
                table.setdefault(len(key), {}).setdefault(key, []).append(index)
        self._ignore_case = {i for i, (_, ignore, _) in enumerate(patterns) if ignore}
        self._folded_seen: dict[str, tuple[int, ...]] = {}
        self._plain_seen: dict[str, tuple[int, ...]] = {}

    def possible(self, text: str, lowered: str) -> set[int]:
        """The indexes of the patterns that may match `text` (or its lower-cased form)."""
        found = set(self._always)
        if self._folded:
            _open(self._folded, self._folded_seen, _WORDS.findall(lowered), found)
            if not text.isascii():
                # Case-insensitive matching folds a few non-ASCII letters to ASCII ones
                # ("K", the Kelvin sign): those patterns are not gated on such text.
                found |= self._ignore_case
        if self._plain:
            _open(self._plain, self._plain_seen, _WORDS.findall(text), found)
        return found


_SEEN_MAX = 100_000  # words remembered per table: a corpus's vocabulary has no end


def _open(
    table: dict[int, dict[str, list[int]]],
    seen: dict[str, tuple[int, ...]],
    words: list[str],
    found: set[int],
) -> None:
    """Add the patterns each word opens; a word's answer is worked out once and kept."""
    for word in set(words):
        opened = seen.get(word)
        if opened is None:
            if len(seen) >= _SEEN_MAX:
                seen.clear()
            opened = seen[word] = tuple(
                index
                for length, starts in table.items()
                if len(word) >= length
                for index in starts.get(word[:length], ())
            )
        found.update(opened)
