"""`scorer batch` driven through the real command line, on real articles.

Exit codes: 0 every record scored, 2 a record could not be scored or the input could not
be read (every row that can be is still written), 130 interrupted. A bad input or output
is one `scorer: error:` line on stderr; a run ends with one summary line there.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from subprocess import DEVNULL, PIPE
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import scorer
from scorer.batch.drive import CHUNK
from tests.conftest import INDEPENDENT, REWRITE, article_corpus, held, on_a_terminal

ROOT = INDEPENDENT.parent.parent
BODIES = 200
KILLED = 120  # the bodies of a run that is killed: enough to kill it midway
SUMMARY = re.compile(
    r"scorer: (?P<scored>[\d,]+) scored, (?P<errors>[\d,]+) error rows?(?: \(the first: (?P<first>.*)\))?, "
    r"(?P<skipped>[\d,]+) skipped \(already in (?P<out>.+?)(?:, with (?P<held>[\d,]+) error rows?)?\); "
    r"[\d,.]+ s, [\d,.]+ articles/s"
)
FNC_FIELDS = ("--text-field", "articleBody", "--id-field", "Body ID")


def run(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorer", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **(env or {})},
    )


def summary(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    match = SUMMARY.fullmatch(result.stderr.splitlines()[-1])
    assert match, result.stderr
    return match.groupdict()


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def bodies() -> list[dict[str, str]]:
    """Articles from the examples, with ids, in the columns of an FNC-1 bodies export."""
    return article_corpus(BODIES)


def _csv(path: Path, bodies: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["Body ID", "articleBody"])
        writer.writeheader()
        writer.writerows(bodies)
    return path


@pytest.fixture(scope="module")
def corpus(bodies: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _csv(tmp_path_factory.mktemp("fnc") / "bodies.csv", bodies)


@pytest.fixture(scope="module")
def short(bodies: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _csv(tmp_path_factory.mktemp("fnc") / "short.csv", bodies[:KILLED])


@pytest.fixture(scope="module")
def straight(corpus: Path) -> Path:
    """The corpus scored in one run, one process: what every other run must equal."""
    out = corpus.parent / "straight.jsonl"
    result = run("batch", str(corpus), *FNC_FIELDS, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert summary(result) | {"out": None} == {
        "scored": str(BODIES),
        "errors": "0",
        "first": None,
        "skipped": "0",
        "out": None,
        "held": None,
    }
    return out


# the same scores as scorer audit and scorer check


def test_rows_score_what_audit_scores_on_the_same_text(
    bodies: list[dict[str, str]], straight: Path
) -> None:
    rows = jsonl(straight)
    assert [row["id"] for row in rows] == [body["Body ID"] for body in bodies]
    assert (rows[0]["id"], rows[0]["score"], rows[0]["label"], rows[0]["words"]) == (
        "1000",
        75.0,
        "adequately sourced",
        391,
    )
    for body, row in zip(bodies, rows, strict=True):
        audit = scorer.audit(body["articleBody"])
        subscores = {
            k.removeprefix("subscore_"): v for k, v in row.items() if k.startswith("subscore_")
        }
        assert (row["score"], row["label"], subscores, row["error"]) == (
            audit.score,
            audit.label,
            dict(audit.subscores or {}),
            None,
        ), row["id"]


def test_rows_score_what_check_scores_on_files_of_the_same_text(
    bodies: list[dict[str, str]], straight: Path, tmp_path: Path
) -> None:
    for body in bodies:
        (tmp_path / f"{body['Body ID']}.txt").write_bytes(body["articleBody"].encode("utf-8"))
    result = run("check", "--format", "json", "--fail-on", "none", str(tmp_path))
    assert result.returncode == 0, result.stderr
    checked = {Path(item["document"]["source"]).stem: item for item in json.loads(result.stdout)}
    for row in jsonl(straight):
        item = checked[row["id"]]
        assert (row["score"], row["label"], row["words"]) == (
            item["score"],
            item["label"],
            item["document"]["words"],
        ), row["id"]
        assert {
            k.removeprefix("subscore_"): v for k, v in row.items() if k.startswith("subscore_")
        } == item["subscores"]
        assert row["n_attribution"] == sum(s["kind"] == "attribution" for s in item["signals"])


def test_the_seeds_with_a_title_field_and_no_id_field(tmp_path: Path) -> None:
    headline, _, body = REWRITE.read_text(encoding="utf-8").partition("\n")
    corpus = tmp_path / "seeds.jsonl"
    corpus.write_text(
        json.dumps({"headline": headline, "text": body.strip()})
        + "\n"
        + json.dumps({"text": INDEPENDENT.read_text(encoding="utf-8")})
        + "\n"
    )
    out = tmp_path / "scores.csv"
    result = run(
        "batch", str(corpus), "--out", str(out), "--title-field", "headline", "--id-field", ""
    )
    assert result.returncode == 0, result.stderr
    with out.open(newline="") as handle:
        assert [(r["id"], r["score"], r["label"]) for r in csv.DictReader(handle)] == [
            ("0", "15.5", "poorly sourced"),
            ("1", "75.0", "adequately sourced"),
        ]


def test_genre_judges_every_record_as_that_genre_and_rows_say_why_a_score_is_no_verdict(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "mixed.jsonl"
    records = [
        {"id": "seed", "text": REWRITE.read_text(encoding="utf-8")},
        {"id": "short", "text": "The minister resigned on Tuesday."},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    news, column = tmp_path / "news.jsonl", tmp_path / "column.jsonl"
    assert run("batch", str(corpus), "--out", str(news)).returncode == 0
    assert [(r["id"], r["label"], r["genre"], r["unjudged"]) for r in jsonl(news)] == [
        ("seed", "poorly sourced", "news", None),
        (
            "short",
            "too little to judge",
            "brief",
            "too little to judge: 5 words of copy, under the floor of 80",
        ),
    ]
    result = run("batch", str(corpus), "--out", str(column), "--genre", "opinion")
    assert result.returncode == 0, result.stderr
    first = jsonl(column)[0]
    assert (first["score"], first["label"], first["genre"]) == (
        29.0,
        "opinion, not scored as news",
        "opinion",
    )


# formats and jobs


def test_jobs_2_writes_the_same_bytes_as_jobs_1(corpus: Path, straight: Path) -> None:
    out = corpus.parent / "jobs2.jsonl"
    result = run("batch", str(corpus), *FNC_FIELDS, "--out", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == straight.read_bytes()


def test_every_input_format_gives_the_same_rows(tmp_path: Path) -> None:
    texts = [INDEPENDENT.read_text(encoding="utf-8"), REWRITE.read_text(encoding="utf-8")]
    records = [{"id": f"s{n}", "text": text} for n, text in enumerate(texts)]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    for name, delimiter in (("in.csv", ","), ("in.tsv", "\t")):
        with (tmp_path / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, ["id", "text"], delimiter=delimiter)
            writer.writeheader()
            writer.writerows(records)
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet")
    outputs = []
    for name in ("in.jsonl", "in.csv", "in.tsv", "in.parquet"):
        out = tmp_path / f"{name}.out.jsonl"
        result = run("batch", str(tmp_path / name), "--out", str(out))
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert len(set(outputs)) == 1
    assert [(r["id"], r["score"]) for r in jsonl(tmp_path / "in.jsonl.out.jsonl")] == [
        ("s0", 75.0),
        ("s1", 15.5),
    ]


def test_findings_are_a_list_in_jsonl_and_json_text_in_csv_and_parquet(tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "rew", "text": REWRITE.read_text(encoding="utf-8")}) + "\n")
    expected = [f.to_dict() for f in scorer.audit(REWRITE.read_text(encoding="utf-8")).findings]
    for name in ("out.jsonl", "out.csv", "out.parquet"):
        result = run("batch", str(corpus), "--out", str(tmp_path / name), "--findings")
        assert result.returncode == 0, result.stderr
    (row,) = jsonl(tmp_path / "out.jsonl")
    assert row["findings"] == expected and len(expected) == 24 + sum(f["credit"] for f in expected)
    with (tmp_path / "out.csv").open(newline="") as handle:
        assert json.loads(next(csv.DictReader(handle))["findings"]) == expected
    assert (
        json.loads(pq.read_table(tmp_path / "out.parquet").column("findings")[0].as_py())
        == expected
    )


# error rows


def test_bad_records_are_error_rows_the_rest_are_scored_and_the_exit_code_is_2(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(
        json.dumps({"id": "rew", "text": REWRITE.read_text(encoding="utf-8")}) + "\n"
        '{"id": "cut", "text": "Officials sa\n'
        + json.dumps({"id": "no-text", "body": "Officials said so."})
        + "\n"
        + json.dumps({"id": "empty", "text": "  "})
        + "\n"
        + json.dumps({"id": "ind", "text": INDEPENDENT.read_text(encoding="utf-8")})
        + "\n"
    )
    out = tmp_path / "scores.csv"
    result = run("batch", str(corpus), "--out", str(out))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert summary(result) == {
        "scored": "2",
        "errors": "3",
        "first": "1: line 2, column 36: not JSON (Invalid control character)",
        "skipped": "0",
        "out": str(out),
        "held": None,
    }
    with out.open(newline="") as handle:
        assert [(r["id"], r["score"], r["error"]) for r in csv.DictReader(handle)] == [
            ("rew", "15.5", ""),
            ("1", "", "line 2, column 36: not JSON (Invalid control character)"),
            ("no-text", "", "no text field 'text' (fields: body, id)"),
            ("empty", "", "record empty: the document is empty"),
            ("ind", "75.0", ""),
        ]
    again = run("batch", str(corpus), "--out", str(out))
    assert again.returncode == 2  # OUTPUT still holds error rows
    assert summary(again) | {"out": None} == {
        "scored": "0",
        "errors": "0",
        "first": None,
        "skipped": "5",
        "out": None,
        "held": "3",
    }


# restart


def _killed_midway(args: list[str], hold_file: Path) -> None:
    """Run `scorer batch`, held once it has written its first chunk, and SIGKILL it there."""
    process = held(["batch", *args], "batch-rows", hold_file, stdout=DEVNULL, stderr=DEVNULL)
    workers = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    assert len(workers) == 2
    process.send_signal(signal.SIGKILL)
    process.wait()
    # The workers notice that the run is gone (they look once a second), and exit. The
    # deadline is only there so that a worker that never exits fails the test, not hangs it.
    deadline = time.monotonic() + 300
    while any(map(_running, workers)):
        assert time.monotonic() < deadline, f"workers {workers} outlived their run"
        time.sleep(0.1)


def _running(pid: str) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has exited; only its parent's reaping is missing


@pytest.mark.parametrize("name", ["scores.jsonl", "scores.csv", "scores.parquet"])
def test_a_run_killed_midway_is_continued_to_the_same_rows(
    short: Path, straight: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    args = [str(short), *FNC_FIELDS, "--out", str(out), "--jobs", "2"]
    progress = Path(f"{out}.partial.jsonl") if name.endswith(".parquet") else out
    _killed_midway(args, tmp_path.parent / f"{tmp_path.name}.held")
    kept = progress.read_bytes().count(b"\n") - (name == "scores.csv")
    assert kept == CHUNK  # the first chunk, flushed whole before the run was held
    result = run("batch", *args)
    assert result.returncode == 0, result.stderr
    assert int(summary(result)["skipped"]) == kept
    assert int(summary(result)["scored"]) == KILLED - kept
    expected = jsonl(straight)[:KILLED]  # the rows of the short corpus: the first ones
    if name.endswith(".jsonl"):
        assert out.read_bytes().splitlines() == straight.read_bytes().splitlines()[:KILLED]
    elif name.endswith(".csv"):
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert rows == [
            {k: "" if v is None else str(v) for k, v in row.items()} for row in expected
        ]
    else:
        assert pq.read_table(out).to_pylist() == expected
        assert sorted(os.listdir(tmp_path)) == [name]


def test_ctrl_c_stops_with_the_rows_written_and_the_next_run_continues(
    short: Path, straight: Path, tmp_path: Path
) -> None:
    out = tmp_path / "scores.parquet"
    sidecar = Path(f"{out}.partial.jsonl")
    args = ["batch", str(short), *FNC_FIELDS, "--out", str(out)]
    process = held([*args, "--jobs", "2"], "batch-rows", tmp_path / "held", stderr=PIPE, text=True)
    assert sidecar.read_bytes().count(b"\n") == CHUNK
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    lines = stderr.splitlines()
    assert len(lines) == 2 and SUMMARY.fullmatch(lines[0]), stderr
    assert lines[1] == (
        f"scorer: interrupted; the rows written are in {sidecar}: run the same command again to continue"
    )
    assert not out.exists()
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert pq.read_table(out).to_pylist() == jsonl(straight)[:KILLED]


def test_overwrite_starts_over(tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": REWRITE.read_text(encoding="utf-8")}) + "\n")
    out = tmp_path / "scores.jsonl"
    out.write_text('{"id": "old"}\n')
    refused = run("batch", str(corpus), "--out", str(out))
    assert refused.returncode == 2
    assert refused.stderr.startswith(
        f"scorer: error: {out}: holds rows with other columns than this run's (lacks score, label,"
    )
    assert refused.stderr.endswith("use --overwrite to start over, or another --out\n")
    result = run("batch", str(corpus), "--out", str(out), "--overwrite")
    assert result.returncode == 0, result.stderr
    assert [row["id"] for row in jsonl(out)] == ["a"]


# one line for each bad input, never a traceback


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["gone.jsonl", "--out", "o.jsonl"], "gone.jsonl: no such file"),
        ("dir", ["dir", "--out", "o.jsonl"], "dir: is a directory, not a corpus file"),
        (
            "notes.txt",
            ["notes.txt", "--out", "o.jsonl"],
            "notes.txt: cannot tell the corpus format from the file name; name it .jsonl, .csv, .tsv or .parquet (optionally .gz), or pass --input-format",
        ),
        (
            "bodies.csv",
            ["bodies.csv", "--out", "o.jsonl"],
            "bodies.csv: no column 'text' (columns: Body ID, articleBody)",
        ),
        (
            "bodies.csv",
            ["bodies.csv", "--text-field", "articleBody", "--id-field", "id", "--out", "o.jsonl"],
            "bodies.csv: no column 'id' (columns: Body ID, articleBody)",
        ),
        (
            "array.json",
            ["array.json", "--out", "o.jsonl"],
            "array.json: a JSON array; scorer batch reads JSON Lines, one object per line (convert with: jq -c '.[]' FILE > FILE.jsonl)",
        ),
        (
            "in.jsonl",
            ["in.jsonl", "--out", "o.jsonl.gz"],
            "o.jsonl.gz: cannot write a gzipped corpus (a restarted run appends to its output); write .jsonl, .csv or .parquet (which compresses itself)",
        ),
        (
            "in.jsonl",
            ["in.jsonl", "--out", "o.txt"],
            "o.txt: cannot tell the output format from the file name; name it .jsonl, .csv, .tsv or .parquet, or pass --output-format",
        ),
        (
            "in.jsonl",
            ["in.jsonl", "--out", "in.jsonl", "--output-format", "jsonl"],
            "OUTPUT in.jsonl is the corpus in.jsonl, an input of this run: nothing was written; choose another file",
        ),
        (
            "in.jsonl",
            ["in.jsonl", "--out", "dir/o.jsonl"],
            "dir/o.jsonl: cannot write: No such file or directory",
        ),
        (
            "in.jsonl",
            ["in.jsonl", "--out", "o.jsonl", "--config", "bad.toml"],
            "{tmp}/bad.toml: file not found",
        ),
    ],
)
def test_a_bad_input_or_output_is_one_line_and_exit_2(
    tmp_path: Path, setup: str | None, args: list[str], message: str
) -> None:
    if setup == "dir":
        (tmp_path / "dir").mkdir()
    elif setup == "notes.txt":
        (tmp_path / "notes.txt").write_text("Officials said so.\n")
    elif setup == "bodies.csv":
        (tmp_path / "bodies.csv").write_text("Body ID,articleBody\n1,Officials said so.\n")
    elif setup == "array.json":
        (tmp_path / "array.json").write_text('[{"text": "Officials said so."}]\n')
    elif setup == "in.jsonl":
        (tmp_path / "in.jsonl").write_text('{"text": "Officials said so."}\n')
    result = run("batch", *args, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"scorer: error: {message.format(tmp=tmp_path)}\n"
    assert not (tmp_path / "o.jsonl").exists()


def test_without_pyarrow_parquet_says_what_to_install(tmp_path: Path) -> None:
    shim = tmp_path / "shim"
    (shim / "pyarrow").mkdir(parents=True)
    (shim / "pyarrow" / "__init__.py").write_text("raise ImportError('no pyarrow here')\n")
    (tmp_path / "in.jsonl").write_text('{"text": "Officials said so."}\n')
    for args in (["in.jsonl", "--out", "o.parquet"], ["in.parquet", "--out", "o.jsonl"]):
        (tmp_path / "in.parquet").write_bytes(b"PAR1")
        result = run("batch", *args, cwd=tmp_path, env={"PYTHONPATH": f"{shim}:{ROOT}"})
        assert (result.returncode, result.stderr) == (
            2,
            "scorer: error: reading and writing Parquet needs pyarrow: pip install 'sourcing-scorer[parquet]'\n",
        )


def test_usage_errors_are_exit_2(tmp_path: Path) -> None:
    assert run("batch", "in.jsonl").returncode == 2  # no --out
    assert run("batch", "in.jsonl", "--out", "o.jsonl", "--jobs", "-1").returncode == 2
    assert run("batch", "in.jsonl", "--out", "o.jsonl", "--input-format", "xml").returncode == 2


# the progress bar: a terminal's only


def test_no_progress_bar_in_a_pipe_only_the_summary(tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": n, "text": REWRITE.read_text()}) + "\n" for n in range(3))
    )
    result = run(
        "batch", str(corpus), "--out", str(tmp_path / "o.jsonl"), env={"TERM": "xterm-256color"}
    )
    assert result.returncode == 0
    assert len(result.stderr.splitlines()) == 1 and SUMMARY.fullmatch(result.stderr.rstrip("\n"))
    assert "\x1b" not in result.stderr


def test_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": n, "text": REWRITE.read_text()}) + "\n" for n in range(40))
    )
    code, _, seen = on_a_terminal(
        ["batch", str(corpus), "--out", str(tmp_path / "o.jsonl")],
        {"PYTHONPATH": str(ROOT), "COLUMNS": "120"},
    )
    assert code == 0
    assert b"scoring" in seen and b"articles/s" in seen
    assert b"40/40" in seen  # the last frame, drawn when the bar stops, whatever the timing
    assert b"scorer: 40 scored, 0 error rows, 0 skipped" in seen


# Dask: the command line's side of the contract


def test_scheduler_runs_the_dask_executor_with_the_address_and_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import types

    from click.testing import CliRunner

    from scorer.batch.executor import Serial
    from scorer.cli import cli

    made: list[tuple[str, int | None]] = []

    class DaskExecutor(Serial):
        def __init__(self, address: str, jobs: int | None) -> None:
            made.append((address, jobs))

    fake = types.ModuleType("scorer.batch.dask")
    fake.DaskExecutor = DaskExecutor  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "scorer.batch.dask", fake)
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "r", "text": REWRITE.read_text()}) + "\n")
    out = tmp_path / "o.jsonl"
    args = [
        "batch",
        str(corpus),
        "--out",
        str(out),
        "--scheduler",
        "tcp://10.0.0.5:8786",
        "-j",
        "3",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert made == [("tcp://10.0.0.5:8786", 3)]
    assert [(r["id"], r["score"]) for r in jsonl(out)] == [("r", 15.5)]
    # Without -j the cluster's size decides how many chunks are out, not a local default.
    result = CliRunner().invoke(cli, [*args[:-2], "--overwrite"])
    assert result.exit_code == 0, result.output
    assert made[-1] == ("tcp://10.0.0.5:8786", None)


def test_a_scheduler_nobody_answers_is_one_line_naming_it(tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"text": "Officials said so."}\n')
    result = run(
        "batch", str(corpus), "--out", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://127.0.0.1:9"
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "scorer: error: cannot connect to the Dask scheduler at tcp://127.0.0.1:9"
    ), result.stderr
    assert "Traceback" not in result.stderr


def test_scheduler_without_dask_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from scorer.cli import cli

    monkeypatch.setitem(sys.modules, "scorer.batch.dask", None)  # import fails
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"text": "Officials said so."}\n')
    result = CliRunner().invoke(
        cli, ["batch", str(corpus), "--out", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://x:1"]
    )
    assert result.exit_code == 2
    assert (
        result.stderr
        == "scorer: error: --scheduler needs Dask: pip install 'sourcing-scorer[dask]'\n"
    )


# cheap to start


def test_the_command_line_imports_nothing_of_batch_until_it_runs() -> None:
    code = (
        "import sys, scorer.cli; "
        "print(sorted(m for m in sys.modules if m.startswith(('pyarrow', 'scorer.batch', 'rich.progress'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout == "[]\n"


def test_the_columns_in_the_docs_are_the_columns_a_run_writes() -> None:
    from scorer.batch.record import Job, columns, prepare

    text = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    block = text.split("<!-- columns:", 1)[1].split("```", 2)[1]
    assert tuple(re.split(r",\s*", block.strip())) == columns(prepare(Job(findings=True)))


def test_the_format_choices_are_the_readers_and_writers() -> None:
    from scorer.batch import read, write
    from scorer.cli.batch import FORMATS as BATCH_FORMATS

    assert BATCH_FORMATS == read.FORMATS == write.FORMATS


# memory stays flat


@pytest.mark.slow
def test_peak_memory_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    # Each record carries 40 kB the scorer never reads: holding records would show at once.
    # Both runs fill more than one Parquet row group, the most the fold holds at a time.
    text = REWRITE.read_text(encoding="utf-8")[:600]
    blob = "x" * 40_000

    def corpus(n: int) -> Path:
        path = tmp_path / f"in{n}.jsonl"
        with path.open("w") as handle:
            for i in range(n):
                handle.write(json.dumps({"id": i, "text": text, "blob": blob}) + "\n")
        return path

    def peak(n: int) -> int:
        wrapper = (
            "import resource, subprocess, sys; "
            "subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        args = ["batch", str(corpus(n)), "--out", str(tmp_path / f"out{n}.parquet"), "--jobs", "2"]
        result = subprocess.run(
            [sys.executable, "-c", wrapper, sys.executable, "-m", "scorer", *args],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        )
        assert pq.ParquetFile(tmp_path / f"out{n}.parquet").metadata.num_rows == n
        return int(result.stdout)  # kB

    small, large = peak(1100), peak(4400)
    assert (tmp_path / "in4400.jsonl").stat().st_size > 170_000_000
    assert large - small < 10_000, (small, large)  # under 10 MB more for 130 MB more input
