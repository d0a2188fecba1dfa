"""Where the characters of an extracted text lie in the file they were extracted from.

An HTML page's Document text is built from what trafilatura extracted (scorer.load.html):
an offset into it is no place in the page. scorer.load.html_locate finds each block of that
text in the page and records the answer here, so that `Document.line_col` can name the
page's own line and column, which is what annotations, SARIF regions, `--diff` and an
editor's jump-to-line need.

Both sides are compared as keys (scorer.load.html_visible): their kept characters, white
space and the like dropped. The map is kept coarse, so that making it costs a few entries
per paragraph rather than per word: stretches of the text whose kept characters were found
one after another in the page, and segments of the page's visible text (text between two
tags, or one entity). A lookup bisects both, counting the kept characters of one stretch
and one segment at most, each counted once and remembered: a few hundred lookups of a long
page cost a pass over it at most.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING

from scorer.load.html_visible import ENTITY, KEPT, SPARSE

if TYPE_CHECKING:
    from scorer.load.document import Span

# Where each word of a stretch or segment starts and ends, and the kept characters before it.
_Words = tuple[list[int], list[int], list[int]]


@dataclass(frozen=True, eq=False)
class SourceMap:
    """Text offsets of the located stretches to character offsets of the decoded file.

    Text side, one entry per stretch of `text` found in the page, by offset:
    `text_starts` and `text_ends`, `keys` (where its first kept character is in the page's
    stream of kept characters), `after` (where the text's next word starts, or its block
    ends: blank space past the stretch and before that sits just after it in the file) and
    `block_ends` (where its block ends).
    Page side, one entry per segment of visible text: `key_starts`, `file_starts`,
    `file_ends` and `kinds` (ENTITY: all its characters come from the whole entity `&amp;`;
    DENSE: one file character for each, nothing dropped; SPARSE: white space dropped).
    `unlocated` lists the blocks of the text not wholly found in the page, with their
    kinds (headline, standfirst, heading, body): their words not found keep the text's
    positions.
    """

    source: str = field(repr=False)
    text: str = field(repr=False)
    text_starts: array[int] = field(repr=False)
    text_ends: array[int] = field(repr=False)
    keys: array[int] = field(repr=False)
    after: array[int] = field(repr=False)
    block_ends: array[int] = field(repr=False)
    key_starts: array[int] = field(repr=False)
    file_starts: array[int] = field(repr=False)
    file_ends: array[int] = field(repr=False)
    kinds: array[int] = field(repr=False)
    unlocated: tuple[tuple[str, Span], ...] = ()
    _counted: dict[tuple[str, int], _Words] = field(default_factory=dict, repr=False)

    def file_span(self, offset: int) -> tuple[int, int] | None:
        """Where the text's character at `offset` is in the file (start, end), or None when
        it was not located. Blank space after a located word is the empty span just after
        that word."""
        stretch = bisect_right(self.text_starts, offset) - 1
        if stretch < 0 or offset >= self.after[stretch]:
            return None
        key = self._key(stretch, min(offset, self.text_ends[stretch]))
        if key is None:
            return None
        if key < 0:  # blank: just after the kept character before it
            end = self._character(-key - 1)[1]
            return end, end
        return self._character(key)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the text's span is in the file: from its first character to just past its
        last, cut at the end of the block it starts in (a quote that runs on from the
        standfirst into the body is placed in the standfirst, not across the page's head).
        None when its first or last character so cut was not located."""
        first = self.file_span(start)
        if first is None or end <= start:
            return None if first is None else (first[0], first[0])
        stretch = bisect_right(self.text_starts, start) - 1
        last = self.file_span(min(end, self.block_ends[stretch]) - 1)
        if last is None or last[1] < first[0]:
            return None
        return first[0], last[1]

    def _key(self, stretch: int, offset: int) -> int | None:
        """The key index of the text's character at `offset`; -(index + 1) of the kept
        character before it when it is blank; None before the stretch's first."""
        start = self.text_starts[stretch]
        starts, ends, before = self._words("text", stretch, self.text, start)
        word = bisect_right(starts, offset) - 1
        if word < 0:
            return None
        if offset >= ends[word]:
            return -(self.keys[stretch] + before[word] + ends[word] - starts[word])
        return self.keys[stretch] + before[word] + offset - starts[word]

    def _character(self, key: int) -> tuple[int, int]:
        segment = bisect_right(self.key_starts, key) - 1
        start, kind = self.file_starts[segment], self.kinds[segment]
        if kind == ENTITY:
            return start, self.file_ends[segment]
        nth = key - self.key_starts[segment]
        if kind == SPARSE:
            starts, _, before = self._words("file", segment, self.source, start)
            word = bisect_right(before, nth) - 1
            start, nth = starts[word], nth - before[word]
        return start + nth, start + nth + 1

    def _words(self, side: str, entry: int, within: str, start: int) -> _Words:
        """The words of a text stretch or a page segment, counted once."""
        found = self._counted.get((side, entry))
        if found is None:
            end = self.text_ends[entry] if side == "text" else self.file_ends[entry]
            matches = list(KEPT.finditer(within, start, end))
            lengths = [m.end() - m.start() for m in matches]
            found = (
                [m.start() for m in matches],
                [m.end() for m in matches],
                list(accumulate(lengths, initial=0)),
            )
            self._counted[(side, entry)] = found
        return found

    def line_col(self, file_offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a file offset, numbered as
        `Document.line_col` numbers a text file's: CRLF, CR and LF each end a line."""
        starts = self._line_starts
        line = bisect_right(starts, file_offset) - 1
        return line + 1, file_offset - starts[line] + 1

    @cached_property
    def _line_starts(self) -> tuple[int, ...]:
        from scorer.load.document import line_starts

        return line_starts(self.source)
