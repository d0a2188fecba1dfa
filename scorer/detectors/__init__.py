"""Detectors: each a module that finds one kind of signal, and the runner that runs them.

A detector module declares what it makes and what it reads:

    KIND = "claim"                       # the kind of signal it makes
    NEEDS = ("attribution", "hedge")     # the kinds of signal it reads, made by others
    def detect(reading: Reading, needed: Needed) -> list[Signal]: ...

`reading` is the document with the lexicons in force (scorer.detectors.reading); `needed`
holds the signals of each kind in NEEDS, and nothing else. The runner orders the detectors
so that each runs after those it needs, runs each once, and hands each its inputs: no
detector calls another. A new detector is one module here, named in `MODULES`.

Some kinds are the runner's and the facts' only (`accusation`): they help judge the
document but are not signals of the audit (`scorer.signals.KINDS` lists those that are).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from scorer.detectors.reading import Reading
from scorer.load.document import Document
from scorer.signals import Signal

Needed = Mapping[str, Sequence[Signal]]

# Every detector, by module name; the order here is only the tie-break of the running order.
MODULES = (
    "boilerplate",
    "hedges",
    "attribution",
    "replies",
    "anonymity",
    "accusations",
    "claims",
    "headline",
)


@dataclass(frozen=True)
class Detector:
    kind: str
    needs: tuple[str, ...]
    detect: Callable[[Reading, Needed], list[Signal]]
    name: str
    also: tuple[str, ...] = ()  # other kinds it makes along the way (`ALSO`)


@cache
def detectors() -> tuple[Detector, ...]:
    """The detectors of `MODULES` in a running order."""
    found = []
    for name in MODULES:
        module = importlib.import_module(f"scorer.detectors.{name}")
        also = tuple(getattr(module, "ALSO", ()))
        found.append(Detector(module.KIND, tuple(module.NEEDS), module.detect, name, also))
    return order(found)


def order(found: Sequence[Detector]) -> tuple[Detector, ...]:
    """The detectors, each after every detector whose kind it needs (else in the order
    given); an error when a kind is needed that none makes, or needs go round in a loop."""
    kinds = {kind for d in found for kind in (d.kind, *d.also)}
    waiting, ordered, made = list(found), [], set()
    while waiting:
        ready = [d for d in waiting if set(d.needs) <= made]
        if not ready:
            missing = sorted({k for d in waiting for k in d.needs} - made)
            unmade = [k for k in missing if k not in kinds]
            why = f"nothing makes {unmade}" if unmade else f"they need each other: {missing}"
            raise RuntimeError(f"detectors cannot be ordered: {why}")
        for detector in ready:
            ordered.append(detector)
            made.update((detector.kind, *detector.also))
            waiting.remove(detector)
    return tuple(ordered)


def detect(reading: Reading, kinds: Sequence[str] | None = None) -> dict[str, list[Signal]]:
    """Every detector's signals by kind, each detector run once; with `kinds`, only those
    kinds' detectors and the detectors they need."""
    wanted = None if kinds is None else _with_needs(kinds)
    by_kind: dict[str, list[Signal]] = {}
    for detector in detectors():
        if wanted is None or detector.kind in wanted:
            needed = {kind: by_kind[kind] for kind in detector.needs}
            made = {kind: [] for kind in (detector.kind, *detector.also)}
            for signal in detector.detect(reading, needed):
                made[signal.kind].append(signal)
            by_kind.update(made)
    return by_kind


def _with_needs(kinds: Sequence[str]) -> set[str]:
    needs = {kind: d.needs for d in detectors() for kind in (d.kind, *d.also)}
    wanted, todo = set(), list(kinds)
    while todo:
        kind = todo.pop()
        if kind not in wanted:
            wanted.add(kind)
            todo.extend(needs[kind])
    return wanted


def span(doc: Document, start: int, end: int, **extra: Any) -> dict[str, Any]:
    """A span as signals carry it: `{"start", "end", "text"}` plus any extra fields."""
    return {"start": start, "end": end, "text": doc.text[start:end], **extra}
