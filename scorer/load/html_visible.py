"""The visible text of an HTML page, each character with the file offset it came from.

What scorer.load.html_locate compares the extracted blocks with. One pass over the page:
tags and comments are skipped, and so are the contents of script, style, noscript,
template and the like (a script that repeats a paragraph is not the paragraph); each
entity is decoded on its own (`&amp;`, `&#8217;`, `&nbsp;`) and all its characters come
from the whole entity. The quoted (or bare) attribute values of <meta> tags are kept
apart: a standfirst may be only in the description.

Text is kept as a "key": white space, controls, soft hyphens and zero-width characters
dropped (an inline tag may split a word or sit between two, a `<br>` or a wrapped line is
a line break on one side and a space or nothing on the other; trafilatura drops soft
hyphens and zero-width spaces), curly quotes and dashes made straight, one character for
one, so that a match maps back character by character.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from html import unescape

_DROP = r"\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff"
KEPT = re.compile(f"[^{_DROP}]+")
_DROPPED = re.compile(f"[{_DROP}]+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_TAG_STOP = re.compile(r"[>=]")
_SPACES = re.compile(r"[ \t\n\r\f]*")
_UNQUOTED = re.compile(r"[^\s>]*")
# Elements whose contents are not the page's text: skipped up to their closing tag.
_RAW = ("script", "style", "noscript", "template", "textarea", "iframe", "xmp", "noembed")
_CLOSING = {name: re.compile(f"</{name}[\\s/>]", re.IGNORECASE) for name in _RAW}
# Quotes and dashes, one character for one: a metadata copy and the page may differ.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
SEPARATOR = "\x00"  # between attribute values: never in a key, so no match crosses it
# What a segment of the stream is: text with nothing dropped (a file character for each
# kept one), text with white space dropped, or one entity (all from the whole entity).
DENSE, SPARSE, ENTITY = 1, 0, 2


def key_of(text: str, start: int, end: int) -> str:
    """The key of `text[start:end]`."""
    return _DROPPED.sub("", text[start:end]).translate(_FOLD)


def words(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The words of `text[start:end]` as keys: (offset, key) for each."""
    return [(m.start(), m.group().translate(_FOLD)) for m in KEPT.finditer(text, start, end)]


class Stream:
    """Kept characters of a page with the file offsets they came from, as segments: text
    between two tags or entities, or one decoded entity."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.key_starts = array("q")
        self.file_starts = array("q")
        self.file_ends = array("q")
        self.kinds = array("b")

    @property
    def key(self) -> str:
        return "".join(self.pieces).translate(_FOLD)

    def segment(self, key: str, start: int, end: int, kind: int) -> None:
        self.key_starts.append(self.length)
        self.file_starts.append(start)
        self.file_ends.append(end)
        self.kinds.append(kind)
        self.pieces.append(key)
        self.length += len(key)

    def separate(self) -> None:
        self.pieces.append(SEPARATOR)
        self.length += 1

    def text(self, page: str, start: int, end: int) -> None:
        """The kept characters of `page[start:end]`, text between two tags."""
        at = start
        while at < end:
            amp = page.find("&", at, end)
            stop = end if amp < 0 else amp
            if stop > at:
                key = _DROPPED.sub("", page[at:stop])
                if key:
                    self.segment(key, at, stop, DENSE if len(key) == stop - at else SPARSE)
            if amp < 0:
                return
            entity = _ENTITY.match(page, amp, end)
            if entity is None:  # a bare ampersand
                self.segment("&", amp, amp + 1, DENSE)
                at = amp + 1
                continue
            decoded = _DROPPED.sub("", unescape(entity.group()))
            if decoded:  # &nbsp; is white space: nothing to keep
                self.segment(decoded, amp, entity.end(), ENTITY)
            at = entity.end()


@dataclass(frozen=True)
class Scanned:
    """A page's visible text, its <meta> attribute values, and where in the visible text
    <body> starts (0 when the page has no <body> tag)."""

    visible: Stream
    attributes: Stream
    body: int


def scan(page: str) -> Scanned:
    """The page's visible text and <meta> attribute values, in one pass."""
    visible, attributes = Stream(), Stream()
    body = 0
    unclosed: set[str] = set()  # quote marks with no closing one left in the page
    at, size = 0, len(page)
    while at < size:
        lt = page.find("<", at)
        if lt < 0:
            lt = size
        if lt > at:
            visible.text(page, at, lt)
        if lt >= size:
            break
        name = _TAG_NAME.match(page, lt + 1)
        if name is not None:
            lower = name.group().lower()
            values: list[tuple[int, int]] = []
            at = _tag_end(page, name.end(), values, unclosed)
            if lower == "body":
                body = visible.length
            elif lower == "meta":
                for start, end in values:
                    attributes.text(page, start, end)
                    attributes.separate()
            elif lower in _CLOSING:
                closing = _CLOSING[lower].search(page, at)
                at = size if closing is None else closing.start()
        elif page.startswith("<!--", lt):
            end = page.find("-->", lt + 4)
            at = size if end < 0 else end + 3
        elif page.startswith(("</", "<!", "<?"), lt):
            end = page.find(">", lt + 2)
            at = size if end < 0 else end + 1
        else:  # a "<" that opens no tag is text
            visible.segment("<", lt, lt + 1, DENSE)
            at = lt + 1
    return Scanned(visible, attributes, body)


def _tag_end(page: str, at: int, values: list[tuple[int, int]], unclosed: set[str]) -> int:
    """Just past the `>` that ends a start tag whose attributes begin at `at`; the spans of
    its attribute values go to `values`. A value is quoted, or runs to white space or `>`."""
    size = len(page)
    while True:
        stop = _TAG_STOP.search(page, at)
        if stop is None:
            return size
        if stop.group() == ">":
            return stop.end()
        value = _SPACES.match(page, stop.end()).end()
        mark = page[value : value + 1]
        if mark in ("'", '"') and mark not in unclosed:
            close = page.find(mark, value + 1)
            if close >= 0:
                values.append((value + 1, close))
                at = close + 1
                continue
            unclosed.add(mark)  # none later either: never look again
        at = _UNQUOTED.match(page, value).end()
        if at > value:
            values.append((value, at))
