"""Where a batch's chunks are scored: here, in local worker processes, or on a Dask cluster.

An Executor takes chunks of (position, record) pairs and yields each chunk's rows in the
order the chunks came, keeping only a bounded number of chunks in flight, so a corpus of
any size streams through in constant memory and the output never depends on where it ran.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from scorer.batch.record import Job, Row, score_records
from scorer.runs.pool import Pool

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


class Processes:
    """Scores chunks in `jobs` local worker processes (scorer.runs.pool): `--jobs N`.

    At most `2 * jobs` chunks are in flight, so the reader never runs ahead of the workers
    by more than that; rows come back in the order the chunks went. The job, with its rule
    set, goes to each worker once, when it starts, not with every chunk.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: Pool | None = None
        self._job: Job | None = None

    def map(self, chunks: Iterable[Chunk], job: Job) -> Iterator[list[Row]]:
        return self._started(job).map(_score_here, chunks)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def _started(self, job: Job) -> Pool:
        if self._pool is None or self._job != job or self._job.rules is not job.rules:
            self.close()
            self._pool = Pool(self.jobs, _start_worker, (job,))
            self._job = job
        return self._pool


# The job of the run, in a worker process: set once by `_start_worker`.
_WORKER_JOB: list[Job] = []


def _start_worker(job: Job) -> None:
    _WORKER_JOB[:] = [job]


def _score_here(chunk: Chunk) -> list[Row]:
    return score_records(chunk, _WORKER_JOB[0])
