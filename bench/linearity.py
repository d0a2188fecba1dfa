"""CPU time of the linearity families at n and 4n: what the counted tests cannot see.

    python bench/linearity.py [--family NAME ...] [--format text|markdown|html]

tests/hardening/test_backtracking.py holds every adversarial family to a count of work (Python lines
and calls, regular-expression steps), which is the same on a busy machine as on a quiet
one. A single C call that does work in proportion to the text (a `str.find` over the whole
document once per sentence, say) counts once there; its time shows here. Each family is
audited at n and 4n; the least CPU time of three runs is kept, and a ratio above 10
(quadratic would be 16) is marked. Run it on a quiet machine: it measures, it does not gate.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hardening.test_backtracking import FACTOR, FAMILIES, HTML_FAMILIES, _audit

BOUND = 10.0
REPEATS = 3


def cpu_time(work: Callable[[Any], object], arg: Any) -> float:
    """The least CPU time of `work(arg)` over REPEATS runs, the collector paused."""
    best = float("inf")
    for _ in range(REPEATS):
        gc.disable()
        try:
            start = time.process_time()
            work(arg)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--family", action="append", help="only these families")
    parser.add_argument("--format", default="text", choices=["text", "markdown", "html"])
    args = parser.parse_args()
    if args.format == "html":
        families = {
            name: (lambda k, m=make: f"<html><body><article>{m(k)}</article></body></html>", n)
            for name, (make, n) in HTML_FAMILIES.items()
        }
    else:
        families = FAMILIES
    work = _audit(args.format)
    marked = 0
    print(f"{'family':<32} {'n':>6} {'ms at n':>9} {'ms at 4n':>9} {'ratio':>6}")
    for name, (make, n) in families.items():
        if args.family and name not in args.family:
            continue
        small, big = make(n), make(FACTOR * n)
        work(small), work(big)  # warm: imports, lexicon patterns, caches
        t1, t4 = cpu_time(work, small), cpu_time(work, big)
        ratio = t4 / t1 if t1 else float("inf")
        flag = "  <- superlinear?" if ratio > BOUND else ""
        marked += bool(flag)
        print(f"{name:<32} {n:>6} {t1 * 1000:>9.1f} {t4 * 1000:>9.1f} {ratio:>6.1f}{flag}")
    print(f"{marked} famil{'y' if marked == 1 else 'ies'} above {BOUND:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
