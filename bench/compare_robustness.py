"""`scorer compare` on real article bodies nobody wrote for it: no crash, and a text compared
with itself keeps every claim.

    python bench/compare_robustness.py [--data ../shared/data] [--pairs 120] [--seed 7]

Reads FNC-1's training bodies (../shared/data/fnc1/train_bodies.csv; never its test split),
takes a seeded sample, and compares each body with the next one (unrelated stories: the
pair should be said to be unrelated or share little) and with itself (everything `kept`).
Prints the failures and the counts.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import scorer  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--pairs", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    csv.field_size_limit(sys.maxsize)
    with (args.data / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    sample = random.Random(args.seed).sample(bodies, 2 * args.pairs)
    crashes = not_kept = unrelated = 0
    started = time.perf_counter()
    for n in range(args.pairs):
        a = sample[2 * n]
        b = sample[2 * n + 1]
        try:
            unrelated += scorer.compare(a, b).unrelated
            same = scorer.compare(a, a)
        except Exception as error:  # the point is to count them
            crashes += 1
            print(f"pair {n}: {type(error).__name__}: {error}")
            continue
        changed = [row for row in same.changes if row.kinds != ("kept",)]
        if changed:
            not_kept += 1
            shown = [(row.kinds, (row.b or row.a[0]).text[:60]) for row in changed[:3]]
            print(f"pair {n}: A against itself: {shown}")
    seconds = time.perf_counter() - started
    print(
        f"{args.pairs} bodies against another and against themselves ({2 * args.pairs} compares, "
        f"{seconds:.1f} s): {crashes} crashed, {not_kept} not all kept against themselves, "
        f"{unrelated} other-body pairs said to be unrelated"
    )


if __name__ == "__main__":
    main()
