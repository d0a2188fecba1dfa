"""Segmentation speed on about 1 MB of real news text.

    python bench/segment.py [--runs 5] [--megabytes 1.0]

Uses the FNC-1 article bodies in ../shared/data when they are there, else the two example
articles repeated. Prints the median of several runs, in seconds per MB: loading and
segmentation (paragraphs, sentences, quotes, boilerplate), then the same with every token
made too (tokens are built on first use), as one document and as one document per article.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer.load import load_string  # noqa: E402

FNC = ROOT.parent / "shared" / "data" / "fnc1" / "train_bodies.csv"
TARGET_SECONDS_PER_MB = 0.5


def articles(megabytes: float) -> tuple[str, list[str]]:
    budget = int(megabytes * 1_000_000)
    if FNC.exists():
        csv.field_size_limit(10_000_000)
        with FNC.open(encoding="utf-8", newline="") as handle:
            bodies = [row["articleBody"] for row in csv.DictReader(handle)]
        source = f"FNC-1 article bodies ({FNC.name})"
    else:
        bodies = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
        source = "examples/*.txt repeated (../shared/data not found)"
    out, size, i = [], 0, 0
    while size < budget:
        body = bodies[i % len(bodies)]
        out.append(body)
        size += len(body.encode("utf-8")) + 2
        i += 1
    return source, out


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()

    source, bodies = articles(args.megabytes)
    whole = "\n\n".join(bodies)
    mb = len(whole.encode("utf-8")) / 1_000_000
    load_string(bodies[0])  # warm up: nltk import, lexicons, compiled patterns

    doc = load_string(whole)
    timings = {
        "one document": median_time(lambda: load_string(whole), args.runs),
        "one document, with tokens": median_time(lambda: load_string(whole).tokens, args.runs),
        "one per article": median_time(lambda: [load_string(b) for b in bodies], args.runs),
        "one per article, with tokens": median_time(
            lambda: [load_string(b).tokens for b in bodies], args.runs
        ),
    }

    print(
        f"input: {source}: {len(bodies)} articles, {mb:.2f} MB, "
        f"{len(doc.sentences):,} sentences, {len(doc.tokens):,} tokens, {len(doc.quotes):,} quotes"
    )
    print(f"{'mode':<32}{'median s':>10}{'s per MB':>10}")
    for mode, seconds in timings.items():
        print(f"{mode:<32}{seconds:>10.3f}{seconds / mb:>10.3f}")
    worst = max(timings.values()) / mb

    # The whole audit (all detectors) at a quarter and at the whole: growth must stay linear.
    import scorer

    quarter = "\n\n".join(bodies[: len(bodies) // 4])
    q_mb = len(quarter.encode("utf-8")) / 1_000_000
    audit_quarter = median_time(lambda: scorer.audit(quarter), max(1, args.runs // 2))
    audit_whole = median_time(lambda: scorer.audit(whole), max(1, args.runs // 2))
    growth = (audit_whole / audit_quarter) / (mb / q_mb)
    print(f"{'audit, a quarter':<32}{audit_quarter:>10.3f}{audit_quarter / q_mb:>10.3f}")
    print(f"{'audit, whole':<32}{audit_whole:>10.3f}{audit_whole / mb:>10.3f}")
    print(
        f"audit growth: {mb / q_mb:.1f}x the text took {audit_whole / audit_quarter:.1f}x the time"
        f" ({growth:.2f} of linear)"
    )
    verdict = "ok" if worst <= TARGET_SECONDS_PER_MB else "SLOWER THAN TARGET"
    print(f"target: {TARGET_SECONDS_PER_MB} s per MB: {verdict} ({args.runs} runs each)")
    return 0 if worst <= TARGET_SECONDS_PER_MB else 1


if __name__ == "__main__":
    sys.exit(main())
