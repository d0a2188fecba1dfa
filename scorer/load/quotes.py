"""Quotations: quote marks paired within one paragraph.

A mark's role comes from what flanks it, not from its glyph, so the seed's
`his country,“ he told` (an opening curly mark used to close) still closes its quote; the
glyph only breaks ties. Pairing never crosses a paragraph: an unclosed quote stops at the
paragraph end (news style for a quote that runs on), so one stray mark costs at most one
paragraph, never the rest of the document. Single marks are quotes only when they pair
up outside a double quote; otherwise they are apostrophes ("Assad’s", "the ’90s").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from scorer.load.document import Paragraph, Quote

_DOUBLE = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]')
_DOUBLE_OPEN = frozenset("\u201c\u201e\u00ab")
_DOUBLE_CLOSE = frozenset("\u201d\u00bb")
_SINGLE = re.compile("['\u2018\u2019\u201a\u201b]")
_DOUBLE_MARKS = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033')
_SINGLE_OPEN = frozenset("\u2018\u201a")
# Characters after which an opening mark may stand, besides white space.
_BEFORE_OPEN = frozenset("([{\u2014\u2013-/:")
_AFTER_CLOSE = frozenset(".,;:!?)]}\u2014\u2013-/")


def find(text: str, paragraphs: Iterable[Paragraph]) -> Iterator[Quote]:
    for paragraph in paragraphs:
        doubles = list(
            _pair(text, paragraph, _DOUBLE, _DOUBLE_OPEN, _DOUBLE_CLOSE, keep_unclosed=True)
        )
        yield from doubles
        for gap_start, gap_end in _gaps(paragraph, doubles):
            yield from _pair(
                text,
                paragraph,
                _SINGLE,
                _SINGLE_OPEN,
                frozenset(),
                keep_unclosed=False,
                start=gap_start,
                end=gap_end,
            )


def _gaps(paragraph: Paragraph, quotes: list[Quote]) -> Iterator[tuple[int, int]]:
    cursor = paragraph.start
    for quote in quotes:
        yield cursor, quote.start
        cursor = quote.end
    yield cursor, paragraph.end


def _role(
    text: str, i: int, start: int, end: int, opens: frozenset[str], closes: frozenset[str]
) -> str:
    """'open', 'close' or 'either' for the mark at `i`, from its flanks, then its glyph."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    can_open = not after.isspace() and (before.isspace() or before in _BEFORE_OPEN)
    can_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSE)
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if before.isalnum() and after.isalnum():
        return "inner"  # an apostrophe inside a word: don’t, Assad’s
    if after.isdigit() and text[i] not in _DOUBLE_MARKS:
        return "inner"  # a decade or year: the ’90s, class of ’08
    if text[i] in opens:
        return "open"
    if text[i] in closes:
        return "close"
    return "either"


def _pair(
    text: str,
    paragraph: Paragraph,
    marks: re.Pattern[str],
    opens: frozenset[str],
    closes: frozenset[str],
    *,
    keep_unclosed: bool,
    start: int | None = None,
    end: int | None = None,
) -> Iterator[Quote]:
    start = paragraph.start if start is None else start
    end = paragraph.end if end is None else end
    open_at: int | None = None
    for mark in marks.finditer(text, start, end):
        i = mark.start()
        role = _role(text, i, paragraph.start, paragraph.end, opens, closes)
        if role == "inner":
            continue
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
            continue  # a closing mark with nothing open is a stray: skip it
        if role in ("close", "either"):
            yield Quote(open_at, i + 1, open_at + 1, i, paragraph.index, closed=True)
            open_at = None
        elif keep_unclosed:
            # A new opening mark while one is open: the first was never closed.
            yield _unclosed(text, open_at, i, paragraph.index)
            open_at = i
        else:
            open_at = i  # single marks: the earlier "opener" was an apostrophe ('til, 'em)
    if open_at is not None and keep_unclosed:
        yield _unclosed(text, open_at, end, paragraph.index)


def _unclosed(text: str, open_at: int, end: int, paragraph: int) -> Quote:
    while end > open_at + 1 and text[end - 1].isspace():
        end -= 1
    return Quote(open_at, end, open_at + 1, end, paragraph, closed=False)
