"""A Markdown file's YAML front matter: its metadata (title, byline, date, standfirst,
genre), and where the Markdown begins.

Only a block between `---` rules that holds a `key:` line is front matter; anything else is
prose between thematic breaks. A value that is not text, or YAML that does not parse, is an
error naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from scorer.errors import ScorerError

# A line that reads as a YAML key ("title: x", "  date:", "- name: y"): a block between
# `---` rules with none of these is prose between thematic breaks, not front matter.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_KEY_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)", re.MULTILINE)


def _scalar(value: object, key: str, source: str) -> str | None:
    """A front-matter value as text; YAML has already turned `2012-08-06` into a date."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    try:
        text = str(value)
    except ValueError:  # an int past Python's 4300-digit limit for int-to-str
        raise ScorerError(
            f"front matter value of {key!r} is too long a number", path=source, line=1
        ) from None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a YAML escape such as "\ud800" gave a lone surrogate
        raise ScorerError(
            f"front matter value of {key!r} is not valid Unicode text (a lone surrogate)",
            path=source,
            line=1,
        ) from None
    return text.strip() or None


def _yaml_problem(error: Exception, document: str) -> tuple[str, int]:
    """A short reason and the 1-based line of the file (the YAML starts on line 2)."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        return error.problem or error.context or "syntax error", 2 + mark.line if mark else 1
    if isinstance(error, yaml.reader.ReaderError):
        return error.reason, 2 + len(_LINE_BREAK.findall(document, 0, error.position))
    if isinstance(error, RecursionError):
        return "lists or mappings nested too deeply", 1
    # The constructors raise plain Python errors (a date like 2012-13-45).
    return (str(error).splitlines() or [type(error).__name__])[0], 1


def front_matter(text: str, lines: list[tuple[int, int]], source: str) -> tuple[dict, int]:
    """The YAML front matter as a mapping, and the offset where the Markdown begins."""
    first = text[lines[0][0] : lines[0][1]].removeprefix("\ufeff").rstrip(" \t")
    if first != "---" or len(lines) < 2:
        return {}, 0
    close = next(
        (i for i in range(1, len(lines)) if text[slice(*lines[i])].rstrip(" \t") in ("---", "...")),
        None,
    )
    if close is None:  # no closer: a thematic break, not front matter
        return {}, 0
    document = text[lines[1][0] : lines[close][0]]
    # Only a block with a `key:` line is meant as front matter; otherwise the `---` lines
    # are thematic breaks with prose between them, whatever YAML makes of that prose.
    keyed = _KEY_LINE.search(document) is not None
    try:
        meta = yaml.safe_load(document)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as e:
        if not keyed:
            return {}, 0
        reason, line = _yaml_problem(e, document)
        message = f"front matter is not valid YAML: {reason}"
        raise ScorerError(message, path=source, line=line) from e
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        if not keyed:
            return {}, 0
        raise ScorerError("front matter is not a YAML mapping", path=source, line=1)
    return meta, lines[close][1]


def metadata(meta: dict[str, Any], source: str) -> dict[str, str | None]:
    """title, byline, date and standfirst from front matter; other keys are ignored."""
    people_key = next((k for k in ("byline", "author", "authors") if k in meta), "byline")
    people = meta.get(people_key)
    if isinstance(people, list):
        byline = ", ".join(n for p in people if (n := _scalar(p, people_key, source))) or None
    else:
        byline = _scalar(people, people_key, source)
    standfirst = next(
        (
            _scalar(meta[k], k, source)
            for k in ("standfirst", "description", "subtitle")
            if k in meta
        ),
        None,
    )
    return {
        "title": _scalar(meta.get("title"), "title", source),
        "byline": byline,
        "date": _scalar(meta.get("date"), "date", source),
        "standfirst": standfirst,
    }
