"""`scorer compare A B`: how a rewrite changed the sourcing of a story, and a gate on it."""

from __future__ import annotations

import sys

import click

from scorer.cli import cli, common
from scorer.drift.changes import GATE_KINDS
from scorer.errors import ScorerError

FORMATS = ("rich", "plain", "json", "markdown", "html", "svg")


def _kinds(_ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """`--fail-on-change lost,laundered` (given once or more: every one counts) as a tuple; a
    usage error naming an unknown kind."""
    if not values:
        return ()
    names = tuple(
        name.strip().lower() for value in values for name in value.split(",") if name.strip()
    )
    unknown = [name for name in names if name not in GATE_KINDS]
    if unknown or not names:
        problem = f"unknown change kind {unknown[0]!r}" if unknown else "no change kind given"
        raise click.BadParameter(f"{problem}; expected some of {', '.join(GATE_KINDS)}",
                                 param=param)  # fmt: skip
    return names


@cli.command()
@click.argument("original", metavar="A")
@click.argument("rewrite", metavar="B")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(FORMATS),
    default="rich",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="FILE",
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--width",
    type=click.IntRange(60, 1000),
    default=None,
    metavar="N",
    help="Columns (default: the terminal's, else 100); under 110 the two texts "
    "take turns instead of sitting side by side.",
)
@click.option(
    "--fail-on-change",
    callback=_kinds,
    multiple=True,
    metavar="KINDS",
    help="Exit 1 if the rewrite makes a change of any of these comma-separated kinds "
    f"({', '.join(GATE_KINDS)}); may be given more than once. An unrelated B fails only "
    "on unrelated.",
)
@common.CONFIG
@click.option(
    "--input-format",
    type=click.Choice(["text", "markdown", "html"]),
    default=None,
    help="Read both sources as this format instead of going by their names.",
)
def compare(
    original: str,
    rewrite: str,
    output_format: str,
    output: str | None,
    width: int | None,
    fail_on_change: tuple[str, ...],
    config_file: str | None,
    input_format: str | None,
) -> None:
    """Compare the sourcing of A, an original story, with B, a rewrite of it.

    Each claim of B is aligned with the claim of A it restates, and each change is named:
    kept, lost, laundered, firmed-up, softened, dropped, added or headline (docs/compare.md).
    A and B are paths, http(s) URLs or - (standard input, for one of them).

    Exit codes: 0 ok, 1 the rewrite made a change --fail-on-change names, 2 a usage error or
    a source that could not be read.
    """  # fmt: skip
    from scorer.config import coerce, for_source
    from scorer.drift import compare_audits
    from scorer.load import load
    from scorer.render.comparison import render
    from scorer.runs.outputs import deliver, refuse_clashes
    from scorer.scoring.audit import audit_document

    if original == "-" and rewrite == "-":
        common.fail("A and B cannot both be standard input (-)")
    try:
        if output not in (None, "-"):
            refuse_clashes([("--output", output)], [("A", original), ("B", rewrite)])
        audits = []
        for source in (original, rewrite):
            config = coerce(config_file) if config_file else for_source(source)
            audits.append(audit_document(load(source, format=input_format), config))
        comparison = compare_audits(*audits)
        to_file = output not in (None, "-")
        fmt = "plain" if to_file and output_format == "rich" else output_format
        deliver(render(comparison, fmt, width=width, terminal=not to_file), output)
    except ScorerError as error:
        common.fail(error)
    failed = [kind for kind in fail_on_change if comparison.has(kind)]
    if failed:
        click.echo(f"scorer: compare failed: the rewrite made changes of kind {', '.join(failed)}",
                   err=True)  # fmt: skip
        sys.exit(common.EXIT_FAILED)
    sys.exit(common.EXIT_OK)
