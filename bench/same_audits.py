"""Are two versions of scorer giving the same audits? Dump them, then compare byte for byte.

    python bench/same_audits.py dump OUT.jsonl [--data DIR]   # one JSON line per article
    python bench/same_audits.py compare BEFORE.jsonl AFTER.jsonl

`dump` audits the example articles and every FNC-1 train body in ../shared/data (real news
copy, no labels used; the competition test split is never read) and writes
`scorer.audit(...).to_dict()` of each, keyed by its id, one line each. Keep the dump
outside the repository: it holds the bodies' text. `compare` says how many lines are
identical and lists the first that differ, with the first differing key. A refactor must
leave every line as it was, except for listed bug fixes.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
BODIES = ("train_bodies.csv",)


def articles(data: Path) -> Iterator[tuple[str, str]]:
    """(id, text) of the examples, then of every FNC-1 body found."""
    for path in sorted((ROOT / "examples").glob("*.txt")):
        yield f"examples/{path.name}", path.read_text(encoding="utf-8")
    csv.field_size_limit(10**9)
    for name in BODIES:
        path = data / "fnc1" / name
        if not path.exists():
            print(f"no {path}: skipped", file=sys.stderr)
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield f"{name}:{row['Body ID']}", row["articleBody"]


def dump(out: Path, data: Path) -> int:
    sys.path.insert(0, str(ROOT))
    import scorer
    from scorer.errors import ScorerError

    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for key, text in articles(data):
            try:
                audited: object = scorer.audit(text).to_dict()
            except ScorerError as error:
                audited = {"error": str(error)}
            handle.write(json.dumps({"id": key, "audit": audited}, sort_keys=True) + "\n")
            count += 1
    print(f"{count} audits written to {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    if len(old) != len(new):
        print(f"{before} has {len(old)} audits, {after} {len(new)}")
    differ = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
    print(f"{min(len(old), len(new)) - len(differ)} identical, {len(differ)} differ")
    for a, b in differ[:10]:
        left, right = json.loads(a), json.loads(b)
        print(f"  {left['id']}: {_first_difference(left['audit'], right['audit'])}")
    return 0 if not differ and len(old) == len(new) else 1


def _first_difference(a: object, b: object, path: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return _first_difference(x, y, f"{path}[{i}]")
        return f"{path}: {len(a)} items, then {len(b)}"
    return f"{path}: {json.dumps(a)[:120]} -> {json.dumps(b)[:120]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--data", type=Path, default=DEFAULT_DATA)
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        return dump(args.out, args.data)
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
