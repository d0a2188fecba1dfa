"""Where a batch's chunks are scored: here, in local worker processes, or on a Dask cluster.

An Executor takes chunks of (position, record) pairs and yields each chunk's rows in the
order the chunks came, keeping only a bounded number of chunks in flight, so a corpus of
any size streams through in constant memory and the output never depends on where it ran.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from scorer.batch.record import Job, Row, score_records

Chunk = list[tuple[int, Mapping[str, Any]]]


class Executor(Protocol):
    def map(self, chunks: Iterable[Chunk], job: Job) -> Iterator[list[Row]]:
        """`score_records(chunk, job)` for each chunk, in order, a bounded number in flight."""
        ...

    def close(self) -> None: ...


class Serial:
    """Scores each chunk in this process: `--jobs 1`."""

    def map(self, chunks: Iterable[Chunk], job: Job) -> Iterator[list[Row]]:
        for chunk in chunks:
            yield score_records(chunk, job)

    def close(self) -> None:
        pass
