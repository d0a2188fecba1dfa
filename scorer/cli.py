"""The command line. Exit codes: 0 ok, 1 the check failed, 2 usage or input error.

Errors in the input are values here: each bad file is one line on stderr and the others
still run; the exit code says that something could not be read.
"""

from __future__ import annotations

import sys

import click

from scorer import __version__
from scorer.errors import ScorerError

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="scorer")
def cli() -> None:
    """Score the sourcing of news copy: anonymous sources, hedges and unattributed claims."""


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="PATH|-|URL...")
@click.option(
    "--input-format",
    type=click.Choice(["text", "markdown", "html"]),
    default=None,
    help="Read every source as this format instead of going by its name.",
)
def audit(sources: tuple[str, ...], input_format: str | None) -> None:
    """Audit articles and print what was found in them."""
    from scorer.load import load
    from scorer.render import structure

    status = EXIT_OK
    for n, source in enumerate(sources):
        try:
            doc = load(source, format=input_format)
        except ScorerError as error:
            click.echo(f"scorer: error: {error}", err=True)
            status = EXIT_INPUT
            continue
        if n:
            click.echo()
        click.echo(structure.render(doc), nl=False)
    sys.exit(status)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("scorer: interrupted", err=True)
        sys.exit(130)
