"""A run's audits: each source loaded and audited under its config, in the order given.

With `jobs > 1` the audits run in worker processes and come back in the order the sources
were given, so output never depends on the number of jobs. A source that cannot be read is
an Outcome with an error, and the run goes on.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scorer.errors import ScorerError
from scorer.load import kind_of
from scorer.runs.outcome import Outcome

if TYPE_CHECKING:
    from scorer.config import Config
    from scorer.load.furniture import Pattern
    from scorer.scoring.audit import Audit


@dataclass(frozen=True)
class Options:
    """What every source of one run is audited with."""

    input_format: str | None = None
    boilerplate: tuple[Pattern, ...] | None = None
    config: Config | None = None  # `--config`: one config for every source
    engine: str | None = None  # `--engine`: overrides whatever config applies
    genre: str | None = None  # `--genre`: overrides whatever the config or the file says


def audit_sources(
    items: Sequence[str | Outcome],
    options: Options,
    *,
    jobs: int = 1,
    advance: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Audit what `expand` found, yielding Outcomes in its order; `advance` sees each one."""
    todo = [item for item in items if isinstance(item, str)]
    if jobs > 1 and len(todo) > 1 and all(kind_of(source) != "stdin" for source in todo):
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
    from scorer.load import load
    from scorer.scoring.audit import audit_document

    try:
        config = _config_for(source, options)
        doc = load(source, format=options.input_format, boilerplate=options.boilerplate)
        audited = audit_document(doc, config)
        return Outcome(
            source,
            audited,
            genres=config.genres,
            strict=config.strict,
            fail_under=config.fail_under,
            fail_on=config.fail_on,
        )
    except ScorerError as error:
        return Outcome(source, error=str(error))
    except Exception as error:  # a bug: said for this file, and the others still run
        return Outcome(source, error=f"{source}: internal error ({type(error).__name__}: {error})")


def base_audit(source: str, data: bytes, options: Options) -> Audit | None:
    """The audit of `data`, the file `source` as it was at a git ref, under the config that
    applies to the file now; None when that text cannot be audited (it held no prose)."""
    from scorer.load import load_bytes
    from scorer.scoring.audit import audit_document

    try:
        config = _config_for(source, options)
        doc = load_bytes(data, source, format=options.input_format, boilerplate=options.boilerplate)
        return audit_document(doc, config)
    except ScorerError:
        return None


def _config_for(source: str, options: Options) -> Config:
    """The config that applies to `source`, with what the command line overrides."""
    from scorer.config import for_source

    config = options.config or for_source(source)
    if options.engine is not None:
        config = dataclasses.replace(config, engine=options.engine)
    if options.genre is not None:
        config = dataclasses.replace(config, genre=options.genre)
    return config


def _parallel(sources: list[str], options: Options, jobs: int) -> Iterator[Outcome]:
    from scorer.runs.pool import Pool

    with Pool(min(jobs, len(sources))) as pool:
        yield from pool.map(functools.partial(audit_one, options=options), sources)
