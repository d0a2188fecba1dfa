"""Does the score mean anything? Real articles should score above fake ones.

    python bench/validity.py [--data DIR] [--engine python|durable-rules]

Reads Horne & Adali (2017), `horne2017_fakenewsdata1/Horne2017_FakeNewsData.zip` in
../shared/data: the "Random" set (75 real, 75 fake, 75 satire; labels by the outlet's
reliability) and the "Buzzfeed" set (53 real, 48 fake), a second sample kept apart as a
check on the first. Each body is audited with its title. Prints, per set, the ROC AUC of
the score for real against fake (the chance that a random real article outscores a random
fake one, ties counting half), the mean and median score of each class, and the label
counts. Skips cleanly when the data is not there.

Then the editorial ranking (`bench/labels/fnc1_sourcing_rank.tsv`: 48 FNC-1 train bodies
ranked blind by sourcing quality, never used for fitting): the Spearman and Kendall
correlation of the score with the editor's order (1.0 = the same order).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import scorer
from scorer.config import Config
from scorer.engine import default_engine

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ZIP = Path("horne2017_fakenewsdata1", "Horne2017_FakeNewsData.zip")
RANKING = Path(__file__).resolve().parent / "labels" / "fnc1_sourcing_rank.tsv"
FNC1_BODIES = Path("fnc1", "train_bodies.csv")
SETS = {"Random Poltical News Dataset": "random", "Buzzfeed Political News Dataset": "buzzfeed"}


def articles(path: Path) -> list[tuple[str, str, str, str]]:
    """(set, label, title, body) for every article with a body."""
    with zipfile.ZipFile(path) as archive:
        return _read(archive)


def _read(archive: zipfile.ZipFile) -> list[tuple[str, str, str, str]]:
    names = [
        n
        for n in archive.namelist()
        if not n.endswith("/") and "__MACOSX" not in n and n.count("/") >= 3
    ]
    titles = {}
    for name in names:
        parts = name.split("/")
        if parts[-2].endswith("_titles"):
            key = (parts[1], parts[-2].removesuffix("_titles"), parts[-1])
            titles[key] = archive.read(name).decode("utf-8", "replace").strip()
    out = []
    for name in sorted(names):
        parts = name.split("/")
        if parts[-2].endswith("_titles") or parts[1] not in SETS:
            continue
        label = parts[-2].lower()
        body = archive.read(name).decode("utf-8", "replace")
        title = titles.get((parts[1], parts[-2], parts[-1]), "")
        out.append((SETS[parts[1]], label, title, body))
    return out


def auc(positive: list[float], negative: list[float]) -> float:
    """P(a positive outscores a negative), ties counting half (Mann-Whitney U / n1 n2)."""
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def ranked_bodies(data: Path) -> list[tuple[int, int, str]]:
    """(body id, editor's rank, body) for the ranking set; empty without the data."""
    path = data / FNC1_BODIES
    if not path.is_file():
        return []
    with RANKING.open(encoding="utf-8") as handle:
        ranks = {int(r["body_id"]): int(r["rank"]) for r in csv.DictReader(handle, delimiter="\t")}
    csv.field_size_limit(10**9)
    with path.open(newline="", encoding="utf-8") as handle:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(handle)}
    return [(body, rank, bodies[body]) for body, rank in sorted(ranks.items(), key=lambda x: x[1])]


def _ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation of the ranks (ties get mean ranks)."""
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = statistics.mean(rx), statistics.mean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (sx * sy) if sx and sy else 0.0


def kendall(xs: list[float], ys: list[float]) -> float:
    """Kendall's tau-b: concordant minus discordant pairs, corrected for ties."""
    concordant = discordant = ties_x = ties_y = 0
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    n = concordant + discordant
    denominator = ((n + ties_x) * (n + ties_y)) ** 0.5
    return (concordant - discordant) / denominator if denominator else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--engine", choices=["python", "durable-rules"], default=None)
    args = parser.parse_args()
    path = args.data / ZIP
    if not path.is_file():
        print(f"skipped: {path} not found (the labelled data lives in ../shared/data)")
        return 0
    config = Config(engine=args.engine) if args.engine else None
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    refused = 0
    started = time.perf_counter()
    for name, label, title, body in articles(path):
        try:
            result = scorer.audit(body, title=title or None, config=config)
        except scorer.ScorerError:
            refused += 1
            continue
        scores[name][label].append(result.score)
        labels[(name, label)][result.label] += 1
    elapsed = time.perf_counter() - started
    engine = args.engine or default_engine()
    print(f"data: {path}\nengine: {engine}\n")
    print(f"{'set':10} {'class':8} {'n':>4} {'mean':>6} {'median':>7}  labels")
    for name in ("random", "buzzfeed"):
        for label in ("real", "fake", "satire"):
            values = scores[name].get(label)
            if not values:
                continue
            counts = ", ".join(f"{k} {v}" for k, v in labels[(name, label)].most_common())
            print(
                f"{name:10} {label:8} {len(values):4d} {statistics.mean(values):6.1f} "
                f"{statistics.median(values):7.1f}  {counts}"
            )
    print()
    for name in ("random", "buzzfeed"):
        real, fake = scores[name].get("real", []), scores[name].get("fake", [])
        if real and fake:
            print(f"ROC AUC real > fake, {name}: {auc(real, fake):.3f}")
    if refused:
        print(f"not audited (empty or refused): {refused}")
    ranked = ranked_bodies(args.data)
    if ranked:
        quality = [-float(rank) for _, rank, _ in ranked]  # rank 1 is the best sourced
        given = [scorer.audit(body, config=config).score for _, _, body in ranked]
        print(
            f"editorial ranking ({len(ranked)} FNC-1 train bodies): "
            f"Spearman {spearman(given, quality):.3f}, Kendall {kendall(given, quality):.3f}"
        )
    print(f"total wall time: {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
