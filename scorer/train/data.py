"""The training data: CoNLL-2010 Wikipedia and ClaimBuster training sentences, read in place
from ../shared/data by the readers of `bench/datasets.py` (training runs from a checkout).

Only the training files are read. The splits are drawn here, in pure Python, from a hash of
each sentence's id and a seed: the same split on every machine and every library version.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
SEED = 20261207
HELD_BACK = 0.15
FOLDS = 5


@dataclass(frozen=True)
class Corpus:
    name: str
    path: Path
    ids: list[str]
    texts: list[str]
    labels: list[int]


def _datasets() -> ModuleType:
    """bench/datasets.py, the project's readers of these files (not part of the package)."""
    module = sys.modules.get("datasets_bench")
    if module is None:
        spec = importlib.util.spec_from_file_location(
            "datasets_bench", ROOT / "bench" / "datasets.py"
        )
        if spec is None or spec.loader is None:
            raise FileNotFoundError(ROOT / "bench" / "datasets.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["datasets_bench"] = module
        spec.loader.exec_module(module)
    return module


def available(data: Path = DEFAULT_DATA) -> bool:
    """Whether both training files are there (a fresh clone has no ../shared)."""
    ds = _datasets()
    return (data / ds.CONLL_PATH).exists() and (data / ds.CLAIMBUSTER_PATH).exists()


def conll(data: Path = DEFAULT_DATA) -> Corpus:
    """CoNLL-2010 Task 1 Wikipedia train, PTB tokenisation undone as bench/accuracy.py does."""
    ds = _datasets()
    rows = ds.conll2010_wikipedia(data)
    return Corpus(
        "conll2010_wikipedia",
        data / ds.CONLL_PATH,
        [r.id for r in rows],
        [r.text for r in rows],
        [r.label for r in rows],
    )


def claimbuster(data: Path = DEFAULT_DATA) -> Corpus:
    """ClaimBuster two-class train (label 1 = check-worthy factual claim)."""
    ds = _datasets()
    rows = ds.claimbuster(data)
    return Corpus(
        "claimbuster",
        data / ds.CLAIMBUSTER_PATH,
        [r.id for r in rows],
        [r.text for r in rows],
        [r.label for r in rows],
    )


def _rank(seed: int, name: str, ident: str) -> str:
    return hashlib.sha1(f"{seed}:{name}:{ident}".encode()).hexdigest()


def split(corpus: Corpus, seed: int = SEED) -> tuple[list[int], list[int], list[int]]:
    """(development rows, held-back rows, fold of each development row), stratified by label.

    Within each label the rows are ordered by a hash of (seed, corpus, id): the first 15%
    are held back, and the rest are dealt round the five folds in that order.
    """
    dev: list[int] = []
    held: list[int] = []
    fold_of: dict[int, int] = {}
    for label in sorted(set(corpus.labels)):
        rows = [i for i, y in enumerate(corpus.labels) if y == label]
        rows.sort(key=lambda i: _rank(seed, corpus.name, corpus.ids[i]))
        cut = round(len(rows) * HELD_BACK)
        held.extend(rows[:cut])
        for k, i in enumerate(rows[cut:]):
            fold_of[i] = k % FOLDS
            dev.append(i)
    dev.sort()
    held.sort()
    return dev, held, [fold_of[i] for i in dev]
