"""Loading: any source (path, `-` for stdin, http(s) URL, a string) becomes one Document.

Reading and decoding happen here; each format has its own module (`text`, `markdown`,
`html`) that reduces the decoded source to prose with offsets, and segmentation takes it
from there. Every failure is a ScorerError naming the source.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from scorer.errors import ScorerError
from scorer.load.decode import decode
from scorer.load.document import Document
from scorer.load.types import Block, Loaded

if TYPE_CHECKING:
    from scorer.load.furniture import Pattern

__all__ = ["Block", "Loaded", "detect_format", "kind_of", "load", "load_bytes", "load_string"]

FORMATS = ("text", "markdown", "html")
_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_MEDIA_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A file larger than this is refused before it is read: no article is 200 MB.
MAX_FILE_BYTES = 200_000_000


def load(
    source: str,
    *,
    format: str | None = None,
    stdin: BinaryIO | None = None,
    boilerplate: tuple[Pattern, ...] | None = None,
) -> Document:
    """Load a path, `-` (standard input) or an http(s) URL.

    `boilerplate` replaces the shipped boilerplate patterns (pass the shipped ones plus a
    house file's to extend them).
    """
    charset = None
    kind = kind_of(source)
    if kind == "stdin":
        data, name = _read_bounded(stdin or sys.stdin.buffer), "<stdin>"
        if len(data) > MAX_FILE_BYTES:
            raise ScorerError(
                f"input is larger than {MAX_FILE_BYTES // 1_000_000} MB; refusing", path=name
            )
    elif kind == "url":
        from scorer.load.fetch import fetch

        fetched = fetch(source)
        data, name, charset = fetched.data, source, fetched.charset
        format = format or _MEDIA_TYPES.get(fetched.content_type)
    else:
        data, name = _read_file(source), source
        format = format or detect_format(source)
    return _segment(_from_bytes(data, name, format, charset=charset), boilerplate)


def load_bytes(
    data: bytes,
    source: str,
    *,
    format: str | None = None,
    boilerplate: tuple[Pattern, ...] | None = None,
) -> Document:
    """A file's bytes read as the file `source` would be (its format by its name): the
    file as it was at a git ref, for `scorer check --diff`'s ratchet."""
    format = format or detect_format(source)
    return _segment(_from_bytes(data, source, format, charset=None), boilerplate)


def load_string(
    text: str,
    *,
    title: str | None = None,
    source: str = "<text>",
    format: str = "text",
    boilerplate: tuple[Pattern, ...] | None = None,
) -> Document:
    """A document from text already in memory (the `scorer.audit(text)` path).

    A lone surrogate (a str can hold one, no UTF-8 file can) becomes U+FFFD, one character
    for one, so every offset stays the text's: the tagger's C code fails on it otherwise.
    """
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return _segment(_parse(text, source, format, title=title), boilerplate)


def kind_of(source: str) -> str:
    """What a source names: "stdin" (`-`), "url" (anything with a scheme: http and https
    are fetched, the rest refused by name) or "file"."""
    if source == "-":
        return "stdin"
    if "://" in source or source.lower().startswith(("http:", "https:")):
        return "url"
    return "file"


def detect_format(path: str) -> str | None:
    """The format a file name says, or None to sniff the content."""
    return _SUFFIXES.get(Path(path).suffix.lower())


# What a directory is searched for: every suffix that names a format.
ARTICLE_SUFFIXES = tuple(sorted(s for s in _SUFFIXES if s))


def _read_file(path: str) -> bytes:
    """The bytes of a regular file; a directory, FIFO or device is refused, not read.

    Reading stops past the size limit: /dev/zero reports size 0 and never ends.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ScorerError("is a directory, not an article file", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise ScorerError("is not a regular file (a pipe, socket or device)", path=path)
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(path)
        with open(path, "rb") as handle:
            data = _read_bounded(handle)
    except FileNotFoundError:
        raise ScorerError("no such file", path=path) from None
    except PermissionError:
        raise ScorerError("permission denied", path=path) from None
    except ValueError:
        raise ScorerError("the path contains a NUL character", path=repr(path)) from None
    except OSError as error:
        raise ScorerError(f"cannot read: {error.strerror or error}", path=path) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise _too_large(path)
    return data


def _too_large(path: str) -> ScorerError:
    return ScorerError(f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB; refusing", path=path)


def _read_bounded(handle: BinaryIO) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes, read in pieces: one `read(limit)` would reserve
    the whole limit (200 MB) for a file of a few kilobytes."""
    pieces = []
    left = MAX_FILE_BYTES + 1
    while left > 0 and (piece := handle.read(min(left, _PIECE))):
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


_PIECE = 1 << 20


def _from_bytes(data: bytes, source: str, format: str | None, *, charset: str | None) -> Loaded:
    if format is not None and format not in FORMATS:
        raise ScorerError(
            f"unknown format {format!r}; expected one of {', '.join(FORMATS)}", path=source
        )
    looks_html = format == "html" or (format is None and _sniff_html(data))
    text = decode(data, source, charset=charset, html=looks_html)
    return _parse(text, source, format or ("html" if looks_html else "text"))


def _sniff_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def _parse(text: str, source: str, format: str, *, title: str | None = None) -> Loaded:
    if not text.strip():
        raise ScorerError("the document is empty", path=source)
    if format == "markdown":
        from scorer.load.markdown import load_markdown

        loaded = load_markdown(text, source)
    elif format == "html":
        from scorer.load.html import load_html

        loaded = load_html(text, source)
    else:
        from scorer.load.text import load_text

        loaded = load_text(text, source, title=title)
    if title is not None and loaded.title is None:
        loaded = replace(loaded, title=title)
    if not loaded.blocks:
        raise ScorerError("the document has no prose to analyse", path=source)
    return loaded


def _segment(loaded: Loaded, boilerplate: tuple[Pattern, ...] | None) -> Document:
    from scorer.load.segment import build_document

    return build_document(loaded, boilerplate)
