"""PolNeAR (Newell, Margolin and Ruths, LREC 2018) read in place from ../shared/data.

Brat standoff: `T` lines are spans (Source, Cue, Content; discontinuous spans keep every
fragment), `E` lines group them into attributions. As in bench/datasets.py, an article
annotated by several people keeps the annotation of the alphabetically first annotator
id, and a span whose offsets do not select its own text is moved to the nearest
occurrence of that text (or dropped when discontinuous). Nothing is copied anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
POLNEAR = Path("polnear", "data")
ROLES = ("Cue", "Source", "Content")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")
_E_LINE = re.compile(r"^E\d+\t(.*)$")
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One `E` line: its cue, source (None when unstated) and content fragments."""

    cue: Fragments | None
    source: Fragments | None
    content: tuple[Fragments, ...]


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    spans: dict[str, tuple[Fragments, ...]]  # role: every span of that role (T lines)
    attributions: tuple[Attribution, ...]


def _align(text: str, fragments: Fragments, surface: str) -> Fragments | None:
    """Fragments that select their own text: as given, moved, or None."""
    in_range = all(0 <= a <= b <= len(text) for a, b in fragments)
    if in_range and " ".join(text[a:b] for a, b in fragments) == surface:
        return fragments
    if len(fragments) != 1 or not surface:
        return None
    start = fragments[0][0]
    found = [
        i
        for i in (text.rfind(surface, 0, start + len(surface)), text.find(surface, start))
        if i >= 0
    ]
    if not found:
        return None
    best = min(found, key=lambda i: (abs(i - start), i))
    return ((best, best + len(surface)),)


def parse(text: str, ann: str) -> tuple[dict[str, tuple[Fragments, ...]], list[Attribution]]:
    """The Cue/Source/Content spans of one .ann file and its attributions."""
    spans: dict[str, Fragments] = {}
    labels: dict[str, str] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if match := _T_LINE.match(line):
            tid, label, offsets, surface = match.groups()
            fragments = tuple(
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            )
            placed = _align(text, fragments, surface)
            if placed is not None:
                spans[tid], labels[tid] = placed, label
        elif match := _E_LINE.match(line):
            parts = [p.split(":", 1) for p in match.group(1).split()]
            events.append([(role.rstrip("0123456789"), tid) for role, tid in parts])
    by_role: dict[str, list[Fragments]] = {role: [] for role in ROLES}
    for tid, label in labels.items():
        if label in by_role and spans[tid] not in by_role[label]:
            by_role[label].append(spans[tid])
    attributions = []
    for event in events:
        roles: dict[str, list[Fragments]] = {}
        for role, tid in event:
            if tid in spans and role in ROLES:
                roles.setdefault(role, []).append(spans[tid])
        cue = roles.get("Cue", [None])[0]
        source = roles.get("Source", [None])[0]
        attributions.append(Attribution(cue, source, tuple(roles.get("Content", []))))
    return {r: tuple(sorted(v)) for r, v in by_role.items()}, attributions


def articles(data: Path, split: str) -> list[Article]:
    """The articles of `split` ("train" or "dev"), sorted by name, one annotator each."""
    if split not in ("train", "dev"):
        raise ValueError(f"unknown PolNeAR split {split!r}: train and dev only")
    root = data / POLNEAR / split
    annotators: dict[str, list[str]] = {}
    for path in (root / "attributions").glob("*.ann"):
        if match := _ANN_NAME.match(path.name):
            annotators.setdefault(match["name"], []).append(match["annotator"])
    out = []
    for name in sorted(annotators):
        text_path = root / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        first = min(annotators[name])
        ann = (root / "attributions" / f"{name}_{first}.ann").read_text(encoding="utf-8")
        spans, attributions = parse(text, ann)
        out.append(Article(name, text, spans, tuple(attributions)))
    return out
