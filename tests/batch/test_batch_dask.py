"""A batch on a Dask cluster gives the rows a local run gives, in the same order.

One real `LocalCluster` (two worker processes, one thread each) serves the module; the
corpus is the two seed articles and 120 articles made from their paragraphs, with an empty
text, a record with no text field and records with no id among them. The tests that kill workers come last.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, Future, LocalCluster, get_task_stream

import scorer
from scorer.batch import dask as on_dask
from scorer.batch.dask import DaskExecutor, score_bag, score_dataframe
from scorer.batch.executor import Chunk, Serial
from scorer.batch.record import Job, Row, columns, prepare
from scorer.config import coerce
from scorer.errors import ScorerError
from tests.conftest import INDEPENDENT, REWRITE, ROOT, article_corpus

EMPTY_AT = 77  # the position of the record with an empty text and no id
# A scheduler that finds the HTTP port 8787 taken (by another cluster here, or on the
# machine) takes another and says so: nothing to act on.
pytestmark = pytest.mark.filterwarnings("ignore:Port 8787 is already in use")

HOUSE_RULE = """
[[rule]]
id = "house-no-hedges"
title = "Any hedge"
category = "hedging"
severity = "info"
scope = "signal"
when = "kind == 'hedge'"
points = -1
message = "hedge: {text}"
why = "House style: say who knows."
"""


def _bodies(n: int) -> list[dict[str, Any]]:
    """Articles made from the examples' paragraphs (the labelled data is not in the repo)."""
    return [{"id": r["Body ID"], "text": r["articleBody"]} for r in article_corpus(n + 2)[2:]]


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    seeds = [
        {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        for path in (REWRITE, INDEPENDENT)
    ]
    bodies = _bodies(120)
    corpus = [*seeds, *bodies[:75], {"text": ""}, *bodies[75:]]
    corpus += [
        {"id": "no-text", "body": "Officials said so."},
        {"id": None, "text": bodies[0]["text"]},
    ]
    assert corpus[EMPTY_AT] == {"text": ""}
    return corpus


@pytest.fixture(scope="module")
def job() -> Job:
    return prepare(Job())


@pytest.fixture(scope="module")
def local_rows(records: list[dict[str, Any]], job: Job) -> list[Row]:
    return _rows(Serial().map(_chunks(records, 8), job))


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    # One death is retried; a chunk whose workers die twice is given up (KilledWorker).
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
    with cluster:
        yield cluster


@pytest.fixture(scope="module")
def executor(cluster: LocalCluster) -> Iterator[DaskExecutor]:
    executor = DaskExecutor(cluster.scheduler_address)
    yield executor
    executor.close()


def _chunks(records: list[dict[str, Any]], size: int) -> list[Chunk]:
    pairs = list(enumerate(records))
    return [pairs[i : i + size] for i in range(0, len(pairs), size)]


def _rows(chunks: Iterator[list[Row]]) -> list[Row]:
    return [row for chunk in chunks for row in chunk]


def _plain(frame: pd.DataFrame) -> list[Row]:
    """A scored data frame's rows as `score_record` gives them: None where a value is null."""

    def value(v: Any) -> Any:
        return None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v

    values = {name: [value(v) for v in frame[name].tolist()] for name in frame.columns}
    return [dict(zip(values, row, strict=True)) for row in zip(*values.values(), strict=True)]


def test_the_cluster_gives_the_local_rows_in_order(
    executor: DaskExecutor, records: list[dict[str, Any]], local_rows: list[Row], job: Job
) -> None:
    client = executor.client
    with get_task_stream(client=client) as stream:
        rows = _rows(executor.map(_chunks(records, 8), job))
    assert rows == local_rows
    assert [row["id"] for row in rows[:3]] == [REWRITE.stem, INDEPENDENT.stem, "1014"]
    assert [row["score"] for row in rows[:2]] == [15.5, 75.0]
    assert rows[EMPTY_AT]["id"] == "77"
    assert rows[EMPTY_AT]["error"] == f"record {EMPTY_AT}: the document is empty"
    assert rows[-2]["error"] == "no text field 'text' (fields: body, id)"
    assert rows[-1]["id"] == "124"  # no id: its position
    assert rows[-1]["score"] == rows[2]["score"] == scorer.audit(records[2]["text"]).score
    assert sum(row["error"] is None for row in rows) == len(records) - 2

    # The work was done in the two worker processes, with durable-rules in each.
    pids = client.run(os.getpid)
    scored_on = {task["worker"] for task in stream.data if "_score_chunk" in str(task["key"])}
    assert scored_on == set(pids) and len(pids) == 2
    assert os.getpid() not in pids.values()
    assert client.run(_durable_session) == {w: f"scorer-{pid}" for w, pid in pids.items()}


def test_nothing_is_left_on_the_cluster_after_a_run(
    executor: DaskExecutor, records: list[dict[str, Any]], job: Job
) -> None:
    client = executor.client
    rows = executor.map(_chunks(records[:40], 4), job)
    next(rows)
    rows.close()  # the caller stops early: chunks still in flight are cancelled
    assert sum(len(chunk) for chunk in executor.map(_chunks(records[:40], 4), job)) == 40
    _settled(lambda: client.run_on_scheduler(_tasks) == 0)
    assert not client.futures


def test_a_run_whose_tasks_are_cancelled_on_the_cluster_stops_with_one_error(
    executor: DaskExecutor, records: list[dict[str, Any]], job: Job
) -> None:
    client = executor.client
    rows = executor.map(_chunks(records[:40], 2), job)
    next(rows)
    client.cancel([Future(key, client) for key in list(client.futures)])  # as a restart does
    with pytest.raises(ScorerError, match="cancelled the run's tasks"):
        _rows(rows)
    _settled(lambda: not client.futures)


def test_a_run_that_loses_its_scheduler_stops_with_one_error(
    records: list[dict[str, Any]], job: Job
) -> None:
    cluster = LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    )
    executor = DaskExecutor(cluster.scheduler_address, jobs=1)
    rows = executor.map(_chunks(records[:40], 2), job)
    next(rows)
    cluster.close()
    with pytest.raises(
        ScorerError, match=r"^lost the Dask scheduler at inproc://\S+: .*scheduler-connection-lost"
    ):
        _rows(rows)
    executor.close()


def test_at_most_twice_jobs_chunks_are_in_flight(
    executor: DaskExecutor, records: list[dict[str, Any]], local_rows: list[Row], job: Job
) -> None:
    pulled: list[int] = []

    def chunks() -> Iterator[Chunk]:
        for chunk in _chunks(records[:12], 2):
            pulled.append(chunk[0][0])
            yield chunk

    two = DaskExecutor(executor.address, jobs=2)
    try:
        rows = two.map(chunks(), job)
        assert (next(rows), len(pulled)) == (local_rows[0:2], 4)
        assert (next(rows), len(pulled)) == (local_rows[2:4], 5)
        assert _rows(rows) == local_rows[4:12] and len(pulled) == 6
    finally:
        two.close()


def test_score_bag_gives_the_local_rows_and_global_positions_for_missing_ids(
    executor: DaskExecutor, records: list[dict[str, Any]], local_rows: list[Row]
) -> None:
    bag = db.from_sequence(records, npartitions=5)
    rows = score_bag(bag).compute(scheduler=executor.client)
    assert rows == local_rows
    assert (rows[EMPTY_AT]["id"], rows[-1]["id"]) == ("77", "124")
    assert tuple(rows[0]) == columns(Job())


def test_score_bag_turns_a_record_that_is_not_a_mapping_into_an_error_row() -> None:
    bag = db.from_sequence(['{"id": "a", "text": ""}', None], npartitions=1)
    rows = score_bag(bag).compute(scheduler="sync")
    assert [(row["id"], row["error"]) for row in rows] == [
        ("0", "record is str, not a mapping of fields"),
        ("1", "record is NoneType, not a mapping of fields"),
    ]


def test_score_dataframe_gives_the_local_rows_with_nullable_dtypes(
    executor: DaskExecutor, records: list[dict[str, Any]], local_rows: list[Row]
) -> None:
    # In a frame every row has every column: a missing text is a null cell, as in Parquet.
    tabled = [{"id": r.get("id"), "text": r.get("text")} for r in records]
    null_text = {**local_rows[-2], "error": "text field 'text' is NoneType, not text"}
    expected = [*local_rows[:-2], null_text, local_rows[-1]]
    frame = pd.DataFrame(tabled, index=pd.RangeIndex(100, 100 + len(tabled)))
    scored = score_dataframe(dd.from_pandas(frame, npartitions=4))
    result = scored.compute(scheduler=executor.client)
    assert _plain(result) == expected
    assert list(result.index) == list(frame.index)
    assert result.loc[100:101, "score"].tolist() == [15.5, 75.0]
    assert result["score"].tolist()[5] == scorer.audit(records[5]["text"]).score
    assert (result.loc[177, "id"], result.loc[224, "id"]) == ("77", "124")
    assert result.iloc[-2]["error"] == "text field 'text' is NoneType, not text"
    assert result.iloc[-2]["score"] != result.iloc[-2]["score"]  # NaN
    assert result.iloc[-2]["words"] is pd.NA
    dtypes = dict(scored.dtypes.astype(str))
    assert dtypes == dict(result.dtypes.astype(str))
    assert (dtypes["id"], dtypes["label"], dtypes["error"]) == ("string", "string", "string")
    assert (dtypes["score"], dtypes["subscore_hedging"]) == ("float64", "float64")
    assert (dtypes["words"], dtypes["n_hedge"], dtypes["n_claim_unattributed"]) == (
        "Int64",
        "Int64",
        "Int64",
    )


def test_a_parquet_corpus_is_scored_into_parquet_with_its_findings(
    executor: DaskExecutor, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    sample = [{"id": r.get("id"), "text": r.get("text")} for r in records[:60]]
    expected = _rows(Serial().map(_chunks(sample, 8), prepare(Job(findings=True))))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, part in enumerate((sample[:25], sample[25:])):
        pd.DataFrame(part).to_parquet(corpus / f"part-{n}.parquet")

    scored = score_dataframe(dd.read_parquet(corpus), findings=True)
    scored.to_parquet(tmp_path / "scored", compute_kwargs={"scheduler": executor.client})
    back = pd.read_parquet(tmp_path / "scored", dtype_backend="pyarrow")
    assert _plain(back) == expected
    assert expected[0]["findings"][0]["rule"] == "anonymous-heavy"


def test_the_rule_set_travels_with_the_job_so_workers_need_no_rule_files(
    executor: DaskExecutor, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    house = tmp_path / "house.toml"
    house.write_text(HOUSE_RULE, encoding="utf-8")
    config = coerce({"rules": [str(house)]})
    job = prepare(Job(config=config, findings=True))
    sample = records[:30]
    expected = _rows(Serial().map(_chunks(sample, 5), job))
    bag = score_bag(db.from_sequence(sample, npartitions=3), config=config, findings=True)
    house.unlink()  # neither the workers nor this process could read it now

    rows = _rows(executor.map(_chunks(sample, 5), job))
    assert rows == expected == bag.compute(scheduler=executor.client)
    fired = [f for row in rows for f in row["findings"] or () if f["rule"] == "house-no-hedges"]
    assert fired and fired[0]["points"] == -1


def test_threads_in_one_process_score_one_at_a_time(
    records: list[dict[str, Any]], job: Job, local_rows: list[Row]
) -> None:
    # durable-rules has one session per process: unguarded, 4 threads got 33 of 200 rows wrong.
    sample = records[:60]
    with LocalCluster(
        n_workers=1, threads_per_worker=4, processes=False, dashboard_address=None
    ) as threaded:
        executor = DaskExecutor(threaded.scheduler_address)
        try:
            assert _rows(executor.map(_chunks(sample, 3), job)) == local_rows[:60]
        finally:
            executor.close()
    frame = dd.from_pandas(pd.DataFrame(sample), npartitions=12)
    scored = score_dataframe(frame).compute(scheduler="threads", num_workers=4)
    assert _plain(scored) == local_rows[:60]


def test_a_bad_address_is_one_line_naming_it_after_the_timeout_given() -> None:
    with pytest.raises(ScorerError) as caught:
        DaskExecutor("tcp://127.0.0.1:1", timeout=1)
    assert str(caught.value) == (
        "cannot connect to the Dask scheduler at tcp://127.0.0.1:1: "
        "Timed out trying to connect to tcp://127.0.0.1:1 after 1 s"
    )
    with pytest.raises(ScorerError, match="at localhost: missing port number"):
        DaskExecutor("localhost")


def test_workers_of_another_scorer_version_are_refused(
    cluster: LocalCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scorer, "__version__", "0.0.1")
    with pytest.raises(ScorerError, match=r"run scorer 0\.1\.0, this client 0\.0\.1"):
        DaskExecutor(cluster.scheduler_address)


def test_without_dask_the_error_says_to_install_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ScorerError, match=r"install sourcing-scorer\[dask\]"):
        DaskExecutor("tcp://127.0.0.1:8786")


def test_scorer_and_its_command_line_do_not_import_dask() -> None:
    code = (
        "import sys, scorer, scorer.cli, scorer.batch.record, scorer.batch.executor\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'}))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "[]", out.stderr


def test_a_worker_that_dies_once_is_retried_and_the_rows_are_the_same(
    executor: DaskExecutor,
    records: list[dict[str, Any]],
    local_rows: list[Row],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    job: Job,
) -> None:
    sample = [dict(r) for r in records[:24]]
    sample[9]["die_once"] = str(tmp_path / "died")
    monkeypatch.setattr(on_dask, "_score_chunk", _die_once)
    rows = _rows(executor.map(_chunks(sample, 4), job))
    assert (tmp_path / "died").exists()
    assert rows == local_rows[:24]
    executor.client.wait_for_workers(2, timeout=60)


def test_a_chunk_whose_workers_keep_dying_is_error_rows_and_the_run_goes_on(
    executor: DaskExecutor,
    records: list[dict[str, Any]],
    local_rows: list[Row],
    monkeypatch: pytest.MonkeyPatch,
    job: Job,
) -> None:
    sample = [dict(r) for r in records[:12]]
    sample[1]["poison"] = True
    monkeypatch.setattr(on_dask, "_score_chunk", _die)
    client = executor.client

    def alone() -> Iterator[Chunk]:
        # A chunk that was on a worker when it died counts the death too, poisoned or not:
        # here each chunk goes out once the one before it is done, so only one is given up.
        for chunk in _chunks(sample, 4):
            _settled(lambda: not _pending(client, "_die"), timeout=60)
            yield chunk

    rows = _rows(executor.map(alone(), job))
    assert [row["id"] for row in rows[:4]] == [REWRITE.stem, INDEPENDENT.stem, "1014", "1021"]
    assert all(row["score"] is None for row in rows[:4])
    assert rows[1]["error"].startswith("not scored: the Dask task failed (KilledWorker: ")
    assert rows[4:] == local_rows[4:12]
    client.wait_for_workers(2, timeout=60)


def _die_once(chunk: Chunk, job: Job) -> list[Row]:
    for _, record in chunk:
        marker = record.get("die_once")
        if marker and not os.path.exists(marker):
            Path(marker).touch()
            os._exit(1)
    return on_dask.score_records(chunk, job)


def _die(chunk: Chunk, job: Job) -> list[Row]:
    if any(record.get("poison") for _, record in chunk):
        os._exit(1)
    return on_dask.score_records(chunk, job)


def _durable_session() -> str | None:
    from scorer.engine import durable

    return durable._ENGINE.sid if durable._ENGINE is not None else None


def _tasks(dask_scheduler: Any) -> int:
    return len(dask_scheduler.tasks)


def _pending(client: Client, prefix: str) -> list[str]:
    return [
        k for k, f in client.futures.items() if str(k).startswith(prefix) and f.status == "pending"
    ]


def _settled(condition: Any, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the cluster did not settle"
        time.sleep(0.05)
