"""One record, one row: the contract every batch executor and format builds on."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pytest

import scorer
from scorer.batch.record import Fields, Job, columns, prepare, record_id, score_record
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
SEEDS = sorted(EXAMPLES.glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_a_row_scores_what_audit_scores(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    audit = scorer.audit(text)
    row = score_record({"id": "a1", "text": text}, 0, prepare(Job()))
    assert row["error"] is None
    assert (row["id"], row["score"], row["label"]) == ("a1", audit.score, audit.label)
    assert {k[len("subscore_") :]: v for k, v in row.items() if k.startswith("subscore_")} == (
        dict(audit.subscores or {})
    )
    assert row["n_attribution"] == sum(s.kind == "attribution" for s in audit.signals)
    anonymous = sum(
        s.kind == "attribution" and s.fields["source"]["type"] == "anonymous" for s in audit.signals
    )
    assert row["n_attribution_anonymous"] == anonymous
    assert row["findings_count"] == sum(not f.credit for f in audit.findings)


def test_every_row_has_the_runs_columns_in_order() -> None:
    job = prepare(Job(findings=True))
    good = score_record({"text": SEEDS[0].read_text(encoding="utf-8")}, 4, job)
    bad = score_record({"text": "   "}, 5, job)
    assert tuple(good) == tuple(bad) == columns(job)
    assert columns(job)[:7] == (
        "id", "score", "label", "genre", "unjudged", "words", "findings_count"
    )  # fmt: skip
    assert (good["genre"], good["unjudged"]) == ("news", None)
    assert columns(job)[-2:] == ("findings", "error")
    assert "findings" not in columns(Job())
    assert good["findings"][0].keys() >= {"rule", "line", "column", "message", "points"}


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ({"text": ""}, "record 3: the document is empty"),
        ({"body": "Officials said so."}, "no text field 'text' (fields: body)"),
        ({"text": None}, "text field 'text' is NoneType, not text"),
        ({"text": 12}, "text field 'text' is int, not text"),
    ],
)
def test_a_record_that_cannot_be_scored_is_an_error_row(record: dict, error: str) -> None:
    row = score_record(record, 3, Job())
    assert row["error"] == error
    assert row["id"] == "3"
    assert row["score"] is None


def test_fields_are_configurable_and_the_title_is_the_headline() -> None:
    fields = Fields(text="body", id="doc", title="headline")
    seed = (EXAMPLES / "habib-defection-rewrite.txt").read_text(encoding="utf-8")
    headline, _, body = seed.partition("\n")
    record = {"doc": "x9", "body": body.strip(), "headline": headline}
    row = score_record(record, 0, Job(fields=fields))
    assert (row["id"], row["score"]) == ("x9", scorer.audit(seed).score) == ("x9", 15.5)
    untitled = score_record(record, 0, Job(fields=Fields(text="body", id="doc", title=None)))
    # 10 points more: with no headline, nothing overstates the body
    assert untitled["score"] == scorer.audit(body.strip()).score == 25.5


@pytest.mark.parametrize(
    ("value", "expected"), [(7.0, "7"), (7.5, "7.5"), ("", "2"), (None, "2"), (math.nan, "2")]
)
def test_ids_as_csv_and_pandas_give_them(value: object, expected: str) -> None:
    assert record_id({"id": value}, 2, Fields()) == expected


def test_a_prepared_job_travels_to_another_process_whole() -> None:
    job = prepare(Job(engine="python"))
    again = pickle.loads(pickle.dumps(job))
    text = SEEDS[0].read_text(encoding="utf-8")
    assert score_record({"text": text}, 0, again) == score_record({"text": text}, 0, job)
    assert again.rules is not None and [r.id for r in again.rules.rules] == [
        r.id for r in job.rules.rules
    ]
