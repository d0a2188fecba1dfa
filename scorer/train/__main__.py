"""`python -m scorer.train attribution|sentences [--data DIR] [--out DIR] ...`.

One subcommand per model family (`make models` calls each).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MODELS = Path(__file__).resolve().parents[1] / "models"


def main(argv: list[str] | None = None) -> int:
    from scorer.train import data, polnear

    parser = argparse.ArgumentParser(prog="python -m scorer.train")
    commands = parser.add_subparsers(dest="command", required=True)
    attribution = commands.add_parser(
        "attribution",
        help="the attribution tagger -> scorer/models/attribution.{crfsuite,words,md}",
    )
    attribution.add_argument("--data", type=Path, default=polnear.DEFAULT_DATA)
    attribution.add_argument("--out", type=Path, default=MODELS, help="model and card go here")
    attribution.add_argument("--no-card", action="store_true", help="write the model only")
    attribution.add_argument(
        "--reuse", action="store_true", help="keep the model file in --out; redo the rest"
    )
    attribution.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="a crfsuite parameter"
    )
    sentences = commands.add_parser(
        "sentences", help="uncertainty and claims models -> scorer/models/*.json and cards"
    )
    sentences.add_argument("--data", type=Path, default=data.DEFAULT_DATA)
    sentences.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.command == "attribution":
        if not (args.data / polnear.POLNEAR).is_dir():
            print(f"train: {args.data / polnear.POLNEAR} not found", file=sys.stderr)
            return 2
        from scorer.train.attribution import build

        params: dict[str, object] = {}
        for item in args.set:
            key, _, value = item.partition("=")
            params[key] = float(value) if "." in value else int(value)
        build(args.data, args.out, params, card=not args.no_card, reuse=args.reuse)
    elif args.command == "sentences":
        from scorer.train import sentences as run

        if not data.available(args.data):
            print(f"no training data in {args.data}", file=sys.stderr)
            return 2
        run.main(args.data, args.out or run.MODELS_DIR, lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
