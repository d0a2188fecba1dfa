"""`scorer audit`, `scorer check` and `scorer structure`: articles in, a report out."""

from __future__ import annotations

import sys
from typing import Any

import click

from scorer.cli import cli, common
from scorer.errors import ScorerError
from scorer.render import FORMATS
from scorer.runs.gate import FAIL_ON, Gate

_ARTICLES = common.options(
    click.argument("sources", nargs=-1, required=True, metavar="PATH|DIR|GLOB|-|URL..."),
    common.LOADING,
    common.CONFIG,
    common.ENGINE,
    common.GENRE,
)


def _reporting(default: str) -> Any:
    """How the run reports: format, destination, width, text, jobs and the diff filter."""
    formats = FORMATS if default == "concise" else tuple(f for f in FORMATS if f != "concise")
    return common.options(
        click.option("--format", "-f", "output_format", type=click.Choice(formats),
                     default=default, show_default=True, help="Report format."),
        click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True),
                     metavar="FILE", help="Write the report to FILE instead of standard output."),
        click.option("--width", type=click.IntRange(60, 1000), default=None, metavar="N",
                     help="Columns for rich, plain, html and svg reports "
                     "(default: the terminal's, else $COLUMNS, else 80; 100 for html and svg)."),
        click.option("--no-text", is_flag=True,
                     help="Leave the highlighted article text out of rich, plain, html and svg."),
        click.option("--jobs", "-j", type=click.IntRange(0, 256), default=1, show_default=True,
                     metavar="N", help="Audit N files at a time (0: one per CPU)."),
        click.option("--diff", "diff_ref", metavar="REF", default=None,
                     help="Report only findings on lines changed since this git ref; REF... "
                     "(three dots) is the merge base, what a pull request changed (default: "
                     "the config's diff)."),
        click.option("--no-diff", is_flag=True,
                     help="Report every line, whatever the config's diff says."),
        click.option("--staged", is_flag=True,
                     help="Judge what the next commit changes: the files against HEAD; with "
                     "nothing staged, or before the first commit, every file is new."),
    )  # fmt: skip


@cli.command()
@_ARTICLES
@_reporting("rich")
def audit(**given: Any) -> None:
    """Audit articles: the score, its reasons, the sources and the text with every signal lit.

    PATH may be a file, a directory (searched for .txt, .md and .html files), a glob
    ("drafts/**/*.md"), - for standard input, or an http(s) URL.
    """
    sys.exit(_run(None, **given))


@cli.command()
@_ARTICLES
@_reporting("concise")
@click.option("--fail-under", type=common.Score(0, 100), default=None, metavar="SCORE",
              help="Fail a file whose score is under SCORE (default: the config's "
              "fail-under, else none). With --diff, a changed file fails on its score only "
              "if it fell; an unchanged one is not gated.")  # fmt: skip
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Fail a file with a finding of this severity or worse (none: never; "
              "default: the config's fail-on, else error).")  # fmt: skip
@click.option("--genres", default=None, metavar="LIST",
              help="Comma-separated genres to gate (default: the config's, else "
              "news,analysis,brief); files of other genres pass with a notice.")  # fmt: skip
@click.option("--strict/--no-strict", default=None,
              help="Fail a file too short or not English to judge (default: the config's, "
              "else it passes with a notice).")  # fmt: skip
@click.option("--sarif", type=click.Path(dir_okay=False), metavar="FILE", default=None,
              help="Also write SARIF to FILE, from the same audits.")  # fmt: skip
@click.option("--summary", type=click.Path(dir_okay=False), metavar="FILE", default=None,
              help="Also append the Markdown summary to FILE "
              "(e.g. $GITHUB_STEP_SUMMARY).")  # fmt: skip
@click.option("--annotations", type=click.IntRange(1, 1000), default=None, metavar="N",
              help="--format github: at most N annotations a level, failures and scores "
              "first, the rest counted in one notice (default: the config's, else 10, "
              "GitHub's limit per step).")  # fmt: skip
@click.option("--annotate-info/--no-annotate-info", default=None,
              help="--format github: annotate info findings that cost no points too.")  # fmt: skip
def check(
    fail_under: float | None,
    fail_on: str | None,
    genres: str | None,
    strict: bool | None,
    sarif: str | None,
    summary: str | None,
    **given: Any,
) -> None:
    """Check articles in CI: a line per finding, a score per file, exit 1 if any fails.

    Only news, analysis and briefs are gated unless --genres says otherwise, and a file too short
    or not in English to judge passes with a notice unless --strict.

    Exit codes: 0 every file passed, 1 a file failed, 2 a usage error or a file that
    could not be read (the other files are still checked and reported).
    """
    also = tuple(
        (what, path) for what, path in (("--sarif", sarif), ("--summary", summary)) if path
    )
    gate = Gate(fail_under, fail_on, common.genre_list(genres), strict)
    sys.exit(_run(gate, also=also, **given))


def _run(
    gate: Gate | None,
    *,
    output_format: str,
    width: int | None,
    no_text: bool,
    diff_ref: str | None,
    staged: bool,
    **given: Any,
) -> int:
    """Audit every source, write the reports, and return the exit code."""
    from scorer.render import Run, render
    from scorer.runs.articles import Request, audit
    from scorer.runs.outputs import append_text, deliver

    if staged and diff_ref:
        common.fail("--staged and --diff both name a base; give one")
    if given.get("no_diff") and (diff_ref or staged):
        common.fail("--no-diff asks for every line, and --diff or --staged for a base; give one")
    request = Request(gate=gate, diff_ref=diff_ref, staged=staged, **given)
    try:
        result = audit(request, common.say_error)
        to_file = request.output not in (None, "-")
        fmt = "plain" if to_file and output_format == "rich" else output_format
        view = Run(
            result.outcomes,
            result.several,
            width,
            not no_text,
            terminal=not to_file,
            annotations=result.annotations,
            annotate_info=result.annotate_info,
        )
        deliver(render(fmt, view), request.output)
        for what, path in request.also:
            if what == "--summary":
                append_text(path, render("markdown", view))
            else:
                deliver(render("sarif", view), path)
    except ScorerError as error:
        common.fail(error)
    if any(outcome.audit is None for outcome in result.outcomes):
        return common.EXIT_INPUT
    return (
        common.EXIT_FAILED
        if any(outcome.failures for outcome in result.outcomes)
        else common.EXIT_OK
    )


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="PATH|-|URL...")
@common.LOADING
def structure(
    sources: tuple[str, ...], input_format: str | None, boilerplate_files: tuple[str, ...]
) -> None:
    """Show what loading found: headline, standfirst, paragraphs, sentences, quotes."""
    from scorer.load import load
    from scorer.render import structure as render
    from scorer.runs.settings import boilerplate_patterns

    try:
        patterns = boilerplate_patterns(boilerplate_files)
    except ScorerError as error:
        common.fail(error)
    status, printed = common.EXIT_OK, 0
    for source in sources:
        try:
            doc = load(source, format=input_format, boilerplate=patterns)
        except ScorerError as error:
            common.say_error(error)
            status = common.EXIT_INPUT
            continue
        click.echo(("\n" if printed else "") + render.render(doc), nl=False)
        printed += 1
    sys.exit(status)
