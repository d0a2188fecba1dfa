"""The command line. Exit codes: 0 ok, 1 the check failed, 2 usage or input error.

One module a group of commands: articles.py (audit, check, structure), batch.py,
compare.py, rules.py (rules, explain), lsp.py (the language server). Each parses its options,
hands the work to the stage below (scorer.runs, scorer.batch, scorer.drift), renders what
comes back and maps it to an exit code.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from scorer import __version__
from scorer.cli.common import EXIT_OK


class _Commands(click.Group):
    """Ctrl-C is exit 130 with one line, wherever it lands: click's own answer ("Aborted!",
    exit 1) would read as a failed check."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("scorer: interrupted", err=True)
            sys.exit(130)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`: the release, and which rules engine an audit would run."""
    if not value or ctx.resilient_parsing:
        return
    from scorer.engine import engine_description

    click.echo(f"scorer, version {__version__}")
    click.echo(f"rules engine: {engine_description()}")
    ctx.exit(EXIT_OK)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and the rules engine, and exit.",
)
def cli() -> None:
    """Score the sourcing of news copy: anonymous sources, hedges and unattributed claims."""


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("scorer: interrupted", err=True)
        sys.exit(130)


from scorer.cli import articles, batch, compare, lsp, rules  # noqa: E402  (each adds its commands)

__all__ = ["articles", "batch", "cli", "compare", "lsp", "main", "rules"]

if __name__ == "__main__":
    main()
