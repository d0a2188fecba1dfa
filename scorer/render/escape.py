"""Names and messages made safe to print as one line of a terminal or a log."""

from __future__ import annotations

import re

# C0 and C1 controls (newline and escape among them), the bidirectional marks and
# overrides that reorder what a terminal shows, and lone surrogates: the bytes of a
# file name that are not UTF-8, as os.fsdecode leaves them.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(text: str) -> str:
    """`text` with each unsafe character written as an escape.

    A file named "a\\x1b[2J.txt" cannot clear the editor's terminal, one with a newline in
    it cannot forge a line of `check`'s output, and b"\\xff.txt" prints as `\\xff.txt`
    instead of failing to encode.
    """
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # one undecodable byte, as surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code, f"\\x{code:02x}")
    return f"\\u{code:04x}"


# Control characters a document may carry (a few pass the loader) would drive the terminal
# if printed: each becomes U+FFFD, one character for one, so offsets still hold.
_CONTROLS = {
    code: "\ufffd" for code in (*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0))
}
_BREAKS = {"\r\n": " \n", "\r": "\n", "\x0b": " ", "\x0c": " "}
_BREAK = re.compile(r"\r\n?|[\x0b\x0c]")


def clean(value: str) -> str:
    """A value from the document on one line, its control characters made harmless."""
    return " ".join(value.translate(_CONTROLS).split())


def displayable(text: str) -> str:
    """`text` as Rich can print it with the same offsets: one character for each.

    Rich's Text drops carriage returns, vertical tabs and form feeds, which would shift
    every span after them: a CRLF becomes a space and a newline, a lone CR a newline.
    """
    return _BREAK.sub(lambda m: _BREAKS[m.group()], text).translate(_CONTROLS)
