"""A run over many sources: paths, directories and globs become Outcomes, in order.

What `scorer audit` and `scorer check` share. A directory is searched for article files
(.txt, .md, .html and their kin; hidden folders skipped); a glob is expanded, `**`
included. A source that cannot be read, or a directory or glob that finds nothing, is an
Outcome with an error: the run goes on. With `jobs > 1` the audits run in worker
processes and come back in the order the sources were given, so output never depends on
the number of jobs.
"""

from __future__ import annotations

import dataclasses
import glob
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.errors import ScorerError
from scorer.load import ARTICLE_SUFFIXES
from scorer.outcome import Outcome
from scorer.outputs import is_report

if TYPE_CHECKING:
    from scorer.boilerplate import Pattern
    from scorer.config import Config

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Options:
    """What every source of one run is audited with."""

    input_format: str | None = None
    boilerplate: tuple[Pattern, ...] | None = None
    config: Config | None = None  # `--config`: one config for every source
    engine: str | None = None  # `--engine`: overrides whatever config applies


def could_expand(source: str) -> bool:
    """A directory or a glob: a source that stands for any number of files."""
    return os.path.isdir(source) or (
        not os.path.lexists(source) and bool(_GLOB_CHARS & set(source))
    )


def expand(sources: Sequence[str]) -> list[str | Outcome]:
    """Each source as a path, URL or `-` to audit, or an Outcome saying why it gives none.

    A file named twice (`wire/*.md wire/top.md`) is audited once, where it first appears.
    """
    found: list[str | Outcome] = []
    for source in sources:
        if source == "-" or "://" in source:
            found.append(source)
        elif os.path.isdir(source):
            files, unreadable = _articles_in(source)
            found.extend(files or ([] if unreadable else [_nothing(source, "no article files")]))
            found.extend(unreadable)
        elif not os.path.lexists(source) and _GLOB_CHARS & set(source):
            globbed = glob.glob(source, recursive=True)
            matches = sorted(m for m in globbed if os.path.isfile(m) and not is_report(m))
            found.extend(matches or [_nothing(source, "no files match")])
        else:
            found.append(source)  # loading says what is wrong with it, if anything
    return _once(found)


def inputs(
    items: Sequence[str | Outcome], config_file: str | None, boilerplate_files: Sequence[str]
) -> Iterator[tuple[str, str]]:
    """Every file the run will read, named for a message: the articles, the config files
    looked into (the one named, or those on the way up from each article's folder), their
    rule files and the boilerplate files. Standard input and URLs are no files."""
    from scorer.config import load, read_for

    configs: list[Path] = [Path(config_file)] if config_file else []
    folders: set[str] = set()
    for item in items:
        if isinstance(item, str) and item != "-" and "://" not in item:
            yield "the article", item
            folder = os.path.dirname(item) or "."
            if config_file is None and folder not in folders:
                folders.add(folder)
                configs.extend(read_for(Path(item)))
    for boilerplate in boilerplate_files:
        yield "the boilerplate file", boilerplate
    if config_file is None and not folders:  # standard input or URLs: the working directory
        configs.extend(read_for(Path.cwd()))
    for path in dict.fromkeys(configs):
        yield "the config file", str(path)
        try:
            rules = load(path).rules
        except ScorerError:
            continue  # the audit says what is wrong with it; its rules are not read
        for rule_file in rules:
            yield "the rule file", str(rule_file)


def _once(found: list[str | Outcome]) -> list[str | Outcome]:
    seen: set[str] = set()
    kept: list[str | Outcome] = []
    for item in found:
        if isinstance(item, str):
            key = item if item == "-" or "://" in item else os.path.normpath(item)
            if key in seen:
                continue
            seen.add(key)
        kept.append(item)
    return kept


def _articles_in(directory: str) -> tuple[list[str], list[Outcome]]:
    """The article files under `directory`, and an Outcome for each folder that could not
    be listed (os.walk would pass over it in silence, and its articles with it)."""
    files: list[str] = []
    unreadable: list[Outcome] = []

    def cannot_list(error: OSError) -> None:
        where = error.filename or directory
        unreadable.append(Outcome(where, error=f"{where}: cannot list: {error.strerror}"))

    for root, dirs, names in os.walk(directory, onerror=cannot_list):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(
            path
            for name in sorted(names)
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES
            if not is_report(path := os.path.join(root, name))
        )
    return files, unreadable


def _nothing(source: str, what: str) -> Outcome:
    kinds = ", ".join(ARTICLE_SUFFIXES)
    return Outcome(source, error=f"{source}: {what} ({kinds})")


def audit_sources(
    items: Sequence[str | Outcome],
    options: Options,
    *,
    jobs: int = 1,
    advance: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Audit what `expand` found, yielding Outcomes in its order; `advance` sees each one."""
    todo = [item for item in items if isinstance(item, str)]
    if jobs > 1 and len(todo) > 1 and "-" not in todo:
        audited: Iterator[Outcome] = _parallel(todo, options, jobs)
    else:
        audited = (audit_one(source, options) for source in todo)
    for item in items:
        outcome = item if isinstance(item, Outcome) else next(audited)
        if advance is not None:
            advance(outcome)
        yield outcome


def audit_one(source: str, options: Options) -> Outcome:
    """One source loaded and audited under the config that applies to it."""
    from scorer.config import for_source
    from scorer.load import load
    from scorer.pipeline import audit_document

    try:
        config = options.config or for_source(source)
        if options.engine is not None:
            config = dataclasses.replace(config, engine=options.engine)
        doc = load(source, format=options.input_format, boilerplate=options.boilerplate)
        return Outcome(source, audit_document(doc, config))
    except ScorerError as error:
        return Outcome(source, error=str(error))
    except Exception as error:  # a bug: said for this file, and the others still run
        return Outcome(source, error=f"{source}: internal error ({type(error).__name__}: {error})")


def _parallel(sources: list[str], options: Options, jobs: int) -> Iterator[Outcome]:
    from concurrent.futures import ProcessPoolExecutor  # 20 ms: not for one file

    from scorer.config import for_source
    from scorer.pipeline import rule_set
    from scorer.workers import start as worker_start

    chunk = max(1, min(16, len(sources) // (jobs * 4)))
    workers = min(jobs, len(sources))
    with ProcessPoolExecutor(max_workers=workers, initializer=worker_start) as pool:
        for outcome in pool.map(
            _audit_in_worker, sources, [options] * len(sources), chunksize=chunk
        ):
            if outcome.audit is None:
                yield outcome
                continue
            # The rule set stays behind in the worker: the parent's cached one is the same.
            config = options.config or for_source(outcome.source)
            yield dataclasses.replace(
                outcome, audit=dataclasses.replace(outcome.audit, ruleset=rule_set(config))
            )


def _audit_in_worker(source: str, options: Options) -> Outcome:
    outcome = audit_one(source, options)
    if outcome.audit is None:
        return outcome
    return dataclasses.replace(outcome, audit=dataclasses.replace(outcome.audit, ruleset=None))
