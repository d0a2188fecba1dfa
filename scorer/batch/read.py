"""Reading a corpus: JSONL, CSV, TSV or Parquet records, one at a time, in input order.

`open_input` checks what can be checked before any record is read (the file exists, its
format, a CSV's header or a Parquet schema has the text column, pyarrow is installed) and
raises ScorerError otherwise. `Input.records` then yields `(position, record)` pairs,
position 0-based over the records (blank lines are not records). A record that cannot be
read (a line that is not a JSON object, a CSV row that is not UTF-8) is yielded as
`Unreadable` at its position: it becomes an error row, and the run goes on. Nothing holds
more than one record, or one Parquet batch, at a time.

A `.gz` name, or gzip's magic bytes, means a gzip stream of JSONL, CSV or TSV.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from scorer.batch.record import Fields
from scorer.errors import ScorerError

FORMATS = ("jsonl", "csv", "tsv", "parquet")
SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",  # JSON Lines saved as .json; an array is refused with a hint
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
PARQUET_MISSING = (
    "reading and writing Parquet needs pyarrow: pip install 'sourcing-scorer[parquet]'"
)
_GZIP_MAGIC = b"\x1f\x8b"
_DELIMITERS = {"csv": ",", "tsv": "\t"}
# Counting the records for the progress bar reads the file once more: only when that is cheap.
_COUNT_LIMIT = 512 * 1024 * 1024
_PARQUET_BATCH = 64
# Bytes that were not UTF-8, kept as lone surrogates by "surrogateescape" so that one bad
# row is that row's error; and lone surrogates a JSON string spelled out as \udXXX escapes.
_SURROGATE = re.compile("[\ud800-\udfff]")
# What reading a file can raise midway: a disk error, a gzip stream cut short or corrupt.
_READ_ERRORS = (OSError, EOFError, zlib.error)


@dataclass(frozen=True)
class Unreadable:
    """A record that could not be read: why, with its line. It becomes an error row."""

    message: str


Item = tuple[int, Mapping[str, Any] | Unreadable]


def format_of(path: str) -> tuple[str | None, bool]:
    """The format a file name says (None: it says none) and whether it is gzipped."""
    name = os.path.basename(path).lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[: -len(".gz")]
    return SUFFIXES.get(os.path.splitext(name)[1]), gzipped


@dataclass(frozen=True)
class Input:
    """A corpus file checked by `open_input`: its format, and the fields of its records."""

    path: str
    format: str
    gzipped: bool
    fields: Fields

    def records(self) -> Iterator[Item]:
        """Every record as `(position, record)`, in file order; ScorerError if reading fails."""
        if self.format == "parquet":
            return self._parquet()
        if self.format == "jsonl":
            return self._jsonl()
        return self._delimited()

    def count(self) -> int | None:
        """How many records there are, when that is cheap to learn; else None."""
        if self.format == "parquet":
            return _parquet_file(self.path).metadata.num_rows
        if self.gzipped or os.path.getsize(self.path) > _COUNT_LIMIT:
            return None
        try:
            if self.format == "jsonl":
                with open(self.path, "rb") as handle:
                    return sum(1 for line in handle if line.strip())
            with self._text() as handle:
                rows = csv.reader(handle, delimiter=_DELIMITERS[self.format])
                return max(0, sum(1 for row in rows if row) - 1)
        except (OSError, csv.Error):
            return None  # reading the records says what is wrong

    def _jsonl(self) -> Iterator[Item]:
        position = number = 0
        with self._binary() as handle:
            lines = iter(handle)
            while True:
                try:
                    line = next(lines, None)
                except _READ_ERRORS as error:
                    raise _unreadable(self.path, error, number + 1) from None
                if line is None:
                    return
                number += 1
                if line.strip():
                    yield position, self._json_record(line, number)
                    position += 1

    def _json_record(self, line: bytes, number: int) -> Mapping[str, Any] | Unreadable:
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            return Unreadable(f"line {number}: not valid UTF-8")
        except json.JSONDecodeError as error:
            reason = error.msg.removesuffix(" at")  # "Invalid control character at"
            return Unreadable(f"line {number}, column {error.colno}: not JSON ({reason})")
        except ValueError as error:
            return Unreadable(f"line {number}: not JSON ({error})")
        if not isinstance(record, dict):
            return Unreadable(f"line {number}: a JSON {_json_type(record)}, not an object")
        return _checked(record, self.fields, number)

    def _delimited(self) -> Iterator[Item]:
        _raise_field_limit()
        with self._text() as handle:
            # strict: a quote left open at the end (a truncated download) is an error row,
            # not a record whose text runs to the end of the file.
            rows = csv.reader(handle, delimiter=_DELIMITERS[self.format], strict=True)
            header: list[str] | None = None
            position = 0
            while True:
                number = rows.line_num + 1
                try:
                    row = next(rows, None)
                except csv.Error as error:
                    yield position, Unreadable(f"line {number}: not a {self.format} row ({error})")
                    position += 1
                    continue
                except _READ_ERRORS as error:
                    raise _unreadable(self.path, error, number) from None
                if row is None:
                    return
                if header is None:
                    header = row
                elif row:  # not a blank line
                    record = dict(zip(header, row, strict=False))
                    yield position, _checked(record, self.fields, number)
                    position += 1

    def _parquet(self) -> Iterator[Item]:
        from pyarrow import ArrowException

        source = _parquet_file(self.path)
        names = set(source.schema_arrow.names)
        wanted = [self.fields.text, self.fields.id, self.fields.title]
        needed = list(dict.fromkeys(name for name in wanted if name and name in names))
        position = 0
        try:
            for batch in source.iter_batches(batch_size=_PARQUET_BATCH, columns=needed):
                for record in batch.to_pylist():
                    yield position, _checked(record, self.fields, None)
                    position += 1
        except (ArrowException, OSError) as error:
            raise ScorerError(f"cannot read record {position}: {error}", path=self.path) from None

    def _binary(self) -> IO[bytes]:
        try:
            raw = open(self.path, "rb")  # noqa: SIM115 (returned open)
        except OSError as error:
            raise ScorerError(f"cannot read: {error.strerror or error}", path=self.path) from None
        if self.gzipped:
            return gzip.GzipFile(fileobj=raw, mode="rb")
        return raw

    def _text(self) -> IO[str]:
        # utf-8-sig: spreadsheets save CSV with a BOM. surrogateescape: a row with bytes
        # that are not UTF-8 is that row's error (see `_checked`), not the end of the run.
        return io.TextIOWrapper(
            self._binary(), encoding="utf-8-sig", errors="surrogateescape", newline=""
        )


def open_input(path: str, format: str | None, fields: Fields, named: Sequence[str] = ()) -> Input:
    """The corpus at `path`, checked: ScorerError saying what is wrong and how to fix it.

    `named` are fields the user named explicitly besides the text: a CSV header or a
    Parquet schema without one of them is an error rather than a silent fallback.
    """
    _check_file(path)
    said, gzipped = format_of(path)
    with open(path, "rb") as handle:
        head = handle.read(4096)
    gzipped = gzipped or head.startswith(_GZIP_MAGIC)
    chosen = format or said
    if chosen is None:
        raise ScorerError(
            "cannot tell the corpus format from the file name; name it .jsonl, .csv, .tsv or "
            ".parquet (optionally .gz), or pass --input-format",
            path=path,
        )
    if chosen == "parquet" and gzipped:
        raise ScorerError("a gzipped Parquet file; Parquet compresses itself, unzip it", path=path)
    found = Input(path, chosen, gzipped, fields)
    wanted = [fields.text, *named]
    if chosen == "parquet":
        _require(path, "column", wanted, _parquet_file(path).schema_arrow.names)
    elif chosen in _DELIMITERS:
        _require(path, "column", wanted, _header(found))
    elif not gzipped and head.lstrip().startswith(b"["):
        raise ScorerError(
            "a JSON array; scorer batch reads JSON Lines, one object per line "
            "(convert with: jq -c '.[]' FILE > FILE.jsonl)",
            path=path,
        )
    return found


def _check_file(path: str) -> None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ScorerError("no such file", path=path) from None
    except OSError as error:
        raise ScorerError(f"cannot read: {error.strerror or error}", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise ScorerError("is a directory, not a corpus file", path=path)
    if not stat.S_ISREG(info.st_mode):
        # Its first bytes, read to learn its format, could not be read again.
        raise ScorerError("is not a regular file (a pipe, socket or device)", path=path)
    if not os.access(path, os.R_OK):
        raise ScorerError("permission denied", path=path)


def _header(found: Input) -> list[str]:
    _raise_field_limit()
    try:
        with found._text() as handle:
            header = next(csv.reader(handle, delimiter=_DELIMITERS[found.format]), None)
    except (*_READ_ERRORS, csv.Error) as error:
        raise _unreadable(found.path, error, 1) from None
    if not header:
        raise ScorerError(
            f"empty; a {found.format.upper()} corpus needs a header row", path=found.path
        )
    if any(_SURROGATE.search(name) for name in header):
        raise ScorerError(
            "the header row is not valid UTF-8; save the file as UTF-8", path=found.path
        )
    return header


def _require(path: str, what: str, wanted: Sequence[str], have: Sequence[str]) -> None:
    for name in wanted:
        if name not in have:
            listed = ", ".join(have) or "none"
            raise ScorerError(f"no {what} {name!r} ({what}s: {listed})", path=path)


def _parquet_file(path: str) -> Any:
    try:
        import pyarrow.parquet as pq
        from pyarrow import ArrowException
    except ImportError:
        raise ScorerError(PARQUET_MISSING) from None
    try:
        return pq.ParquetFile(path)
    except (ArrowException, OSError) as error:
        raise ScorerError(f"not a Parquet file we can read ({error})", path=path) from None


def _checked(
    record: dict[str, Any], fields: Fields, number: int | None
) -> dict[str, Any] | Unreadable:
    """The fields scoring reads, or Unreadable when one holds text that is not text.

    The other fields keep their names, for the error that lists them, but not their
    values: a record goes to a worker process, and an export's other columns can be large.
    """
    used = (fields.text, fields.id, fields.title)
    for name in used:
        value = record.get(name) if name else None
        if isinstance(value, str) and _SURROGATE.search(value):
            where = f"line {number}: " if number is not None else ""
            return Unreadable(f"{where}field {name!r} is not valid UTF-8 text")
    return {name: value if name in used else None for name, value in record.items()}


def _raise_field_limit() -> None:
    # csv refuses fields over 128 KiB by default: a long article is more than that.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # a C long is 32 bits on some platforms
            limit //= 2


def _unreadable(path: str, error: BaseException, line: int) -> ScorerError:
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return ScorerError(f"cannot read past line {line}: {reason}", path=path)


def _json_type(value: object) -> str:
    names = {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
