"""Accuracy and speed of `scorer compare` against labels written before its code.

    python bench/compare.py [--sweep] [--errors]

Alignment: the hand alignment of the two seed articles (bench/labels/compare/
seed_alignment.tsv, with seed_claims.tsv) and the expected.tsv of each test pair in
tests/fixtures/compare/. A labelled claim is the claim of compare it overlaps most (by
characters of the text), so the labelled pairs become pairs of compare's claims (compare
splits at sentences and clauses, the labeller finer: two labelled claims in one sentence are
one claim here). Precision = compare's links between claims that hold labelled claims that
are labelled pairs; recall = labelled pairs that compare links.

Outlets: one event told by two outlets, written and labelled blind by helpers who had not
seen the code: `dev` (bench/labels/compare/outlets_dev/, measured once as held out, then tuned
on) and `held out` (outlets_heldout/, committed before compare first ran on it and never
tuned on), each reported as its own group.

Kinds: every labelled row (a restated, added or dropped claim) against the kinds compare
gives the same claims: exact (the same set of kinds) and per kind (recall of each kind).

Speed: the seed original and the test-pair original joined into ~1,000 words, against the
rewrite seed and a test rewrite joined the same way: median wall seconds of compare end to
end (both audits included) and of the alignment and change kinds alone, after a warm-up.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import scorer  # noqa: E402
from scorer.drift import compare_audits  # noqa: E402
from scorer.drift.claims import Claim  # noqa: E402

LABELS = ROOT / "bench" / "labels" / "compare"
PAIRS = ROOT / "tests" / "fixtures" / "compare"
OUTLETS = {"dev": LABELS / "outlets_dev", "held out": LABELS / "outlets_heldout"}
Row = tuple[str | None, str | None, frozenset[str]]  # A claim text, B claim text, kinds


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def seed_case() -> tuple[str, str, list[Row]]:
    claims = {row["id"]: row["claim_text"] for row in _tsv(LABELS / "seed_claims.tsv")}
    rows: list[Row] = []
    for row in _tsv(LABELS / "seed_alignment.tsv"):
        kinds = frozenset(row["kinds"].split("+"))
        b = claims[row["b_id"]] if row["b_id"] != "-" else None
        a_ids = [x for x in row["a_ids"].split(",") if x != "-"]
        for a_id in a_ids or [None]:
            rows.append((claims[a_id] if a_id else None, b, kinds))
    a = (ROOT / "examples" / "independent-habib-defection.txt").read_text(encoding="utf-8")
    b = (ROOT / "examples" / "habib-defection-rewrite.txt").read_text(encoding="utf-8")
    return a, b, rows


def _expected(path: Path) -> list[Row]:
    """A pair's labelled rows: each claim of A and of B verbatim (`-` for none), its kinds."""
    return [
        (
            None if row["a_claim_text"] == "-" else row["a_claim_text"],
            None if row["b_claim_text"] == "-" else row["b_claim_text"],
            frozenset(row["kinds"].split("+")),
        )
        for row in _tsv(path)
    ]


def _labelled(folder: Path) -> list[tuple[str, Path]]:
    return [
        (p.name.removesuffix(".expected.tsv"), p) for p in sorted(folder.glob("*.expected.tsv"))
    ]


def pair_cases() -> list[tuple[str, str, str, list[Row]]]:
    """The labeller's rewrites of one original, and an unrelated story."""
    original = (PAIRS / "original.txt").read_text(encoding="utf-8")
    return [
        (name, original, (PAIRS / f"{name}.txt").read_text(encoding="utf-8"), _expected(path))
        for name, path in _labelled(PAIRS)
    ]


def outlet_cases(group: str) -> list[tuple[str, str, str, list[Row]]]:
    """One event told by two outlets, labelled blind: `dev` (outlets_dev/, measured once as
    held out, then tuned on) or `held out` (outlets_heldout/, never tuned on)."""
    folder = OUTLETS[group]
    return [
        (
            f"{group}: {name}",
            (folder / f"{name}_a.txt").read_text(encoding="utf-8"),
            (folder / f"{name}_b.txt").read_text(encoding="utf-8"),
            _expected(path),
        )
        for name, path in _labelled(folder)
    ]


def _group(name: str) -> str:
    return name.split(":")[0] if ":" in name else "seeds" if name == "seeds" else "pairs"


def _mine(text: str, claims: tuple[Claim, ...], labelled: str) -> Claim | None:
    """The claim of compare that overlaps the labelled claim's text most."""
    start = text.find(labelled)
    if start < 0:
        return None
    end = start + len(labelled)
    best = max(claims, key=lambda c: min(end, c.end) - max(start, c.start), default=None)
    if best is None or min(end, best.end) - max(start, best.start) <= 0:
        return None
    return best


def score_case(a_text: str, b_text: str, rows: list[Row], threshold: float | None = None):  # type: ignore[no-untyped-def]
    audit_a, audit_b = scorer.audit(a_text), scorer.audit(b_text)
    result = compare_audits(audit_a, audit_b, *(() if threshold is None else (threshold,)))
    text_a, text_b = audit_a.document.text, audit_b.document.text
    links: dict[str, set[str]] = defaultdict(set)  # my B id -> my A ids
    kinds_of: dict[tuple[str | None, str | None], set[str]] = defaultdict(set)
    for change in result.changes:
        for claim in change.a or (None,):
            key = (claim.id if claim else None, change.b.id if change.b else None)
            kinds_of[key] |= set(change.kinds)
            if claim and change.b:
                links[change.b.id].add(claim.id)
    mine_a = {t: _mine(text_a, result.a.claims, t) for t, _, _ in rows if t}
    mine_b = {t: _mine(text_b, result.b.claims, t) for _, t, _ in rows if t}
    # Both sides at compare's granularity: a labelled pair is the pair of claims of compare
    # its two texts fall in; a link counts when both its claims hold some labelled claim.
    gold = {(mine_a[a].id, mine_b[b].id) for a, b, _ in rows if a and b and mine_a[a] and mine_b[b]}  # type: ignore[union-attr]
    labelled_a = {c.id for c in mine_a.values() if c}
    labelled_b = {c.id for c in mine_b.values() if c}
    predicted = {
        (a, b) for b, ids in links.items() for a in ids if a in labelled_a and b in labelled_b
    }
    outcomes = []
    for a, b, kinds in rows:
        ma = mine_a.get(a) if a else None
        mb = mine_b.get(b) if b else None
        key = (ma.id if ma else None, mb.id if mb else None)
        if a and b:
            got = kinds_of.get(key, {"(not linked)"})
        elif b:
            got = kinds_of.get((None, key[1]), {"(linked)"})
        else:
            linked = ma is not None and any(ma.id in ids for ids in links.values())
            got = {"(linked)"} if linked else {"dropped"}
        outcomes.append((a, b, kinds, frozenset(got)))
    return gold, predicted, outcomes, result


def _prf(gold: set, predicted: set) -> tuple[float, float, float]:  # type: ignore[type-arg]
    hit = len(gold & predicted)
    p = hit / len(predicted) if predicted else 1.0
    r = hit / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sweep", action="store_true", help="P/R/F1 at other thresholds")
    parser.add_argument("--errors", action="store_true", help="print the rows compare got wrong")
    args = parser.parse_args()
    a, b, seed_rows = seed_case()
    cases = [("seeds", a, b, seed_rows), *pair_cases(), *outlet_cases("dev")]
    cases += outlet_cases("held out")
    order = ["seeds", "pairs", "dev", "held out"]
    groups = sorted({_group(name) for name, *_ in cases}, key=order.index)
    if args.sweep:
        for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
            for group in groups:
                gold_all, pred_all = set(), set()
                for name, ta, tb, rows in cases:
                    if _group(name) == group:
                        g, p, _, _ = score_case(ta, tb, rows, threshold)
                        gold_all |= {(name, *x) for x in g}
                        pred_all |= {(name, *x) for x in p}
                print(
                    f"threshold {threshold:.2f} {group:8}: P %.3f R %.3f F1 %.3f"
                    % _prf(gold_all, pred_all)
                )
        return
    print(f"{'case':22} {'P':>6} {'R':>6} {'F1':>6} {'kinds exact':>12}")
    gold_of, pred_of = defaultdict(set), defaultdict(set)
    tally, by_kind = Counter(), defaultdict(Counter)
    for name, ta, tb, rows in cases:
        gold, predicted, outcomes, _ = score_case(ta, tb, rows)
        exact = sum(1 for *_, kinds, got in outcomes if kinds == got)
        print(f"{name:22} %6.3f %6.3f %6.3f {exact:>5}/{len(outcomes):<6}" % _prf(gold, predicted))
        group = _group(name)
        gold_of[group] |= {(name, *x) for x in gold}
        pred_of[group] |= {(name, *x) for x in predicted}
        tally[group, "exact"] += exact
        tally[group, "rows"] += len(outcomes)
        for a_text, b_text, kinds, got in outcomes:
            for kind in kinds:
                by_kind[group, kind]["rows"] += 1
                by_kind[group, kind]["found"] += kind in got
            if args.errors and kinds != got:
                print(
                    f"    {'+'.join(sorted(kinds)):>20} got {'+'.join(sorted(got)):20} "
                    f"A={(a_text or '-')[:50]!r} B={(b_text or '-')[:50]!r}"
                )
    for group in groups[1:]:
        print(f"{group + ' (all)':22} %6.3f %6.3f %6.3f" % _prf(gold_of[group], pred_of[group]))
    for group in groups:
        print(
            f"kinds exact, {group}: {tally[group, 'exact']}/{tally[group, 'rows']} = "
            f"{tally[group, 'exact'] / tally[group, 'rows']:.3f}"
        )
    print("recall by kind (a row's kind among the kinds given):")
    for (group, kind), count in sorted(
        by_kind.items(), key=lambda item: (groups.index(item[0][0]), item[0][1])
    ):
        print(f"  {group:8} {kind:10} {count['found']:>3}/{count['rows']:<3}")
    _speed()


def _speed() -> None:
    big_a = "\n\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "examples" / "independent-habib-defection.txt", PAIRS / "original.txt")
    )
    big_b = "\n\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "examples" / "habib-defection-rewrite.txt", PAIRS / "rewrite_faithful.txt")
    )
    big_a += "\n\n" + (PAIRS / "unrelated.txt").read_text(encoding="utf-8")
    big_b += "\n\n" + (PAIRS / "rewrite_laundered.txt").read_text(encoding="utf-8")
    scorer.compare(big_a, big_b)  # warm-up: models and rules loaded once a process
    ends, cores = [], []
    audit_a, audit_b = scorer.audit(big_a), scorer.audit(big_b)
    for _ in range(5):
        start = time.perf_counter()
        scorer.compare(big_a, big_b)
        ends.append(time.perf_counter() - start)
        start = time.perf_counter()
        compare_audits(audit_a, audit_b)
        cores.append(time.perf_counter() - start)
    words = (len(big_a.split()), len(big_b.split()))
    print(
        f"speed: {words[0]} and {words[1]} words: compare end to end "
        f"{statistics.median(ends):.3f} s, alignment and kinds alone "
        f"{statistics.median(cores):.4f} s "
        "(median of 5, after a warm-up)"
    )


if __name__ == "__main__":
    main()
