"""Restart: what an earlier run left in OUTPUT, so that a new run scores only the rest.

A run writes rows in input order and flushes them a chunk at a time, so whatever a run
leaves behind, even one killed with SIGKILL, is whole rows plus at most one torn row at
the end. `scan_lines` finds the whole rows of a JSONL, CSV or TSV output: their ids, and
the byte offset after the last of them, where the next run truncates and appends. A torn
last row is dropped (and scored again); a bad row anywhere else, or a header or rows with
other columns than this run's (say, an earlier run without `--findings`), is an error:
rows of two schemas are never mixed.

Parquet cannot be appended to, and a writer killed before its footer leaves no readable
file at all. So a Parquet OUTPUT is only ever written whole, by renaming:

* while a run goes, its rows go to the sidecar `OUTPUT.partial.jsonl` (a JSONL output,
  restarted as above);
* when the run ends, the rows of OUTPUT (if any) and then the sidecar's are written into
  `OUTPUT.tmp`, which is synced; the sidecar is deleted; `OUTPUT.tmp` is renamed OUTPUT.

`settle` finishes or undoes a fold that was cut short: a temp file beside a sidecar is
an unfinished fold (deleted; the sidecar still holds the rows), and a temp file with no
sidecar is a finished one whose rename did not happen (renamed now). The rows of OUTPUT
and of the sidecar are then both done. An interrupted Parquet run therefore leaves its
rows in the sidecar, and the next run, however it ends, folds them in.

Every row already in OUTPUT counts as done, error rows included; ids are counted, so an
input with an id twice has both records kept on restart as on a run straight through.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from scorer.errors import ScorerError
from scorer.runs.outputs import commit, mode_of

_OVERWRITE = "use --overwrite to start over, or another --out"


def sidecar(path: str) -> str:
    """Where a Parquet run's rows wait until the run ends."""
    return f"{path}.partial.jsonl"


def temporary(path: str) -> str:
    """Where a Parquet OUTPUT is written before it is renamed into place."""
    return f"{path}.tmp"


@dataclass
class Existing:
    """What a file of rows holds: the ids done, and the bytes of whole rows to keep."""

    done: Counter[str] = field(default_factory=Counter)
    rows: int = 0
    errors: int = 0  # error rows among them
    keep: int = 0  # bytes from the start that are whole rows (and the header)
    header: bool = False  # a CSV or TSV header is among the bytes kept


def scan_lines(path: str, format: str, columns: Sequence[str]) -> Existing:
    """The whole rows of an earlier run's JSONL, CSV or TSV file (nothing if it is absent)."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if format == "jsonl":
                return _scan_jsonl(handle, path, columns)
            return _scan_delimited(handle, path, columns, "\t" if format == "tsv" else ",", size)
    except FileNotFoundError:
        return Existing()
    except OSError as error:
        raise ScorerError(f"cannot read: {error.strerror or error}", path=path) from None


def scan_parquet(path: str, schema: Any) -> Existing:
    """The ids in an earlier run's finished Parquet file (none if it is absent)."""
    found = Existing()
    if not os.path.exists(path):
        return found
    import pyarrow.parquet as pq
    from pyarrow import ArrowException

    try:
        source = pq.ParquetFile(path)
        have = source.schema_arrow
        _same_columns(path, have.names, schema.names)
        if not have.equals(schema, check_metadata=False):
            raise ScorerError(f"its column types are not this run's; {_OVERWRITE}", path=path)
        for batch in source.iter_batches(batch_size=65536, columns=["id", "error"]):
            found.done.update(batch.column(0).to_pylist())
            found.errors += batch.num_rows - batch.column(1).null_count
            found.rows += batch.num_rows
        return found
    except (ArrowException, OSError) as error:
        raise ScorerError(
            f"not a Parquet file we can read ({error}); {_OVERWRITE}", path=path
        ) from None


def settle(path: str) -> None:
    """Finish or undo a Parquet fold cut short, so OUTPUT and its sidecar hold every row."""
    temp = temporary(path)
    try:
        if os.path.exists(temp):
            if os.path.exists(sidecar(path)):
                os.unlink(temp)
            else:
                commit(temp, path, mode_of(path))
    except OSError as error:
        raise ScorerError(
            f"cannot tidy an earlier run: {error.strerror or error}", path=temp
        ) from None


def _scan_jsonl(handle: IO[bytes], path: str, columns: Sequence[str]) -> Existing:
    found = Existing()
    at = 0
    for number, line in enumerate(handle, 1):
        if not line.endswith(b"\n"):
            break  # torn: a run stopped while writing it
        at += len(line)
        if line.strip():
            try:
                row = json.loads(line)
            except ValueError:
                row = None
            if not isinstance(row, dict) or "id" not in row:
                raise ScorerError(
                    f"line {number} is not a row of scorer batch; {_OVERWRITE}", path=path
                )
            _same_columns(path, list(row), columns)
            found.done[row["id"]] += 1
            found.rows += 1
            found.errors += row["error"] is not None
        found.keep = at
    return found


def _scan_delimited(
    handle: IO[bytes], path: str, columns: Sequence[str], delimiter: str, size: int
) -> Existing:
    found = Existing()
    lines = _Tracked(handle)
    # strict: a row cut inside a quoted field is an error here, not a short last field.
    rows = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        try:
            row = next(rows, None)
            broken = False
        except csv.Error:
            row, broken = [], True
        if row is None:
            return found
        if (broken or not lines.newline) and lines.offset == size:
            return found  # torn: the last row, cut short by a run that stopped
        if broken or not lines.newline or (found.header and len(row) != len(columns)):
            where = "the header" if not found.header else f"the row ending on line {lines.number}"
            raise ScorerError(f"{where} is not a row of scorer batch; {_OVERWRITE}", path=path)
        if not found.header:
            _same_columns(path, row, columns)
            found.header = True
        else:
            found.done[row[0]] += 1
            found.rows += 1
            found.errors += row[-1] != ""  # the error column is the last
        found.keep = lines.offset


class _Tracked(Iterator[str]):
    """Lines for csv.reader, counting the bytes it has taken: where its last row ended."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self.offset = 0
        self.number = 0
        self.newline = True

    def __next__(self) -> str:
        line = self._handle.readline()
        if not line:
            raise StopIteration
        self.offset += len(line)
        self.number += 1
        self.newline = line.endswith(b"\n")
        return line.decode("utf-8", "surrogateescape")


def _same_columns(path: str, have: Sequence[str], want: Sequence[str]) -> None:
    if list(have) == list(want):
        return
    lacks = [name for name in want if name not in have]
    extra = [name for name in have if name not in want]
    said = [f"lacks {', '.join(lacks)}"] if lacks else []
    said += [f"has {', '.join(extra)}"] if extra else []
    differ = "; ".join(said) or "in another order"
    raise ScorerError(
        f"holds rows with other columns than this run's ({differ}): written with other "
        f"options or config? {_OVERWRITE}",
        path=path,
    )
