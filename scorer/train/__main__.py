"""`python -m scorer.train attribution [--data DIR] [--out DIR] [--no-card] [--reuse]`.

One subcommand per model family (`make models` calls each).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MODELS = Path(__file__).resolve().parents[1] / "models"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scorer.train")
    commands = parser.add_subparsers(dest="command", required=True)
    from scorer.train import polnear

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
