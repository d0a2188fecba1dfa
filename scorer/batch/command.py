"""What `scorer batch` does between its options and its exit code.

The corpus and OUTPUT opened (never OUTPUT over a file the run reads), the executor chosen
(this process, local worker processes, or a Dask cluster), the run driven with a progress
bar on a terminal, and its one summary line.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass

from scorer.batch import drive, read, write
from scorer.batch.drive import Summary
from scorer.batch.executor import Executor, Processes, Serial
from scorer.batch.read import Input
from scorer.batch.record import Fields, Job, columns, prepare
from scorer.batch.write import Output
from scorer.errors import ScorerError
from scorer.runs import settings
from scorer.runs import sources as found
from scorer.runs.outputs import refuse_clashes


@dataclass(frozen=True)
class Request:
    input_path: str
    output_path: str
    fields: Fields
    named: tuple[str, ...] = ()  # fields the user named, which every record must have
    findings: bool = False
    jobs: int | None = None
    input_format: str | None = None
    output_format: str | None = None
    overwrite: bool = False
    config_file: str | None = None
    engine: str | None = None
    genre: str | None = None  # every record judged as this genre, whatever the config says
    scheduler: str | None = None


@dataclass(frozen=True)
class Opened:
    source: Input
    output: Output
    job: Job
    executor: Executor


def open_run(request: Request) -> Opened:
    """Everything the run needs, or a ScorerError saying what is wrong, before any row."""
    from scorer.config import for_source

    source = read.open_input(
        request.input_path, request.input_format, request.fields, list(request.named)
    )
    chosen = write.output_format(request.output_path, request.output_format)
    outputs = write.files_of(request.output_path, chosen)
    refuse_clashes(outputs, _inputs(request.input_path, request.config_file))
    # Without --config, the config nearest the corpus, as for an article file.
    config_file = request.config_file
    config = settings.config_named(config_file) if config_file else for_source(request.input_path)
    if request.genre is not None:
        config = dataclasses.replace(config, genre=request.genre)
    job = prepare(
        Job(fields=request.fields, config=config, engine=request.engine, findings=request.findings)
    )
    executor = executor_for(request.jobs, request.scheduler)
    try:
        output = write.open_output(
            request.output_path, chosen, columns(job), overwrite=request.overwrite
        )
    except ScorerError:
        executor.close()
        raise
    return Opened(source, output, job, executor)


def _inputs(input_path: str, config_file: str | None) -> Iterator[tuple[str, str]]:
    """What a batch run reads: the corpus, and the config files and rule files of a run."""
    yield "the corpus", input_path
    for what, path in found.inputs([input_path], config_file, ()):
        if what != "the article":
            yield what, path


def executor_for(jobs: int | None, scheduler: str | None) -> Executor:
    """Where chunks are scored: here (1 job), local worker processes, or a Dask cluster.

    On a cluster, no `--jobs` (or 0) sizes the window to the cluster's worker threads."""
    if scheduler is not None:
        try:
            from scorer.batch.dask import DaskExecutor
        except ImportError:
            raise ScorerError(
                "--scheduler needs Dask: pip install 'sourcing-scorer[dask]'"
            ) from None
        try:
            return DaskExecutor(scheduler, jobs or None)
        except OSError as error:
            raise ScorerError(f"cannot use the Dask scheduler at {scheduler}: {error}") from None
    local = 1 if jobs is None else jobs or os.cpu_count() or 1
    return Serial() if local == 1 else Processes(local)


def score(opened: Opened) -> Summary:
    """The run, with a progress bar on an interactive terminal."""
    from rich.console import Console

    from scorer.runs import progress

    console = Console(stderr=True)
    total = None
    if console.is_interactive:
        count = opened.source.count()
        total = None if count is None else max(0, count - sum(opened.output.done.values()))
    with progress.bar(console, total, "scoring", "articles") as advance:
        return drive.score(
            opened.source, opened.output, opened.job, opened.executor, advance=advance
        )


@dataclass(frozen=True)
class Ending:
    """How a run ended, in words for stderr, in order (`error` lines are errors)."""

    lines: list[tuple[bool, str]]  # (error, text)
    interrupted: bool
    failed: bool  # a record not scored, the input or OUTPUT failed, or no records at all


def end(opened: Opened, summary: Summary, output_path: str) -> Ending:
    output = opened.output
    lines = [] if summary.failed is None else [(True, summary.failed)]
    lines.append((False, summary_line(summary, output.held_errors, output_path)))
    if summary.interrupted:
        where = f"the rows written are in {output.path}"
        lines.append(
            (False, f"scorer: interrupted; {where}: run the same command again to continue")
        )
        return Ending(lines, interrupted=True, failed=False)
    empty = not (summary.rows or summary.skipped or summary.failed)
    if empty:  # as `check` on a folder with no articles: nothing was checked
        lines.append((True, f"{opened.source.path}: no records"))
    failed = bool(summary.errors or summary.failed or output.held_errors or empty)
    return Ending(lines, interrupted=False, failed=failed)


def summary_line(summary: Summary, held_errors: int, output_path: str) -> str:
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
