"""The run of `scorer audit` and `scorer check`: sources in, judged outcomes out.

settings -> sources expanded -> no output may be an input -> audits (in worker processes
with `--jobs`, a progress bar on a terminal) -> lines changed since `--diff` -> the gate
judges each outcome once. The command line parses options, renders the outcomes, and maps
them to an exit code.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scorer.runs import audits, settings
from scorer.runs import sources as found
from scorer.runs.gate import Gate
from scorer.runs.gitdiff import GitDiff
from scorer.runs.outcome import Outcome, finding_key
from scorer.runs.outputs import refuse_clashes

if TYPE_CHECKING:
    from scorer.config import Config


@dataclass(frozen=True)
class Request:
    """What the user asked of the run."""

    sources: tuple[str, ...]
    gate: Gate | None = None  # `scorer check`'s thresholds; None for `scorer audit`
    input_format: str | None = None
    boilerplate_files: tuple[str, ...] = ()
    config_file: str | None = None
    engine: str | None = None
    genre: str | None = None  # `--genre`: every source judged as this genre
    output: str | None = None
    # More reports from the same audits: ("--sarif", path) written, ("--summary", path)
    # appended to (a CI step summary holds other steps' text too).
    also: tuple[tuple[str, str], ...] = ()
    jobs: int = 1  # 0: one per CPU
    diff_ref: str | None = None  # None: the config's `diff`, unless `no_diff`
    no_diff: bool = False
    staged: bool = False  # judge staged changes against HEAD (a pre-commit hook)
    annotations: int | None = None  # `--format github`: a level's budget; None: the config's
    annotate_info: bool | None = None


@dataclass(frozen=True)
class Result:
    outcomes: list[Outcome]
    # A folder, a glob or several sources could have given more than one outcome: JSON
    # gives a list however many came, so a script's parsing does not depend on the count.
    several: bool
    # GitHub annotations a level, at most, and whether 0-point info findings get any.
    annotations: int = 10
    annotate_info: bool = False


def audit(request: Request, say: Callable[[str], None]) -> Result:
    """Every source's outcome, judged; `say` is told each error once (articles sharing a
    broken config would repeat it). Raises ScorerError when the run cannot start (a bad
    config, an output that is an input), before anything is read."""
    patterns = settings.boilerplate_patterns(request.boilerplate_files)
    fixed = None
    if request.config_file:  # checked before any article, so its error is said once
        config = settings.config_named(request.config_file)
        fixed = settings.checked(settings.with_engine(config, request.engine))
    # The run's own settings (the diff base, the annotation budget): `--config`, else the
    # config nearest the working directory, where CI runs from.
    run_config = fixed or settings.config_named(None)
    # The config's `diff` is `check`'s: an editor's `scorer audit` shows the whole story.
    differ = _differ(request, run_config if request.gate is not None else None)
    items = found.expand(request.sources)
    outputs = [("--output", request.output)] if request.output not in (None, "-") else []
    outputs += list(request.also)
    if outputs:
        inputs = found.inputs(items, request.config_file, request.boilerplate_files)
        refuse_clashes(outputs, inputs)
    options = audits.Options(request.input_format, patterns, fixed, request.engine, request.genre)
    outcomes = _audited(items, options, request.jobs or os.cpu_count() or 1)
    if differ is not None:
        outcomes = [differ.diffed(outcome) for outcome in outcomes]
        outcomes = [_with_base(outcome, differ, options) for outcome in outcomes]
    if request.gate is not None:
        outcomes = [request.gate.judge(outcome) for outcome in outcomes]
    said: set[str] = set()
    for outcome in outcomes:
        if outcome.error is not None and outcome.error not in said:
            said.add(outcome.error)
            say(outcome.error)
    sources = request.sources
    several = len(sources) != 1 or items != [sources[0]] or found.could_expand(sources[0])
    annotations = request.annotations or run_config.annotations or 10
    annotate_info = request.annotate_info
    if annotate_info is None:
        annotate_info = bool(run_config.annotate_info)
    return Result(outcomes, several, annotations, annotate_info)


def _differ(request: Request, config: Config | None) -> GitDiff | None:
    """What `--diff`, `--staged` or the config's `diff` ask for (`--no-diff`: nothing)."""
    configured = config.diff if config is not None else None
    if request.staged:
        return GitDiff("HEAD", staged=True)
    if request.diff_ref is not None:
        return GitDiff(request.diff_ref)
    if request.no_diff or not configured:
        return None
    return GitDiff(configured, named_by=config.path if config is not None else None)


def _with_base(outcome: Outcome, differ: GitDiff, options: audits.Options) -> Outcome:
    """A changed file with its score and findings at the base, which the ratchet and the
    findings the change brought in are measured against. A base with nothing to score (no
    prose then) leaves the file new."""
    if outcome.status != "changed":
        return outcome
    data = differ.base_text(outcome.source)
    base = None if data is None else audits.base_audit(outcome.source, data, options)
    if base is None:
        where = f"{outcome.base}, where it had no text to score"
        return dataclasses.replace(outcome, status="new", base=where)
    text = base.document.text
    found = tuple(finding_key(f, text) for f in base.findings if not f.credit)
    return dataclasses.replace(outcome, base_score=base.score, base_findings=found)


def _audited(items: list[str | Outcome], options: audits.Options, jobs: int) -> list[Outcome]:
    """Every outcome, with a progress bar on an interactive terminal when there are several."""
    if len(items) < 2 or not sys.stderr.isatty():  # rich is not imported for one file
        return list(audits.audit_sources(items, options, jobs=jobs))
    from rich.console import Console

    from scorer.runs import progress

    with progress.bar(Console(stderr=True), len(items), "auditing", "files") as advance:
        step = None if advance is None else (lambda _: advance(1))
        return list(audits.audit_sources(items, options, jobs=jobs, advance=step))
