"""Brat spans onto the project's tokens: one BIO label a token.

A token takes a role when it starts inside one of that role's fragments, so a span that
ends inside a token ("He" of "He’s") still claims it, and one that starts inside a token
("’s been ratcheting") leaves it out. When roles claim the same token, Cue wins over
Source and Source over Content (PolNeAR spans almost never overlap: 2 in train).

Spans crossing a sentence boundary: each sentence gets its own piece, labelled from
B- again. Content runs over several sentences in 6% of train fragments; the tagger
learns the pieces and `scorer.models.attribution` joins the pieces of one content
again (see `join_content` there). Sources and cues cross a boundary only where the
sentence splitter erred (9 sources in train).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

Span = tuple[int, int]
ROLE_LABEL = {"Cue": "CUE", "Source": "SOURCE", "Content": "CONTENT"}
PRIORITY = ("Cue", "Source", "Content")


def bio(tokens: Sequence[Span], spans: dict[str, Sequence[Sequence[Span]]]) -> list[str]:
    """The label of each token of one sentence, from every span of the document."""
    owner: list[tuple[str, int] | None] = [None] * len(tokens)
    starts = [start for start, _ in tokens]
    fragment_id = 0
    for role in reversed(PRIORITY):  # later roles overwrite: Cue is written last
        for fragments in spans.get(role, ()):
            for a, b in fragments:
                fragment_id += 1
                first = bisect_right(starts, a - 1)
                last = bisect_right(starts, b - 1)
                for i in range(first, last):
                    owner[i] = (role, fragment_id)
    labels = []
    for i, own in enumerate(owner):
        if own is None:
            labels.append("O")
            continue
        prefix = "I" if i and owner[i - 1] == own else "B"
        labels.append(f"{prefix}-{ROLE_LABEL[own[0]]}")
    return labels
