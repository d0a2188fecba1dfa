"""Plain text: paragraphs from lines, and the headline and standfirst at the top.

A block of lines is hard-wrapped prose (one paragraph) when its lines, all but the last,
are of similar width, no longer than a terminal line, and do not all end a sentence;
otherwise each line is a paragraph, as in text copied from a web page. The first line
is the headline when it reads like one (short, no closing full stop); the line after it
is the standfirst when it is one sentence with no closing full stop (a one-sentence lede
ends in a full stop).
"""

from __future__ import annotations

import re

from scorer.load import directives as inline
from scorer.load.document import Span
from scorer.load.types import Block, Loaded

_LINE = re.compile(r"[^\r\n]+")
# "\r(?!\n)": the \r of one CRLF must not count as a line break of its own.
_BLANK_RUN = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t\f\v]*(?:\r\n|\r|\n)")
_SENTENCE_END = re.compile(r"""[.!?]['"\u2019\u201d)]*$""")
_INNER_BOUNDARY = re.compile(r"""[a-z0-9][.!?]['"\u2019\u201d]*\s+['"\u2018\u201c]?[A-Z]""")
_WRAP_WIDTH = 100
_MIN_WRAP_WIDTH = 50  # nobody wraps prose narrower than this; a short line is a headline
_HEADLINE_MAX_WORDS = 25
_STANDFIRST_MAX_WORDS = 60


def load_text(text: str, source: str, *, title: str | None = None) -> Loaded:
    """Plain text. A `title` given by the caller replaces headline detection.

    Inline `<!-- scorer: ... -->` directives are read first and then blanked to spaces, as
    the Markdown loader blanks all comments: a directive line is not prose, and offsets
    (so line:column) stay those of the file.
    """
    directives = inline.parse(text)
    text = inline.blank(text, directives)
    lines = _blocks(text)
    kinds = ["body"] * len(lines)
    title_span = standfirst_span = None
    first = 0
    if title is None and len(lines) >= 2 and _is_headline(text, lines[0]):
        kinds[0] = "headline"
        title_span = lines[0]
        title = text[title_span.start : title_span.end]
        first = 1
    if first and len(lines) >= 3 and _is_standfirst(text, lines[first]):
        kinds[first] = "standfirst"
        standfirst_span = lines[first]
    return Loaded(
        text=text,
        source=source,
        format="text",
        title=title,
        title_span=title_span,
        standfirst=text[standfirst_span.start : standfirst_span.end] if standfirst_span else None,
        standfirst_span=standfirst_span,
        blocks=tuple(Block(s.start, s.end, k) for s, k in zip(lines, kinds, strict=True)),
        directives=inline.aim(directives, [(s.start, s.end) for s in lines]),
    )


def _blocks(text: str) -> list[Span]:
    """Paragraph spans, trimmed of surrounding white space."""
    spans: list[Span] = []
    chunk_start = 0
    for gap in (*_BLANK_RUN.finditer(text), None):
        chunk_end = gap.start() if gap else len(text)
        lines = [
            _trim(text, m.start() + chunk_start, m.end() + chunk_start)
            for m in _LINE.finditer(text[chunk_start:chunk_end])
        ]
        lines = [s for s in lines if s.end > s.start]
        if lines and _hard_wrapped(text, lines):
            spans.append(Span(lines[0].start, lines[-1].end))
        else:
            spans.extend(lines)
        if gap:
            chunk_start = gap.end()
    return spans


def _hard_wrapped(text: str, lines: list[Span]) -> bool:
    if len(lines) < 2:
        return False
    widths = [s.end - s.start for s in lines[:-1]]
    last = lines[-1].end - lines[-1].start
    # Wrapped lines are of a similar width and the last is no longer than the others;
    # a headline over a standfirst or a lede is not.
    if max(widths) > _WRAP_WIDTH or min(widths) < max(_MIN_WRAP_WIDTH, 0.7 * max(widths)):
        return False
    if last > max(widths):
        return False
    body = lines[:-1]
    return not all(_SENTENCE_END.search(text[s.start : s.end]) for s in body)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _is_headline(text: str, span: Span) -> bool:
    line = text[span.start : span.end]
    return (
        "\n" not in line
        and len(line.split()) <= _HEADLINE_MAX_WORDS
        and not line.rstrip("'\"\u2019\u201d").endswith((".", ",", ";", ":"))
        and not _INNER_BOUNDARY.search(line)
    )


def _is_standfirst(text: str, span: Span) -> bool:
    line = text[span.start : span.end]
    return (
        "\n" not in line
        and len(line.split()) <= _STANDFIRST_MAX_WORDS
        and not _SENTENCE_END.search(line.rstrip())
        and not _INNER_BOUNDARY.search(line)
    )
