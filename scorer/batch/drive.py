"""The batch run: records read, those already in OUTPUT skipped, chunks scored, rows written.

read -> skip ids done -> chunks of `CHUNK` records -> `Executor.map` -> write, in input
order whatever the executor. A record the reader could not read becomes its error row
here, in its place, without going to a worker. The job is prepared once, here.

How a run ends is in its `Summary`: through the input; stopped by the input (a file that
cannot be read past some point: the rows before it are written and OUTPUT finished);
stopped by the executor (a worker died) or by OUTPUT (a full disk); or interrupted
(Ctrl-C). In the last three OUTPUT is left as it is, whole rows only, and running the
same command again continues it.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scorer.batch.executor import Chunk, Executor
from scorer.batch.read import Input, Unreadable
from scorer.batch.record import Job, Row, columns, prepare, record_id
from scorer.batch.write import Output
from scorer.errors import ScorerError
from scorer.runs import hold

CHUNK = 32


@dataclass
class Summary:
    """What a run did: rows scored, error rows, records skipped, and how it ended."""

    scored: int = 0
    errors: int = 0
    skipped: int = 0  # already in OUTPUT from an earlier run
    seconds: float = 0.0
    first_error: str | None = None  # "id: message" of the first error row
    failed: str | None = None  # why the run stopped before the end of its input
    input_failed: bool = False  # ... and it was the input that could not be read further
    interrupted: bool = False

    @property
    def rows(self) -> int:
        return self.scored + self.errors

    @property
    def finished(self) -> bool:
        """Whether OUTPUT holds every record it will get from this input."""
        return not self.interrupted and (self.failed is None or self.input_failed)


def score(
    source: Input,
    output: Output,
    job: Job,
    executor: Executor,
    *,
    advance: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK,
) -> Summary:
    """Score every record of `source` not yet in `output`; rows written in input order."""
    job = prepare(job)
    summary = Summary()
    started = time.perf_counter()
    # For each chunk sent to the executor, in order: its items, each a row made here (an
    # unreadable record's error row) or None for the next row the executor returns.
    places: deque[list[Row | None]] = deque()
    try:
        chunks = _chunks(source, output, job, summary, places, chunk_size)
        for scored in executor.map(chunks, job):
            rows = _merged(places.popleft(), scored)
            output.write(rows)
            _count(rows, summary)
            if advance is not None:
                advance(len(rows))
            hold.at("batch-rows")
    except ScorerError as error:  # the executor, or writing, could not go on
        summary.failed = str(error)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        try:
            executor.close()
        finally:
            _end(output, summary)
            summary.seconds = time.perf_counter() - started
    return summary


def _end(output: Output, summary: Summary) -> None:
    """OUTPUT finished when the run went through its input; else left to be continued."""
    try:
        if summary.finished:
            output.finish()
        else:
            output.close()
    except ScorerError as error:  # a full disk, say: the rows written are still there
        summary.failed, summary.input_failed = str(error), False


def _chunks(
    source: Input,
    output: Output,
    job: Job,
    summary: Summary,
    places: deque[list[Row | None]],
    size: int,
) -> Iterator[Chunk]:
    """Chunks of records to score; what the reader could not read stays behind in `places`."""
    done = output.done
    names = columns(job)
    chunk: Chunk = []
    place: list[Row | None] = []
    items = source.records()
    while True:
        try:
            item = next(items, None)
        except ScorerError as error:  # the input cannot be read past here
            summary.failed, summary.input_failed = str(error), True
            item = None
        if item is None:
            break
        position, record = item
        if isinstance(record, Unreadable):
            key = str(position)
        else:
            key = record_id(record, position, job.fields)
        if done and done.get(key):
            done[key] -= 1
            if not done[key]:
                del done[key]
            summary.skipped += 1
            continue
        if isinstance(record, Unreadable):
            place.append(_error_row(key, record.message, names))
        else:
            chunk.append((position, record))
            place.append(None)
        if len(place) >= size:
            places.append(place)
            yield chunk
            chunk, place = [], []
    if place:
        places.append(place)
        yield chunk


def _merged(place: list[Row | None], scored: list[Row]) -> list[Row]:
    rows = iter(scored)
    return [row if row is not None else next(rows) for row in place]


def _error_row(key: str, message: str, names: tuple[str, ...]) -> Row:
    row: Row = dict.fromkeys(names)
    row["id"] = key
    row["error"] = message
    return row


def _count(rows: list[Row], summary: Summary) -> None:
    for row in rows:
        if row["error"] is None:
            summary.scored += 1
        else:
            summary.errors += 1
            if summary.first_error is None:
                summary.first_error = f"{row['id']}: {row['error']}"
