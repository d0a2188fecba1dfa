"""What the commands share: exit codes, one-line errors, and the options they have in common."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from scorer.engine.choices import ENGINES
from scorer.load.genre_hints import GENRES

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2
Command = Callable[..., None]


def fail(message: object) -> NoReturn:
    """One `scorer: error:` line on stderr, exit 2: the input or the usage was wrong."""
    say_error(message)
    sys.exit(EXIT_INPUT)


def say_error(message: object) -> None:
    """`scorer: error: MESSAGE` on stderr, as one line whatever a file name holds."""
    from scorer.render.escape import shown

    click.echo(f"scorer: error: {shown(str(message))}", err=True)


class Score(click.FloatRange):
    """0 to 100; click's range lets `nan` through, and no score is ever under nan."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number != number:
            self.fail(f"{value!r} is not a number", param, ctx)
        return number


def options(*decorators: Callable[[Command], Command]) -> Callable[[Command], Command]:
    """The decorators applied as if written one above another, the first on top."""

    def decorate(command: Command) -> Command:
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return decorate


CONFIG = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Use this config file (.scorer.toml, or pyproject.toml with [tool.scorer]) instead of "
    "the nearest one.",
)
ENGINE = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=None,
    help="Run this rules engine, whatever the config says.",
)
GENRE = click.option(
    "--genre",
    type=click.Choice(GENRES),
    default=None,
    help="Judge every file as this genre, whatever the file or the config says.",
)
LOADING = options(
    click.option(
        "--input-format",
        type=click.Choice(["text", "markdown", "html"]),
        default=None,
        help="Read every source as this format instead of going by its name.",
    ),
    click.option(
        "--boilerplate",
        "boilerplate_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="A file of extra boilerplate patterns (the shape of rules/boilerplate.toml); "
        "repeatable.",
    ),
)


def genre_list(value: str | None) -> tuple[str, ...] | None:
    """`--genres news,opinion` as a tuple; a usage error (exit 2) naming an unknown genre."""
    if value is None:
        return None
    names = tuple(name.strip().replace("-", "_") for name in value.split(",") if name.strip())
    unknown = [name for name in names if name not in GENRES]
    if unknown or not names:
        problem = f"unknown genre {unknown[0]!r}" if unknown else "no genre given"
        raise click.BadParameter(
            f"{problem}; expected some of {', '.join(GENRES)}", param_hint="'--genres'"
        )
    return names
