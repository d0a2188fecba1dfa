"""Reading a corpus: records in file order, each at its 0-based position; bad records are
error rows in waiting, bad files one clear error before anything is scored."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scorer.batch.read import FORMATS, Unreadable, format_of, open_input
from scorer.batch.record import Fields
from scorer.errors import ScorerError

STORY = "Officials said the bridge would reopen on Monday."
OTHER = "The mayor, Ana Ruiz, said the work was finished."


def records(path: Path, fields: Fields | None = None, format: str | None = None) -> list:
    return list(open_input(str(path), format, fields or Fields()).records())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("corpus.jsonl", ("jsonl", False)),
        ("corpus.ndjson", ("jsonl", False)),
        ("corpus.json", ("jsonl", False)),
        ("Corpus.JSONL.GZ", ("jsonl", True)),
        ("corpus.csv", ("csv", False)),
        ("corpus.csv.gz", ("csv", True)),
        ("corpus.tsv", ("tsv", False)),
        ("corpus.parquet", ("parquet", False)),
        ("corpus.pq", ("parquet", False)),
        ("corpus.txt", (None, False)),
        ("corpus", (None, False)),
    ],
)
def test_the_format_comes_from_the_name(name: str, expected: tuple) -> None:
    assert format_of(name) == expected


def test_every_format_has_a_suffix() -> None:
    assert [format_of(f"a.{f}")[0] for f in FORMATS] == list(FORMATS)


def test_jsonl_records_in_order_blank_lines_skipped_bad_lines_kept_in_place(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(
        b'{"id": "a1", "text": "Officials said the bridge would reopen on Monday."}\n'
        b"\n"
        b"   \n"
        b"{not json}\n"
        b"[1, 2]\n"
        b'"just text"\n'
        b'{"id": 7, "text": "caf\xc3\xa9 \xff"}\n'
        b'{"id": "a2", "text": "The mayor, Ana Ruiz, said the work was finished."}'  # no newline
    )
    assert records(path) == [
        (0, {"id": "a1", "text": STORY}),
        (
            1,
            Unreadable(
                "line 4, column 2: not JSON (Expecting property name enclosed in double quotes)"
            ),
        ),
        (2, Unreadable("line 5: a JSON list, not an object")),
        (3, Unreadable("line 6: a JSON string, not an object")),
        (4, Unreadable("line 7: not valid UTF-8")),
        (5, {"id": "a2", "text": OTHER}),
    ]


def test_a_json_string_with_a_lone_surrogate_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"text": "bad \\udc80 half"}\n{"text": "fine"}\n')
    assert records(path) == [
        (0, Unreadable("line 1: field 'text' is not valid UTF-8 text")),
        (1, {"text": "fine"}),
    ]


def test_csv_with_a_bom_long_fields_and_newlines_in_quotes(tmp_path: Path) -> None:
    long = "Officials said so. " * 20_000  # 380,000 characters: over csv's default limit
    path = tmp_path / "corpus.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write('Body ID,articleBody\r\n1,"First line.\n\nSecond ""quoted"" line."\r\n')
        handle.write(f'2,"{long}"\r\n\r\n3,{OTHER.replace(",", "")}\r\n')
    fields = Fields(text="articleBody", id="Body ID")
    assert records(path, fields) == [
        (0, {"Body ID": "1", "articleBody": 'First line.\n\nSecond "quoted" line.'}),
        (1, {"Body ID": "2", "articleBody": long}),
        (2, {"Body ID": "3", "articleBody": "The mayor Ana Ruiz said the work was finished."}),
    ]
    assert open_input(str(path), None, fields).count() == 3


def test_a_csv_row_that_is_not_utf8_is_that_rows_error(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    path.write_bytes(b"id,text\na,Caf\xe9 owners said so.\nb,Officials said so.\nc\n")
    assert records(path) == [
        (0, Unreadable("line 2: field 'text' is not valid UTF-8 text")),
        (1, {"id": "b", "text": "Officials said so."}),
        (2, {"id": "c"}),  # a short row: scoring says it has no text
    ]


def test_tsv_and_gzip(tmp_path: Path) -> None:
    tsv = tmp_path / "corpus.tsv.gz"
    with gzip.open(tsv, "wt", encoding="utf-8", newline="") as handle:
        handle.write(f"id\ttext\nx1\t{STORY}\n")
    jsonl = tmp_path / "corpus.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "x2", "text": OTHER}) + "\n")
    assert records(tsv) == [(0, {"id": "x1", "text": STORY})]
    assert records(jsonl) == [(0, {"id": "x2", "text": OTHER})]
    assert open_input(str(jsonl), None, Fields()).count() is None  # not cheap to count


def test_gzip_is_known_by_its_bytes_too(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(gzip.compress(json.dumps({"text": STORY}).encode() + b"\n"))
    assert records(path) == [(0, {"text": STORY})]


def test_a_gzip_stream_cut_short_stops_the_run_after_the_records_before(tmp_path: Path) -> None:
    whole = gzip.compress(
        b"".join(json.dumps({"id": n, "text": STORY}).encode() + b"\n" for n in range(2000))
    )
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    read = []
    with pytest.raises(ScorerError) as raised:
        for item in open_input(str(path), None, Fields()).records():
            read.append(item)
    assert 0 < len(read) < 2000
    assert [position for position, _ in read] == list(range(len(read)))
    assert str(raised.value) == (
        f"{path}: cannot read past line {len(read) + 1}: "
        "Compressed file ended before the end-of-stream marker was reached"
    )


def test_parquet_reads_only_the_fields_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "corpus.parquet"
    table = pa.table(
        {
            "doc": pa.array([10, 11, 12], pa.int64()),
            "body": [STORY, None, OTHER],
            "blob": [b"x" * 10, b"y", b"z"],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    found = open_input(str(path), None, Fields(text="body", id="doc"))
    assert found.count() == 3
    assert list(found.records()) == [
        (0, {"doc": 10, "body": STORY}),
        (1, {"doc": 11, "body": None}),
        (2, {"doc": 12, "body": OTHER}),
    ]


@pytest.mark.parametrize(
    ("name", "content", "fields", "format", "message"),
    [
        ("gone.jsonl", None, Fields(), None, "{path}: no such file"),
        (
            "corpus.txt",
            b"text\n",
            Fields(),
            None,
            "{path}: cannot tell the corpus format from the file name; name it .jsonl, .csv, .tsv "
            "or .parquet (optionally .gz), or pass --input-format",
        ),
        (
            "corpus.json",
            b' [{"text": "x"}]',
            Fields(),
            None,
            "{path}: a JSON array; scorer batch reads JSON Lines, one object per line "
            "(convert with: jq -c '.[]' FILE > FILE.jsonl)",
        ),
        (
            "corpus.csv",
            b"Body ID,articleBody\n1,x\n",
            Fields(),
            None,
            "{path}: no column 'text' (columns: Body ID, articleBody)",
        ),
        ("corpus.csv", b"", Fields(), None, "{path}: empty; a CSV corpus needs a header row"),
        (
            "corpus.csv",
            b"id,t\xe9xt\n",
            Fields(),
            None,
            "{path}: the header row is not valid UTF-8; save the file as UTF-8",
        ),
        (
            "corpus.parquet",
            b"PAR1 not really",
            Fields(),
            None,
            "{path}: not a Parquet file we can read (",
        ),
        (
            "corpus.dat",
            b"id,text\n",
            Fields(),
            "parquet",
            "{path}: not a Parquet file we can read (",
        ),
        (
            "corpus.parquet.gz",
            gzip.compress(b"PAR1", mtime=0),  # the same bytes (and test id) every time
            Fields(),
            None,
            "{path}: a gzipped Parquet file; Parquet compresses itself, unzip it",
        ),
    ],
)
def test_a_file_that_cannot_be_a_corpus_is_one_error(
    tmp_path: Path,
    name: str,
    content: bytes | None,
    fields: Fields,
    format: str | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ScorerError) as raised:
        open_input(str(path), format, fields)
    if message.endswith("("):  # pyarrow's own words follow, and change between its versions
        assert str(raised.value).startswith(message.format(path=path))
        assert "\n" not in str(raised.value)
    else:
        assert str(raised.value) == message.format(path=path)


def test_a_directory_or_a_pipe_is_not_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(ScorerError, match=r": is a directory, not a corpus file$"):
        open_input(str(tmp_path), "jsonl", Fields())
    os.mkfifo(tmp_path / "fifo.jsonl")
    with pytest.raises(ScorerError, match=r": is not a regular file \(a pipe, socket or device\)$"):
        open_input(str(tmp_path / "fifo.jsonl"), None, Fields())


def test_an_id_field_named_on_purpose_must_be_in_the_header(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    path.write_text("ID,text\n1,x\n")
    assert open_input(str(path), None, Fields()).fields.id == "id"  # the default: positions
    with pytest.raises(ScorerError) as raised:
        open_input(str(path), None, Fields(id="doc"), named=["doc"])
    assert str(raised.value) == f"{path}: no column 'doc' (columns: ID, text)"
    parquet = tmp_path / "corpus.parquet"
    pq.write_table(pa.table({"text": ["x"]}), parquet)
    with pytest.raises(ScorerError, match="no column 'headline' \\(columns: text\\)"):
        open_input(str(parquet), None, Fields(), named=["headline"])


def test_the_input_format_option_beats_the_name(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(f"id\ttext\nq\t{STORY}\n")
    assert records(path, format="tsv") == [(0, {"id": "q", "text": STORY})]
    assert open_input(str(path), "tsv", Fields()).count() == 1


def test_fields_scoring_does_not_read_keep_their_names_not_their_values(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"id": "k", "text": STORY, "raw_html": "<p>" * 1000}) + "\n")
    assert records(path) == [(0, {"id": "k", "text": STORY, "raw_html": None})]
