"""`python -m scorer.train sentences [--data DIR] [--out DIR]`: the sentence models.

Other model families add their own subcommand here (`make models` calls each).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scorer.train")
    commands = parser.add_subparsers(dest="command", required=True)
    sentences = commands.add_parser(
        "sentences", help="uncertainty and claims models -> scorer/models/*.json and cards"
    )
    from scorer.train import data

    sentences.add_argument("--data", type=Path, default=data.DEFAULT_DATA)
    sentences.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.command == "sentences":
        from scorer.train import sentences as run

        if not data.available(args.data):
            print(f"no training data in {args.data}", file=sys.stderr)
            return 2
        run.main(args.data, args.out or run.MODELS_DIR, lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
