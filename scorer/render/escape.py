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
