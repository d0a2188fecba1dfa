"""What the rules engine costs per article, apart from loading and the detectors.

    python bench/engine.py [--articles N] [--data DIR]

Audits real articles (the two seeds, and the FNC-1 bodies in ../shared/data when they are
there), then times, per article, only the rules stage: building the facts, running the
shipped rules on each engine, and folding the findings into the score. Prints the median
and 95th percentile in milliseconds for durable-rules and the Python evaluator.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

import scorer
from scorer.engine import durable, evaluate
from scorer.scoring import facts
from scorer.scoring.audit import rule_set
from scorer.scoring.points import fold

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def texts(data: Path, limit: int) -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    bodies = data / "fnc1" / "train_bodies.csv"
    if bodies.is_file():
        csv.field_size_limit(10**8)
        with bodies.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if len(out) >= limit:
                    break
                if row["articleBody"].strip():
                    out.append(row["articleBody"])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    audits = [scorer.audit(text) for text in texts(args.data, args.articles)]
    ruleset = rule_set()
    engines = ["python"] + (["durable-rules"] if durable.available() else [])
    print(f"{len(audits)} articles, {len(ruleset.rules)} rules in {len(ruleset.layers)} layers")
    words = statistics.median(a.document.word_count for a in audits)
    signals = statistics.median(len(a.signals) for a in audits)
    print(f"median article: {words:.0f} words, {signals:.0f} signals\n")
    print(f"{'engine':15} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for engine in engines:
        times = []
        for audit in audits:
            started = time.perf_counter()
            built = facts.build(audit.document, audit.signals)
            fold(audit.document, audit.signals, built, ruleset, evaluate(ruleset, built, engine))
            times.append(1000 * (time.perf_counter() - started))
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{engine:15} {statistics.median(times):10.2f} {p95:8.2f} {times[-1]:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
