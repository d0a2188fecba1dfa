"""Finding the extracted blocks of an HTML page in the page itself: a SourceMap.

trafilatura hands back text with no offsets, so each block (headline, standfirst, heading,
body paragraph) is looked for in the page's visible text (scorer.load.html_visible), both
compared as keys: white space dropped, quotes and dashes made straight.

Body blocks are looked for in order, each from where the one before it ended (from after
the headline, when that was found in the body), then anywhere before that, for a block out
of order. A body block that is not there whole (trafilatura dropped a hidden span inside
it, or split a paragraph at a <code>) is aligned piece by piece: a run of `_PIECE` words
found near the cursor anchors it, then each next piece or word is looked for a little
further on; a word not found keeps the extracted text's position. The headline and a
standfirst from the page's metadata are looked for whole (see `_in_metadata`): a headline in
the body first, then anywhere (a headline only in <title>), then in the <meta> attribute
values; a standfirst between the headline and the first body block, then in those values (a
standfirst only in the description).

Linear: one scan of the page, then searches from a cursor that only moves forward. Failed
searches scan to the end, so all searches together may scan at most `_BUDGET` times the
page's visible text; past that, a block is looked for whole and only near the cursor.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from scorer.load.document import Span
from scorer.load.html_visible import SEPARATOR, Scanned, key_of, scan, words
from scorer.load.positions import SourceMap
from scorer.load.types import Block

_BUDGET = 8  # all searches together scan at most this many times the visible text
_NEAR = 4096  # how far past the cursor a block, or the anchor of its pieces, may start
_PIECE = 4  # words looked for together when a block is aligned piece by piece
_ANCHOR = 12  # characters an anchoring piece needs at least: "of the" anchors nothing
_GAP = 256  # visible characters the page may hold between two pieces (hidden text, an ad)

# Stretches of a block found in the page: (text start, text end, key index, after, block
# end), where `after` is where the block's next word starts (or the block ends).
Located = list[tuple[int, int, int, int, int]]


class _Finder:
    """`str.find` over the key of the whole page, within a budget of characters scanned."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.left = _BUDGET * len(key) + _NEAR

    def find(self, needle: str, start: int, stop: int) -> int:
        if self.left <= 0:
            stop = min(stop, start + 4 * len(needle) + _NEAR)
        found = self.key.find(needle, start, stop) if start < stop else -1
        self.left -= (found + len(needle) if found >= 0 else stop) - start
        return found


def locate(
    page: str, text: str, blocks: Sequence[Block], from_metadata: Sequence[bool]
) -> SourceMap:
    """Each block of `text` (built from `page`) found in `page`, as a SourceMap.

    `from_metadata[n]` says whether block n came from the page's metadata (a <title> or
    description headline or standfirst) rather than from the extracted article. The
    headline is looked for first, then the body blocks, then a standfirst from the
    metadata: between the headline and the first body block, where a page shows it.
    """
    scanned = scan(page)
    finder = _Finder(scanned.visible.key + SEPARATOR + scanned.attributes.key)
    in_text = scanned.visible.length
    found: list[Located] = [[] for _ in blocks]
    complete = [False] * len(blocks)
    needles = [key_of(text, block.start, block.end) for block in blocks]
    cursor, first = scanned.body, -1  # first: where the first body block was found in order
    after_headline = cursor
    for n, (block, metadata, needle) in enumerate(zip(blocks, from_metadata, needles, strict=True)):
        if not needle or (metadata and block.kind != "headline"):
            continue
        if metadata:
            at = _in_metadata(finder, needle, (cursor, in_text), in_text, headline=True)
            if scanned.body <= at and at + len(needle) <= in_text:
                cursor = at + len(needle)  # the article follows its headline
            after_headline = cursor
        else:
            at = finder.find(needle, cursor, in_text)
            if at >= 0:
                first = at if first < 0 else first
                cursor = at + len(needle)
            else:  # out of order: anywhere before the cursor
                at = finder.find(needle, 0, min(in_text, cursor + len(needle) - 1))
        if at >= 0:
            found[n], complete[n] = [(block.start, block.end, at, block.end, block.end)], True
        elif not metadata:
            found[n], complete[n], reached = _pieces(finder, text, block, cursor, in_text)
            cursor = max(cursor, reached)
    start = after_headline
    for n, (block, metadata, needle) in enumerate(zip(blocks, from_metadata, needles, strict=True)):
        if needle and metadata and block.kind != "headline":
            stop = first if first >= start else min(in_text, start + len(needle) + _NEAR)
            at = _in_metadata(finder, needle, (start, stop), in_text, headline=False)
            if at >= 0:
                found[n], complete[n] = [(block.start, block.end, at, block.end, block.end)], True
    unlocated = tuple(
        (block.kind, Span(block.start, block.end))
        for block, whole in zip(blocks, complete, strict=True)
        if not whole
    )
    return _source_map(page, text, scanned, found, unlocated)


def _in_metadata(
    finder: _Finder, needle: str, near: tuple[int, int], in_text: int, *, headline: bool
) -> int:
    """A headline or standfirst from the metadata, in the first place it is found of:

    a headline in the body (its first copy there, the <h1> as a rule: `near` runs from the
    body to the end), else anywhere in the visible text (a <title>), else in a <meta>
    attribute value; a standfirst `near` the headline (up to the first body block), else in
    the attribute value it came from (a description), else anywhere (a description may
    repeat a paragraph further down: no place for the standfirst).
    """
    anywhere, attributes = (0, in_text), (in_text + 1, len(finder.key))
    order = (near, anywhere, attributes) if headline else (near, attributes, anywhere)
    for start, stop in order:
        at = finder.find(needle, start, stop)
        if at >= 0:
            return at
    return -1


def _pieces(
    finder: _Finder, text: str, block: Block, cursor: int, in_text: int
) -> tuple[Located, bool, int]:
    """A block's words aligned piece by piece from the cursor (see the module docstring),
    whether every word was found, and where in the key the last one found ends.

    Until a piece of `_PIECE` words and `_ANCHOR` characters is found within `_NEAR` of
    the cursor, nothing is: a lone word matches anywhere. Once anchored, the next piece,
    else the next word, is looked for within `_GAP` of the last one found; `_PIECE` words
    missed in a row drop the anchor.
    """
    runs = words(text, block.start, block.end)
    starts = [start for start, _ in runs[1:]] + [block.end]
    located: Located = []
    at, index, missed, count = cursor, 0, _PIECE, 0
    while index < len(runs) and finder.left > 0:
        anchored = missed < _PIECE
        reach = _GAP if anchored else _NEAR
        size = _PIECE
        needle = "".join(key for _, key in runs[index : index + size])
        found = -1
        if anchored or (index + size <= len(runs) and len(needle) >= _ANCHOR):
            found = finder.find(needle, at, min(in_text, at + len(needle) + reach))
        if found < 0 and anchored:
            size, needle = 1, runs[index][1]
            found = finder.find(needle, at, min(in_text, at + len(needle) + reach))
        if found < 0:
            missed += 1
            index += 1
            continue
        last = min(index + size, len(runs)) - 1
        end = runs[last][0] + len(runs[last][1])
        located.append((runs[index][0], end, found, starts[last], block.end))
        count += last - index + 1
        at, missed, index = found + len(needle), 0, last + 1
    return located, count == len(runs), at


def _source_map(
    page: str,
    text: str,
    scanned: Scanned,
    found: Sequence[Located],
    unlocated: tuple[tuple[str, Span], ...],
) -> SourceMap:
    """The stretches found and the page's segments, as the SourceMap's arrays."""
    stretches = [stretch for located in found for stretch in located]
    visible, attributes = scanned.visible, scanned.attributes
    shift = visible.length + len(SEPARATOR)
    return SourceMap(
        source=page,
        text=text,
        text_starts=array("q", (s[0] for s in stretches)),
        text_ends=array("q", (s[1] for s in stretches)),
        keys=array("q", (s[2] for s in stretches)),
        after=array("q", (s[3] for s in stretches)),
        block_ends=array("q", (s[4] for s in stretches)),
        key_starts=visible.key_starts + array("q", (k + shift for k in attributes.key_starts)),
        file_starts=visible.file_starts + attributes.file_starts,
        file_ends=visible.file_ends + attributes.file_ends,
        kinds=visible.kinds + attributes.kinds,
        unlocated=unlocated,
    )
