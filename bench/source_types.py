"""Source typing measured on our blind-labelled set of 407 source phrases.

    python bench/source_types.py [--errors] [--end-to-end]

`bench/labels/source_phrases.jsonl` (see README_source_phrases.md) holds sentences of news
copy written and labelled by a helper who had not seen the typing code, each with the words
that name its source and their type (or `none`: no source). Two measures:

* typing: the typing step given the labelled words, the sentence and what comes before it
  (scorer.detectors.entities resolves references to earlier mentions);
* end to end (`--end-to-end`): the whole audit of the context and the sentence; a row is
  right when an attribution's source (for an agentless one, which has none, its cue)
  overlaps the labelled words with the labelled type, or, for `none`, when no
  attribution's source overlaps them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "bench" / "labels" / "source_phrases.jsonl"


def rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]


def typed(row: dict[str, object]) -> str:
    """The typing step's answer for a row: the type of the labelled words in place."""
    from scorer.detectors.entities import type_in_text

    context, sentence, source = str(row["context"]), str(row["sentence"]), str(row["source"])
    text = f"{context} {sentence}" if context else sentence
    start = text.index(sentence) + sentence.index(source)
    return type_in_text(text, start, start + len(source))


def end_to_end(row: dict[str, object]) -> str:
    import scorer
    from scorer.config import Config

    context, sentence, source = str(row["context"]), str(row["sentence"]), str(row["source"])
    text = f"{context}\n\n{sentence}" if context else sentence
    start = text.index(sentence) + sentence.index(source)
    end = start + len(source)
    audit = scorer.audit(text, title="", config=Config(engine="python"))
    for signal in audit.signals:
        found = signal.fields.get("source") if signal.kind == "attribution" else None
        if found and found["type"] == "agentless":
            found = {**signal.fields["cue"], "type": "agentless"}  # nobody: the cue says so
        if found and found["start"] < end and start < found["end"]:
            return str(found["type"])
    return "none"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong row")
    parser.add_argument("--end-to-end", action="store_true", help="through the whole audit")
    args = parser.parse_args()
    measure = end_to_end if args.end_to_end else typed
    right, confusion, wrong = 0, Counter(), []
    table = rows()
    for row in table:
        got = measure(row)
        confusion[(row["type"], got)] += 1
        if got == row["type"]:
            right += 1
        else:
            wrong.append((row, got))
    name = "end to end" if args.end_to_end else "typing"
    print(f"source {name}: {right}/{len(table)} = {right / len(table):.3f}")
    for label in sorted({str(r["type"]) for r in table}):
        total = sum(n for (gold, _), n in confusion.items() if gold == label)
        good = confusion[(label, label)]
        misses = ", ".join(
            f"{got} {n}" for (gold, got), n in confusion.items() if gold == label and got != label
        )
        print(f"  {label:<20} {good:>3}/{total:<3} {misses}")
    if args.errors:
        for row, got in wrong:
            print(f"{row['id']} {row['type']} -> {got}: {row['source']!r} | {row['sentence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
