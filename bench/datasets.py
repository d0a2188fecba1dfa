"""Readers for the labelled development data in ../shared/data, one function per dataset.

They return plain structures (named tuples of str, int and tuples) so the benchmark and its
tests need nothing from the scorer package. Formats are documented in each dataset folder's
README_LOADER.md; the data is read in place and never copied into the project.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import NamedTuple

CONLL_PATH = Path("conll2010_wikipedia", "liew_cleaned_official_split", "train.csv")
CLAIMBUSTER_PATH = Path("claimbuster", "two_class", "train.json")
POLNEAR_PATH = Path("polnear", "data")

Fragments = tuple[tuple[int, int], ...]


class Sentence(NamedTuple):
    """One labelled sentence; `original` keeps the text as the file has it."""

    id: str
    text: str
    label: int
    original: str


class BratSpan(NamedTuple):
    """A brat text-bound annotation (`T` line); discontinuous spans keep every fragment."""

    id: str
    label: str
    fragments: Fragments
    text: str


class Article(NamedTuple):
    """A PolNeAR article as annotated by one annotator.

    `repaired` counts spans whose offsets did not match their text and were moved to the
    nearest occurrence of it; `dropped` counts those that could not be placed.
    """

    name: str
    annotator: str
    annotators: tuple[str, ...]
    text: str
    spans: tuple[BratSpan, ...]
    repaired: int
    dropped: int


# -- CoNLL-2010 Wikipedia ---------------------------------------------------------------

_PTB_BRACKETS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
_PTB_STEPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
    (re.compile(r"`\s*"), "'"),
    (re.compile(r"([(\[{])\s+"), r"\1"),
    (re.compile(r"\s+([)\]},;:!?%])"), r"\1"),
    (re.compile(r"\s+(\.+)(?=\s|$)"), r"\1"),
    (re.compile(r"(?i)\s+(n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
)


def detokenize_ptb(text: str) -> str:
    """Undo the Penn Treebank tokenisation enough that detectors see ordinary prose.

    Bracket tokens become brackets, ``/'' become straight double quotes and ` a single
    quote; the space PTB puts inside brackets and quotes, before punctuation and before
    clitics (n't, 's, 're...) goes. `--` and `...` stay as they are.
    """
    out = text.strip()
    for token, char in _PTB_BRACKETS.items():
        out = out.replace(token, char)
    for pattern, replacement in _PTB_STEPS:
        out = pattern.sub(replacement, out)
    return re.sub(r"\s+", " ", out).strip()


def conll2010_wikipedia(data: Path) -> list[Sentence]:
    """CoNLL-2010 Task 1 Wikipedia training sentences, label 1 = uncertain, file order."""
    with (data / CONLL_PATH).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Sentence(str(i), detokenize_ptb(row["text"]), int(row["label"]), row["text"].strip())
        for i, row in enumerate(rows)
    ]


# -- ClaimBuster --------------------------------------------------------------------------


def claimbuster(data: Path) -> list[Sentence]:
    """ClaimBuster two-class training sentences, label 1 = check-worthy, file order.

    The file may be UTF-16 (with a byte-order mark) or UTF-8, as its README warns.
    """
    raw = (data / CLAIMBUSTER_PATH).read_bytes()
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    records = json.loads(raw.decode(encoding))
    return [
        Sentence(str(r["sentence_id"]), r["text"].strip(), int(r["label"]), r["text"])
        for r in records
    ]


# -- PolNeAR ------------------------------------------------------------------------------

_T_LINE = re.compile(r"^T\d+\t\S+ \d+ \d+")
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


def parse_ann(content: str) -> list[BratSpan]:
    """The text-bound (`T`) lines of a brat .ann file, in file order.

    Events (`E`), relations (`R`), attributes (`A`/`M`), normalisations (`N`) and notes
    (`#`) carry no spans and are skipped, as are the continuation lines of a span whose
    text runs over a line break (some PolNeAR train files have them).
    """
    spans = []
    for line in content.splitlines():
        if not _T_LINE.match(line):
            continue
        fields = line.split("\t")
        label, _, offsets = fields[1].partition(" ")
        fragments = tuple(
            (int(start), int(end)) for start, end in (part.split() for part in offsets.split(";"))
        )
        spans.append(BratSpan(fields[0], label, fragments, fields[2] if len(fields) > 2 else ""))
    return spans


def surface(text: str, fragments: Fragments) -> str:
    """What brat shows for a span: its fragments' text joined by single spaces."""
    return " ".join(text[start:end] for start, end in fragments)


def align(text: str, span: BratSpan) -> BratSpan | None:
    """The span with offsets that select its own text: as given, moved, or None.

    A single-fragment span whose offsets do not select its text is moved to the nearest
    occurrence of that text; a discontinuous one cannot be placed reliably and is None.
    """
    in_range = all(0 <= start <= end <= len(text) for start, end in span.fragments)
    if in_range and surface(text, span.fragments) == span.text:
        return span
    if len(span.fragments) != 1 or not span.text:
        return None
    start = span.fragments[0][0]
    before = text.rfind(span.text, 0, start + len(span.text))
    after = text.find(span.text, start)
    found = [i for i in (before, after) if i >= 0]
    if not found:
        return None
    best = min(found, key=lambda i: (abs(i - start), i))
    return span._replace(fragments=((best, best + len(span.text)),))


def polnear(data: Path, split: str = "dev") -> list[Article]:
    """PolNeAR articles of one split, sorted by file name, one annotation each.

    Articles annotated by several people (the agreement study) keep the annotation of the
    alphabetically first annotator id, so runs are comparable. Texts are read as UTF-8
    `str`; brat offsets are character offsets into that string.
    """
    root = data / POLNEAR_PATH / split
    by_article: dict[str, list[str]] = {}
    for path in (root / "attributions").glob("*.ann"):
        match = _ANN_NAME.match(path.name)
        if match:
            by_article.setdefault(match["name"], []).append(match["annotator"])
    articles = []
    for name in sorted(by_article):
        text_path = root / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        annotators = tuple(sorted(by_article[name]))
        annotator = annotators[0]
        text = text_path.read_text(encoding="utf-8")
        content = (root / "attributions" / f"{name}_{annotator}.ann").read_text(encoding="utf-8")
        kept, repaired, dropped = [], 0, 0
        for span in parse_ann(content):
            placed = align(text, span)
            if placed is None:
                dropped += 1
                continue
            repaired += placed is not span
            kept.append(placed)
        articles.append(Article(name, annotator, annotators, text, tuple(kept), repaired, dropped))
    return articles
