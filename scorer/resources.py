"""Where the shipped data lives: `rules/` inside the wheel, or at the top of a checkout."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from scorer.errors import ScorerError

_TOML_POSITION = re.compile(r" \(at line (\d+), column \d+\)")


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
            return tomllib.load(handle)
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
        line = int(where.group(1)) if where else None
        message = _TOML_POSITION.sub("", str(error))
        raise ScorerError(f"invalid TOML: {message}", path=str(path), line=line) from None
