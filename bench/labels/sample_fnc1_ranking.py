#!/usr/bin/env python3
"""Choose 48 FNC-1 train bodies for the blind sourcing-quality ranking.

Standard library only and deterministic:
  1. read /work/shared/data/fnc1/train_bodies.csv (train file only);
  2. drop bodies whose text duplicates an earlier Body ID (exact text match, file order);
  3. keep bodies of 150 to 1,200 words (whitespace-split, inclusive);
  4. sort kept bodies by Body ID (numeric) and draw 48 with
     random.Random(20261207).sample.
Prints the chosen Body IDs (in draw order, one per line) to stdout.

Usage: python3 bench/labels/sample_fnc1_ranking.py [path/to/train_bodies.csv]
"""

import csv
import random
import sys

DEFAULT_PATH = "/work/shared/data/fnc1/train_bodies.csv"
SEED = 20261207
N = 48
MIN_WORDS, MAX_WORDS = 150, 1200


def load(path):
    csv.field_size_limit(10**9)
    with open(path, newline="", encoding="utf-8") as f:
        return [(int(r["Body ID"]), r["articleBody"]) for r in csv.DictReader(f)]


def choose(path=DEFAULT_PATH):
    seen = set()
    kept = []
    for bid, text in load(path):
        if text in seen:
            continue
        seen.add(text)
        words = len(text.split())
        if MIN_WORDS <= words <= MAX_WORDS:
            kept.append((bid, words))
    kept.sort()
    return random.Random(SEED).sample(kept, N)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH
    for bid, _words in choose(path):
        print(bid)


if __name__ == "__main__":
    main()
