"""Writing rows: JSONL, CSV, TSV or Parquet, with the run's columns in `columns(job)` order.

`open_output` looks at what an earlier run left (see `restart`), keeps its whole rows and
opens the file to append after them; `--overwrite` deletes it first. `write` takes the
rows of one chunk and flushes them, so a run that is stopped, however, loses at most the
chunk it was writing. `finish` is called when the run has gone through its input;
`close` when it stops early: what is written stays, and the next run continues it.

In JSONL `findings` is a list of objects; in CSV, TSV and Parquet it is that list as JSON
text. An empty cell in CSV or TSV is a missing value (an error row has no score). Parquet
columns are typed: text for id, label, genre, unjudged, findings and error, float64 for
scores, int64 for counts, all nullable; rows go in row groups of `ROW_GROUP` as they are
folded in.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO, Any, Protocol

from scorer.batch import restart
from scorer.batch.read import PARQUET_MISSING, format_of
from scorer.batch.record import Row
from scorer.errors import ScorerError
from scorer.runs.outputs import commit, mode_of

FORMATS = ("jsonl", "csv", "tsv", "parquet")
ROW_GROUP = 1024


class Output(Protocol):
    """Where a run's rows go, and which ids it already holds."""

    path: str  # the file rows are appended to while the run goes
    done: Counter[str]  # ids already written, with how many times each
    held_errors: int  # error rows among them

    def write(self, rows: Sequence[Row]) -> None: ...

    def finish(self) -> None: ...

    def close(self) -> None: ...


def output_format(path: str, format: str | None) -> str:
    """The output format: `format` if given, else what the file name says."""
    said, gzipped = format_of(path)
    if gzipped:
        raise ScorerError(
            "cannot write a gzipped corpus (a restarted run appends to its output); "
            "write .jsonl, .csv or .parquet (which compresses itself)",
            path=path,
        )
    chosen = format or said
    if chosen is None:
        raise ScorerError(
            "cannot tell the output format from the file name; name it .jsonl, .csv, .tsv "
            "or .parquet, or pass --output-format",
            path=path,
        )
    return chosen


def files_of(path: str, format: str) -> list[tuple[str, str]]:
    """Every file a run writes for OUTPUT: itself, and for Parquet its sidecar and the
    temporary file it is folded into (beside the file a link named OUTPUT points to)."""
    if format != "parquet":
        return [("OUTPUT", path)]
    real = _real(path)
    return [
        ("OUTPUT", path),
        ("OUTPUT's sidecar", restart.sidecar(real)),
        ("OUTPUT's temporary file", restart.temporary(real)),
    ]


def _real(path: str) -> str:
    """Where a Parquet OUTPUT is written: through a symbolic link, the file it points to."""
    return os.path.realpath(path) if os.path.islink(path) else path


def open_output(path: str, format: str, columns: Sequence[str], *, overwrite: bool) -> Output:
    """OUTPUT ready for rows: an earlier run's rows kept (or deleted, with `overwrite`)."""
    if os.path.isdir(path):
        raise ScorerError("is a directory; --out names a file", path=path)
    if format == "parquet":
        return ParquetOutput(path, columns, overwrite=overwrite)
    return LinesOutput(path, format, columns, overwrite=overwrite)


class LinesOutput:
    """JSONL, CSV or TSV, appended to one flushed chunk at a time."""

    def __init__(self, path: str, format: str, columns: Sequence[str], *, overwrite: bool) -> None:
        self.path = path
        self.format = format
        self.columns = tuple(columns)
        if overwrite:
            _remove(path)
        existing = restart.scan_lines(path, format, self.columns)
        self.done = existing.done
        self.held_errors = existing.errors
        self.rows = existing.rows
        self._handle = _append(path, existing.keep)
        self._csv: Any = None
        if format != "jsonl":
            delimiter = "\t" if format == "tsv" else ","
            self._csv = csv.writer(self._handle, delimiter=delimiter, lineterminator="\n")
            if not existing.header:
                self._csv.writerow(self.columns)
                self._flush()

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        if self._csv is None:
            self._handle.write("".join(_json_line(row) for row in rows))
        else:
            self._csv.writerows([_cell(row[name]) for name in self.columns] for row in rows)
        self.rows += len(rows)
        self._flush()

    def finish(self) -> None:
        self.close()

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.close()

    def _flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as error:
            raise ScorerError(f"cannot write: {error.strerror or error}", path=self.path) from None


class ParquetOutput:
    """Parquet: rows wait in a JSONL sidecar and are folded into OUTPUT when the run ends."""

    def __init__(self, path: str, columns: Sequence[str], *, overwrite: bool) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ScorerError(PARQUET_MISSING) from None
        path = _real(path)  # the fold replaces the file itself, not a link to it
        self.final = path
        self.columns = tuple(columns)
        self.schema = parquet_schema(self.columns)
        if overwrite:
            for name in (path, restart.sidecar(path), restart.temporary(path)):
                _remove(name)
        restart.settle(path)
        finished = restart.scan_parquet(path, self.schema)
        self._pending = LinesOutput(restart.sidecar(path), "jsonl", self.columns, overwrite=False)
        self.done = finished.done + self._pending.done
        self.held_errors = finished.errors + self._pending.held_errors
        self.path = self._pending.path

    def write(self, rows: Sequence[Row]) -> None:
        self._pending.write(rows)

    def close(self) -> None:
        self._pending.close()

    def finish(self) -> None:
        """OUTPUT rewritten whole with the sidecar's rows after its own; the sidecar deleted."""
        self._pending.close()
        if self._pending.rows == 0 and os.path.exists(self.final):
            _remove(self._pending.path)
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        temp = restart.temporary(self.final)
        try:
            mode = mode_of(self.final)
            with pq.ParquetWriter(temp, self.schema) as writer:
                groups = _Groups(writer, pa)
                if os.path.exists(self.final):
                    for batch in pq.ParquetFile(self.final).iter_batches(batch_size=ROW_GROUP):
                        groups.add(pa.Table.from_batches([batch], self.schema))
                for rows in _batched(self._pending_rows(), ROW_GROUP):
                    groups.add(pa.Table.from_pylist(rows, self.schema))
                groups.close()
            # The sidecar goes first: a run stopped between the two finds the temporary
            # file whole and no sidecar, and `restart.settle` renames it into place.
            with open(temp, "rb") as handle:
                os.fsync(handle.fileno())
            os.unlink(self._pending.path)
            commit(temp, self.final, mode)
        except (OSError, pa.ArrowException) as error:
            reason = getattr(error, "strerror", None) or error
            raise ScorerError(f"cannot write: {reason}", path=self.final) from None

    def _pending_rows(self) -> Iterator[Row]:
        with open(self._pending.path, "rb") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    if row.get("findings") is not None:
                        row["findings"] = _json(row["findings"])
                    yield row


def parquet_schema(columns: Sequence[str]) -> Any:
    """The Parquet schema of a run's columns: text, float64 scores and int64 counts."""
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name == "score" or name.startswith("subscore_"):
            return pa.float64()
        if name in ("words", "findings_count") or name.startswith("n_"):
            return pa.int64()
        return pa.string()

    return pa.schema([pa.field(name, kind(name), nullable=True) for name in columns])


class _Groups:
    """Tables cut into row groups of exactly ROW_GROUP rows (the last one shorter).

    Whatever batches the rows come in, from an earlier file or the sidecar, the groups
    are the same: a restarted run writes the same file as a run straight through.
    """

    def __init__(self, writer: Any, pa: Any) -> None:
        self._writer = writer
        self._pa = pa
        self._held: list[Any] = []
        self._count = 0

    def add(self, table: Any) -> None:
        self._held.append(table)
        self._count += table.num_rows
        while self._count >= ROW_GROUP:
            whole = self._pa.concat_tables(self._held)
            self._writer.write_table(whole.slice(0, ROW_GROUP), row_group_size=ROW_GROUP)
            rest = whole.slice(ROW_GROUP)
            self._held, self._count = [rest], rest.num_rows

    def close(self) -> None:
        if self._count:
            self._writer.write_table(self._pa.concat_tables(self._held), row_group_size=ROW_GROUP)


def _batched(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _append(path: str, keep: int) -> IO[str]:
    """The file opened to append after its first `keep` bytes (a torn last row cut off)."""
    try:
        handle = open(path, "a", encoding="utf-8", newline="")  # noqa: SIM115 (kept open)
        if handle.tell() > keep:
            handle.truncate(keep)
        return handle
    except OSError as error:
        raise ScorerError(f"cannot write: {error.strerror or error}", path=path) from None


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as error:
        raise ScorerError(f"cannot delete: {error.strerror or error}", path=path) from None


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_line(row: Row) -> str:
    return _json(row) + "\n"


def _cell(value: object) -> object:
    return _json(value) if isinstance(value, list) else value
