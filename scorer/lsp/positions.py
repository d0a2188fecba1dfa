"""Offsets into a text and LSP positions (line, character) in the negotiated encoding.

scorer's offsets count code points; LSP's characters count UTF-16 code units unless the
client and server agree on UTF-8 or UTF-32. An emoji is one code point, two UTF-16 units
and four UTF-8 bytes, so a finding after one on its line moves by one or three columns.
Lines end at `\\r\\n`, `\\r` or `\\n` and nowhere else (LSP's rule, and scorer's
`line_starts`); `str.splitlines` also breaks at U+2028 and form feeds, which would put
every later finding on the wrong line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from scorer.load.document import line_starts

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def choose_encoding(offered: Sequence[str] | None) -> str:
    """UTF-16, LSP's default, unless the client offers UTF-8 or UTF-32: then the first of
    those it lists, its own preference."""
    for encoding in offered or ():
        if encoding in (UTF8, UTF32):
            return encoding
    return UTF16


def units(text: str, encoding: str) -> int:
    """How many code units of `encoding` `text` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        # surrogatepass: a lone surrogate (JSON allows "\ud83d") is still three bytes.
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _char_units(code: int, utf8: bool) -> int:
    """One code point's UTF-8 bytes or UTF-16 units (a surrogate: 3 bytes, 1 unit)."""
    if not utf8:
        return 2 if code > 0xFFFF else 1
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


class Lines:
    """One text's line starts, to turn offsets into positions and back."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = line_starts(text)

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def line_start(self, line: int) -> int:
        return self.starts[line]

    def line_end(self, line: int) -> int:
        """Where `line`'s line break starts (or the end of the text)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        after = self.starts[line + 1]
        return after - 2 if self.text.startswith("\r\n", after - 2) else after - 1

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, character) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        return line, units(self.text[self.starts[line] : offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of a position. Past the end of a line is its end, past the
        last line the end of the text (as LSP says); inside a character, its start."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        character = max(0, character)
        if self.encoding == UTF32:
            return min(start + character, end)
        counted, wide = 0, self.encoding == UTF8
        for index in range(start, end):
            counted += _char_units(ord(self.text[index]), wide)
            if counted > character:
                return index
        return end

    def eol(self) -> str:
        """The text's own line break (its first one), for text inserted into it."""
        if len(self.starts) < 2:
            return "\n"
        after = self.starts[1]
        return "\r\n" if self.text.startswith("\r\n", after - 2) else self.text[after - 1]
