"""Lines of a file as git numbers them and as scorer does, for `--diff` (scorer.runs.gitdiff).

git splits lines on LF only, scorer on CRLF, CR and LF; a `--unified=0` diff names git's
lines of the new side. These turn one numbering into the other and read the file the way the
loader would, so changed lines land on the lines scorer reports.
"""

from __future__ import annotations

import os
import re
import stat
from bisect import bisect_right

from scorer.errors import ScorerError
from scorer.load.decode import decode
from scorer.load.document import line_starts

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
_BARE_CR = re.compile(rb"\r(?!\n)")
_LF = re.compile(rb"\n")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def read_file(path: str) -> bytes:
    """The file's bytes; like the loader, refuse a pipe or device rather than block on it."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise ScorerError("is a directory, not an article file", path=path)
        if not stat.S_ISREG(mode):
            raise ScorerError("is not a regular file (a pipe, socket or device)", path=path)
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise ScorerError("no such file", path=path) from None
    except PermissionError:
        raise ScorerError("permission denied", path=path) from None
    except OSError as error:
        raise ScorerError(f"cannot read: {error.strerror or error}", path=path) from None


def git_line_count(data: bytes) -> int:
    """Lines as git counts them: LF-terminated, plus a last line without one."""
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def git_lines(diff: bytes, count: int) -> set[int]:
    """New-side git line numbers a `--unified=0` diff touches (see the module docstring)."""
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start = int(match.group(1))
        length = 1 if match.group(2) is None else int(match.group(2))
        if length:
            lines.update(range(start, start + length))
        else:
            # A pure deletion: `start` is the line before the gap (0 at the top of the file).
            lines.update((start, start + 1))
    # Clamped to the file on disk: a clean filter (Git LFS) can make git's text another file's.
    return {line for line in lines if 1 <= line <= count}


def scorer_lines(git_lines: set[int], data: bytes) -> frozenset[int]:
    """Git line numbers as scorer numbers lines: the same unless the file has a bare CR."""
    if not _BARE_CR.search(data):
        return frozenset(git_lines)
    # Byte offsets are enough: a text file scorer reads without a BOM is UTF-8 or a declared
    # ASCII-compatible charset (UTF-16 is binary to git), so CR and LF are the same bytes.
    git_starts = (0, *(m.end() for m in _LF.finditer(data)))
    starts = (0, *(m.end() for m in _LINE_BREAK.finditer(data)))
    lines: set[int] = set()
    for git_line in git_lines:
        begin = git_starts[git_line - 1]
        # The git line's last byte: its LF, or the file's last byte when no LF ends it.
        end = git_starts[git_line] - 1 if git_line < len(git_starts) else len(data) - 1
        lines.update(range(bisect_right(starts, begin), bisect_right(starts, end) + 1))
    return frozenset(lines)


def every_line(data: bytes, path: str) -> frozenset[int]:
    """Every line of the file with text on it, numbered as scorer numbers them.

    The text is decoded as the loader decodes it (a UTF-16 file has NUL bytes between its line
    breaks); a file the loader would refuse raises the loader's ScorerError. No line follows a
    final line break, as git counts.
    """
    text = decode(data, path, html=True)
    starts = line_starts(text)
    count = len(starts) - (1 if starts[-1] == len(text) else 0)
    return frozenset(range(1, count + 1))
