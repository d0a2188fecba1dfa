"""Writing rows, and restarting: an earlier run's whole rows are kept and counted as done, a
torn last row is dropped, and rows of two schemas are never mixed."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scorer.batch import restart
from scorer.batch.write import ROW_GROUP, open_output, output_format
from scorer.errors import ScorerError

COLUMNS = ("id", "score", "label", "words", "n_hedge", "findings", "error")
SCORED = {
    "id": "a1",
    "score": 30.0,
    "label": "poorly sourced",
    "words": 120,
    "n_hedge": 3,
    "findings": [{"rule": "hedge-density", "points": -2.0, "message": '12 hedges, "many"'}],
    "error": None,
}
FAILED = dict.fromkeys(COLUMNS) | {"id": "b2", "error": "record b2: the document is empty"}
# A last row whose id has a line break: in CSV it is quoted across two lines.
AWKWARD = SCORED | {"id": "c3\nsecond line", "score": 66.0, "findings": []}


def written(
    path: Path, rows: list[dict], columns: tuple[str, ...] = COLUMNS, **options: bool
) -> None:
    output = open_output(
        str(path), output_format(str(path), None), columns, **{"overwrite": False, **options}
    )
    output.write(rows)
    output.finish()


def test_jsonl_rows_are_objects_with_the_columns_in_order(tmp_path: Path) -> None:
    path = tmp_path / "scores.jsonl"
    written(path, [SCORED, FAILED])
    assert path.read_text(encoding="utf-8") == (
        '{"id":"a1","score":30.0,"label":"poorly sourced","words":120,"n_hedge":3,'
        '"findings":[{"rule":"hedge-density","points":-2.0,"message":"12 hedges, \\"many\\""}],'
        '"error":null}\n'
        '{"id":"b2","score":null,"label":null,"words":null,"n_hedge":null,"findings":null,'
        '"error":"record b2: the document is empty"}\n'
    )


def test_csv_and_tsv_have_a_header_and_findings_as_json_text(tmp_path: Path) -> None:
    written(tmp_path / "scores.csv", [SCORED, FAILED])
    assert (tmp_path / "scores.csv").read_text(encoding="utf-8") == (
        "id,score,label,words,n_hedge,findings,error\n"
        'a1,30.0,poorly sourced,120,3,"[{""rule"":""hedge-density"",""points"":-2.0,'
        '""message"":""12 hedges, \\""many\\""""}]",\n'
        "b2,,,,,,record b2: the document is empty\n"
    )
    written(tmp_path / "scores.tsv", [FAILED])
    assert (tmp_path / "scores.tsv").read_text(encoding="utf-8") == (
        "id\tscore\tlabel\twords\tn_hedge\tfindings\terror\n"
        "b2\t\t\t\t\t\trecord b2: the document is empty\n"
    )


def test_parquet_columns_are_typed_and_nullable(tmp_path: Path) -> None:
    path = tmp_path / "scores.parquet"
    written(path, [SCORED, FAILED])
    table = pq.read_table(path)
    assert [(f.name, str(f.type), f.nullable) for f in table.schema] == [
        ("id", "string", True),
        ("score", "double", True),
        ("label", "string", True),
        ("words", "int64", True),
        ("n_hedge", "int64", True),
        ("findings", "string", True),
        ("error", "string", True),
    ]
    assert table.to_pylist() == [
        SCORED | {"findings": json.dumps(SCORED["findings"], separators=(",", ":"))},
        FAILED,
    ]
    assert sorted(os.listdir(tmp_path)) == ["scores.parquet"]  # no sidecar, no temp file


def test_an_empty_run_still_makes_a_file_with_the_columns(tmp_path: Path) -> None:
    for name in ("scores.jsonl", "scores.csv", "scores.parquet"):
        written(tmp_path / name, [])
    assert (tmp_path / "scores.jsonl").read_text() == ""
    assert (tmp_path / "scores.csv").read_text() == ",".join(COLUMNS) + "\n"
    assert pq.read_table(tmp_path / "scores.parquet").schema.names == list(COLUMNS)


@pytest.mark.parametrize("name", ["scores.jsonl", "scores.csv", "scores.tsv", "scores.parquet"])
def test_a_second_run_knows_the_ids_done_and_appends_after_them(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    written(path, [SCORED, FAILED])
    again = open_output(str(path), output_format(name, None), COLUMNS, overwrite=False)
    assert again.done == Counter({"a1": 1, "b2": 1})
    assert again.held_errors == 1
    again.write([AWKWARD])
    again.finish()
    straight = tmp_path / f"straight-{name}"
    written(straight, [SCORED, FAILED, AWKWARD])
    assert path.read_bytes() == straight.read_bytes()


@pytest.mark.parametrize("name", ["scores.jsonl", "scores.csv"])
def test_a_torn_last_row_is_dropped_wherever_the_run_stopped(tmp_path: Path, name: str) -> None:
    whole = tmp_path / name
    written(whole, [SCORED, FAILED])
    before = whole.stat().st_size
    written(whole, [AWKWARD])
    data = whole.read_bytes()
    path = tmp_path / f"cut-{name}"
    for cut in range(before, len(data) + 1):
        path.write_bytes(data[:cut])
        output = open_output(str(path), output_format(name, None), COLUMNS, overwrite=False)
        assert path.stat().st_size == (len(data) if cut == len(data) else before), cut
        finished = cut == len(data)
        assert output.done == Counter({"a1": 1, "b2": 1} | ({AWKWARD["id"]: 1} if finished else {}))
        if not finished:
            output.write([AWKWARD])
        output.finish()
        assert path.read_bytes() == data, cut


def test_a_torn_csv_header_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text("id,score,lab")
    written(path, [FAILED])
    assert path.read_text().splitlines() == [
        ",".join(COLUMNS),
        "b2,,,,,,record b2: the document is empty",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "scores.jsonl",
            '{"id":"a1"}\n',
            "holds rows with other columns than this run's (lacks score, label, words, n_hedge, findings, error)",
        ),
        (
            "scores.jsonl",
            "garbage\n" + json.dumps(FAILED) + "\n",
            "line 1 is not a row of scorer batch",
        ),
        (
            "scores.csv",
            "id,score,label,words,n_hedge,error\n",
            "holds rows with other columns than this run's (lacks findings)",
        ),
        (
            "scores.csv",
            ",".join(COLUMNS) + "\na1,1\n" + "b2,,,,,,x\n",
            "the row ending on line 2 is not a row of scorer batch",
        ),
        (
            "scores.tsv",
            "\t".join(reversed(COLUMNS)) + "\n",
            "holds rows with other columns than this run's (in another order)",
        ),
    ],
)
def test_rows_that_are_not_this_runs_are_refused(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ScorerError) as raised:
        open_output(str(path), output_format(name, None), COLUMNS, overwrite=False)
    tail = ": written with other options or config?" if "columns" in message else ";"
    assert (
        str(raised.value)
        == f"{path}: {message}{tail} use --overwrite to start over, or another --out"
    )
    assert path.read_text() == content  # untouched
    open_output(str(path), output_format(name, None), COLUMNS, overwrite=True).finish()
    assert path.read_text() in ("", ",".join(COLUMNS) + "\n", "\t".join(COLUMNS) + "\n")


def test_a_parquet_file_without_findings_is_not_continued_with_them(tmp_path: Path) -> None:
    path = tmp_path / "scores.parquet"
    written(path, [FAILED], columns=tuple(c for c in COLUMNS if c != "findings"))
    with pytest.raises(ScorerError) as raised:
        open_output(str(path), "parquet", COLUMNS, overwrite=False)
    assert str(raised.value) == (
        f"{path}: holds rows with other columns than this run's (lacks findings): written with "
        "other options or config? use --overwrite to start over, or another --out"
    )


def test_a_parquet_run_stopped_midway_leaves_its_rows_in_the_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "scores.parquet"
    output = open_output(str(path), "parquet", COLUMNS, overwrite=False)
    output.write([SCORED, FAILED])
    output.close()  # Ctrl-C: no fold
    assert sorted(os.listdir(tmp_path)) == ["scores.parquet.partial.jsonl"]
    assert output.path == restart.sidecar(str(path))
    with open(restart.sidecar(str(path)), "a") as handle:
        handle.write('{"id":"c3","sco')  # and a torn row, as SIGKILL leaves one
    again = open_output(str(path), "parquet", COLUMNS, overwrite=False)
    assert again.done == Counter({"a1": 1, "b2": 1})
    again.write([AWKWARD])
    again.finish()
    assert sorted(os.listdir(tmp_path)) == ["scores.parquet"]
    assert [row["id"] for row in pq.read_table(path).to_pylist()] == ["a1", "b2", AWKWARD["id"]]


def test_a_fold_cut_short_is_undone_and_a_fold_not_renamed_is_renamed(tmp_path: Path) -> None:
    path = tmp_path / "scores.parquet"
    written(path, [SCORED])
    sidecar, temp = restart.sidecar(str(path)), restart.temporary(str(path))
    # Killed while writing the temp file: the sidecar still has the rows.
    Path(sidecar).write_text(json.dumps(FAILED) + "\n")
    Path(temp).write_bytes(b"PAR1 half a file")
    output = open_output(str(path), "parquet", COLUMNS, overwrite=False)
    assert output.done == Counter({"a1": 1, "b2": 1})
    assert not os.path.exists(temp)
    output.finish()
    assert [row["id"] for row in pq.read_table(path).to_pylist()] == ["a1", "b2"]
    # Killed after the sidecar was deleted, before the rename: the temp file is the output.
    os.rename(path, temp)
    written(tmp_path / "old.parquet", [SCORED])
    os.rename(tmp_path / "old.parquet", path)
    output = open_output(str(path), "parquet", COLUMNS, overwrite=False)
    assert output.done == Counter({"a1": 1, "b2": 1})
    output.finish()
    assert sorted(os.listdir(tmp_path)) == ["scores.parquet"]


def test_parquet_row_groups_do_not_depend_on_how_many_runs_wrote_them(tmp_path: Path) -> None:
    rows = [FAILED | {"id": str(n)} for n in range(2 * ROW_GROUP + 452)]
    straight = tmp_path / "straight.parquet"
    written(straight, rows)
    path = tmp_path / "restarted.parquet"
    for start, end in ((0, 1000), (1000, 1700), (1700, len(rows))):
        written(path, rows[start:end])
    assert path.read_bytes() == straight.read_bytes()
    metadata = pq.ParquetFile(path).metadata
    assert [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)] == [
        1024,
        1024,
        452,
    ]


def test_parquet_not_written_by_scorer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scores.parquet"
    pq.write_table(pa.table({name: pa.array([1], pa.int64()) for name in COLUMNS}), path)
    with pytest.raises(ScorerError, match="its column types are not this run's; use --overwrite"):
        open_output(str(path), "parquet", COLUMNS, overwrite=False)
    path.write_bytes(b"not parquet at all")
    with pytest.raises(ScorerError, match=r"not a Parquet file we can read .*; use --overwrite"):
        open_output(str(path), "parquet", COLUMNS, overwrite=False)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "scores.jsonl.gz",
            "cannot write a gzipped corpus (a restarted run appends to its output); write .jsonl, .csv or .parquet (which compresses itself)",
        ),
        (
            "scores.txt",
            "cannot tell the output format from the file name; name it .jsonl, .csv, .tsv or .parquet, or pass --output-format",
        ),
    ],
)
def test_an_output_name_that_says_no_format_we_write(name: str, message: str) -> None:
    with pytest.raises(ScorerError) as raised:
        output_format(name, None)
    assert str(raised.value) == f"{name}: {message}"
    assert output_format("scores.txt", "csv") == "csv"


def test_an_output_that_is_a_directory_or_in_no_directory(tmp_path: Path) -> None:
    with pytest.raises(ScorerError, match="is a directory; --out names a file"):
        open_output(str(tmp_path), "jsonl", COLUMNS, overwrite=False)
    with pytest.raises(
        ScorerError, match=r"gone/scores\.csv: cannot write: No such file or directory"
    ):
        open_output(str(tmp_path / "gone" / "scores.csv"), "csv", COLUMNS, overwrite=False)
