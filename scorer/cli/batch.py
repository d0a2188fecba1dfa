"""`scorer batch`: a corpus file in, one row per record out (docs/batch.md)."""

from __future__ import annotations

import sys
from typing import Any

import click

from scorer.cli import cli
from scorer.cli.common import CONFIG, ENGINE, EXIT_INPUT, EXIT_OK, GENRE, fail, say_error
from scorer.errors import ScorerError

# scorer.batch.read's and .write's FORMATS (a test keeps them in step): not imported, so the
# command line loads nothing of batch until `scorer batch` runs.
FORMATS = ("jsonl", "csv", "tsv", "parquet")


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--out", "-o", "output_path", required=True, metavar="OUTPUT",
              help="Write one row per record here (.jsonl, .csv, .tsv or .parquet). If it "
              "exists, the records whose ids it holds are skipped and the rest are "
              "added.")  # fmt: skip
@click.option("--text-field", default="text", show_default=True, metavar="NAME",
              help="The article's field.")  # fmt: skip
@click.option("--id-field", default="id", show_default=True, metavar="NAME",
              help="The id's field ('': none; a record without one gets its 0-based "
              "position).")  # fmt: skip
@click.option("--title-field", default="title", show_default=True, metavar="NAME",
              help="The headline's field ('': none; the text's first line may be the "
              "headline).")  # fmt: skip
@click.option("--findings", is_flag=True, help="Add each record's findings as a column.")
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=None, metavar="N",
              help="Score in N processes (0: one per CPU; default 1). With --scheduler: keep "
              "2N chunks on the cluster (default: two per worker thread it has).")  # fmt: skip
@click.option("--input-format", type=click.Choice(FORMATS), help="Instead of INPUT's name.")
@click.option("--output-format", type=click.Choice(FORMATS), help="Instead of OUTPUT's name.")
@click.option("--overwrite", is_flag=True, help="Start OUTPUT over instead of continuing it.")
@CONFIG
@ENGINE
@GENRE
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Score on the Dask cluster at ADDRESS (tcp://host:8786); needs "
              "sourcing-scorer[dask].")  # fmt: skip
def batch(text_field: str, id_field: str, title_field: str, **given: Any) -> None:
    """Score a corpus: one row per record of a JSONL, CSV, TSV or Parquet file.

    Each row has the record's id, score, label, sub-scores and signal counts, and an
    error for a record that could not be scored. Rows are written in input order as they
    are scored; a run that stops, however it stops, is continued by running it again.
    See docs/batch.md.

    Exit codes: 0 every record scored, 2 a record could not be scored (its row says why;
    the others are scored) or the input could not be read, 130 interrupted.
    """
    from scorer.batch import command
    from scorer.batch.record import Fields

    fields = Fields(text_field, id_field or None, title_field or None)
    context = click.get_current_context()
    named = tuple(
        name
        for option, name in (("id_field", fields.id), ("title_field", fields.title))
        if name and context.get_parameter_source(option) != click.core.ParameterSource.DEFAULT
    )
    try:
        opened = command.open_run(command.Request(fields=fields, named=named, **given))
    except ScorerError as error:
        fail(error)
    ending = command.end(opened, command.score(opened), given["output_path"])
    for error, line in ending.lines:
        say_error(line) if error else click.echo(line, err=True)
    sys.exit(130 if ending.interrupted else EXIT_INPUT if ending.failed else EXIT_OK)
