"""The command line. Exit codes: 0 ok, 1 the check failed, 2 usage or input error.

Errors in the input are values here: each bad file is one line on stderr and the others
still run; the exit code says that something could not be read.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from scorer import __version__
from scorer.errors import ScorerError

if TYPE_CHECKING:
    from scorer.boilerplate import Pattern

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
@click.option(
    "--boilerplate",
    "boilerplate_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="A file of extra boilerplate patterns (the shape of rules/boilerplate.toml); repeatable.",
)
def audit(
    sources: tuple[str, ...], input_format: str | None, boilerplate_files: tuple[str, ...]
) -> None:
    """Audit articles and print what was found in them."""
    from scorer.load import load
    from scorer.render import structure

    try:
        patterns = _boilerplate_patterns(boilerplate_files)
    except ScorerError as error:
        click.echo(f"scorer: error: {error}", err=True)
        sys.exit(EXIT_INPUT)
    status = EXIT_OK
    for n, source in enumerate(sources):
        try:
            doc = load(source, format=input_format, boilerplate=patterns)
        except ScorerError as error:
            click.echo(f"scorer: error: {error}", err=True)
            status = EXIT_INPUT
            continue
        if n:
            click.echo()
        click.echo(structure.render(doc), nl=False)
    sys.exit(status)


def _boilerplate_patterns(files: tuple[str, ...]) -> tuple[Pattern, ...] | None:
    """The shipped patterns plus those of each file named, or None for the shipped ones."""
    if not files:
        return None
    from pathlib import Path

    from scorer import boilerplate

    extra = tuple(p for f in files for p in boilerplate.load_patterns(Path(f)))
    return boilerplate.default_patterns() + extra


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("scorer: interrupted", err=True)
        sys.exit(130)
