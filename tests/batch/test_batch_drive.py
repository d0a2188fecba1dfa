"""The batch driver: rows in input order whatever the executor, records already done
skipped, and every way a run can end leaving OUTPUT whole."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

import scorer
from scorer.batch import drive
from scorer.batch.executor import Executor, Processes, Serial
from scorer.batch.read import open_input
from scorer.batch.record import Fields, Job, columns, prepare
from scorer.batch.write import open_output
from tests.conftest import INDEPENDENT, REWRITE

SEEDS = [INDEPENDENT.read_text(encoding="utf-8"), REWRITE.read_text(encoding="utf-8")]
LINES = [
    json.dumps({"id": "ind", "text": SEEDS[0]}),
    "{broken",
    json.dumps({"id": "rew", "text": SEEDS[1]}),
    json.dumps({"text": "Officials said the bridge would reopen on Monday."}),
    json.dumps({"id": "empty", "text": ""}),
    "",
    json.dumps({"id": "ind-again", "text": SEEDS[0]}),
    json.dumps({"id": "plain", "body": "no text field"}),
]
EXPECTED = [
    ("ind", 75.0, None),
    ("1", None, "line 2, column 2: not JSON (Expecting property name enclosed in double quotes)"),
    ("rew", 15.5, None),
    ("3", scorer.audit("Officials said the bridge would reopen on Monday.").score, None),
    ("empty", None, "record empty: the document is empty"),
    ("ind-again", 75.0, None),
    ("plain", None, "no text field 'text' (fields: body, id)"),
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


def scored(corpus: Path, out: Path, executor: Executor, **options: Any) -> drive.Summary:
    job = Job(**options)
    output = open_output(str(out), out.suffix[1:], columns(prepare(job)), overwrite=False)
    return drive.score(
        open_input(str(corpus), None, job.fields), output, job, executor, chunk_size=2
    )


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.parametrize("executor", [Serial(), Processes(2)], ids=["serial", "processes"])
def test_rows_come_in_input_order_with_error_rows_in_place(
    corpus: Path, tmp_path: Path, executor: Executor
) -> None:
    out = tmp_path / "scores.jsonl"
    summary = scored(corpus, out, executor)
    assert [(r["id"], r["score"], r["error"]) for r in rows(out)] == EXPECTED
    assert (summary.scored, summary.errors, summary.skipped) == (4, 3, 0)
    assert (
        summary.first_error
        == "1: line 2, column 2: not JSON (Expecting property name enclosed in double quotes)"
    )
    assert summary.finished and summary.failed is None


def test_a_second_run_skips_every_id_done_and_scores_the_rest(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.jsonl"
    half = tmp_path / "half.jsonl"
    half.write_text("\n".join(LINES[:3]) + "\n")
    scored(half, out, Serial())
    summary = scored(corpus, out, Serial())
    assert (summary.scored, summary.errors, summary.skipped) == (2, 2, 3)
    assert [(r["id"], r["score"], r["error"]) for r in rows(out)] == EXPECTED


def test_an_id_twice_is_scored_twice_and_skipped_as_often_as_it_was_written(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    twice = json.dumps({"id": "same", "text": SEEDS[1]})
    corpus.write_text(f"{twice}\n{twice}\n")
    out = tmp_path / "scores.jsonl"
    assert scored(corpus, out, Serial()).scored == 2
    out.write_text(out.read_text().splitlines(keepends=True)[0])
    summary = scored(corpus, out, Serial())
    assert (summary.scored, summary.skipped) == (1, 1)
    assert [r["id"] for r in rows(out)] == ["same", "same"]


def test_an_input_that_cannot_be_read_further_keeps_the_rows_before_and_finishes(
    tmp_path: Path,
) -> None:
    lines = b"".join(
        json.dumps({"id": n, "text": SEEDS[1][:400]}).encode() + b"\n" for n in range(400)
    )
    whole = gzip.compress(lines)
    corpus = tmp_path / "corpus.jsonl.gz"
    corpus.write_bytes(whole[: len(whole) // 2])
    out = tmp_path / "scores.parquet"
    summary = scored(corpus, out, Serial())
    assert summary.input_failed and summary.finished
    assert summary.failed is not None and "cannot read past line" in summary.failed
    ids = pq.read_table(out).column("id").to_pylist()
    assert ids == [str(n) for n in range(len(ids))] and 0 < len(ids) < 400
    assert sorted(os.listdir(tmp_path)) == ["corpus.jsonl.gz", "scores.parquet"]


def test_ctrl_c_keeps_what_is_written_and_leaves_a_parquet_run_to_be_continued(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "scores.parquet"
    job = Job()
    output = open_output(str(out), "parquet", columns(prepare(job)), overwrite=False)

    def interrupt(rows: int) -> None:
        raise KeyboardInterrupt

    summary = drive.score(
        open_input(str(corpus), None, Fields()),
        output,
        job,
        Processes(2),
        advance=interrupt,
        chunk_size=2,
    )
    assert summary.interrupted and not summary.finished
    assert not out.exists()
    assert [r["id"] for r in rows(Path(f"{out}.partial.jsonl"))] == ["ind", "1"]
    summary = scored(corpus, out, Serial())
    assert summary.skipped == 2
    assert [(r["id"], r["score"], r["error"]) for r in pq.read_table(out).to_pylist()] == EXPECTED


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch reaches forked workers only"
)
def test_a_worker_that_dies_stops_the_run_with_the_rows_before_it_kept(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorer.batch import executor

    real = executor.score_records

    def dies_on_rew(chunk: list, job: Job) -> list:
        if any(record.get("id") == "rew" for _, record in chunk):
            os._exit(3)
        return real(chunk, job)

    # The pool's workers are forked after this, so they inherit the patch.
    monkeypatch.setattr(executor, "score_records", dies_on_rew)
    out = tmp_path / "scores.jsonl"
    summary = scored(corpus, out, Processes(1))
    assert summary.failed is not None
    assert summary.failed.startswith("a worker process died (")
    assert summary.failed.endswith("); run again to continue")
    assert not summary.input_failed and not summary.finished
    assert [r["id"] for r in rows(out)] == ["ind", "1"]


def test_the_process_pool_keeps_a_bounded_number_of_chunks_in_flight() -> None:
    pulled = []
    job = prepare(Job())

    def chunks() -> Iterator[list]:
        for n in range(12):
            pulled.append(n)
            yield [(n, {"id": str(n), "text": SEEDS[1]})]

    pool = Processes(2)
    try:
        ahead = []
        for n, rows_ in enumerate(pool.map(chunks(), job)):
            assert rows_[0]["id"] == str(n)
            ahead.append(len(pulled) - n)
    finally:
        pool.close()
    assert max(ahead) == 4  # 2 * jobs: the reader never runs further ahead than that


def test_an_output_that_cannot_be_finished_is_the_runs_error_not_a_crash(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorer.batch.write import ParquetOutput
    from scorer.errors import ScorerError

    def full(self: ParquetOutput) -> None:
        raise ScorerError("cannot write: No space left on device", path=self.final)

    monkeypatch.setattr(ParquetOutput, "finish", full)
    out = tmp_path / "scores.parquet"
    summary = scored(corpus, out, Serial())
    assert summary.failed == f"{out}: cannot write: No space left on device"
    assert not summary.finished and summary.rows == 7
    assert len(rows(Path(f"{out}.partial.jsonl"))) == 7  # kept for the next run to fold
