"""Scoring on a Dask cluster: the executor behind `scorer batch --scheduler tcp://HOST:PORT`,
and `score_bag` / `score_dataframe` for corpora that already live in Dask.

Every path scores a record with `score_record` under a prepared `Job`, so a row computed on
a worker equals the row `scorer batch` computes locally for the same record (and its score
equals `scorer.audit(text).score`). The prepared rule set travels inside the job, sent once
to each worker: workers need the same scorer version installed, never the config's files.

A record with no id (the key missing, None, empty or NaN) takes its 0-based position in the
whole collection as its id: counted across partitions in order, as a local run over the same
file counts lines, so the fallback ids match the local run too.

The durable-rules engine keeps one session per process, so it evaluates one document at a
time whatever the worker's thread count (the lock is in scorer.engine.durable). The pipeline
is pure Python and holds the GIL, so threads would gain nothing anyway: run workers with
`--nthreads 1` and as many processes as cores (docs/dask.md).

Dask is an optional extra (`pip install 'sourcing-scorer[dask]'`), imported only when used here.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import CancelledError
from typing import TYPE_CHECKING, Any

from scorer.batch.executor import Chunk
from scorer.batch.record import (
    Fields,
    Job,
    Row,
    columns,
    prepare,
    record_id,
    score_record,
    score_records,
)
from scorer.errors import ScorerError

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas
    from dask.delayed import Delayed
    from dask.highlevelgraph import HighLevelGraph
    from distributed import Client, Future

# Connecting to a scheduler that is not there fails after this many seconds, not Dask's 30.
CONNECT_TIMEOUT = 5.0


class DaskExecutor:
    """Scores chunks on the Dask cluster whose scheduler is at `address`.

    At most 2 × `jobs` chunks are in flight, as in the local process pool (`jobs` defaults
    to the cluster's worker threads when the run starts), so no worker waits for its next
    chunk; each chunk's rows are yielded in input order, then released on client and
    cluster alike, so memory stays flat for any corpus. A chunk the cluster fails to score
    (its workers kept dying: `KilledWorker`) becomes an error row for each of its records;
    the run goes on.
    """

    def __init__(
        self, address: str, jobs: int | None = None, *, timeout: float = CONNECT_TIMEOUT
    ) -> None:
        distributed = _import("distributed")
        self.address = address
        self.jobs = jobs
        try:
            self.client: Client = distributed.Client(address, timeout=timeout, set_as_default=False)
        except (OSError, ValueError) as error:  # nothing listening, no such host, bad address
            raise ScorerError(
                f"cannot connect to the Dask scheduler at {address}: {_line(error)}"
            ) from None
        try:
            _check_workers(self.client, address)
        except ScorerError:
            self.client.close()
            raise

    def map(self, chunks: Iterable[Chunk], job: Job) -> Iterator[list[Row]]:
        job = prepare(job)
        client = self.client
        # The job is one task's result, which each worker fetches once, rather than part of
        # every chunk's task: the rule set is the big part. Not scattered: scattered data
        # is lost for good when the workers holding it die, a task's result is recomputed.
        shared = client.submit(_given, job, pure=False)
        window = 2 * (self.jobs or max(1, sum(client.nthreads().values())))
        pending: deque[tuple[Chunk, Future]] = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, client.submit(_score_chunk, chunk, shared, pure=False)))
                if len(pending) >= window:
                    yield self._rows(*pending.popleft(), job)
            while pending:
                yield self._rows(*pending.popleft(), job)
        finally:
            # The caller may stop early (an error, a closed generator): nothing left running.
            if pending:
                client.cancel([future for _, future in pending])
            shared.release()

    def _rows(self, chunk: Chunk, future: Future, job: Job) -> list[Row]:
        try:
            rows: list[Row] = future.result()
        except Exception as error:
            if self.client.status != "running":
                raise ScorerError(
                    f"lost the Dask scheduler at {self.address}: {_line(error)}"
                ) from None
            if isinstance(error, CancelledError):
                # Cancelled on the cluster (a restart, another client): so is every task
                # still to come, which must not all become error rows.
                raise ScorerError(
                    f"the Dask cluster at {self.address} cancelled the run's tasks: {_line(error)}"
                ) from None
            rows = _failed(chunk, job, error)  # KilledWorker: this chunk's workers died
        finally:
            future.release()
        return rows

    def close(self) -> None:
        import logging

        # A client that lost its scheduler logs its cancelled reconnection, traceback and
        # all, as it closes; the run has already said so in one line.
        log = logging.getLogger("distributed.client")
        level = log.level
        if self.client.status != "running":
            log.setLevel(logging.CRITICAL)
        try:
            self.client.close()
        finally:
            log.setLevel(level)


def score_bag(
    bag: dask.bag.Bag,
    *,
    text: str = "text",
    id: str | None = "id",
    title: str | None = "title",
    findings: bool = False,
    config: object = None,
    engine: str | None = None,
) -> dask.bag.Bag:
    """A bag of rows (dicts in `columns(job)` order), one per record of `bag`, in its order.

    Records are mappings (e.g. `db.read_text(path).map(json.loads)`); `text`, `id` and
    `title` name their keys. `config` is what `scorer.audit` accepts. Lazy: nothing is
    scored until the bag is computed.
    """
    _import("dask.bag")
    import dask.bag as db

    job = _job(text, id, title, findings, config, engine)
    graph, name = _scored(bag.to_delayed(), _score_partition, job)
    return db.Bag(graph, name, bag.npartitions)


def score_dataframe(
    ddf: dask.dataframe.DataFrame,
    *,
    text: str = "text",
    id: str | None = "id",
    title: str | None = "title",
    findings: bool = False,
    config: object = None,
    engine: str | None = None,
) -> dask.dataframe.DataFrame:
    """A data frame of rows, one per row of `ddf`, with its index and its partitions.

    Columns are `columns(job)`. Dtypes: `id`, `label` and `error` are pandas `string`;
    `score` and the `subscore_*` are float64 (NaN on an error row); `words`,
    `findings_count` and the `n_*` counts are nullable `Int64` (<NA> on an error row);
    `findings`, when asked for, is an Arrow list of structs, one per finding, with the keys
    of `Finding.to_dict()` (null on an error row). Lazy, like `score_bag`.
    """
    _import("dask.dataframe")
    import dask.dataframe as dd
    from dask.delayed import Delayed

    if text not in ddf.columns:
        have = ", ".join(map(str, ddf.columns)) or "none"
        raise ScorerError(f"no text column {text!r} in the data frame (columns: {have})")
    job = _job(text, id, title, findings, config, engine)
    # Only the columns a record is read for, so a Parquet reader loads nothing else.
    ddf = ddf[[c for c in dict.fromkeys((text, id, title)) if c is not None and c in ddf.columns]]
    graph, name = _scored(ddf.to_delayed(), _score_frame, job)
    return dd.from_delayed(
        [Delayed((name, k), graph, layer=name) for k in range(ddf.npartitions)],
        meta=_frame([], job, ddf._meta.index),
        divisions=ddf.divisions if ddf.known_divisions else None,
        verify_meta=False,
    )


def _job(
    text: str,
    id: str | None,
    title: str | None,
    findings: bool,
    config: object,
    engine: str | None,
) -> Job:
    from scorer.config import coerce

    fields = Fields(text=text, id=id, title=title)
    return prepare(Job(fields=fields, config=coerce(config), engine=engine, findings=findings))


def _scored(
    parts: list[Delayed], score: Callable[[Any, int, Job], Any], job: Job
) -> tuple[HighLevelGraph, str]:
    """The graph scoring each partition with `score(records, offset, job)`: `offset` is the
    number of records in the partitions before it, so positions are global.

    The offsets form a chain, each the last plus one partition's length, so partition k
    waits only for partitions 0..k-1 to be read (not scored), never for the whole corpus.
    One layer built by hand: chained `dask.delayed` calls would merge ever larger graphs
    (4.9 s to build for 2,000 partitions, growing with their square). The job is one key
    of the graph, sent to each worker once.
    """
    import operator

    from dask.highlevelgraph import HighLevelGraph

    token = uuid.uuid4().hex
    name, shared = f"scorer-rows-{token}", f"scorer-job-{token}"
    listed, length, offset = (f"scorer-{what}-{token}" for what in ("listed", "len", "offset"))
    layer: dict[Any, Any] = {shared: job}
    for k, part in enumerate(parts):
        # Listed once: a bag partition may be an iterator, and it is read here twice.
        layer[(listed, k)] = (_listed, part.key)
        layer[(length, k)] = (len, (listed, k))
        layer[(offset, k)] = (operator.add, (offset, k - 1), (length, k - 1)) if k else 0
        layer[(name, k)] = (score, (listed, k), (offset, k), shared)
    return HighLevelGraph.from_collections(name, layer, dependencies=parts), name


def _listed(part: Any) -> Any:
    return part if hasattr(part, "__len__") else list(part)


def _given(job: Job) -> Job:
    return job


def _score_chunk(chunk: Chunk, job: Job) -> list[Row]:
    return score_records(chunk, job)


def _score_partition(records: list[Any], offset: int, job: Job) -> list[Row]:
    return [
        score_record(record, position, job)
        if isinstance(record, Mapping)
        else _not_a_record(position, record, job)  # a line not parsed, a JSON null
        for position, record in enumerate(records, offset)
    ]


def _score_frame(frame: pandas.DataFrame, offset: int, job: Job) -> pandas.DataFrame:
    import pandas as pd

    def value(v: Any) -> Any:
        # A null cell reads as None, as it does from a Parquet or JSONL reader.
        return None if v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v) else v

    records = [{k: value(v) for k, v in r.items()} for r in frame.to_dict("records")]
    rows = score_records(list(enumerate(records, offset)), job)
    return _frame(rows, job, frame.index)


def _frame(rows: list[Row], job: Job, index: pandas.Index) -> pandas.DataFrame:
    import pandas as pd

    # Column by column: a frame of objects cast to 40-odd dtypes takes twice as long.
    data = {
        name: pd.array([row[name] for row in rows], dtype=_dtype(name)) for name in columns(job)
    }
    return pd.DataFrame(data, index=index[: len(rows)])


def _dtype(column: str) -> Any:
    if column in ("id", "label", "genre", "unjudged", "error"):
        return "string"
    if column == "score" or column.startswith("subscore_"):
        return "float64"
    if column == "findings":
        return _findings_dtype()
    return "Int64"  # words and counts: whole numbers, absent on an error row


def _findings_dtype() -> pandas.ArrowDtype:
    """A list of Finding structs: typed, so `to_parquet` can write it (an object column of
    lists has no schema Dask can infer, and Dask would turn it into text)."""

    import pandas as pd
    import pyarrow as pa

    from scorer.scoring.points import JSON_FIELDS

    arrow = {
        "str": pa.string(),
        "str | None": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
    }
    fields = [(f.name, arrow[str(f.type)]) for f in JSON_FIELDS]
    return pd.ArrowDtype(pa.list_(pa.struct(fields)))


def _failed(chunk: Chunk, job: Job, error: BaseException) -> list[Row]:
    message = f"not scored: the Dask task failed ({type(error).__name__}: {_line(error)})"
    rows = []
    for position, record in chunk:
        row: Row = dict.fromkeys(columns(job))
        row["id"] = record_id(record, position, job.fields)
        row["error"] = message
        rows.append(row)
    return rows


def _not_a_record(position: int, value: object, job: Job) -> Row:
    row: Row = dict.fromkeys(columns(job))
    row["id"] = str(position)
    row["error"] = f"record is {type(value).__name__}, not a mapping of fields"
    return row


def _check_workers(client: Client, address: str) -> None:
    """The workers run this scorer version: a worker without it would fail every task."""
    from scorer import __version__

    try:
        versions = client.run(_version)
    except Exception as error:
        raise ScorerError(
            f"the Dask workers of {address} cannot run scorer ({_line(error)}); "
            f"install sourcing-scorer[dask]=={__version__} on every worker"
        ) from None
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise ScorerError(
            f"the Dask workers of {address} run scorer {', '.join(other)}, this client "
            f"{__version__}; install the same version everywhere"
        )


def _version() -> str:
    from scorer import __version__

    return __version__


def _line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def _import(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ScorerError(
            f"Dask is not installed ({module}); install sourcing-scorer[dask] to score on a cluster"
        ) from None
