"""The command line. Exit codes: 0 ok, 1 the check failed, 2 usage or input error.

Errors in the input are values here: each bad file is one line on stderr and the others
still run; the exit code says that something could not be read.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

import click

from scorer import __version__
from scorer.engine.choices import ENGINES
from scorer.errors import ScorerError
from scorer.runs.gate import FAIL_ON, Gate

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from scorer.batch.drive import Summary
    from scorer.batch.executor import Executor
    from scorer.batch.read import Input
    from scorer.batch.record import Job
    from scorer.batch.write import Output
    from scorer.config import Config
    from scorer.engine import RuleSet
    from scorer.engine.rulefile import Rule
    from scorer.load.furniture import Pattern
    from scorer.runs import audits
    from scorer.runs.gitdiff import GitDiff
    from scorer.runs.outcome import Outcome

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


class _Score(click.FloatRange):
    """0 to 100; click's range lets `nan` through, and no score is ever under nan."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number != number:
            self.fail(f"{value!r} is not a number", param, ctx)
        return number


_SCORE = _Score(0, 100)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`: the release, and which rules engine an audit would run."""
    if not value or ctx.resilient_parsing:
        return
    from scorer.engine import engine_description

    click.echo(f"scorer, version {__version__}")
    click.echo(f"rules engine: {engine_description()}")
    ctx.exit(EXIT_OK)


def _fail(message: object) -> NoReturn:
    """One `scorer: error:` line on stderr, exit 2: the input or the usage was wrong."""
    _say_error(message)
    sys.exit(EXIT_INPUT)


def _say_error(message: object) -> None:
    """`scorer: error: MESSAGE` on stderr, as one line whatever a file name holds."""
    from scorer.render.escape import shown

    click.echo(f"scorer: error: {shown(str(message))}", err=True)


_CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Use this config file (.scorer.toml, or pyproject.toml with [tool.scorer]) instead of "
    "the nearest one.",
)


class _Commands(click.Group):
    """Ctrl-C is exit 130 with one line, wherever it lands: click's own answer ("Aborted!",
    exit 1) would read as a failed check."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("scorer: interrupted", err=True)
            sys.exit(130)


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


REPORT_FORMATS = ("rich", "plain", "json", "sarif", "github", "markdown", "html", "svg")
CHECK_FORMATS = ("concise", *REPORT_FORMATS)


def _options(command: Callable[..., None], options: list[Any]) -> Callable[..., None]:
    """`command` with click's decorators applied, the first of `options` on top."""
    for option in reversed(options):
        command = option(command)
    return command


_LOADING = [
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
]


def _loading_options(command: Callable[..., None]) -> Callable[..., None]:
    """How the articles are read: their format and the boilerplate to set aside."""
    return _options(command, _LOADING)


def _input_options(command: Callable[..., None]) -> Callable[..., None]:
    """What reads and scores the articles: format, boilerplate, config and engine."""
    return _options(
        command,
        [
            click.argument("sources", nargs=-1, required=True, metavar="PATH|DIR|GLOB|-|URL..."),
            *_LOADING,
            _CONFIG_OPTION,
            click.option(
                "--engine",
                type=click.Choice(ENGINES),
                default=None,
                help="Run this rules engine, whatever the config says.",
            ),
        ],
    )


def _report_options(formats: tuple[str, ...], default: str) -> Callable[..., Callable[..., None]]:
    """How the run reports: format, destination, width, text, jobs and the diff filter."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        return _options(
            command,
            [
                click.option(
                    "--format",
                    "-f",
                    "output_format",
                    type=click.Choice(formats),
                    default=default,
                    show_default=True,
                    help="Report format.",
                ),
                click.option(
                    "--output",
                    "-o",
                    type=click.Path(dir_okay=False, allow_dash=True),
                    metavar="FILE",
                    help="Write the report to FILE instead of standard output.",
                ),
                click.option(
                    "--width",
                    type=click.IntRange(60, 1000),
                    default=None,
                    metavar="N",
                    help="Columns for rich, plain, html and svg reports "
                    "(default: the terminal's, else $COLUMNS, else 80; 100 for html and svg).",
                ),
                click.option(
                    "--no-text",
                    is_flag=True,
                    help="Leave the highlighted article text out of rich, plain, html and svg.",
                ),
                click.option(
                    "--jobs",
                    "-j",
                    type=click.IntRange(0, 256),
                    default=1,
                    show_default=True,
                    metavar="N",
                    help="Audit N files at a time (0: one per CPU).",
                ),
                click.option(
                    "--diff",
                    "diff_ref",
                    metavar="REF",
                    default=None,
                    help="Report only findings on lines changed since this git ref "
                    "(the score still covers the whole document).",
                ),
            ],
        )

    return decorate


@cli.command()
@_input_options
@_report_options(REPORT_FORMATS, "rich")
def audit(**options: Any) -> None:
    """Audit articles: the score, its reasons, the sources and the text with every signal lit.

    PATH may be a file, a directory (searched for .txt, .md and .html files), a glob
    ("drafts/**/*.md"), - for standard input, or an http(s) URL.
    """
    sys.exit(_run(gate=None, **options))


@cli.command()
@_input_options
@_report_options(CHECK_FORMATS, "concise")
@click.option(
    "--fail-under",
    type=_SCORE,
    default=None,
    metavar="SCORE",
    help="Fail a file whose score is under SCORE.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Fail a file with a finding of this severity or worse (none: never).",
)
def check(fail_under: float | None, fail_on: str, **options: Any) -> None:
    """Check articles in CI: a line per finding, a score per file, exit 1 if any fails.

    Exit codes: 0 every file passed, 1 a file failed, 2 a usage error or a file that
    could not be read (the other files are still checked and reported).
    """
    sys.exit(_run(gate=Gate(fail_under, fail_on), **options))


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="PATH|-|URL...")
@_loading_options
def structure(
    sources: tuple[str, ...], input_format: str | None, boilerplate_files: tuple[str, ...]
) -> None:
    """Show what loading found: headline, standfirst, paragraphs, sentences, quotes."""
    from scorer.load import load
    from scorer.render import structure as render

    try:
        patterns = _boilerplate_patterns(boilerplate_files)
    except ScorerError as error:
        _fail(error)
    status = EXIT_OK
    printed = 0
    for source in sources:
        try:
            doc = load(source, format=input_format, boilerplate=patterns)
        except ScorerError as error:
            _say_error(error)
            status = EXIT_INPUT
            continue
        click.echo(("\n" if printed else "") + render.render(doc), nl=False)
        printed += 1
    sys.exit(status)


def _run(
    *,
    gate: Gate | None,
    sources: tuple[str, ...],
    input_format: str | None,
    boilerplate_files: tuple[str, ...],
    config_file: str | None,
    engine: str | None,
    output_format: str,
    output: str | None,
    width: int | None,
    no_text: bool,
    jobs: int,
    diff_ref: str | None,
) -> int:
    """Audit every source, write the report, and return the exit code."""
    import os

    from scorer.runs import audits
    from scorer.runs import sources as found

    try:
        patterns = _boilerplate_patterns(boilerplate_files)
        # An explicit config is checked before any article, so its error is said once.
        fixed = _checked(_with_engine(_load_config(config_file), engine)) if config_file else None
        differ = _differ(diff_ref) if diff_ref else None
    except ScorerError as error:
        _fail(error)
    items = found.expand(sources)
    if output not in (None, "-"):
        from scorer.runs.outputs import refuse_clashes

        try:
            inputs = found.inputs(items, config_file, boilerplate_files)
            refuse_clashes([("--output", output)], inputs)
        except ScorerError as error:
            _fail(error)
    options = audits.Options(input_format, patterns, fixed, engine)
    outcomes = _audited(items, options, jobs or os.cpu_count() or 1)
    if differ is not None:
        outcomes = [_diffed(outcome, differ) for outcome in outcomes]
    said: set[str] = set()
    for outcome in outcomes:
        # Articles sharing a broken config would repeat its error: say it once.
        if outcome.error is not None and outcome.error not in said:
            said.add(outcome.error)
            _say_error(outcome.error)
    # One object for one file named as such; a list whenever a directory, a glob or several
    # sources could have given more, so a script's parsing does not depend on the count.
    several = len(sources) != 1 or items != [sources[0]] or found.could_expand(sources[0])
    _write(outcomes, output_format, output, gate, several, width, not no_text)
    if any(outcome.audit is None for outcome in outcomes):
        return EXIT_INPUT
    if gate is not None and any(gate.failures(outcome) for outcome in outcomes):
        return EXIT_FAILED
    return EXIT_OK


def _audited(items: list[str | Outcome], options: audits.Options, jobs: int) -> list[Outcome]:
    """Every outcome, with a progress bar on an interactive terminal when there are several."""
    from scorer.runs import audits

    console = _stderr_console() if len(items) > 1 and sys.stderr.isatty() else None
    if console is None or not console.is_interactive:  # rich is not imported for one file
        return list(audits.audit_sources(items, options, jobs=jobs))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    outcomes = audits.audit_sources(items, options, jobs=jobs)
    # The first outcome before the bar: worker processes are forked by then, never while
    # the bar's drawing thread runs (a fork then can leave a worker holding its lock).
    done = [next(outcomes)]
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("auditing", total=len(items), completed=1)
        for outcome in outcomes:
            done.append(outcome)
            progress.advance(task)
    return done


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def _differ(ref: str) -> GitDiff:
    """The ref's differ; the ref is resolved in each file's own repository, once per folder."""
    from scorer.runs.gitdiff import GitDiff

    return GitDiff(ref)


def _diffed(outcome: Outcome, differ: GitDiff) -> Outcome:
    """The outcome with the lines changed since the ref, or an error for a non-file.

    An HTML file's findings have the lines of its extracted text, not of the file: when
    the file changed at all, all of them are reported.
    """
    import dataclasses

    if outcome.audit is None:
        return outcome
    if outcome.source == "-" or "://" in outcome.source:
        return dataclasses.replace(
            outcome, audit=None, error=f"{outcome.source}: --diff needs a file in a git work tree"
        )
    try:
        changed: frozenset[int] | None = differ.changed_lines(outcome.source)
    except ScorerError as error:
        return dataclasses.replace(outcome, audit=None, error=str(error))
    if outcome.audit.document.format == "html" and changed:
        changed = None
    return dataclasses.replace(outcome, changed=changed)


def _write(
    outcomes: list[Outcome],
    output_format: str,
    output: str | None,
    gate: Gate | None,
    several: bool,
    width: int | None,
    show_text: bool,
) -> None:
    """The report in its format, to standard output or to `--output`."""
    if output_format in ("rich", "plain", "html", "svg"):
        from scorer.render import page

        to_file = output not in (None, "-")
        text = page.render(
            outcomes,
            "plain" if to_file and output_format == "rich" else output_format,
            gate=gate,
            width=width,
            show_text=show_text,
            terminal=not to_file,
        )
    elif output_format == "json":
        from scorer.render import json

        text = json.render(outcomes, several=several, gate=gate)
    elif output_format == "sarif":
        from scorer.render import sarif

        text = sarif.render(outcomes)
    else:
        import importlib

        renderer = importlib.import_module(f"scorer.render.{output_format}")
        text = renderer.render(outcomes, gate)
    # A file name that is not UTF-8 holds lone surrogates: written as \udcff escapes (still
    # JSON), never as raw bytes or an encoding error, whatever the locale's error handler.
    if output in (None, "-"):
        # Not click.echo: it strips escape codes from a pipe, and FORCE_COLOR asked for them.
        try:
            if isinstance(sys.stdout, io.TextIOWrapper):
                sys.stdout.reconfigure(errors="backslashreplace")
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader stopped reading (`| head`): click exits quietly
        except OSError as error:
            import os

            # What is still buffered would fail again at exit, as a second error: drop it.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            _fail(f"standard output: cannot write the report: {error.strerror or error}")
        return
    from scorer.runs.outputs import write_text

    try:
        write_text(output, text, errors="backslashreplace")
    except ScorerError as error:
        _fail(f"{error.path}: cannot write the report: {str(error).partition('cannot write: ')[2]}")


BATCH_FORMATS = ("jsonl", "csv", "tsv", "parquet")  # scorer.batch.read and .write FORMATS


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option(
    "--out",
    "-o",
    "output_path",
    required=True,
    metavar="OUTPUT",
    help="Write one row per record here (.jsonl, .csv, .tsv or .parquet). If it exists, the "
    "records whose ids it holds are skipped and the rest are added.",
)
@click.option(
    "--text-field", default="text", show_default=True, metavar="NAME", help="The article's field."
)
@click.option(
    "--id-field",
    default="id",
    show_default=True,
    metavar="NAME",
    help="The id's field ('': none; a record without one gets its 0-based position).",
)
@click.option(
    "--title-field",
    default="title",
    show_default=True,
    metavar="NAME",
    help="The headline's field ('': none; the text's first line may be the headline).",
)
@click.option("--findings", is_flag=True, help="Add each record's findings as a column.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0, 256),
    default=None,
    metavar="N",
    help="Score in N processes (0: one per CPU; default 1). With --scheduler: keep 2N chunks "
    "on the cluster (default: two per worker thread it has).",
)
@click.option("--input-format", type=click.Choice(BATCH_FORMATS), help="Instead of INPUT's name.")
@click.option("--output-format", type=click.Choice(BATCH_FORMATS), help="Instead of OUTPUT's name.")
@click.option("--overwrite", is_flag=True, help="Start OUTPUT over instead of continuing it.")
@_CONFIG_OPTION
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=None,
    help="Run this rules engine, whatever the config says.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Score on the Dask cluster at ADDRESS (tcp://host:8786); needs scorer[dask].",
)
def batch(
    input_path: str,
    output_path: str,
    text_field: str,
    id_field: str,
    title_field: str,
    findings: bool,
    jobs: int,
    input_format: str | None,
    output_format: str | None,
    overwrite: bool,
    config_file: str | None,
    engine: str | None,
    scheduler: str | None,
) -> None:
    """Score a corpus: one row per record of a JSONL, CSV, TSV or Parquet file.

    Each row has the record's id, score, label, sub-scores and signal counts, and an
    error for a record that could not be scored. Rows are written in input order as they
    are scored; a run that stops, however it stops, is continued by running it again.
    See docs/batch.md.

    Exit codes: 0 every record scored, 2 a record could not be scored (its row says why;
    the others are scored) or the input could not be read, 130 interrupted.
    """

    from scorer.batch import read, write
    from scorer.batch.record import Fields, Job, columns, prepare
    from scorer.config import for_source
    from scorer.runs.outputs import refuse_clashes

    fields = Fields(text_field, id_field or None, title_field or None)
    context = click.get_current_context()
    named = [
        name
        for option, name in (("id_field", fields.id), ("title_field", fields.title))
        if name and context.get_parameter_source(option) != click.core.ParameterSource.DEFAULT
    ]
    try:
        source = read.open_input(input_path, input_format, fields, named)
        chosen = write.output_format(output_path, output_format)
        refuse_clashes(write.files_of(output_path, chosen), _batch_inputs(input_path, config_file))
        # Without --config, the config nearest the corpus, as for an article file.
        config = _load_config(config_file) if config_file else for_source(input_path)
        job = prepare(Job(fields=fields, config=config, engine=engine, findings=findings))
    except ScorerError as error:
        _fail(error)
    executor = _batch_executor(jobs, scheduler)
    try:
        output = write.open_output(output_path, chosen, columns(job), overwrite=overwrite)
    except ScorerError as error:
        executor.close()
        _fail(error)
    summary = _batched(source, output, job, executor)
    if summary.failed is not None:
        _say_error(summary.failed)
    click.echo(_batch_summary(summary, output.held_errors, output_path), err=True)
    if summary.interrupted:
        click.echo(
            f"scorer: interrupted; the rows written are in {output.path}: run the same "
            "command again to continue",
            err=True,
        )
        sys.exit(130)
    empty = not (summary.rows or summary.skipped or summary.failed)
    if empty:  # as `check` on a folder with no articles: nothing was checked
        _say_error(f"{source.path}: no records")
    failed = summary.errors or summary.failed or output.held_errors or empty
    sys.exit(EXIT_INPUT if failed else EXIT_OK)


def _batch_inputs(input_path: str, config_file: str | None) -> Iterator[tuple[str, str]]:
    """What a batch run reads: the corpus, and the config files and rule files of `run`."""
    from scorer.runs import sources

    yield "the corpus", input_path
    for what, path in sources.inputs([input_path], config_file, ()):
        if what != "the article":
            yield what, path


def _batch_executor(jobs: int | None, scheduler: str | None) -> Executor:
    """Where chunks are scored: here (1 job), local worker processes, or a Dask cluster.

    On a cluster, no `--jobs` (or 0) sizes the window to the cluster's worker threads."""
    import os

    if scheduler is not None:
        try:
            from scorer.batch.dask import DaskExecutor
        except ImportError:
            _fail("--scheduler needs Dask: pip install 'scorer[dask]'")
        try:
            return DaskExecutor(scheduler, jobs or None)
        except ScorerError as error:  # it names the address and what went wrong
            _fail(error)
        except OSError as error:
            _fail(f"cannot use the Dask scheduler at {scheduler}: {error}")
    from scorer.batch.executor import Processes, Serial

    local = 1 if jobs is None else jobs or os.cpu_count() or 1
    return Serial() if local == 1 else Processes(local)


def _batched(source: Input, output: Output, job: Job, executor: Executor) -> Summary:
    """The run, with a progress bar on an interactive terminal."""
    from scorer.batch import drive, progress

    console = _stderr_console()
    total = None
    if console.is_interactive:
        count = source.count()
        total = None if count is None else max(0, count - sum(output.done.values()))
    with progress.bar(console, total) as advance:
        return drive.run(source, output, job, executor, advance=advance)


def _batch_summary(summary: Summary, held_errors: int, output_path: str) -> str:
    """One line: rows scored, error rows, records skipped, seconds and rate."""
    errors = f"{summary.errors:,} error row{'' if summary.errors == 1 else 's'}"
    if summary.first_error is not None:
        errors += f" (the first: {' '.join(summary.first_error.split())})"
    held = (
        f", with {held_errors:,} error row{'' if held_errors == 1 else 's'}" if held_errors else ""
    )
    rate = summary.rows / summary.seconds if summary.seconds > 0 else 0.0
    return (
        f"scorer: {summary.scored:,} scored, {errors}, {summary.skipped:,} skipped "
        f"(already in {output_path}{held}); {summary.seconds:,.1f} s, {rate:,.1f} articles/s"
    )


@cli.group()
def rules() -> None:
    """The rules in force: list them, show one, check rule files, see the fields they read."""


@rules.command("list")
@_CONFIG_OPTION
def rules_list(config_file: str | None) -> None:
    """List the rules in force, by the rule file each comes from."""
    from scorer.engine import engine_description
    from scorer.render import rules as render

    config, ruleset = _rules_in_force(config_file)
    click.echo(
        render.table(
            ruleset.rules,
            engine=engine_description(config.engine),
            config=config.path,
            disabled=config.disable,
        ),
        nl=False,
    )


@rules.command("show")
@click.argument("rule_id", metavar="ID")
@_CONFIG_OPTION
def rules_show(rule_id: str, config_file: str | None) -> None:
    """Show everything about one rule, as it is in force (with the config's overrides)."""
    from scorer.render import rules as render

    config, ruleset = _rules_in_force(config_file)
    click.echo(render.detail(_rule(rule_id, config, ruleset), ruleset.scoring), nl=False)


@rules.command("check")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def rules_check(files: tuple[str, ...]) -> None:
    """Check rule files, each together with the shipped rule packs."""
    from pathlib import Path

    from scorer.engine.rulefile import load_rule_files, load_scoring, shipped_rule_files

    try:
        scoring = load_scoring()
    except ScorerError as error:
        _fail(error)
    status = EXIT_OK
    for file in files:
        path = Path(file)
        # A shipped pack checked by name must not meet itself: its ids would be duplicates.
        others = [p for p in shipped_rule_files() if not _same_file(p, path)]
        try:
            loaded = load_rule_files([*others, path], scoring)
        except ScorerError as error:
            _say_error(error)
            status = EXIT_INPUT
            continue
        count = sum(1 for rule in loaded if rule.path == str(path))
        click.echo(f"{file}: ok ({count} rule{'' if count == 1 else 's'})")
    sys.exit(status)


@rules.command("fields")
def rules_fields() -> None:
    """List the fields a rule's `when` and message can read, with their types and values."""
    from scorer.engine.fields import DOC_METRICS, SIGNAL_FIELDS
    from scorer.render import rules as render
    from scorer.scoring.audit import rule_set

    # Only the shipped packs: this is the help for fixing a house rule file, so it must
    # work while a config names a broken one.
    try:
        derived = [rule for rule in rule_set().rules if rule.derive]
    except ScorerError as error:
        _fail(error)
    click.echo(render.fields(SIGNAL_FIELDS, DOC_METRICS, derived), nl=False)


@cli.command()
@click.argument("rule_id", metavar="ID")
@_CONFIG_OPTION
def explain(rule_id: str, config_file: str | None) -> None:
    """Explain a rule: what it checks, why, what it costs, and what it finds in its example."""
    import scorer
    from scorer.render import rules as render

    config, ruleset = _rules_in_force(config_file)
    rule = _rule(rule_id, config, ruleset)
    result = None
    if rule.example:
        try:
            result = scorer.audit(rule.example, config=config)
        except ScorerError as error:
            _fail(error)
    click.echo(render.explanation(rule, ruleset.scoring, result), nl=False)


def _load_config(config_file: str | None) -> Config:
    """The config file named, or the nearest one to the working directory."""
    from pathlib import Path

    from scorer.config import for_source, load

    return load(Path(config_file)) if config_file else for_source("-")


def _with_engine(config: Config, engine: str | None) -> Config:
    import dataclasses

    return config if engine is None else dataclasses.replace(config, engine=engine)


def _checked(config: Config) -> Config:
    """The config, once its rule files and overrides are known to load."""
    from scorer.scoring.audit import rule_set

    rule_set(config)
    return config


def _rules_in_force(config_file: str | None) -> tuple[Config, RuleSet]:
    from scorer.scoring.audit import rule_set

    try:
        config = _load_config(config_file)
        return config, rule_set(config)
    except ScorerError as error:
        _fail(error)


def _rule(rule_id: str, config: Config, ruleset: RuleSet) -> Rule:
    """The rule in force with this id; else exit 2, saying why and what was likely meant."""
    import difflib

    rule = ruleset.get(rule_id)
    if rule is not None:
        return rule
    if rule_id in config.disable:
        _fail(f"rule {rule_id!r} is disabled by {config.path}")
    ids = [rule.id for rule in ruleset.rules]
    close = difflib.get_close_matches(rule_id, ids, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    _fail(f"no rule with id {rule_id!r}{hint}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _boilerplate_patterns(files: tuple[str, ...]) -> tuple[Pattern, ...] | None:
    """The shipped patterns plus those of each file named, or None for the shipped ones."""
    if not files:
        return None
    from pathlib import Path

    from scorer.load import furniture as boilerplate

    extra = tuple(p for f in files for p in boilerplate.load_patterns(Path(f)))
    return boilerplate.default_patterns() + extra


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("scorer: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
