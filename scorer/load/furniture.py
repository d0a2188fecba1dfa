"""Boilerplate: site furniture that came with the article but is not copy.

Driven by the declarative patterns of `rules/boilerplate.toml` (a user adds their own
outlet's furniture in a file of the same shape). Marks, never deletes: "Your support makes
all the difference." is boilerplate, the "A former Syrian defence minister..." glued to it
is copy. Text holding a quotation mark is never boilerplate unless a pattern says so: a
quoted "Your support means everything" is somebody speaking.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scorer.errors import ScorerError
from scorer.load.document import Boilerplate
from scorer.resources import read_toml, rules_dir

SCOPES = ("paragraph", "sentence", "block")
_KEYS = {
    "id",
    "description",
    "scope",
    "match",
    "start",
    "end",
    "max_words",
    "max_paragraphs",
    "allow_quotes",
}

Spans = Sequence[tuple[int, int]]
Labels = list[str | None]


@dataclass(frozen=True)
class Pattern:
    id: str
    scope: str
    match: re.Pattern[str] | None = None
    start: re.Pattern[str] | None = None
    end: re.Pattern[str] | None = None
    max_words: int = 40
    max_paragraphs: int = 8
    allow_quotes: bool = False
    description: str = ""


@cache
def default_patterns() -> tuple[Pattern, ...]:
    return load_patterns(rules_dir() / "boilerplate.toml")


def load_patterns(path: Path) -> tuple[Pattern, ...]:
    """Read and validate a boilerplate pattern file; errors name the file and pattern."""
    data = read_toml(path)
    unknown_top = set(data) - {"pattern"}
    if unknown_top:
        raise ScorerError(
            f"unknown table or key {sorted(unknown_top)[0]!r}; expected [[pattern]]", path=str(path)
        )
    entries = data.get("pattern", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ScorerError(
            "'pattern' must be an array of tables: write each as [[pattern]]", path=str(path)
        )
    patterns = []
    for n, entry in enumerate(entries, 1):
        pid = entry.get("id") if isinstance(entry.get("id"), str) else f"pattern #{n}"

        def fail(message: str, pid: str = pid) -> ScorerError:
            return ScorerError(message, path=str(path), rule=pid)

        if "id" not in entry:
            raise fail("missing 'id'")
        unknown = set(entry) - _KEYS
        if unknown:
            raise fail(f"unknown key {sorted(unknown)[0]!r}")
        scope = entry.get("scope")
        if scope not in SCOPES:
            raise fail(f"'scope' must be one of {', '.join(SCOPES)}, not {scope!r}")
        needed = ("start", "end") if scope == "block" else ("match",)
        for key in needed:
            if not isinstance(entry.get(key), str):
                raise fail(f"scope {scope!r} needs a '{key}' regular expression")
        compiled = {
            key: _compile(entry[key], fail, key)
            for key in ("match", "start", "end")
            if key in entry
        }
        if "allow_quotes" in entry and not isinstance(entry["allow_quotes"], bool):
            raise fail("'allow_quotes' must be true or false")
        for key in ("description",):
            if key in entry and not isinstance(entry[key], str):
                raise fail(f"'{key}' must be a string")
        for key in ("max_words", "max_paragraphs"):
            if key in entry and (
                not isinstance(entry[key], int) or isinstance(entry[key], bool) or entry[key] < 1
            ):
                raise fail(f"'{key}' must be a positive whole number")
        patterns.append(
            Pattern(
                id=pid,
                scope=scope,
                max_words=entry.get("max_words", 40),
                max_paragraphs=entry.get("max_paragraphs", 8),
                allow_quotes=bool(entry.get("allow_quotes", False)),
                description=str(entry.get("description", "")),
                **compiled,
            )
        )
    return tuple(patterns)


def _compile(source: str, fail, key: str) -> re.Pattern[str]:  # type: ignore[no-untyped-def]
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as error:
        raise fail(f"'{key}' is not a valid regular expression: {error}") from None


def mark(
    norm: str, blocks: Sequence[Spans], scorable: Sequence[bool], patterns: Sequence[Pattern]
) -> list[Labels]:
    """Label every sentence of every block with the id of the pattern that claims it, or None.

    Boxes are claimed first; paragraph patterns then look at what is left of each block,
    so a donation box glued to the first line of copy leaves the copy; sentence patterns
    last pick single lines of furniture out of paragraphs of copy.
    """
    labels: list[Labels] = [[None] * len(spans) for spans in blocks]
    for pattern in patterns:
        if pattern.scope == "block":
            _mark_blocks(norm, blocks, scorable, labels, pattern)
    paragraph_patterns = [p for p in patterns if p.scope == "paragraph"]
    longest = max((p.max_words for p in paragraph_patterns), default=0)
    for b, spans in enumerate(blocks):
        if not scorable[b]:
            continue
        for first, last in _unclaimed_runs(labels[b]):
            a, e = spans[first][0], spans[last][1]
            words = norm.count(" ", a, e) + 1
            if words > longest:
                continue  # the common case: a paragraph of copy, too long for any pattern
            quoted = norm.find('"', a, e) >= 0
            paragraph = norm[a:e]
            for pattern in paragraph_patterns:
                if (
                    words <= pattern.max_words
                    and (pattern.allow_quotes or not quoted)
                    and pattern.match is not None
                    and pattern.match.search(paragraph)
                ):
                    labels[b][first : last + 1] = [pattern.id] * (last + 1 - first)
                    break
    for pattern in patterns:
        if pattern.scope == "sentence":
            for b, spans in enumerate(blocks):
                for s, (a, e) in enumerate(spans):
                    if (
                        scorable[b]
                        and labels[b][s] is None
                        and _matches(pattern, pattern.match, norm, a, e)
                    ):
                        labels[b][s] = pattern.id
    return labels


def _mark_blocks(
    norm: str,
    blocks: Sequence[Spans],
    scorable: Sequence[bool],
    labels: list[Labels],
    pattern: Pattern,
) -> None:
    assert pattern.start is not None and pattern.end is not None
    b = 0
    while b < len(blocks):
        spans = blocks[b]
        opens = (
            scorable[b]
            and spans
            and labels[b][0] is None
            and _matches(pattern, pattern.start, norm, spans[0][0], spans[-1][1], word_limit=False)
        )
        end = _find_end(norm, blocks, b, pattern) if opens else None
        if end is None:
            b += 1
            continue
        last_block, last_sentence = end
        for claim in range(b, last_block + 1):
            upto = last_sentence + 1 if claim == last_block else len(blocks[claim])
            labels[claim][:upto] = [pattern.id] * upto
        b = last_block + 1


def _find_end(
    norm: str, blocks: Sequence[Spans], b: int, pattern: Pattern
) -> tuple[int, int] | None:
    """Block and sentence where the box that opens at block `b` ends, within its limits."""
    assert pattern.end is not None
    words = 0
    for b2 in range(b, min(b + pattern.max_paragraphs, len(blocks))):
        for s, (a, e) in enumerate(blocks[b2]):
            words += norm.count(" ", a, e) + 1
            if words > pattern.max_words:
                return None
            if pattern.end.search(norm, a, e):
                return b2, s
    return None


def _matches(
    pattern: Pattern,
    regex: re.Pattern[str] | None,
    norm: str,
    a: int,
    e: int,
    *,
    word_limit: bool = True,
) -> bool:
    if regex is None:
        return False
    if word_limit and norm.count(" ", a, e) + 1 > pattern.max_words:
        return False
    if not pattern.allow_quotes and norm.find('"', a, e) >= 0:
        return False
    return regex.search(norm[a:e]) is not None


def _unclaimed_runs(labels: Labels) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, label in enumerate([*labels, "end"]):
        if label is None and start is None:
            start = i
        elif label is not None and start is not None:
            runs.append((start, i - 1))
            start = None
    return runs


def spans(labelled: Sequence[tuple[int, int, str | None]]) -> list[Boilerplate]:
    """One Boilerplate per run of consecutive sentences claimed by the same pattern.

    `labelled` is every sentence of the document in order, with its label; a box that
    spans four paragraphs is one span, two credits with copy between them are two.
    """
    out: list[Boilerplate] = []
    previous: str | None = None
    for a, e, label in labelled:
        if label is not None and label == previous:
            out[-1] = Boilerplate(out[-1].start, e, label)
        elif label is not None:
            out.append(Boilerplate(a, e, label))
        previous = label
    return out
