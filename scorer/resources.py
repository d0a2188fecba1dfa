"""Where the shipped data lives: `rules/` inside the wheel, or at the top of a checkout."""

from __future__ import annotations

import re
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from scorer.errors import ScorerError

_TOML_POSITION = re.compile(r" \(at (?:line (\d+), column \d+|end of document)\)")


@cache
def rules_dir() -> Path:
    """The directory holding rule packs and lexicons.

    An installed wheel has it as `scorer/rules`; a source checkout or editable install
    reads the repository's top-level `rules/`, the one users edit.
    """
    packaged = Path(__file__).resolve().parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML data file, naming the file and line when it is malformed."""
    try:
        with path.open("rb") as handle:
            data = handle.read()
        return tomllib.loads(data.decode("utf-8"))
    except RecursionError:
        # tomllib recurses once per level of `[[[...` or `{a={a=...`.
        raise ScorerError(
            "invalid TOML: arrays or inline tables nested too deeply",
            path=str(path),
            line=_deepest_line(data),
        ) from None
    except FileNotFoundError:
        raise ScorerError("file not found", path=str(path)) from None
    except IsADirectoryError:
        raise ScorerError("is a directory, not a TOML file", path=str(path)) from None
    except UnicodeDecodeError:
        raise ScorerError("invalid TOML: the file is not UTF-8 text", path=str(path)) from None
    except OSError as error:
        raise ScorerError(f"cannot read: {error.strerror or error}", path=str(path)) from None
    except tomllib.TOMLDecodeError as error:
        # tomllib puts the position in the message only (no attribute before 3.14).
        where = _TOML_POSITION.search(str(error))
        # "at end of document" has no line: the last line with anything on it is meant.
        last = data.rstrip().count(b"\n") + 1
        line = int(where.group(1)) if where and where.group(1) else last
        message = _TOML_POSITION.sub("", str(error))
        raise ScorerError(f"invalid TOML: {message}", path=str(path), line=line) from None
    except ValueError:  # Python's limit on the digits of an int, 4,300 by default
        long_number = _LONG_NUMBER.search(data)
        raise ScorerError(
            f"invalid TOML: a number longer than {sys.get_int_max_str_digits():,} digits",
            path=str(path),
            line=data.count(b"\n", 0, long_number.start()) + 1 if long_number else None,
        ) from None


_LONG_NUMBER = re.compile(rb"[0-9_]{1000,}")


def _deepest_line(data: bytes) -> int:
    """The line where brackets and braces nest deepest, strings and comments aside."""
    depth = deepest = 0
    line = where = 1
    quote: bytes | None = None
    comment = escaped = False
    for byte in data:
        char = bytes((byte,))
        if char == b"\n":
            line += 1
            comment = False
        elif comment:
            continue
        elif quote is not None:
            escaped = not escaped and char == b"\\" and quote == b'"'
            if char == quote and not escaped:
                quote = None
        elif char in (b'"', b"'"):
            quote = char
        elif char == b"#":
            comment = True
        elif char in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest, where = depth, line
        elif char in (b"]", b"}"):
            depth -= 1
    return where
